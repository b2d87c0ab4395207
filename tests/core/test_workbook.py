"""The verdict workbook, read back with openpyxl: values and types as exported, never a formula,
the verdict colours and glyphs, a frozen filtered header, and the summary sheet."""

import io
import json

import openpyxl
import pytest

from factcheck.core import workbook
from factcheck.core.export import ADJUDICATED_COLUMNS, COLUMNS, ExportContent
from factcheck.core.labels import Verdict
from factcheck.core.verdict_style import STYLES
from factcheck.core.workbook import SUMMARY_COLUMNS, RewriteTally, write_workbook
from tests.conftest import DATA

CELLS = json.loads((DATA / "csv" / "neutralise.json").read_text(encoding="utf-8"))["cases"]


def _row(note: str, verdict: str | None = "supported", index: int = 3) -> tuple:
    return (
        "s1", "a1", "Rewrite", index, "He said “no”, twice", verdict, "alice",
        "2026-11-22T10:00:00.000000Z", note, "", "src", "Source", "https://example.org/a", "", None,
        "", "", "", "",
    )  # fmt: skip


TALLIES = [
    RewriteTally("Source", "Rewrite", "a1", None, 20, 3, 2, 1, 1, adjudicated=1, disagreements=1),
    RewriteTally("Source", "Rewrite", "a1", "alice", 20, 3, 2, 1, 0),
    RewriteTally("Source", "Rewrite", "a1", "bob", 21, 1, 0, 0, 1),
]


def _book(rows, content=ExportContent.VERDICTS, tallies=TALLIES) -> openpyxl.Workbook:
    out = io.BytesIO()
    assert write_workbook(rows, out, content, tallies) == len(rows)
    out.seek(0)
    return openpyxl.load_workbook(out)


def _every_cell(book: openpyxl.Workbook):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_every_cell_that_a_spreadsheet_might_execute_is_a_plain_string() -> None:
    rows = [_row(case["cell"]) for case in CELLS if case["cell"]]
    book = _book(rows)
    sheet = book["Verdicts"]
    notes = [sheet.cell(row, COLUMNS.index("note") + 1).value for row in range(2, len(rows) + 2)]
    # As typed: no apostrophe before them, and none became a formula.
    assert notes == [case["cell"].replace("\r\n", "\n").replace("\r", "\n") for case in CELLS if case["cell"]]
    assert all(cell.data_type in ("s", "n") for cell in _every_cell(book))
    assert not any(cell.data_type == "f" for cell in _every_cell(book))
    assert all(not cell.quotePrefix for cell in _every_cell(book) if cell.has_style)


def test_values_keep_their_types_and_empty_cells_are_empty() -> None:
    sheet = _book([_row("=1+1"), _row("", verdict=None, index=4)])["Verdicts"]
    header = [c.value for c in sheet[1]]
    assert tuple(header) == COLUMNS
    first = {name: cell.value for name, cell in zip(COLUMNS, sheet[2], strict=True)}
    assert first["sentence_index"] == 3 and sheet.cell(2, 4).data_type == "n"
    assert first["sentence_text"] == "He said “no”, twice"
    assert first["decided_at"] == "2026-11-22T10:00:00.000000Z"
    assert first["evidence_text"] is None and first["adjudicated_verdict"] is None
    assert sheet.cell(3, COLUMNS.index("verdict") + 1).value is None  # a note without a verdict


def test_the_header_is_frozen_and_filtered_and_long_text_wraps() -> None:
    sheet = _book([_row("a note")] * 3)["Verdicts"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:S4"
    assert all(cell.font.b for cell in sheet[1])
    text = sheet.cell(2, COLUMNS.index("sentence_text") + 1)
    assert text.alignment.wrap_text
    long = _book([_row("a note " * 40), _row("short")])["Verdicts"]
    # Spreadsheets do not fit rows to wrapped text on opening: the heights are in the file.
    assert long.row_dimensions[2].height >= 45 and long.row_dimensions[3].height is None
    letters = openpyxl.utils.get_column_letter
    widths = {name: sheet.column_dimensions[letters(i + 1)].width for i, name in enumerate(COLUMNS)}
    assert widths["sentence_text"] > widths["note"] > widths["reviewer"]
    assert widths["verdict"] >= len("✗ contradicted")
    assert all(width >= len(name) for name, width in widths.items())  # every header is readable


@pytest.mark.parametrize("verdict", list(Verdict))
def test_verdict_cells_are_filled_with_their_colour_and_show_their_glyph(verdict: Verdict) -> None:
    cell = _book([_row("", verdict=verdict.value)])["Verdicts"].cell(2, COLUMNS.index("verdict") + 1)
    assert cell.value == verdict.value  # the contract's word: filters and formulas see exactly it
    assert cell.fill.fgColor.rgb.lower() == "ff" + STYLES[verdict].tint.lstrip("#")
    assert cell.number_format == f'"{STYLES[verdict].glyph} "@'


def test_the_final_verdicts_have_their_own_sheet_with_numbers_as_numbers() -> None:
    row = (
        "s1", "a1", "R", 0, "text", "contradicted", "adjudicated", "=reason", "lead", "", 2, 1, 1, 0,
        "src", "S", "",
    )  # fmt: skip
    sheet = _book([row], ExportContent.ADJUDICATED)["Final verdicts"]
    assert tuple(c.value for c in sheet[1]) == ADJUDICATED_COLUMNS
    values = [c.value for c in sheet[2]]
    assert values[5] == "contradicted" and values[7] == "=reason" and values[10:14] == [2, 1, 1, 0]
    assert sheet.cell(2, 6).fill.fgColor.rgb.lower().endswith(STYLES[Verdict.CONTRADICTED].tint.lstrip("#"))


def test_the_summary_sheet_gives_each_rewrite_for_all_reviewers_then_each() -> None:
    sheet = _book([_row("")])["Summary"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == SUMMARY_COLUMNS
    assert rows[1] == ("Source", "Rewrite", "a1", "All reviewers", 20, 3, 0.15, 2, 1, 1, 1, 1)
    assert rows[2] == ("Source", "Rewrite", "a1", "alice", 20, 3, 0.15, 2, 1, 0, None, None)
    assert rows[3][3:6] == ("bob", 21, 1)
    assert sheet["G2"].number_format == "0%"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:L4"


def test_an_export_longer_than_a_sheet_goes_on_to_another(monkeypatch) -> None:
    monkeypatch.setattr(workbook, "MAX_ROWS", 4)
    book = _book([_row(f"note {i}") for i in range(7)])
    assert book.sheetnames == ["Verdicts", "Verdicts (2)", "Verdicts (3)", "Summary"]
    notes = [
        row[COLUMNS.index("note")]
        for sheet in book.worksheets[:3]
        for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert notes == [f"note {i}" for i in range(7)]
    assert all(sheet["A1"].value == "sentence_id" for sheet in book.worksheets[:3])


def test_a_text_longer_than_a_cell_holds_is_cut_and_says_so() -> None:
    long = "é" * 40_000
    cell = _book([_row(long)])["Verdicts"].cell(2, COLUMNS.index("note") + 1).value
    assert len(cell) <= workbook.MAX_TEXT and cell.startswith("é" * 30_000)
    assert cell.endswith("the CSV export has the whole text]")


def test_an_empty_export_still_has_its_header_and_summary() -> None:
    book = _book([], tallies=[])
    assert [c.value for c in book["Verdicts"][1]] == list(COLUMNS)
    assert book["Verdicts"].max_row == 1 and book["Summary"].max_row == 1
