"""The verdict workbook (.xlsx): the export's rows on one sheet, a summary of each rewrite on another.

Written with XlsxWriter in its constant-memory mode, which writes each row out as soon as the
next begins: a million verdicts take no more memory than a hundred (`python bench/workbook.py`
measured it against openpyxl's write-only mode: faster, and as lean).

Every cell is a string or a number, never a formula: strings go through `write_string`, so a note
that begins with `=` is text in every spreadsheet, shown as typed, with no apostrophe before it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

import xlsxwriter

from factcheck import __version__
from factcheck.core.export import ExportContent
from factcheck.core.labels import Verdict
from factcheck.core.verdict_style import STYLES

MAX_ROWS = 1_048_576
"""Rows on one worksheet, the header included: a longer export continues on a further sheet."""
MAX_TEXT = 32_767
"""Characters in one cell (UTF-16 code units, as Excel counts them)."""

SHEET_NAMES = {
    ExportContent.VERDICTS: "Verdicts",
    ExportContent.ADJUDICATED: "Final verdicts",
    ExportContent.HISTORY: "History",
}

_VERDICT_COLUMNS = frozenset({"verdict", "adjudicated_verdict", "final_verdict", "label", "previous_label"})
_WRAPPED = {
    "sentence_text": 60,
    "note": 45,
    "evidence_text": 55,
    "reason": 45,
    "problem_text": 30,
    "correction": 30,
}
"""Long text, wrapped, and the width of its column (in characters of the default font)."""
_WIDTHS = {
    "sentence_id": 18,
    "article_id": 18,
    "source_id": 18,
    "article_title": 30,
    "source_title": 30,
    "source_url": 36,
    "sentence_index": 9,
    "reviewer": 14,
    "lead": 14,
    "decided_at": 28,
    "adjudicated_at": 28,
    "evidence_spans": 16,
    "problem_spans": 16,
    "error_types": 22,
    "carried_from": 18,
    "status": 14,
    "id": 34,
    "origin": 18,
    "prev_hash": 20,
    "hash": 20,
}
_NARROW = 11
"""The width of every other column: numbers, mostly."""
_VERDICT_WIDTH = 15
"""Room for the longest verdict and its glyph (`✗ contradicted`)."""
_LINES_SHOWN = 4
"""A data row is made tall enough for this many lines of its longest wrapped text, at most."""
_LINE_HEIGHT = 15.0
"""Points per line of the default 11-point font."""


@dataclass(frozen=True, slots=True)
class RewriteTally:
    """One line of the summary sheet: a rewrite, for all its reviewers or for one of them."""

    source_title: str
    rewrite_title: str
    rewrite_id: str
    reviewer: str | None
    """None on the line for all reviewers together."""
    sentences: int
    """Sentences in the review (for one reviewer: in their review, boilerplate they took in counted)."""
    reviewed: int
    """Sentences with a verdict (for all reviewers: with at least one)."""
    supported: int
    contradicted: int
    unverifiable: int
    """Verdicts of each label (for all reviewers: added up over them)."""
    adjudicated: int | None = None
    """Sentences with a lead's final verdict (the line for all reviewers only)."""
    disagreements: int | None = None
    """Sentences whose reviewers disagree and that no lead has settled (all reviewers only)."""

    def by_label(self, verdict: Verdict) -> int:
        return getattr(self, verdict.value)


SUMMARY_COLUMNS = (
    "Source",
    "Rewrite",
    "Rewrite id",
    "Reviewer",
    "Sentences",
    "Reviewed",
    "Reviewed %",
    *(f"{STYLES[v].glyph} {STYLES[v].name}" for v in Verdict),
    "Adjudicated",
    "Open disagreements",
)
ALL_REVIEWERS = "All reviewers"


def write_workbook(
    rows: Iterable[tuple],
    file: IO[bytes],
    content: ExportContent,
    tallies: Iterable[RewriteTally],
) -> int:
    """Write `rows` (tuples in `content.columns` order) on the first sheet and `tallies` on the
    summary sheet after it; return how many rows were written."""
    book = xlsxwriter.Workbook(
        file,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    book.set_properties(
        {
            "title": f"factcheck: {SHEET_NAMES[content].lower()}",
            "comments": f"Exported by factcheck {__version__}",
        }
    )
    looks = _Formats(book)
    count = _write_rows(book, looks, SHEET_NAMES[content], content.columns, rows)
    _write_summary(book, looks, tallies)
    book.close()
    return count


class _Formats:
    """The workbook's cell formats, made once (each format is one entry in the file's styles)."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.header = book.add_format({"bold": True, "bg_color": "#e8e8e8", "bottom": 1, "valign": "top"})
        self.summary_header = book.add_format(
            {"bold": True, "bg_color": "#e8e8e8", "bottom": 1, "valign": "top", "text_wrap": True}
        )
        self.wrapped = book.add_format({"text_wrap": True, "valign": "top"})
        self.top = book.add_format({"valign": "top"})
        # The glyph is part of the format, not of the value: the cell holds the contract's word
        # (`supported`), so filters, formulas and a CSV saved from the sheet see exactly that.
        self.verdicts = {
            v.value: book.add_format(
                {"bg_color": STYLES[v].tint, "num_format": f'"{STYLES[v].glyph} "@', "valign": "top"}
            )
            for v in Verdict
        }
        self.verdict_headers = {
            v: book.add_format(
                {"bold": True, "bg_color": STYLES[v].tint, "bottom": 1, "text_wrap": True, "valign": "top"}
            )
            for v in Verdict
        }
        self.total = book.add_format({"bold": True, "bg_color": "#f4f4f4", "top": 1})
        self.percent = book.add_format({"num_format": "0%"})
        self.total_percent = book.add_format(
            {"bold": True, "bg_color": "#f4f4f4", "top": 1, "num_format": "0%"}
        )


def _write_rows(
    book: xlsxwriter.Workbook, looks: _Formats, name: str, columns: tuple[str, ...], rows: Iterable[tuple]
) -> int:
    styles = ["verdict" if c in _VERDICT_COLUMNS else "wrapped" if c in _WRAPPED else "top" for c in columns]
    wrapped = [(i, _WRAPPED[c]) for i, c in enumerate(columns) if c in _WRAPPED]
    sheets = 0
    sheet = None
    row_info: dict | None = None
    row_number = 0
    count = 0
    for row in rows:
        if sheet is None or row_number == MAX_ROWS - 1:
            if sheet is not None:
                sheet.autofilter(0, 0, row_number, len(columns) - 1)
            sheets += 1
            sheet = _data_sheet(book, looks, name if sheets == 1 else f"{name} ({sheets})", columns)
            row_info = getattr(sheet, "row_info", None)
            row_number = 0
        row_number += 1
        count += 1
        lines = max((_lines(row[i], width) for i, width in wrapped), default=1)
        if lines > 1:
            # Spreadsheets do not fit a row to its wrapped text when they open a file (LibreOffice
            # overlaps the lines): the height is written with the row.
            sheet.set_row(row_number, _LINE_HEIGHT * lines)
        for column, value in enumerate(row):
            if value is None or value == "":
                continue  # an empty cell, not an empty string
            if isinstance(value, str):
                style = styles[column]
                cell_format = (
                    looks.verdicts.get(value, looks.top) if style == "verdict" else getattr(looks, style)
                )
                sheet.write_string(row_number, column, _cell_text(value), cell_format)
            else:
                sheet.write_number(row_number, column, value, looks.top)
        # Writing this row wrote the one before to the file; XlsxWriter would keep that row's
        # height for ever (150 MB over a million rows): forget it.
        if row_info is not None:
            row_info.pop(row_number - 1, None)
    if sheet is None:
        sheet = _data_sheet(book, looks, name, columns)
    sheet.autofilter(0, 0, row_number, len(columns) - 1)
    return count


def _data_sheet(book: xlsxwriter.Workbook, looks: _Formats, name: str, columns: tuple[str, ...]):
    sheet = book.add_worksheet(name)
    for column, title in enumerate(columns):
        width = (
            _VERDICT_WIDTH
            if title in _VERDICT_COLUMNS
            else _WRAPPED.get(title) or _WIDTHS.get(title, _NARROW)
        )
        sheet.set_column(column, column, max(width, len(title) + 2))
        sheet.write_string(0, column, title, looks.header)
    sheet.freeze_panes(1, 0)
    _print_setup(sheet)
    return sheet


def _print_setup(sheet) -> None:
    """Printed (or saved as PDF) across the page, the header on every page."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


def _write_summary(book: xlsxwriter.Workbook, looks: _Formats, tallies: Iterable[RewriteTally]) -> None:
    sheet = book.add_worksheet("Summary")
    widths = (30, 34, 18, 16, 10, 10, 10, 13, 15, 15, 12, 13)
    for column, (title, width) in enumerate(zip(SUMMARY_COLUMNS, widths, strict=True)):
        sheet.set_column(column, column, width)
        verdict = column - 7
        header = looks.verdict_headers[list(Verdict)[verdict]] if 0 <= verdict < 3 else looks.summary_header
        sheet.write_string(0, column, title, header)
    sheet.set_row(0, _LINE_HEIGHT * 2)
    sheet.freeze_panes(1, 0)
    _print_setup(sheet)
    row = 0
    for tally in tallies:
        row += 1
        total = tally.reviewer is None
        text, number = (looks.total, looks.total) if total else (None, None)
        for column, value in enumerate(
            (tally.source_title, tally.rewrite_title, tally.rewrite_id, tally.reviewer or ALL_REVIEWERS)
        ):
            sheet.write_string(row, column, _fit(value), text)
        counts = (tally.sentences, tally.reviewed)
        for column, value in enumerate(counts, start=4):
            sheet.write_number(row, column, value, number)
        share = tally.reviewed / tally.sentences if tally.sentences else 0
        sheet.write_number(row, 6, share, looks.total_percent if total else looks.percent)
        for column, verdict in enumerate(Verdict, start=7):
            sheet.write_number(row, column, tally.by_label(verdict), number)
        for column, value in ((10, tally.adjudicated), (11, tally.disagreements)):
            if value is not None:
                sheet.write_number(row, column, value, number)
            elif total:
                sheet.write_blank(row, column, None, looks.total)
    sheet.autofilter(0, 0, max(row, 1), len(SUMMARY_COLUMNS) - 1)


def _lines(value: object, width: int) -> int:
    """About how many lines `value` takes wrapped in a column `width` characters wide."""
    if not isinstance(value, str) or (len(value) <= width and "\n" not in value):
        return 1
    # A column `width` characters wide (of the font's digits) holds about a fifth more of prose.
    per_line = int(width * 1.2)
    lines = sum(1 + len(line) // per_line for line in value.split("\n"))
    return min(lines, _LINES_SHOWN)


def _cell_text(text: str) -> str:
    """`text` as a cell holds it: line breaks as LF (a spreadsheet's own; CR shows as a stray
    character), and cut to what one cell holds."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _fit(text)


def _fit(text: str) -> str:
    """`text`, cut to what one cell holds, saying so at the end where it was cut."""
    if len(text) <= MAX_TEXT // 2 or _utf16_length(text) <= MAX_TEXT:
        return text
    marker = " … [cut here: a cell holds 32,767 characters; the CSV export has the whole text]"
    budget = MAX_TEXT - len(marker)
    kept = []
    for character in text:
        budget -= 2 if ord(character) > 0xFFFF else 1
        if budget < 0:
            break
        kept.append(character)
    return "".join(kept) + marker


def _utf16_length(text: str) -> int:
    return len(text) + sum(ord(c) > 0xFFFF for c in text)
