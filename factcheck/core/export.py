"""The verdict CSV and JSON Lines formats: columns, spreadsheet-safe cells, reading rows back."""

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import IO

from factcheck.core.errors import BadInput
from factcheck.core.events import parse_time
from factcheck.core.labels import Verdict
from factcheck.core.review import Span

COLUMNS = (
    "sentence_id",
    "article_id",
    "article_title",
    "sentence_index",
    "sentence_text",
    "verdict",
    "reviewer",
    "decided_at",
    "note",
    "evidence_text",
    "source_id",
    "source_title",
    "source_url",
    "evidence_spans",
)
"""The contract's columns in its order, then `evidence_spans` (offsets, so evidence survives a round trip)."""

REQUIRED = ("sentence_id", "verdict", "reviewer")

EVIDENCE_GAP = " … "
"""Joins the passages of `evidence_text` when a verdict has several."""


class ExportFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"


# OWASP CSV injection: a spreadsheet may execute a cell that begins with one of these.
_TRIGGERS = "=+-@\t\r\n"
# A cell is prefixed when it begins with a trigger, or with quotes and then a trigger, so that
# removing one quote on the way back in restores every cell exactly.
_NEUTRALISED = re.compile(r"'*[" + re.escape(_TRIGGERS) + "]")


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet will show it without executing it."""
    return "'" + cell if _NEUTRALISED.match(cell) else cell


def restore(cell: str) -> str:
    """Undo `neutralise`."""
    return cell[1:] if cell.startswith("'") and _NEUTRALISED.match(cell, 1) else cell


def parse_spans(text: str) -> tuple[Span, ...]:
    """Evidence offsets written as `start-end` (several joined by `;` or spaces), or BadInput."""
    spans = []
    for part in re.split(r"[;\s]+", text.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(\d+)-(\d+)", part)
        if not match or int(match[1]) >= int(match[2]):
            raise BadInput(f"evidence {part!r} is not START-END with START < END")
        spans.append((int(match[1]), int(match[2])))
    return tuple(spans)


def write_csv(rows: Iterable[tuple], file: IO[str], raw: bool = False) -> None:
    """Write the header and `rows` (tuples in COLUMNS order) as RFC 4180 CSV."""
    writer = csv.writer(file, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    if raw:
        writer.writerows(rows)
    else:
        writer.writerows(
            [neutralise(cell) if isinstance(cell, str) else cell for cell in row] for row in rows
        )


def write_jsonl(rows: Iterable[tuple], file: IO[str]) -> None:
    """One JSON object per row, keyed by COLUMNS (no spreadsheet neutralisation: not for spreadsheets)."""
    for row in rows:
        file.write(json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False))
        file.write("\n")


@dataclass(frozen=True, slots=True)
class VerdictRow:
    """One verdict read back from an exported CSV."""

    row: int
    """The row's number as a spreadsheet shows it (the header is row 1)."""
    sentence_id: str
    verdict: Verdict
    reviewer: str
    note: str
    decided_at: str | None
    evidence: tuple[Span, ...] | None
    """None when the file has no `evidence_spans` column (the current evidence is then kept)."""


def read_verdict_rows(file: IO[str], name: str, raw: bool = False) -> Iterator[VerdictRow]:
    """Read and check every row of a verdict CSV; the first bad row raises BadInput naming it."""
    reader = csv.DictReader(file, strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        raise BadInput(f"{name}: not a readable CSV file ({error})") from None
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise BadInput(f"{name}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    number = 1
    try:
        for number, record in enumerate(reader, start=2):
            yield _verdict_row(record, number, raw)
    except csv.Error as error:
        raise BadInput(f"{name}: row {number + 1}: not valid CSV ({error})") from None
    except BadInput as error:
        raise BadInput(f"{name}: row {number}: {error}") from None


def _verdict_row(record: dict[str, str | None], number: int, raw: bool) -> VerdictRow:
    if None in record:
        raise BadInput("more cells than columns")

    def cell(column: str) -> str:
        value = record.get(column) or ""
        return value if raw else restore(value)

    sentence = cell("sentence_id").strip()
    if not sentence:
        raise BadInput("the sentence_id is empty")
    reviewer = cell("reviewer").strip()
    if not reviewer:
        raise BadInput("the reviewer is empty")
    decided_at = cell("decided_at").strip()
    spans = record.get("evidence_spans")
    return VerdictRow(
        row=number,
        sentence_id=sentence,
        verdict=Verdict.parse(cell("verdict")),
        reviewer=reviewer,
        note=cell("note"),
        decided_at=parse_time(decided_at) if decided_at else None,
        evidence=None if spans is None else parse_spans(spans),
    )
