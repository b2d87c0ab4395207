"""The child of the workbook benchmark: write one export in a fresh interpreter, then report.

    python bench/_workbook_child.py CASE PROJECT OUT

CASE is one of
- `csv`: the product's CSV export (`export(..., ExportFormat.CSV)`), the floor;
- `xlsx`: the product's workbook export (`export(..., ExportFormat.XLSX)`);
- `claimreview`: the product's ClaimReview JSON-LD export, one review per verdict;
- `xlsxwriter`, `openpyxl`: the same rows and cell formats written straight with each library in
  its streaming mode (XlsxWriter's `constant_memory`, openpyxl's `write_only`), to choose between
  them: a bold frozen header with filters, column widths, wrapped long text, verdict cells filled
  with their colour and shown with their glyph, every string written as a string.

It prints one JSON object: `seconds` (the export alone, the interpreter's start not counted) and
`peak_mb` (the process's peak resident memory, VmHWM: unlike `ru_maxrss`, which Linux carries
across exec from the parent, it is this program's own).
"""

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from factcheck.core.export import COLUMNS, ExportContent, ExportFormat
from factcheck.core.labels import Verdict
from factcheck.core.verdict_style import STYLES
from factcheck.store.export import export, rows_of
from factcheck.store.project import Project

_WIDTHS = {"sentence_text": 60, "note": 40, "evidence_text": 50, "article_title": 30, "source_title": 30}
_WRAPPED = {COLUMNS.index(name) for name in ("sentence_text", "note", "evidence_text")}
_VERDICT = COLUMNS.index("verdict")


def with_xlsxwriter(rows: Iterator[tuple], out: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    sheet = book.add_worksheet("Verdicts")
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    verdicts = {
        v.value: book.add_format({"bg_color": STYLES[v].tint, "num_format": f'"{STYLES[v].glyph} "@'})
        for v in Verdict
    }
    for column, name in enumerate(COLUMNS):
        sheet.set_column(column, column, _WIDTHS.get(name, 14))
        sheet.write_string(0, column, name, bold)
    sheet.freeze_panes(1, 0)
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row):
            if cell is None or cell == "":
                continue
            if isinstance(cell, str):
                style = verdicts.get(cell) if c == _VERDICT else wrap if c in _WRAPPED else None
                sheet.write_string(r, c, cell, style)
            else:
                sheet.write_number(r, c, cell)
        last = r
    sheet.autofilter(0, 0, last, len(COLUMNS) - 1)
    book.close()


def with_openpyxl(rows: Iterator[tuple], out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Verdicts")
    for column, name in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS.get(name, 14)
    sheet.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="top")
    fills = {v.value: PatternFill("solid", fgColor=STYLES[v].tint.lstrip("#")) for v in Verdict}
    formats = {v.value: f'"{STYLES[v].glyph} "@' for v in Verdict}

    def header(name: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, name)
        cell.font = Font(bold=True)
        return cell

    sheet.append([header(name) for name in COLUMNS])
    count = 0
    for row in rows:
        cells: list = []
        for c, value in enumerate(row):
            if value is None or value == "":
                cells.append(None)
            elif isinstance(value, str) and (c == _VERDICT or c in _WRAPPED or value[:1] == "="):
                cell = WriteOnlyCell(sheet, value)
                cell.data_type = "s"  # openpyxl takes a string that starts with = for a formula
                if c == _VERDICT:
                    cell.fill, cell.number_format = fills[value], formats[value]
                elif c in _WRAPPED:
                    cell.alignment = wrap
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    book.save(out)


def main() -> None:
    case, path, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    project = Project.open(path)
    start = time.perf_counter()
    if case in ("csv", "xlsx", "claimreview"):
        export(project, out, ExportContent.VERDICTS, ExportFormat(case))
    else:
        # The product neutralises CSV cells only; the libraries get the cells as they are.
        rows = rows_of(project, ExportContent.VERDICTS)
        (with_xlsxwriter if case == "xlsxwriter" else with_openpyxl)(rows, out)
    seconds = time.perf_counter() - start
    project.close()
    status = Path("/proc/self/status").read_text()
    peak_mb = int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1]) / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))


if __name__ == "__main__":
    main()
