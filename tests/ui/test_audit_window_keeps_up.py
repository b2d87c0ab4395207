"""The audit window keeps up with the lead: rows are read a small page at a time as they come
into view, the selected sentence's detail is read on a worker and shown when it arrives (the
last one selected wins), and the history's rows are exactly as tall as their text."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.audit_table import AuditRow
from factcheck.store.decisions import decide
from factcheck.store.project import Project
from factcheck.ui.app import application
from factcheck.ui.audit_model import PAGE, AuditTableModel, SentenceIdRole
from factcheck.ui.audit_window import AuditWindow

S, C = Verdict.SUPPORTED, Verdict.CONTRADICTED
LONG_NOTE = "The source gives the figure for the second quarter, not the year; " * 6


@pytest.fixture
def audit(qtbot, demo_path: Path, tmp_path: Path):
    """Two reviewers decide the first eight sentences of a rewrite; bob changes his mind on the
    first one three times, once with a note long enough to wrap."""
    project = Project.open(demo_path)
    summary = next(a for a in list_articles(project, "x") if a.title.startswith("MicroPort"))
    sentences = load_article(project, summary.id).sentences[:8]
    for sentence in sentences:
        for reviewer, label in (("alice", S), ("bob", C)):
            decide(project, sentence.id, reviewer, lambda s, label=label: s.with_label(label), Via.WINDOW)
    for label, note in ((S, "short"), (C, LONG_NOTE), (S, "agreed in the end")):
        change = lambda s, label=label, note=note: s.with_label(label).with_note(note)  # noqa: E731
        decide(project, sentences[0].id, "bob", change, Via.WINDOW)
    project.close()
    application()
    project = Project.open(demo_path)
    window = AuditWindow(project, "lead", QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == len(sentences), timeout=10_000)
    yield window
    qtbot.waitUntil(lambda: not window.jobs, timeout=10_000)
    window.close()
    project.close()


def _shown(window: AuditWindow) -> str | None:
    """The sentence whose detail is in the pane, its history too."""
    found = window.detail.detail
    return found.sentence_id if found is not None and not window.detail.history_due else None


def test_running_through_the_rows_shows_the_last_one_selected(audit: AuditWindow, qtbot) -> None:
    for row in range(audit.model.rowCount()):  # faster than any read: none waits for its detail
        audit.table.selectRow(row)
    last = audit.model.sentence_id(audit.model.rowCount() - 1)
    qtbot.waitUntil(lambda: _shown(audit) == last, timeout=10_000)
    qtbot.waitUntil(lambda: not audit.jobs, timeout=10_000)  # reads still under way end unseen
    assert _shown(audit) == last
    reviewers = [audit.detail.decisions.item(r, 0).text() for r in range(audit.detail.decisions.rowCount())]
    assert reviewers == ["alice", "bob"]


def test_the_history_rows_are_as_tall_as_their_text_and_its_short_columns_whole(
    audit: AuditWindow, qtbot
) -> None:
    row = next(r for r in range(audit.model.rowCount()) if audit.model.audit_row(r).labels["bob"] is S)
    audit.table.selectRow(row)
    sentence_id = audit.model.sentence_id(row)
    qtbot.waitUntil(lambda: _shown(audit) == sentence_id, timeout=10_000)
    history = audit.detail.history
    notes = [history.item(r, 4).text() for r in range(history.rowCount())]
    assert notes[-3:] == ["short", LONG_NOTE, "agreed in the end"]
    heights = [history.rowHeight(r) for r in range(history.rowCount())]
    wrapped = notes.index(LONG_NOTE)
    one_line = min(heights)
    assert heights[wrapped] > 2 * one_line  # the long note wraps over several lines
    assert [h for h, note in zip(heights, notes, strict=True) if not note] == [one_line] * notes.count("")
    header = history.horizontalHeader()
    for column in (0, 1, 5):  # when, who, how: never cut short (Qt's own measure, cell by cell)
        assert header.sectionSize(column) >= history.sizeHintForColumn(column), column
    history.resizeRowsToContents()  # what Qt measures cell by cell: the same heights
    assert [history.rowHeight(r) for r in range(history.rowCount())] == heights


def test_the_table_reads_only_the_page_it_shows(qtmodeltester) -> None:
    asked: list[list[str]] = []

    def fetch(ids) -> list[AuditRow]:
        asked.append(list(ids))
        return [AuditRow(i, "Rewrite", int(i[1:]), f"Sentence {i}", {"alice": S}, None) for i in ids]

    model = AuditTableModel(fetch)
    ids = [f"s{n}" for n in range(10 * PAGE)]
    model.set_rows(ids, ["alice"])
    last = model.index(10 * PAGE - 1, 2)
    assert model.data(last) == f"Sentence s{10 * PAGE - 1}"
    assert asked == [ids[9 * PAGE :]]
    for row in (PAGE - 1, PAGE, PAGE + 1):  # either side of a page boundary
        assert model.data(model.index(row, 2)) == f"Sentence s{row}"
        assert model.data(model.index(row, 1)) == row + 1
        assert model.data(model.index(row, 0), SentenceIdRole) == f"s{row}"
    assert model.data(model.index(PAGE, 3)).endswith("Supported")
    assert len(asked) == 3  # pages 9, 0 and 1, each read once
    qtmodeltester.check(model)
