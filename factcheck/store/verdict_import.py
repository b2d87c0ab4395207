"""Reading exported verdicts back in: every row of a CSV or none, rows already present skipped.

The rows are read and checked first; then the import is planned from a snapshot of the project,
outside the write lock (`bulk_decisions`: each row decided in memory and chained), and only the
writes happen inside it. If another program committed meanwhile (`PRAGMA data_version` says so),
the plan is made again inside the lock, so that nothing written meanwhile is overwritten blindly.
A mark in the window then waits for the writes alone, not for a million rows to be checked.
"""

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from factcheck.core.error_types import ordered
from factcheck.core.errors import BadInput
from factcheck.core.events import error_types_json, evidence_json
from factcheck.core.export import VerdictRow, read_verdict_rows
from factcheck.core.problems import normalised
from factcheck.core.reading import os_problem, regular_file_size
from factcheck.core.review import Aspect, VerdictState, Via
from factcheck.store import bulk_decisions
from factcheck.store.bulk_decisions import Known, Plan
from factcheck.store.locks import refuse_project_file
from factcheck.store.project import Project, bulk_writing

_CHUNK = 500
_ROWS = 20_000
"""Rows of the file read and planned at a time."""


@dataclass(frozen=True, slots=True)
class VerdictImport:
    """What reading an exported CSV back did."""

    imported: int
    skipped: int
    """Rows already present in the project (same sentence, reviewer, verdict, note and time)."""


def import_verdicts(project: Project, path: Path, raw: bool = False) -> VerdictImport:
    """Read a verdict CSV into the project: every row or none (the first bad row is named)."""
    path = Path(path)
    refuse_project_file(path, "read verdicts from")
    regular_file_size(path)
    conn = project.conn
    with _snapshot(conn):
        plan, skipped = _plan(conn, project.origin, path, raw)
        seen = _data_version(conn)  # after the plan's reads: the snapshot it saw
    with bulk_writing(conn, journal_in_memory=False), project.write():  # the plan is in a temp table
        if _data_version(conn) != seen:  # another program wrote meanwhile: plan again, locked
            plan, skipped = _plan(conn, project.origin, path, raw)
        bulk_decisions.append(conn, plan)
    return VerdictImport(plan.planned, skipped)


def _plan(conn: sqlite3.Connection, origin: str, path: Path, raw: bool) -> tuple[Plan, int]:
    """The events the file's rows make (in the plan's temporary table), and how many rows were
    already present. The file is read a chunk of rows at a time."""
    plan = bulk_decisions.start_plan(conn, origin)
    skipped = 0
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = read_verdict_rows(file, str(path), raw=raw)
            while chunk := list(islice(rows, _ROWS)):
                skipped += _plan_chunk(plan, conn, chunk, path)
                bulk_decisions.forget(plan)
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text; save the file as UTF-8") from None
    except OSError as error:
        raise os_problem(path, error) from None
    return plan, skipped


def _plan_chunk(plan: Plan, conn: sqlite3.Connection, rows: list[VerdictRow], path: Path) -> int:
    skipped = 0
    try:
        pairs = [(row.sentence_id, bulk_decisions.reviewer_of(plan, row.reviewer)) for row in rows]
    except BadInput as error:
        bad = next(row for row in rows if not _is_name(plan, row.reviewer))
        raise BadInput(f"{path}: row {bad.row}: {error}") from None
    bulk_decisions.learn(plan, conn, pairs)
    recorded = _recorded_events(conn, rows, pairs)
    for row, pair in zip(rows, pairs, strict=True):
        known = plan.pairs[pair]
        if _present(row, known, recorded.get((*pair, row.decided_at), ())):
            skipped += 1
            continue
        try:
            bulk_decisions.decide(
                plan, conn, row.sentence_id, pair[1], _applying(row), Via.IMPORT, row.decided_at
            )
        except BadInput as error:
            raise BadInput(f"{path}: row {row.row}: {error}") from None
    return skipped


def _is_name(plan: Plan, reviewer: str) -> bool:
    try:
        bulk_decisions.reviewer_of(plan, reviewer)
    except BadInput:
        return False
    return True


def _applying(row: VerdictRow) -> Callable[[VerdictState], VerdictState]:
    """The row's verdict and note, and whatever else the file has columns for. An empty verdict
    cell (a note or evidence without a verdict) gives no verdict, as exported."""
    changes: dict[str, object] = {Aspect.LABEL.value: row.verdict, Aspect.NOTE.value: row.note}
    for aspect, value in (
        (Aspect.EVIDENCE, row.evidence),
        (Aspect.PROBLEMS, row.problems),
        (Aspect.ERROR_TYPES, row.error_types),
        (Aspect.CORRECTION, row.correction),
    ):
        if value is not None:
            changes[aspect.value] = value

    def change(state: VerdictState) -> VerdictState:
        return replace(state, **changes)  # one new state, not one per aspect

    return change


Recorded = tuple[str | None, str, str, str, str]
"""(label, note, problems, error types, correction) of an event, as stored."""


def _recorded(state: VerdictState) -> Recorded:
    label = state.label.value if state.label else None
    return (
        label,
        state.note,
        evidence_json(state.problems),
        error_types_json(state.error_types),
        state.correction,
    )


def _recorded_events(
    conn: sqlite3.Connection, rows: list[VerdictRow], pairs: list[tuple[str, str]]
) -> dict[tuple, list[Recorded]]:
    """The events already in the project at the times the rows give, by (sentence, reviewer, time)."""
    wanted = {(*pair, row.decided_at) for row, pair in zip(rows, pairs, strict=True) if row.decided_at}
    found: dict[tuple, list[Recorded]] = {}
    sentences = list({sentence for sentence, _, _ in wanted})
    for start in range(0, len(sentences), _CHUNK):
        chunk = sentences[start : start + _CHUNK]
        for sentence, reviewer, decided_at, *recorded in conn.execute(
            "SELECT sentence_id, reviewer, decided_at, label, note, problems, error_types, correction"
            f" FROM events WHERE sentence_id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            if (sentence, reviewer, decided_at) in wanted:
                found.setdefault((sentence, reviewer, decided_at), []).append(tuple(recorded))
    return found


def _present(row: VerdictRow, known: Known, events: list[Recorded]) -> bool:
    """Whether the row is already in the project: with a time, as an event at that time (recorded,
    or the pair's latest planned in this import); without one, as the reviewer's current verdict.
    What the row says is wrong, when the file has those columns, must be there too."""
    label = None if row.verdict is None else row.verdict.value
    problems = None if row.problems is None else evidence_json(normalised(row.problems))
    types = None if row.error_types is None else error_types_json(ordered(row.error_types))
    wanted = (label, row.note, problems, types, row.correction)

    def same(recorded: Recorded) -> bool:
        # The label and the note always count; the last three only when the file has them.
        return all(
            want == got or (position > 1 and want is None)
            for position, (want, got) in enumerate(zip(wanted, recorded, strict=True))
        )

    if row.decided_at is not None:
        planned = known.decided_at == row.decided_at and same(_recorded(known.state))
        return planned or any(same(recorded) for recorded in events)
    return known.stored and same(_recorded(known.state))


def _data_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA data_version").fetchone()[0]


@contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction, so that the plan sees one state of the project."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("COMMIT")
