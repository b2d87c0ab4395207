"""The CSV export assembles each record from pieces formatted once per sentence: it must write the
very bytes Python's csv module writes for the same rows, neutralised or raw, whatever the cells."""

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.core.export import COLUMNS, csv_cell, neutralise, write_csv
from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.decisions import adjudicate, decide
from factcheck.store.export import ExportContent, ExportFormat, export
from factcheck.store.project import Project
from factcheck.store.verdict_rows import verdict_rows
from tests.store.medbot import mark_medbot

CELLS = st.text(alphabet=st.sampled_from(list("ab ,\"'=+-@\t\r\n;é“”")), max_size=12)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(CELLS, st.booleans())
def test_a_cell_is_written_as_the_csv_module_writes_it(cell: str, raw: bool) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(
        [cell if raw else neutralise(cell) if cell else cell, ""]
    )
    assert csv_cell(cell, raw) + ",\r\n" == buffer.getvalue()


@pytest.fixture
def awkward(demo_path):
    """Verdicts whose cells a spreadsheet or a CSV reader could stumble on, and every column set."""
    project = Project.open(demo_path)
    rewrite = next(a for a in list_articles(project, "x") if a.source_id and a.to_review > 20)
    sentences = load_article(project, rewrite.id).sentences
    source = load_article(project, rewrite.source_id)
    notes = ['=HYPERLINK("http://x")', 'a, "quoted" note', "two\r\nlines", "-5% on Monday", "'=already", ""]
    for i, note in enumerate(notes):
        label = None if i == 5 else list(Verdict)[i % 3]
        for reviewer in ("alice", "+bob", "carol, jr"):
            decide(
                project,
                sentences[i].id,
                reviewer,
                lambda s, label=label, note=note: (
                    s.with_label(label)
                    .with_note(note or "only a note")
                    .with_evidence(((0, 40), (60, 90)) if note else ())
                ),
                Via.WINDOW,
            )
    adjudicate(project, sentences[1].id, "lead", Verdict.SUPPORTED, "settled", Via.WINDOW)
    mark_medbot(project, "dora")
    assert source.text
    yield project
    project.close()


@pytest.mark.parametrize("raw", [False, True], ids=["neutralised", "raw"])
def test_the_csv_export_is_byte_for_byte_what_the_csv_module_writes(
    awkward: Project, tmp_path, raw: bool
) -> None:
    written = tmp_path / "verdicts.csv"
    export(awkward, written, ExportContent.VERDICTS, ExportFormat.CSV, raw=raw)
    expected = io.StringIO(newline="")
    write_csv(verdict_rows(awkward.conn), expected, raw=raw, columns=COLUMNS)
    assert written.read_bytes() == expected.getvalue().encode("utf-8")
    rows = list(csv.reader(io.StringIO(written.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 1 + 6 * 3 + 1 and all(len(row) == len(COLUMNS) for row in rows)
    assert any(row[8] == ("'" if not raw else "") + '=HYPERLINK("http://x")' for row in rows)


def test_rows_come_sorted_by_source_rewrite_sentence_and_reviewer(awkward: Project) -> None:
    rows = list(verdict_rows(awkward.conn))
    keys = [(row[11], row[10], row[2], row[1], row[3], row[6]) for row in rows]
    assert keys == sorted(keys)
    again = list(verdict_rows(awkward.conn))
    assert again == rows, "a second export on the same connection reads the same rows"
