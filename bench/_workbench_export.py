"""The export benchmark: factcheck's CSV export against the `sqlite3` shell exporting the same rows.

The shell runs the product's own SELECT (`factcheck.store.export._ROWS + _ORDER`), so the two
produce the same rows in the same order, except that the shell writes the evidence spans as
stored where factcheck writes the passages' text (cut in Python from each source's text) and the
header row (the shell names columns by their expressions). Two more runs say where the time goes:
Python fetching the rows, and Python writing them with the product's `write_csv` as they come.
"""

import csv
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from factcheck.core.export import write_csv
from factcheck.store.export import _BATCH, _ORDER, _ROWS, export_verdicts
from factcheck.store.project import Project


@dataclass(frozen=True, slots=True)
class Exported:
    seconds: list[float]
    rows: int
    """Data rows in the file written (the header not counted)."""


def repeat(work: Callable[[], object], runs: int, budget_s: float) -> list[float]:
    """Time `work` up to `runs` times, but start another run only while the runs so far took
    less than `budget_s` in all (a slow export is then timed once, not `runs` times)."""
    seconds: list[float] = []
    while len(seconds) < runs and sum(seconds) < budget_s:
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return seconds


def in_process(path: Path, out: Path, runs: int, budget_s: float) -> Exported:
    """`export_verdicts(project, out)`, as the window's Export command calls it."""
    project = Project.open(path)
    try:
        seconds = repeat(lambda: export_verdicts(project, out), runs, budget_s)
    finally:
        project.close()
    return Exported(seconds, csv_rows(out))


def command_line(path: Path, out: Path, runs: int, budget_s: float) -> Exported:
    """`factcheck export --db PATH -o FILE`, the console script in a fresh process."""
    script = Path(sys.executable).with_name("factcheck")
    command = [str(script), "export", "--db", str(path), "-o", str(out)]
    seconds = repeat(lambda: subprocess.run(command, check=True, capture_output=True), runs, budget_s)
    return Exported(seconds, csv_rows(out))


def shell(path: Path, out: Path, runs: int, budget_s: float) -> Exported:
    """`sqlite3 -header -csv PATH "<the product's SELECT>" > FILE`."""
    query = _ROWS + _ORDER

    def run() -> None:
        with out.open("wb") as file:
            subprocess.run(["sqlite3", "-header", "-csv", str(path), query], stdout=file, check=True)

    seconds = repeat(run, runs, budget_s)
    return Exported(seconds, csv_rows(out))


def fetch_only(path: Path, runs: int, budget_s: float) -> list[float]:
    """Python fetching every row of the product's SELECT, writing nothing."""
    project = Project.open(path)

    def run() -> None:
        cursor = project.conn.execute(_ROWS + _ORDER)
        while cursor.fetchmany(_BATCH):
            pass

    try:
        return repeat(run, runs, budget_s)
    finally:
        project.close()


def fetch_and_write(path: Path, runs: int, budget_s: float) -> list[float]:
    """The same rows, spans as stored, through the product's `write_csv` (neutralising cells),
    into /dev/null."""
    project = Project.open(path)

    def rows() -> Iterator[tuple]:
        cursor = project.conn.execute(_ROWS + _ORDER)
        while batch := cursor.fetchmany(_BATCH):
            yield from batch

    def run() -> None:
        with open(os.devnull, "w", encoding="utf-8", newline="") as sink:
            write_csv(rows(), sink)

    try:
        return repeat(run, runs, budget_s)
    finally:
        project.close()


def csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as file:
        return sum(1 for _ in csv.reader(file)) - 1
