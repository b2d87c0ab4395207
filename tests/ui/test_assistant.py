"""The evidence assistant in the window: hints arrive off the UI thread, the keys use them."""

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.assessments import kept
from factcheck.store.decisions import current, history
from factcheck.store.project import Project
from factcheck.store.session import ReviewSession
from factcheck.ui.app import application
from factcheck.ui.main_window import MainWindow


def open_medbot(window: MainWindow, qtbot) -> None:
    medbot = next(s for s in window.session.articles() if s.title.startswith("MicroPort"))
    with qtbot.waitSignal(window.review.assessed, timeout=20_000):
        window.open_article(medbot.id)


def go_to_text(window: MainWindow, fragment: str, qtbot):
    sentence = next(s for s in window.review.article.rewrite.sentences if fragment in s.text)
    window.review.go_to(sentence.index)
    return sentence


def press(window: MainWindow, key: Qt.Key) -> None:
    QTest.keyClick(window.focusWidget() or window, key)


def test_the_wrong_company_is_flagged_before_the_reviewer_reads_the_source(window: MainWindow, qtbot) -> None:
    open_medbot(window, qtbot)
    sentence = go_to_text(window, "MicroPort MedBot says its clinical-grade model topped", qtbot)
    flagged = window.rewrite_view.flag_spans(sentence)
    article_text = window.review.article.rewrite.text
    assert any(
        article_text[start:end] == "MicroPort MedBot" and "Baichuan-M4" in reason
        for start, end, reason in flagged
    )
    assert "Contradicted" in window.panel.hints.suggestion.text()
    assert window.panel.hints.candidates.count() >= 1
    candidate = window.source_view.candidate
    assert candidate is not None
    source_text = window.review.article.source.text
    assert "benchmark" in source_text[candidate[0] : candidate[1]]


def test_brackets_step_through_candidates_and_a_attaches_the_one_shown(window: MainWindow, qtbot) -> None:
    open_medbot(window, qtbot)
    sentence = go_to_text(window, "received the “CE mark” from the European Union, enabling", qtbot)
    first = window.source_view.candidate
    press(window, Qt.Key.Key_BracketRight)
    second = window.source_view.candidate
    assert second != first and window.review.shown_candidate == 1
    press(window, Qt.Key.Key_BracketLeft)
    assert window.source_view.candidate == first
    press(window, Qt.Key.Key_A)
    state = current(window.session.project, sentence.id, "alice")
    assert state.evidence == (first,)


def test_enter_accepts_the_suggestion_as_one_decision_that_undo_takes_back(window: MainWindow, qtbot) -> None:
    open_medbot(window, qtbot)
    window.actions.advance.setChecked(False)
    sentence = go_to_text(window, "MicroPort MedBot says its clinical-grade model topped", qtbot)
    candidate = window.source_view.candidate
    press(window, Qt.Key.Key_Return)
    state = current(window.session.project, sentence.id, "alice")
    assert state.label is Verdict.CONTRADICTED and state.evidence == (candidate,)
    (event,) = history(window.session.project, sentence.id)
    assert event.via is Via.SUGGESTION and event.suggestion is Verdict.CONTRADICTED
    QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    state = current(window.session.project, sentence.id, "alice")
    assert state.label is None and state.evidence == ()


def test_a_verdict_given_by_hand_records_the_suggestion_it_overrode(window: MainWindow, qtbot) -> None:
    open_medbot(window, qtbot)
    sentence = go_to_text(window, "MicroPort MedBot says its clinical-grade model topped", qtbot)
    press(window, Qt.Key.Key_1)
    (event,) = history(window.session.project, sentence.id)
    assert event.state.label is Verdict.SUPPORTED and event.suggestion is Verdict.CONTRADICTED


def test_omissions_are_listed_and_clicking_one_selects_it_in_the_source(window: MainWindow, qtbot) -> None:
    open_medbot(window, qtbot)
    omissions = window.omissions.list
    texts = [omissions.item(i).text() for i in range(omissions.count())]
    assert any("2,400 kilometres" in t for t in texts)
    item = next(omissions.item(i) for i in range(omissions.count()) if "2,400" in omissions.item(i).text())
    omissions.itemClicked.emit(item)
    span = window.source_view.selected_span()
    assert span is not None and "2,400 kilometres" in window.review.article.source.text[span[0] : span[1]]


def test_the_assessment_is_kept_in_the_project_for_next_time(window: MainWindow, qtbot) -> None:
    open_medbot(window, qtbot)
    article = window.review.article
    assert kept(window.session.project, article.source.id, article.rewrite.id) == article.assessment


def test_an_article_left_behind_is_not_kept_alive(window: MainWindow, qtbot) -> None:
    import gc
    import weakref

    from PySide6.QtCore import QCoreApplication, QEvent

    first = weakref.ref(window.review.article)
    open_medbot(window, qtbot)  # the first article's assistant job has finished meanwhile
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert first() is None, "a finished job still holds the article the reviewer left"


def test_at_start_up_the_assistant_waits_for_the_first_frame_then_its_hints_arrive(
    demo_path, qtbot, tmp_path
) -> None:
    """As `factcheck` starts: the article is shown first, the assistant's worker only after the
    window has painted, and the hints then arrive as on any other opening."""
    application()
    session = ReviewSession(Project.open(demo_path), "alice")
    window = MainWindow(session, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.assist_after_first_paint()
    window.reload_articles()  # before show(): nothing has been painted yet
    assert window.review.article is not None
    assert not window.review.jobs, "no worker before the first frame"
    assert "Finding evidence" in window.panel.hints.suggestion.text()
    with qtbot.waitSignal(window.review.assessed, timeout=20_000):
        window.show()
    assert window.review.hints() is not None
    assert window.panel.hints.candidates.count() >= 1
    window.close()
    session.project.close()
