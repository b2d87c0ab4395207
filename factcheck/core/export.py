"""The verdict CSV and JSON Lines formats: columns, spreadsheet-safe cells, reading rows back."""

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import IO

from factcheck.core.error_types import ErrorType, parse_list
from factcheck.core.errors import BadInput
from factcheck.core.events import FUTURE_TOLERANCE, now, parse_time, stored_time
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
    "adjudicated_verdict",
    "problem_text",
    "problem_spans",
    "error_types",
    "correction",
)
"""The contract's columns in its order, then `evidence_spans` (offsets, so evidence survives a round
trip), `adjudicated_verdict` (the lead's final verdict on the sentence; empty when there is none),
and what the reviewer said is wrong: `problem_text` (the words, joined by " … "), `problem_spans`
(their offsets into the rewrite's text, as `evidence_spans` writes them), `error_types` (ids joined
by `;`) and `correction` (what the sentence should say)."""

ADJUDICATED_COLUMNS = (
    "sentence_id",
    "article_id",
    "article_title",
    "sentence_index",
    "sentence_text",
    "final_verdict",
    "status",
    "reason",
    "lead",
    "adjudicated_at",
    "reviewers",
    "supported",
    "contradicted",
    "unverifiable",
    "source_id",
    "source_title",
    "source_url",
)
"""One row per rewrite sentence with an adjudication or a verdict (`export --adjudicated`).

`final_verdict` is the adjudicated label; without an adjudication, the label every reviewer gave;
empty when reviewers disagree and no lead has settled it. `status` says which: `adjudicated`,
`unanimous` (two or more reviewers, one label), `one reviewer` (a single reviewer's word) or
`disagreement`. `reviewers` counts the reviewers with a verdict that counts (a label given, the
sentence in their review); `supported`, `contradicted` and `unverifiable` count their labels.
"""

HISTORY_COLUMNS = (
    "id",
    "origin",
    "seq",
    "kind",
    "sentence_id",
    "article_id",
    "reviewer",
    "label",
    "previous_label",
    "evidence_spans",
    "note",
    "included",
    "via",
    "suggestion",
    "decided_at",
    "prev_hash",
    "hash",
    "problem_spans",
    "error_types",
    "correction",
    "carried_from",
)
"""Every event as stored (`export --history`), in chain order: each origin's events by `seq`, so
that `prev_hash` → `hash` can be followed row by row. `included` is 1 (taken into the review),
0 (left out) or empty (the default); `evidence_spans` and `problem_spans` are written as in the
verdict CSV; `carried_from` is the previous version's sentence a carried decision was made on."""

REQUIRED = ("sentence_id", "verdict", "reviewer")

EVIDENCE_GAP = " … "
"""Joins the passages of `evidence_text` when a verdict has several."""


class ExportFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"
    XLSX = "xlsx"
    """A spreadsheet workbook (`core/workbook.py`)."""
    CLAIMREVIEW = "claimreview"
    """schema.org ClaimReview as JSON-LD, for publishing (`core/claimreview.py`)."""


class ExportContent(StrEnum):
    """What an export writes, one row per …"""

    VERDICTS = "verdicts"  # … current (sentence, reviewer) verdict
    ADJUDICATED = "adjudicated"  # … sentence, with its final verdict
    HISTORY = "history"  # … event

    @property
    def columns(self) -> tuple[str, ...]:
        return _COLUMNS_OF[self]


_COLUMNS_OF = {
    ExportContent.VERDICTS: COLUMNS,
    ExportContent.ADJUDICATED: ADJUDICATED_COLUMNS,
    ExportContent.HISTORY: HISTORY_COLUMNS,
}


# OWASP CSV injection: a spreadsheet may execute a cell that begins with one of these.
_TRIGGERS = "=+-@\t\r\n"
# A cell is prefixed when it begins with a trigger, or with quotes and then a trigger, so that
# removing one quote on the way back in restores every cell exactly.
_NEUTRALISED = re.compile(r"'*[" + re.escape(_TRIGGERS) + "]")


_FIRST = frozenset(_TRIGGERS + "'")


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet will show it without executing it."""
    # The first-character test spares the regular expression on almost every cell (a third of
    # the time of a million-row export).
    return "'" + cell if cell[:1] in _FIRST and _NEUTRALISED.match(cell) else cell


def csv_cell(cell: str | None, raw: bool = False) -> str:
    """One cell as `write_csv` writes it (neutralised unless `raw`, then RFC 4180 quoted where
    Python's csv module quotes: a comma, a quote, a CR or an LF), for writers that assemble
    whole records themselves. Most cells are empty or plain: those return at the first test."""
    if not cell:
        return ""
    if not raw and cell[0] in _FIRST:
        cell = neutralise(cell)
    if '"' in cell:
        return '"' + cell.replace('"', '""') + '"'
    if "," in cell or "\n" in cell or "\r" in cell:
        return '"' + cell + '"'
    return cell


def restore(cell: str) -> str:
    """Undo `neutralise`."""
    return cell[1:] if cell.startswith("'") and _NEUTRALISED.match(cell, 1) else cell


def parse_spans(text: str, what: str = "evidence") -> tuple[Span, ...]:
    """Offsets written as `start-end` (several joined by `;` or spaces), or BadInput naming `what`."""
    spans = []
    for part in re.split(r"[;\s]+", text.strip()):
        if not part:
            continue
        # No text has more than 18 digits' worth of characters; a longer number is no offset.
        match = re.fullmatch(r"(\d{1,18})-(\d{1,18})", part)
        if not match or int(match[1]) >= int(match[2]):
            shown = part if len(part) <= 40 else f"{part[:40]}…"
            raise BadInput(f"{what} {shown!r} is not START-END with START < END")
        spans.append((int(match[1]), int(match[2])))
    return tuple(spans)


BOM = "\ufeff"
"""The byte-order mark that tells spreadsheets a CSV file is UTF-8 (Excel and LibreOffice guess
another encoding without it)."""


def write_csv(
    rows: Iterable[tuple],
    file: IO[str],
    raw: bool = False,
    columns: tuple[str, ...] = COLUMNS,
    bom: bool = False,
) -> None:
    """Write the header and `rows` (tuples in `columns` order) as RFC 4180 CSV, records ending in
    CR LF; with `bom`, behind a byte-order mark."""
    if bom:
        file.write(BOM)
    writer = csv.writer(file, lineterminator="\r\n")
    writer.writerow(columns)
    if raw:
        writer.writerows(rows)
    else:
        writer.writerows(
            [neutralise(cell) if isinstance(cell, str) else cell for cell in row] for row in rows
        )


def write_csv_records(
    batches: Iterable[list[str]], file: IO[str], columns: tuple[str, ...] = COLUMNS, bom: bool = False
) -> None:
    """Write the header and records already made with `csv_cell` (each ending in CR LF): the same
    file as `write_csv`, for writers that assemble records from pieces they format once."""
    if bom:
        file.write(BOM)
    file.write(",".join(csv_cell(column, raw=True) for column in columns) + "\r\n")
    for batch in batches:
        file.write("".join(batch))


def write_jsonl(rows: Iterable[tuple], file: IO[str], columns: tuple[str, ...] = COLUMNS) -> None:
    """One JSON object per row, keyed by `columns` (no spreadsheet neutralisation: not for spreadsheets)."""
    for row in rows:
        file.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False))
        file.write("\n")


@dataclass(frozen=True, slots=True)
class VerdictRow:
    """One verdict read back from an exported CSV."""

    row: int
    """The row's number as a spreadsheet shows it (the header is row 1)."""
    sentence_id: str
    verdict: Verdict | None
    """None for a note or evidence without a verdict (an empty verdict cell)."""
    reviewer: str
    note: str
    decided_at: str | None
    evidence: tuple[Span, ...] | None
    """None when the file has no `evidence_spans` column (the current evidence is then kept)."""
    problems: tuple[Span, ...] | None = None
    """None when the file has no `problem_spans` column (and so for the two below)."""
    error_types: tuple[ErrorType, ...] | None = None
    correction: str | None = None


def _not_in_the_future(decided_at: str) -> str:
    if stored_time(decided_at) > now() + FUTURE_TOLERANCE:
        raise BadInput(f"decided_at {decided_at} is in the future")
    return decided_at


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
    evidence = None if spans is None else parse_spans(spans)
    note = cell("note")
    verdict = cell("verdict")
    problems = record.get("problem_spans")
    types = record.get("error_types")
    correction = None if record.get("correction") is None else cell("correction")
    problems = None if problems is None else parse_spans(problems, "problem")
    types = None if types is None else parse_list(types)
    if not verdict.strip() and not note and not evidence and not problems and not types and not correction:
        raise BadInput("the verdict is empty, and the row has no note or evidence to keep")
    return VerdictRow(
        row=number,
        sentence_id=sentence,
        verdict=Verdict.parse(verdict) if verdict.strip() else None,
        reviewer=reviewer,
        note=note,
        decided_at=_not_in_the_future(parse_time(decided_at)) if decided_at else None,
        evidence=evidence,
        problems=problems,
        error_types=types,
        correction=correction,
    )
