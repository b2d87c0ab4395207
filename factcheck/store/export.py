"""Exporting current verdicts to a file, and reading exported verdicts back in."""

import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from factcheck.core.errors import BadInput, FactcheckError
from factcheck.core.export import (
    EVIDENCE_GAP,
    ExportFormat,
    VerdictRow,
    read_verdict_rows,
    write_csv,
    write_jsonl,
)
from factcheck.core.review import VerdictState, Via
from factcheck.store.decisions import decide_within
from factcheck.store.project import Project

Progress = Callable[[int, int], bool]
"""Called with (rows done, rows in all) now and then; returning False cancels the export."""

_BATCH = 5000

# One row per current (sentence, reviewer) verdict that has a label. The evidence text is cut
# from the source's text in SQL (substr counts characters, as our offsets do).
_ROWS = f"""
    SELECT v.sentence_id, a.id, a.title, s.idx, s.text, v.label, v.reviewer, v.decided_at, v.note,
           CASE WHEN v.evidence = '[]' THEN '' ELSE (
               SELECT group_concat(substr(src.text, json_extract(e.value, '$[0]') + 1,
                   json_extract(e.value, '$[1]') - json_extract(e.value, '$[0]')), '{EVIDENCE_GAP}')
               FROM json_each(v.evidence) e) END,
           src.id, src.title,
           coalesce(nullif(json_extract(src.metadata, '$.canonical_source'), ''),
                    json_extract(src.metadata, '$.url'), ''),
           CASE WHEN v.evidence = '[]' THEN '' ELSE (
               SELECT group_concat(json_extract(e.value, '$[0]') || '-' || json_extract(e.value, '$[1]'), ';')
               FROM json_each(v.evidence) e) END
    FROM verdicts v
    JOIN sentences s ON s.id = v.sentence_id
    JOIN articles a ON a.id = s.article_id
    JOIN articles src ON src.id = a.source_id
    WHERE v.label IS NOT NULL
"""
_ORDER = " ORDER BY src.title, src.id, a.title, a.id, s.idx, v.reviewer"


def verdict_count(project: Project) -> int:
    return project.conn.execute("SELECT count(*) FROM verdicts WHERE label IS NOT NULL").fetchone()[0]


def verdict_rows(project: Project) -> Iterator[tuple]:
    """Every current verdict as a tuple in `COLUMNS` order, sources and rewrites in title order."""
    cursor = project.conn.execute(_ROWS + _ORDER)
    while batch := cursor.fetchmany(_BATCH):
        yield from batch


def export_verdicts(
    project: Project,
    destination: Path | None,
    format: ExportFormat = ExportFormat.CSV,
    raw: bool = False,
    progress: Progress | None = None,
    stdout: IO[str] | None = None,
) -> int:
    """Write every current verdict to `destination` (or `stdout`); return how many rows.

    A file is written beside the destination and renamed over it only when complete, so a
    cancelled or failed export never leaves a half-written file.
    """
    total = verdict_count(project)
    rows = _counted(verdict_rows(project), total, progress)
    if destination is None:
        assert stdout is not None
        _write(rows, stdout, format, raw)
        return total
    destination = Path(destination)
    if destination.is_dir():
        raise BadInput(f"{destination}: is a folder; give a file name to export to")
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{destination.name}.", suffix=".part", dir=destination.parent or Path(".")
        )
    except OSError as error:
        raise BadInput(f"{destination}: cannot write there ({error.strerror})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            _write(rows, file, format, raw)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, destination)
    except BaseException:
        os.unlink(temporary)
        raise
    return total


class ExportCancelled(FactcheckError):
    def __init__(self) -> None:
        super().__init__("export cancelled; no file was written")


def _counted(rows: Iterator[tuple], total: int, progress: Progress | None) -> Iterator[tuple]:
    if progress is None:
        yield from rows
        return
    done = 0
    if not progress(0, total):
        raise ExportCancelled()
    for done, row in enumerate(rows, start=1):
        yield row
        if done % _BATCH == 0 and not progress(done, total):
            raise ExportCancelled()
    progress(done, total)


def _write(rows: Iterator[tuple], file: IO[str], format: ExportFormat, raw: bool) -> None:
    if format is ExportFormat.CSV:
        write_csv(rows, file, raw=raw)
    else:
        write_jsonl(rows, file)


@dataclass(frozen=True, slots=True)
class VerdictImport:
    """What reading an exported CSV back did."""

    imported: int
    skipped: int
    """Rows already present in the project (same sentence, reviewer, verdict, note and time)."""


def import_verdicts(project: Project, path: Path, raw: bool = False) -> VerdictImport:
    """Read a verdict CSV into the project: every row or none (the first bad row is named)."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as file:
            rows = list(read_verdict_rows(file, str(path), raw=raw))
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{path}: is a folder, not a CSV file") from None
    except UnicodeDecodeError as error:
        raise BadInput(f"{path}: not UTF-8 text (byte {error.start})") from None
    imported = skipped = 0
    with project.write() as conn:
        for row in rows:
            if _present(conn, row):
                skipped += 1
                continue
            try:
                decide_within(
                    conn,
                    project.origin,
                    row.sentence_id,
                    row.reviewer,
                    _applying(row),
                    Via.IMPORT,
                    row.decided_at,
                )
            except BadInput as error:
                raise BadInput(f"{path}: row {row.row}: {error}") from None
            imported += 1
    return VerdictImport(imported, skipped)


def _applying(row: VerdictRow) -> Callable[[VerdictState], VerdictState]:
    def change(state: VerdictState) -> VerdictState:
        changed = state.with_label(row.verdict).with_note(row.note)
        return changed if row.evidence is None else changed.with_evidence(row.evidence)

    return change


def _present(conn: sqlite3.Connection, row: VerdictRow) -> bool:
    if row.decided_at is None:
        found = conn.execute(
            "SELECT 1 FROM verdicts WHERE sentence_id = ? AND reviewer = ? AND label = ? AND note = ?",
            [row.sentence_id, row.reviewer, row.verdict.value, row.note],
        )
    else:
        found = conn.execute(
            "SELECT 1 FROM events WHERE sentence_id = ? AND reviewer = ? AND label = ? AND note = ?"
            " AND decided_at = ?",
            [row.sentence_id, row.reviewer, row.verdict.value, row.note, row.decided_at],
        )
    return found.fetchone() is not None
