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
from factcheck.core.events import FUTURE_TOLERANCE, format_time, now, parse_time
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
    if not text:  # most cells read back: no evidence, no problem
        return ()
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


def _not_after(decided_at: str, latest: str) -> str:
    # Stored times sort as text in time order (format_time), so no parsing is needed to compare.
    if decided_at > latest:
        raise BadInput(f"decided_at {decided_at} is in the future")
    return decided_at


_READ = (
    "sentence_id",
    "verdict",
    "reviewer",
    "note",
    "decided_at",
    "evidence_spans",
    "problem_spans",
    "error_types",
    "correction",
)
"""The columns read back, in the order `_verdict_row` takes their cells."""


def read_verdict_rows(file: IO[str], name: str, raw: bool = False) -> Iterator[VerdictRow]:
    """Read and check every row of a verdict CSV; the first bad row raises BadInput naming it.

    Rows are read as lists and picked by column (a dict per row, as `csv.DictReader` makes, cost a
    third of reading a million); as there, a blank line is no row, a short row's missing cells
    are missing, and a repeated column name means its last column."""
    reader = csv.reader(file, strict=True)
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise BadInput(f"{name}: not a readable CSV file ({error})") from None
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise BadInput(f"{name}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    where = {column: position for position, column in enumerate(header)}
    positions = [where.get(column) for column in _READ]
    width = len(header)
    latest = format_time(now() + FUTURE_TOLERANCE)
    number = 1
    try:
        for cells in reader:
            if not cells:
                continue
            number += 1
            if len(cells) > width:
                raise BadInput("more cells than columns")
            found = len(cells)
            picked = [None if p is None or p >= found else cells[p] for p in positions]
            yield _verdict_row(picked, number, raw, latest)
    except csv.Error as error:
        raise BadInput(f"{name}: row {number + 1}: not valid CSV ({error})") from None
    except BadInput as error:
        raise BadInput(f"{name}: row {number}: {error}") from None


def _verdict_row(picked: list[str | None], number: int, raw: bool, latest: str) -> VerdictRow:
    """A row from its cells in `_READ` order (None: no such column, or a short row)."""
    sentence, verdict, reviewer, note, decided_at, spans, problems, types, correction = picked

    def cell(value: str | None) -> str:
        return (value or "") if raw else restore(value or "")

    sentence = cell(sentence).strip()
    if not sentence:
        raise BadInput("the sentence_id is empty")
    reviewer = cell(reviewer).strip()
    if not reviewer:
        raise BadInput("the reviewer is empty")
    decided_at = cell(decided_at).strip()
    evidence = None if spans is None else parse_spans(spans)
    note = cell(note)
    verdict = cell(verdict)
    correction = None if correction is None else cell(correction)
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
        decided_at=_not_after(parse_time(decided_at), latest) if decided_at else None,
        evidence=evidence,
        problems=problems,
        error_types=types,
        correction=correction,
    )
