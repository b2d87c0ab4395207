"""The workbook export of 1,000,000 verdicts: time and peak memory, beside the CSV export of the
same rows (the floor), and the two libraries it could be written with.

Cases, each a fresh interpreter (`bench/_workbook_child.py`) so that its peak memory is its own:
- csv:        `factcheck export` as CSV (the product's `export`), the floor;
- xlsx:       `factcheck export --format xlsx` (the product's `export`);
- claimreview: `factcheck export --format claimreview`, one ClaimReview per verdict;
- xlsxwriter: the same rows and cell formats written straight with XlsxWriter, `constant_memory`;
- openpyxl:   the same with openpyxl, `write_only`, with lxml (openpyxl uses it when installed);
- openpyxl-etree: the same without lxml (openpyxl's own writer; `OPENPYXL_LXML=False`).
The last two chose the library; the product's line shows what its summary sheet and checks add.

The project is the export benchmark's (`_workbench_data.verdict_project`): a 20,000-sentence
rewrite of a 1 MB source and 50 reviewers who decided every sentence, a tenth of the verdicts with
evidence and a fifth with a note, built in a temporary folder.

    python bench/workbook.py [--verdicts 1000000] [--runs 3] [--cases csv,xlsx,...]
"""

import argparse
import importlib.util
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
try:
    import factcheck  # noqa: F401
except ModuleNotFoundError:  # run from a checkout that is not installed
    sys.path.insert(0, str(BENCH.parent))

import _workbench_data as data

CASES = ("csv", "xlsx", "claimreview", "xlsxwriter", "openpyxl", "openpyxl-etree")


def run_case(case: str, project: Path, out: Path) -> dict:
    library = "openpyxl" if case.startswith("openpyxl") else case
    child = [sys.executable, str(BENCH / "_workbook_child.py"), library, str(project), str(out)]
    env = {**os.environ, "OPENPYXL_LXML": str(case != "openpyxl-etree")}
    done = subprocess.run(child, capture_output=True, text=True, check=True, timeout=3600, env=env)
    result = json.loads(done.stdout)
    result["mb"] = out.stat().st_size / 1e6
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verdicts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="runs per case (medians); default 3")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated, of " + ", ".join(CASES))
    args = parser.parse_args()
    cases = args.cases.split(",")
    began, load = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="factcheck-workbook-") as folder:
        built = data.verdict_project(Path(folder) / "export.db", 20_000, 1_000_000, args.verdicts)
        print(f"  built in {built.seconds:.0f} s", flush=True)
        results: dict[str, list[dict]] = {case: [] for case in cases}
        for run in range(args.runs):  # alternated, so that the machine's moods fall on every case alike
            for case in cases:
                suffix = {"csv": "csv", "claimreview": "jsonld"}.get(case, "xlsx")
                out = Path(folder) / f"{case}.{suffix}"
                results[case].append(run_case(case, built.path, out))
                print(f"  run {run + 1} {case}: {results[case][-1]}", flush=True)
                out.unlink()
    floor = statistics.median(r["seconds"] for r in results.get("csv", [])) if "csv" in results else None
    print(f"\n{built.verdicts:,} verdicts ({built.reviewers} reviewers); medians of {args.runs} runs\n")
    header = ("case", "time", "× CSV", "peak RSS", "file")
    lines = []
    for case in cases:
        seconds = statistics.median(r["seconds"] for r in results[case])
        lines.append(
            (
                case,
                f"{seconds:.1f} s",
                "—" if floor is None else f"{seconds / floor:.2f}×",
                f"{statistics.median(r['peak_mb'] for r in results[case]):.0f} MB",
                f"{statistics.median(r['mb'] for r in results[case]):.0f} MB",
            )
        )
    widths = [max(len(row[i]) for row in (header, *lines)) for i in range(len(header))]
    for row in (header, tuple("-" * w for w in widths), *lines):
        print(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    if importlib.util.find_spec("lxml") is None:
        print("\nlxml is not installed: both openpyxl cases ran without it")
    print(
        f"\n{os.cpu_count()} cores, Python"
        f" {sys.version.split()[0]}; the whole run took {time.perf_counter() - began:.0f} s, load average"
        f" {load:.1f} before it"
    )
    print(f"command: python {shlex.join([f'bench/{Path(__file__).name}', *sys.argv[1:]])}")


if __name__ == "__main__":
    main()
