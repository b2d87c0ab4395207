"""The audit window on a project three reviewers worked in: filters, detail, adjudication, blind."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.audit_table import reviewers, rows, sentence_ids
from factcheck.store.decisions import adjudication, decide
from factcheck.store.project import Project
from factcheck.store.settings import blind_review
from factcheck.ui.app import application
from factcheck.ui.audit_model import AuditTableModel
from factcheck.ui.audit_window import AuditWindow

S, C, U = Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.UNVERIFIABLE
PLAN = {0: (S, S, S), 1: (S, C, None), 2: (U, U, None), 3: (C, None, None), 4: (S, U, C)}


@pytest.fixture
def reviewed(demo_path: Path) -> Path:
    project = Project.open(demo_path)
    summary = next(a for a in list_articles(project, "x") if a.title.startswith("MicroPort"))
    article = load_article(project, summary.id)
    for index, labels in PLAN.items():
        for reviewer, label in zip(("alice", "bob", "carol"), labels, strict=True):
            if label:
                note = f"{reviewer} thinks so"
                change = lambda s, label=label, note=note: s.with_label(label).with_note(note)  # noqa: E731
                decide(project, article.sentences[index].id, reviewer, change, Via.WINDOW)
    project.close()
    return demo_path


@pytest.fixture
def audit(qtbot, reviewed: Path, tmp_path: Path):
    application()
    project = Project.open(reviewed)
    window = AuditWindow(project, "lead", QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    yield window
    window.close()
    project.close()


def _texts(window: AuditWindow) -> list[str]:
    return [window.model.audit_row(r).text for r in range(window.model.rowCount())]


def _select(window: AuditWindow, qtbot, row: int) -> None:
    """Select the row and wait, as the lead does, until its sentence's detail has arrived."""
    window.table.selectRow(row)
    sentence_id = window.model.sentence_id(row)
    qtbot.waitUntil(lambda: _shown(window, sentence_id))


def _shown(window: AuditWindow, sentence_id: str) -> bool:
    """The sentence's detail is in the pane, its history too."""
    found = window.detail.detail
    return found is not None and found.sentence_id == sentence_id and not window.detail.history_due


def test_disagreements_come_first_with_one_column_per_reviewer(audit: AuditWindow) -> None:
    model = audit.model
    assert model.rowCount() == len(PLAN)
    assert model.reviewers == ["alice", "bob", "carol"]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[3:6] == ["alice", "bob", "carol"] and headers[-2:] == ["Agreement", "Final verdict"]
    first = model.audit_row(0)
    assert first.agreement.value == "disagree" and first.adjudicated is None
    assert model.data(model.index(0, 3)).startswith("✓")  # alice: supported, shown with its glyph


def test_filters_run_off_the_ui_thread_and_narrow_the_rows(audit: AuditWindow, qtbot) -> None:
    with qtbot.waitSignal(audit.rowsShown, timeout=10_000):
        audit.reviewer.setCurrentIndex(audit.reviewer.findData("carol"))
    assert audit.model.rowCount() == 2
    with qtbot.waitSignal(audit.rowsShown, timeout=10_000):
        audit.reviewer.setCurrentIndex(0)
    with qtbot.waitSignal(audit.rowsShown, timeout=10_000):
        audit.disagreements.setChecked(True)
    assert audit.model.rowCount() == 2


def test_the_verdict_filter_keeps_sentences_given_that_verdict(audit: AuditWindow, qtbot) -> None:
    with qtbot.waitSignal(audit.rowsShown, timeout=10_000):
        audit.label.setCurrentIndex(audit.label.findData(C))
    shown = {audit.model.sentence_id(r) for r in range(audit.model.rowCount())}
    expected = {index for index, labels in PLAN.items() if C in labels}
    assert len(shown) == len(expected) == 3  # sentences 1, 3 and 4
    with qtbot.waitSignal(audit.rowsShown, timeout=10_000):
        audit.reviewer.setCurrentIndex(audit.reviewer.findData("carol"))
    assert audit.model.rowCount() == 1  # carol said contradicted once (sentence 4)


def test_selecting_a_row_shows_notes_and_history(audit: AuditWindow, qtbot) -> None:
    _select(audit, qtbot, 0)
    detail = audit.detail.detail
    assert detail is not None and detail.sentence_id == audit.model.sentence_id(0)
    notes = [audit.detail.decisions.item(r, 2).text() for r in range(audit.detail.decisions.rowCount())]
    assert all(note.endswith("thinks so") for note in notes)
    assert audit.detail.history.rowCount() == len(detail.history) >= 2


def test_adjudicating_requires_a_reason_and_is_saved_as_an_event(audit: AuditWindow, qtbot) -> None:
    _select(audit, qtbot, 0)
    sentence_id = audit.selected_sentence()
    with qtbot.waitSignal(audit.errorShown) as shown:
        assert not audit.record_adjudication(sentence_id, C, "   ")
    assert "needs a reason" in shown.args[0]
    assert audit.record_adjudication(sentence_id, C, "source credits Baichuan-M4")
    final = adjudication(audit.project, sentence_id)
    assert final.label is C and final.lead == "lead"
    assert audit.model.audit_row(0).adjudicated is C
    qtbot.waitUntil(lambda: "Contradicted" in audit.detail.final.text())  # read again, then shown
    with qtbot.waitSignal(audit.rowsShown, timeout=10_000):
        audit.open_only.setChecked(True)
    assert sentence_id not in [audit.model.sentence_id(r) for r in range(audit.model.rowCount())]


def test_blind_review_is_switched_from_the_audit_window(audit: AuditWindow) -> None:
    assert not audit.blind.isChecked()
    audit.blind.setChecked(True)
    assert blind_review(audit.project)


def test_the_table_model_passes_qts_model_tester(qtmodeltester, reviewed: Path) -> None:
    project = Project.open(reviewed)
    model = AuditTableModel(lambda ids: rows(project, ids))
    model.set_rows(sentence_ids(project), reviewers(project))
    qtmodeltester.check(model)
    assert model.rowCount() == len(PLAN)
    project.close()


def test_agreement_and_reviewer_figures_are_shown_in_words(audit: AuditWindow, qtbot) -> None:
    with qtbot.waitSignal(audit.figuresShown, timeout=20_000):
        audit.reload()
    overall = audit.agreement.overall
    assert overall.rowCount() == 3
    assert overall.item(1, 0).text() == "Fleiss' κ"
    assert audit.agreement.pairs.rowCount() == 3  # alice·bob, alice·carol, bob·carol
    assert audit.agreement.confusion.rowCount() == 3  # the first pair's 3 × 3 matrix
    cells = [overall.item(r, c).text() for r in range(3) for c in range(overall.columnCount())]
    assert not any("nan" in cell.lower() for cell in cells)
    names = [
        audit.reviewer_stats.table.item(r, 0).text() for r in range(audit.reviewer_stats.table.rowCount())
    ]
    assert names == ["alice", "bob", "carol"]


def test_the_audit_report_is_exported_from_the_window(audit: AuditWindow, tmp_path: Path, qtbot) -> None:
    from factcheck.core.report import ReportFormat

    out = tmp_path / "audit.html"
    job = audit.export_report(out, ReportFormat.HTML)
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and "<svg" in html


def test_a_long_adjudication_leaves_the_note_column_readable(audit: AuditWindow, qtbot) -> None:
    audit.resize(1200, 800)
    _select(audit, qtbot, 0)
    sentence_id = audit.selected_sentence()
    source = audit.detail.source.article
    long_evidence = ((0, min(len(source.text), 900)),)
    found = audit.detail.detail
    assert found is not None
    from factcheck.store.decisions import adjudicate

    adjudicate(audit.project, sentence_id, "lead", C, "the source says otherwise", Via.WINDOW, long_evidence)
    audit.model.refresh()
    with qtbot.waitSignal(audit.detailShown, timeout=10_000):
        audit.show_selected()
    assert audit.detail.detail.adjudication is not None
    header = audit.detail.history.horizontalHeader()
    note, evidence = header.sectionSize(4), header.sectionSize(3)
    assert note >= 100 and abs(note - evidence) <= 1  # the two long columns share the width
    decisions = audit.detail.decisions.horizontalHeader()
    assert decisions.sectionSize(2) >= 100


def test_a_warning_marks_its_own_cell_and_shares_say_what_of(audit: AuditWindow, qtbot) -> None:
    with qtbot.waitSignal(audit.figuresShown, timeout=20_000):
        audit.reload()
    overall = audit.agreement.overall
    default = audit.palette().color(audit.palette().ColorRole.Text)
    from factcheck.ui import palette

    for row in range(overall.rowCount()):  # five sentences: every figure warns
        reading = overall.item(row, 3)
        assert reading.text().startswith("⚠") or "⚠" in reading.text()
        assert reading.foreground().color() == palette.WARNING
        for column in (0, 1, 2):
            item = overall.item(row, column)
            assert item.foreground().style() == Qt.BrushStyle.NoBrush or item.foreground().color() == default
            assert "⚠" in item.toolTip()
    stats = audit.reviewer_stats.table
    agrees = [stats.item(r, 8).text() for r in range(stats.rowCount())]
    assert all(" of " in text or "undefined" in text.lower() or "no " in text.lower() for text in agrees), (
        agrees
    )


def test_the_adjudicate_dialog_takes_its_keys(audit: AuditWindow, qtbot) -> None:
    from PySide6.QtTest import QTest

    from factcheck.store.audit_table import detail
    from factcheck.ui.audit_detail import AdjudicateDialog

    audit.table.selectRow(0)
    dialog = AdjudicateDialog(detail(audit.project, audit.selected_sentence()), audit)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    texts = [b.text() for b in dialog.choices.buttons()]
    assert texts[0].startswith("&1") and "Supported" in texts[0]
    dialog.choices.buttons()[0].setFocus()
    QTest.keyClick(dialog.choices.buttons()[0], Qt.Key.Key_2)
    assert dialog.choices.checkedButton() is dialog.choices.buttons()[1]
    dialog.reason.setFocus()
    QTest.keyClicks(dialog.reason, "2 sources agree")  # in the reason, keys type
    assert dialog.choices.checkedButton() is dialog.choices.buttons()[1]
    QTest.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.chosen() == (C, "2 sources agree")
