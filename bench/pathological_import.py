"""Pathological but valid input stays fast: `factcheck import` as a process, on files no newsroom
writes but a user can hand the app (issue 8, point 5).

- 20,000 JSON Lines records (news-like bodies, a title and a URL each);
- a 2 MB file of 1,000,000 one-word lines (each is a block and a sentence of its own);
- a Markdown list of 100,000 items;
- a list nested 5,000 deep, written two ways (markers stacked on one line, and indented lines):
  refused with one line, since no article nests so deep; the time is the time to say so.

Floors measured in the same run: `factcheck --version` (what every command pays to start) and,
for the one-word lines, the `sqlite3` shell importing the same lines into a plain table, when the
shell is installed. Wall-clock medians and the child's peak RSS (GNU time's %M when present).

    python bench/pathological_import.py [--runs 3]
"""

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "factcheck"
TIME = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)

WORDS = (
    "the court said officials must publish records about the programme within thirty days after"
    " ministers agreed a budget of 4.2 billion euros for hospitals in the north while critics warned"
).split()


def make_files(folder: Path) -> dict[str, Path]:
    rng = random.Random(8)
    source = folder / "source.txt"
    source.write_text("The source\n\n" + " ".join(rng.choice(WORDS) for _ in range(300)) + ".\n")
    records = folder / "records.jsonl"
    with records.open("w", encoding="utf-8") as file:
        for i in range(20_000):
            body = ". ".join(
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() for _ in range(4)
            )
            record = {"title": f"Wire story {i}", "url": f"https://example.org/{i}", "body_md": body + "."}
            file.write(json.dumps(record) + "\n")
    lines = folder / "one_word_lines.txt"
    lines.write_text("\n".join("w" for _ in range(1_000_000)) + "\n")
    items = folder / "list.md"
    items.write_text(
        "# A long list\n\n" + "\n".join(f"- Item {i} of the list." for i in range(100_000)) + "\n"
    )
    stacked = folder / "nested_stacked.md"
    stacked.write_text("# Nested\n\n" + "- " * 5000 + "the deepest item\n")
    indented = folder / "nested_indented.md"
    indented.write_text("# Nested\n\n" + "\n".join("  " * d + f"- level {d}" for d in range(5000)) + "\n")
    return {
        "source": source,
        "20,000 JSON Lines records": records,
        "1,000,000 one-word lines (2 MB)": lines,
        "Markdown list of 100,000 items": items,
        "5,000-deep list, markers on one line": stacked,
        "5,000-deep list, indented lines (25 MB)": indented,
    }


def timed(command: list[str], folder: Path) -> tuple[float, int | None, subprocess.CompletedProcess]:
    """Wall seconds, peak RSS in MB (None without GNU time), and the result."""
    report = folder / "time.txt"
    wrapped = [TIME, "-o", str(report), "-f", "%M", *command] if TIME else command
    started = time.perf_counter()
    result = subprocess.run(wrapped, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = int(report.read_text().split()[-1]) // 1024 if TIME and report.exists() else None
    return seconds, peak, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"$ python bench/pathological_import.py --runs {args.runs}")
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as name:
        folder = Path(name)
        files = make_files(folder)
        source = files.pop("source")
        rows = []
        start = [timed([str(SCRIPT), "--version"], folder)[0] for _ in range(args.runs)]
        rows.append(("floor: factcheck --version", statistics.median(start), None, "starts"))
        if shutil.which("sqlite3"):
            shell = []
            for run in range(args.runs):
                db = folder / f"shell{run}.db"
                lines = files["1,000,000 one-word lines (2 MB)"]
                script = f".mode line\nCREATE TABLE lines (text);\n.import {lines} lines\n"
                started = time.perf_counter()
                subprocess.run(["sqlite3", str(db)], input=script, text=True, capture_output=True, check=True)
                shell.append(time.perf_counter() - started)
            floor = (
                "floor: sqlite3 shell .import of the 1,000,000 lines",
                statistics.median(shell),
                None,
                "",
            )
            rows.append(floor)
        for label, path in files.items():
            seconds, peaks, outcome = [], [], ""
            for run in range(args.runs):
                db = folder / f"{path.stem}{run}.db"
                command = [str(SCRIPT), "import", "--db", str(db), "--source", str(source), str(path)]
                took, peak, result = timed(command, folder)
                seconds.append(took)
                peaks.append(peak)
                if result.returncode == 0:
                    imported = result.stdout.strip().splitlines()[1:]  # the source comes first
                    details = imported[-1].split("(", 1)[-1].rstrip(")").removeprefix("new; ")
                    outcome = f"{len(imported):,} articles" if len(imported) > 1 else details
                else:
                    outcome = "refused: " + result.stderr.strip().split(": ", 2)[-1]
            known = [p for p in peaks if p is not None]
            rows.append((label, statistics.median(seconds), max(known) if known else None, outcome))
    width = max(len(row[0]) for row in rows)
    print(f"{'input':<{width}}  {'median s':>9}  {'peak MB':>7}  outcome")
    for label, seconds, peak, outcome in rows:
        shown = f"{peak:>7}" if peak is not None else f"{'':>7}"
        print(f"{label:<{width}}  {seconds:>9.2f}  {shown}  {outcome}")


if __name__ == "__main__":
    main()
