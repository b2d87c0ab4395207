"""Reading a million verdicts back: `factcheck import-verdicts` of an exported CSV into a project
that has the same articles and no verdicts, then the same file again (every row already present),
against the `sqlite3` shell importing the same CSV into a plain table (`.import`), measured in
the same run. Wall-clock medians and the child's peak RSS (GNU time's %M).

The project is the export benchmark's (bench/_workbench_data.verdict_project: a 1 MB source, a
20,000-sentence rewrite, 52 reviewers deciding every sentence); the CSV is its `factcheck export`.

    python bench/import_verdicts.py [--runs 3] [--verdicts 1000000]

Targets (issue 13): ≤ 30 s, and ≤ 3× the shell; under 500 MB.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import _workbench_data as data

SCRIPT = Path(sys.executable).parent / "factcheck"
TIME = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)


def timed(command: list[str], folder: Path, stdin: str | None = None) -> tuple[float, int | None, str]:
    report = folder / "time.txt"
    wrapped = [TIME, "-o", str(report), "-f", "%M", *command] if TIME else command
    started = time.perf_counter()
    result = subprocess.run(wrapped, input=stdin, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    peak = int(report.read_text().split()[-1]) // 1024 if TIME and report.exists() else None
    return seconds, peak, result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--verdicts", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"$ python bench/import_verdicts.py --runs {args.runs} --verdicts {args.verdicts}")
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-import-") as name:
        folder = Path(name)
        built = data.verdict_project(folder / "reviewed.db", 20_000, 1_000_000, args.verdicts)
        csv = folder / "verdicts.csv"
        subprocess.run([str(SCRIPT), "export", "--db", str(built.path), "-o", str(csv)], check=True)
        texts = sorted((folder / "texts").iterdir())
        source = next(p for p in texts if "source" in p.name)
        rewrite = next(p for p in texts if "rewrite" in p.name)
        empty = folder / "empty.db"
        subprocess.run(
            [str(SCRIPT), "import", "--db", str(empty), "--source", str(source), str(rewrite)], check=True
        )
        rows = []
        if shutil.which("sqlite3"):
            shell = []
            for run in range(args.runs):
                db = folder / f"plain{run}.db"
                took, _, _ = timed(["sqlite3", str(db)], folder, f".mode csv\n.import {csv} verdicts\n")
                shell.append(took)
            rows.append(
                ("floor: sqlite3 shell .import into a plain table", statistics.median(shell), None, "")
            )
        fresh, again, peaks = [], [], []
        for run in range(args.runs):
            target = folder / f"target{run}.db"
            shutil.copyfile(empty, target)
            took, peak, said = timed([str(SCRIPT), "import-verdicts", "--db", str(target), str(csv)], folder)
            fresh.append(took)
            peaks.append(peak)
            took, peak_again, said_again = timed(
                [str(SCRIPT), "import-verdicts", "--db", str(target), str(csv)], folder
            )
            again.append(took)
            peaks.append(peak_again)
        known = [p for p in peaks[::2] if p is not None]
        rows.append(
            (
                f"factcheck import-verdicts, {built.verdicts:,} rows",
                statistics.median(fresh),
                max(known) if known else None,
                said,
            )
        )
        known = [p for p in peaks[1::2] if p is not None]
        rows.append(
            (
                "the same file again (all present)",
                statistics.median(again),
                max(known) if known else None,
                said_again,
            )
        )
    floor = rows[0][1] if rows[0][0].startswith("floor") else None
    width = max(len(row[0]) for row in rows)
    print(f"{'measurement':<{width}}  {'median s':>9}  {'× floor':>8}  {'peak MB':>7}  said")
    for label, seconds, peak, said in rows:
        ratio = f"{seconds / floor:>7.1f}×" if floor and not label.startswith("floor") else f"{'':>8}"
        shown = f"{peak:>7}" if peak is not None else f"{'':>7}"
        print(f"{label:<{width}}  {seconds:>9.2f}  {ratio}  {shown}  {said}")


if __name__ == "__main__":
    main()
