"""Exporting verdicts, final verdicts and the decision history to a file, and reading exported
verdicts back in."""

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from factcheck.core.errors import BadInput, FactcheckError
from factcheck.core.export import (
    ExportContent,
    ExportFormat,
    write_csv,
    write_csv_records,
    write_jsonl,
)
from factcheck.store.locks import refuse_project_file
from factcheck.store.project import Project
from factcheck.store.verdict_rows import (
    SOURCE_URL,
    SPANS,
    TYPES,
    WORTH_EXPORTING,
    csv_records,
    verdict_rows,
)

Progress = Callable[[int, int], bool]
"""Called with (rows done, rows in all) now and then; returning False cancels the export."""

_BATCH = 5000

_VERDICT_COUNT = f"SELECT count(*) FROM verdicts v WHERE {WORTH_EXPORTING}"
_SPANS, _TYPES = SPANS, TYPES

COUNTED = "v.label IS NOT NULL AND coalesce(v.included, NOT s.boilerplate)"
"""Which verdicts `v` on sentences `s` count, for final verdicts here and for every figure of the
audit: a label given, and the sentence in that reviewer's review (boilerplate only when they took
it in)."""

_TALLY = f"""
    SELECT v.sentence_id, count(*) AS reviewers, min(v.label) AS low, max(v.label) AS high,
           sum(v.label = 'supported') AS supported, sum(v.label = 'contradicted') AS contradicted,
           sum(v.label = 'unverifiable') AS unverifiable
    FROM verdicts v JOIN sentences s ON s.id = v.sentence_id
    WHERE {COUNTED}
    GROUP BY v.sentence_id
"""
# One row per rewrite sentence with an adjudication or a verdict that counts.
_ADJUDICATED = f"""
    WITH tally AS ({_TALLY}),
    chosen AS (SELECT sentence_id FROM tally UNION SELECT sentence_id FROM adjudications)
    SELECT s.id, a.id, a.title, s.idx, s.text,
           coalesce(j.label, CASE WHEN t.low = t.high THEN t.low END, ''),
           CASE WHEN j.label IS NOT NULL THEN 'adjudicated'
                WHEN t.low IS NULL OR t.low != t.high THEN 'disagreement'
                WHEN t.reviewers = 1 THEN 'one reviewer'
                ELSE 'unanimous' END,
           coalesce(j.reason, ''), coalesce(j.lead, ''), coalesce(j.decided_at, ''),
           coalesce(t.reviewers, 0), coalesce(t.supported, 0), coalesce(t.contradicted, 0),
           coalesce(t.unverifiable, 0), src.id, src.title, {SOURCE_URL}
    FROM chosen c
    JOIN sentences s ON s.id = c.sentence_id
    JOIN articles a ON a.id = s.article_id
    JOIN articles src ON src.id = a.source_id
    LEFT JOIN tally t ON t.sentence_id = c.sentence_id
    LEFT JOIN adjudications j ON j.sentence_id = c.sentence_id
    ORDER BY src.title, src.id, a.title, a.id, s.idx
"""
_ADJUDICATED_COUNT = f"""
    WITH tally AS ({_TALLY})
    SELECT count(*) FROM (SELECT sentence_id FROM tally UNION SELECT sentence_id FROM adjudications)
"""
# Every event as stored, in chain order (the UNIQUE (origin, seq) index gives it without sorting).
_HISTORY = f"""
    SELECT e.id, e.origin, e.seq, e.kind, e.sentence_id, s.article_id, e.reviewer, e.label,
           e.previous_label, {_SPANS.format("e.evidence")}, e.note, e.included, e.via, e.suggestion,
           e.decided_at, e.prev_hash, e.hash, {_SPANS.format("e.problems")}, {_TYPES.format("e.error_types")},
           e.correction, e.carried_from
    FROM events e LEFT JOIN sentences s ON s.id = e.sentence_id
    ORDER BY e.origin, e.seq
"""
_HISTORY_COUNT = "SELECT count(*) FROM events"

_QUERIES = {
    ExportContent.VERDICTS: (None, _VERDICT_COUNT),
    ExportContent.ADJUDICATED: (_ADJUDICATED, _ADJUDICATED_COUNT),
    ExportContent.HISTORY: (_HISTORY, _HISTORY_COUNT),
}


def row_count(project: Project, content: ExportContent) -> int:
    return project.conn.execute(_QUERIES[content][1]).fetchone()[0]


def rows_of(project: Project, content: ExportContent) -> Iterator[tuple]:
    """The rows of an export, in `content.columns` order, read a batch at a time."""
    if content is ExportContent.VERDICTS:
        yield from verdict_rows(project.conn)
        return
    cursor = project.conn.execute(_QUERIES[content][0])
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
    """Write every current verdict to `destination` (or `stdout`); return how many rows."""
    return export(project, destination, ExportContent.VERDICTS, format, raw, progress, stdout).rows


@dataclass(frozen=True, slots=True)
class Exported:
    """What an export wrote."""

    rows: int
    """Rows (or, for ClaimReview, reviews) written."""
    warnings: tuple[str, ...] = ()
    """What the reader of the file should know: for ClaimReview, what search engines will miss."""


def export(
    project: Project,
    destination: Path | None,
    content: ExportContent = ExportContent.VERDICTS,
    format: ExportFormat = ExportFormat.CSV,
    raw: bool = False,
    progress: Progress | None = None,
    stdout: IO[str] | None = None,
    bom: bool = False,
) -> Exported:
    """Write the rows `content` names to `destination` (or `stdout`, except a workbook).

    Rows are streamed from SQLite a batch at a time, so a history of millions of events is never
    held in memory. A cancelled or failed export never leaves a half-written file. `bom` puts a
    byte-order mark before a CSV file, for spreadsheets (Excel) that guess another encoding.
    """
    if format is ExportFormat.CLAIMREVIEW:
        from factcheck.store.claimreview import export_claim_reviews  # only for publishing

        return export_claim_reviews(project, destination, content, progress, stdout)
    total = row_count(project, content)
    rows = counted(rows_of(project, content), total, progress)
    if format is ExportFormat.XLSX:
        if destination is None:
            raise BadInput("a workbook is a binary file: give the file to write it to")
        return Exported(_export_workbook(project, Path(destination), content, rows))

    def write(file: IO[str]) -> None:
        if format is ExportFormat.CSV and content is ExportContent.VERDICTS:
            write_csv_records(
                _counted_batches(csv_records(project.conn, raw), total, progress), file, bom=bom
            )
        elif format is ExportFormat.CSV:
            write_csv(rows, file, raw=raw, columns=content.columns, bom=bom)
        else:
            write_jsonl(rows, file, columns=content.columns)

    if destination is None:
        assert stdout is not None
        write(stdout)
    else:
        write_atomically(Path(destination), write)
    return Exported(total)


def _export_workbook(
    project: Project, destination: Path, content: ExportContent, rows: Iterator[tuple]
) -> int:
    # XlsxWriter and the summary's queries load only for a workbook.
    from factcheck.core.workbook import write_workbook
    from factcheck.store.summary import rewrite_tallies

    written = 0

    def write(file: IO[bytes]) -> None:
        nonlocal written
        written = write_workbook(rows, file, content, rewrite_tallies(project))

    write_atomically(destination, write, binary=True)
    return written


def write_atomically(destination: Path, write: Callable[[IO], None], binary: bool = False) -> None:
    """Call `write` on a file beside `destination` (UTF-8 text, or bytes), renamed over it only
    once complete and on disk."""
    if destination.is_dir():
        raise BadInput(f"{destination}: is a folder; give a file name to write to")
    refuse_project_file(destination, "write over")
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{destination.name}.", suffix=".part", dir=destination.parent or Path(".")
        )
    except OSError as error:
        raise BadInput(f"{destination}: cannot write there ({error.strerror})") from None
    try:
        opened = os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")
        with opened as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, destination)
    except BaseException:
        os.unlink(temporary)
        raise


class ExportCancelled(FactcheckError):
    def __init__(self) -> None:
        super().__init__("export cancelled; no file was written")


def counted(rows: Iterator[tuple], total: int, progress: Progress | None) -> Iterator[tuple]:
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


def _counted_batches(batches: Iterator[list], total: int, progress: Progress | None) -> Iterator[list]:
    """`counted` for rows that come a batch at a time."""
    done = 0
    if progress is not None and not progress(0, total):
        raise ExportCancelled()
    for batch in batches:
        yield batch
        done += len(batch)
        if progress is not None and not progress(done, total):
            raise ExportCancelled()
