"""The export benchmark: factcheck's CSV export against the `sqlite3` shell exporting the same rows.

Two floors, as the issue sets them: the shell running the same join in one SELECT (`JOINED`: the
same rows in the same order, except that it writes the evidence spans as stored where factcheck
writes the passages' text, cut from each source's text), and the shell writing the very rows and
columns of the export from a flat table (filled once from the product's own rows). Two more runs
say where the time goes: reading the rows in export order, and making the CSV records from them.
"""

import csv
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from factcheck.core.export import COLUMNS
from factcheck.store.export import export_verdicts
from factcheck.store.project import Project
from factcheck.store.verdict_rows import PROBLEM_TEXT, SOURCE_URL, SPANS, TYPES, WORTH_EXPORTING, csv_records

JOINED = f"""
    SELECT v.sentence_id, a.id, a.title, s.idx, s.text, v.label, v.reviewer, v.decided_at, v.note,
           v.evidence, src.id, src.title, {SOURCE_URL}, {SPANS.format("v.evidence")},
           (SELECT label FROM adjudications j WHERE j.sentence_id = v.sentence_id),
           {PROBLEM_TEXT}, {SPANS.format("v.problems")}, {TYPES.format("v.error_types")}, v.correction
    FROM verdicts v
    JOIN sentences s ON s.id = v.sentence_id
    JOIN articles a ON a.id = s.article_id
    JOIN articles src ON src.id = a.source_id
    WHERE {WORTH_EXPORTING}
    ORDER BY src.title, src.id, a.title, a.id, s.idx, v.reviewer
"""
"""The export's rows in one SELECT with the same joins and order (what the export ran before it
read the sentences once and each one's verdicts by the primary key)."""


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
    """`sqlite3 -header -csv PATH "<the same join>" > FILE`."""
    return _shell(path, JOINED, out, runs, budget_s)


def flat_table(path: Path, flat: Path) -> Path:
    """A database of one table holding the export's rows and columns, as the export writes them."""
    from factcheck.store.verdict_rows import verdict_rows

    project = Project.open(path)
    target = sqlite3.connect(flat)
    try:
        target.execute(f"CREATE TABLE flat ({', '.join(COLUMNS)})")
        target.executemany(
            f"INSERT INTO flat VALUES ({', '.join('?' * len(COLUMNS))})", verdict_rows(project.conn)
        )
        target.commit()
    finally:
        target.close()
        project.close()
    return flat


def shell_flat(flat: Path, out: Path, runs: int, budget_s: float) -> Exported:
    """`sqlite3 -header -csv FLAT "SELECT * FROM flat" > FILE`."""
    return _shell(flat, "SELECT * FROM flat", out, runs, budget_s)


def _shell(path: Path, query: str, out: Path, runs: int, budget_s: float) -> Exported:
    def run() -> None:
        with out.open("wb") as file:
            subprocess.run(["sqlite3", "-header", "-csv", str(path), query], stdout=file, check=True)

    seconds = repeat(run, runs, budget_s)
    return Exported(seconds, csv_rows(out))


def read_only(path: Path, runs: int, budget_s: float) -> list[float]:
    """Reading every row in export order, formatting nothing."""
    from factcheck.store.verdict_rows import verdict_rows

    project = Project.open(path)
    try:
        return repeat(lambda: sum(1 for _ in verdict_rows(project.conn)), runs, budget_s)
    finally:
        project.close()


def records_only(path: Path, runs: int, budget_s: float) -> list[float]:
    """Making every CSV record, writing nothing."""
    project = Project.open(path)
    try:
        return repeat(lambda: sum(len(batch) for batch in csv_records(project.conn)), runs, budget_s)
    finally:
        project.close()


def csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as file:
        return sum(1 for _ in csv.reader(file)) - 1
