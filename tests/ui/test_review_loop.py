"""The reviewer's loop with the keyboard alone, from the moment the window opens."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from factcheck.core.labels import Verdict
from factcheck.store.decisions import current, history
from factcheck.ui.main_window import MainWindow


def press(window: MainWindow, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(window.focusWidget() or window, key, modifiers)


def current_index(window: MainWindow) -> int:
    return window.rewrite_view.current


def stored(window: MainWindow, index: int):
    sentence = window.review.article.rewrite.sentences[index]
    return current(window.session.project, sentence.id, window.session.reviewer)


def test_the_window_opens_on_a_rewrite_beside_its_source(window: MainWindow) -> None:
    article = window.review.article
    assert article is not None and article.rewrite.source_id == article.source.id
    assert window.rewrite_view.toPlainText() == article.rewrite.text
    assert window.source_view.toPlainText() == article.source.text
    assert current_index(window) == 0
    assert window.panel.position.text() == f"Sentence 1 of {len(article.rewrite.sentences)}"
    assert "alice" in window.reviewer_button.text()


@pytest.mark.parametrize(
    ("keys", "verdict"),
    [
        ((Qt.Key.Key_1, Qt.Key.Key_S), Verdict.SUPPORTED),
        ((Qt.Key.Key_2, Qt.Key.Key_C), Verdict.CONTRADICTED),
        ((Qt.Key.Key_3, Qt.Key.Key_U), Verdict.UNVERIFIABLE),
    ],
)
def test_each_verdict_key_marks_and_saves_before_showing(window: MainWindow, keys, verdict) -> None:
    window.actions.advance.setChecked(False)
    for key in keys:
        press(window, Qt.Key.Key_0)  # clear first, so each key is a real change
        with_saved = []
        window.review.decisionSaved.connect(lambda sid, seen=with_saved: seen.append(stored(window, 0).label))
        press(window, key)
        assert with_saved == [verdict], "the decision must be committed when the window says so"
        assert window.panel.buttons[verdict].isChecked()
        assert "Saved" in window.panel.saved.text()
        window.review.decisionSaved.disconnect()


def test_moving_with_the_keys(window: MainWindow) -> None:
    for key, expected in (
        (Qt.Key.Key_Down, 1),
        (Qt.Key.Key_J, 2),
        (Qt.Key.Key_K, 1),
        (Qt.Key.Key_Up, 0),
        (Qt.Key.Key_Up, 0),
    ):
        press(window, key)
        assert current_index(window) == expected


def test_marking_advances_and_n_finds_the_next_unreviewed(window: MainWindow) -> None:
    window.actions.advance.setChecked(True)
    press(window, Qt.Key.Key_1)
    press(window, Qt.Key.Key_2)
    assert current_index(window) == 2
    assert stored(window, 0).label is Verdict.SUPPORTED and stored(window, 1).label is Verdict.CONTRADICTED
    press(window, Qt.Key.Key_Up)
    press(window, Qt.Key.Key_Up)
    press(window, Qt.Key.Key_N)
    assert current_index(window) == 2
    reviewed, to_review = window.review.article.progress()
    assert reviewed == 2 and window.progress_label.text() == f"2 / {to_review} reviewed"


def test_clear_with_zero_and_backspace(window: MainWindow) -> None:
    window.actions.advance.setChecked(False)
    for key in (Qt.Key.Key_0, Qt.Key.Key_Backspace):
        press(window, Qt.Key.Key_3)
        assert stored(window, 0).label is Verdict.UNVERIFIABLE
        press(window, key)
        assert stored(window, 0).label is None


def select_in_source(window: MainWindow, start: int, end: int) -> None:
    view = window.source_view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.positions.to_qt(start))
    cursor.setPosition(view.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def test_attach_evidence_with_e_and_remove_it(window: MainWindow, qtbot) -> None:
    text = window.review.article.source.text
    start = text.index("Shanghai MicroPort MedBot said")
    select_in_source(window, start - 1, start + 30)  # the leading space is trimmed
    press(window, Qt.Key.Key_E)
    assert stored(window, 0).evidence == ((start, start + 30),)
    assert window.source_view.evidence == ((start, start + 30),)
    assert window.panel.evidence.count() == 1
    press(window, Qt.Key.Key_E)  # nothing selected any more
    assert "Select a passage" in window.statusBar().currentMessage()
    press(window, Qt.Key.Key_E, Qt.KeyboardModifier.ShiftModifier)
    assert stored(window, 0).evidence == ()
    assert window.panel.evidence.count() == 0


def test_undo_and_redo_append_events(window: MainWindow) -> None:
    window.actions.advance.setChecked(True)
    press(window, Qt.Key.Key_1)
    assert window.actions.undo.text() == "&Undo Mark Supported"
    sentence = window.review.article.rewrite.sentences[0]
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window, 0).label is None and current_index(window) == 0  # back to what was undone
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stored(window, 0).label is Verdict.SUPPORTED
    events = history(window.session.project, sentence.id)
    assert [(e.kind.value, e.via.value) for e in events] == [
        ("mark", "window"),
        ("clear", "undo"),
        ("mark", "redo"),
    ]


def test_the_note_is_saved_after_a_pause_and_when_leaving_it(window: MainWindow, qtbot) -> None:
    window.actions.write_note.trigger()
    assert window.panel.note.hasFocus()
    QTest.keyClicks(window.panel.note, "Source says 2,400 km")
    assert stored(window, 0).note == ""  # typed letters are text, not shortcuts
    with qtbot.waitSignal(window.panel.noteCommitted, timeout=3000):
        pass
    assert stored(window, 0).note == "Source says 2,400 km"
    QTest.keyClicks(window.panel.note, "!")
    QTest.keyClick(window.panel.note, Qt.Key.Key_Escape)  # Esc saves and hands the keys back
    assert stored(window, 0).note == "Source says 2,400 km!"
    assert window.rewrite_view.hasFocus()
    press(window, Qt.Key.Key_1)
    assert stored(window, 0).label is Verdict.SUPPORTED


def test_clicking_a_sentence_makes_it_current(window: MainWindow, qtbot) -> None:
    view = window.rewrite_view
    target = window.review.article.rewrite.sentences[1]
    rect = view.line_rects(target.start, target.end)[0]
    point = QPoint(int(rect.left() + 5), int(rect.center().y()))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert current_index(window) == 1


def test_find_walks_through_matches_in_the_rewrite(window: MainWindow) -> None:
    press(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.query.hasFocus()
    QTest.keyClicks(window.find_bar.query, "european")
    text = window.review.article.rewrite.text.lower()
    assert len(window.finder.matches) == text.count("european")
    QTest.keyClick(window.find_bar.query, Qt.Key.Key_Return)
    sentence = window.rewrite_view.current_sentence()
    assert "european" in sentence.text.lower()
    QTest.keyClick(window.find_bar.query, Qt.Key.Key_Escape)
    assert window.find_bar.isHidden() and window.rewrite_view.hasFocus()


def test_boilerplate_is_left_out_until_taken_in(window: MainWindow) -> None:
    medbot = next(s for s in window.session.articles() if s.title.startswith("MicroPort"))
    window.open_article(medbot.id)
    article = window.review.article
    reviewed, to_review = article.progress()
    paywall = next(s for s in article.rewrite.sentences if s.boilerplate)
    window.review.go_to(paywall.index)
    assert window.panel.scope_button.isVisibleTo(window.panel)
    press(window, Qt.Key.Key_X)
    assert stored(window, paywall.index).included is True
    assert article.progress() == (reviewed, to_review + 1)


def test_every_verdict_is_there_after_a_restart(open_window, demo_path: Path) -> None:
    first = open_window(demo_path)
    first.actions.advance.setChecked(True)
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_S]
    for key in keys:
        press(first, key)
    rewrite_id = first.review.article.rewrite.id
    expected = {i: stored(first, i).label for i in range(4)}
    first.close()
    first.session.project.close()
    second = open_window(demo_path)
    assert second.review.article.rewrite.id == rewrite_id  # the last article is remembered
    assert {i: stored(second, i).label for i in range(4)} == expected
    assert second.review.article.progress()[0] == 4
    assert current_index(second) == 4  # resumes at the first sentence without a verdict


def test_each_reviewer_sees_only_their_own_verdicts(window: MainWindow) -> None:
    window.actions.advance.setChecked(False)
    press(window, Qt.Key.Key_1)
    window.set_reviewer("bob")
    assert "bob" in window.reviewer_button.text()
    assert window.review.article.state(window.review.article.rewrite.sentences[0]).label is None
    press(window, Qt.Key.Key_2)
    window.set_reviewer("alice")
    assert stored(window, 0).label is Verdict.SUPPORTED


def test_enter_in_the_note_starts_a_new_line_and_accepts_nothing(window: MainWindow) -> None:
    window.actions.write_note.trigger()
    QTest.keyClicks(window.panel.note, "first")
    QTest.keyClick(window.panel.note, Qt.Key.Key_Return)
    QTest.keyClicks(window.panel.note, "second")
    QTest.keyClick(window.panel.note, Qt.Key.Key_Escape)
    assert stored(window, 0).note == "first\nsecond"
    assert stored(window, 0).label is None and current_index(window) == 0


def test_other_reviewers_verdicts_show_unless_blind_review_hides_them(window: MainWindow) -> None:
    from factcheck.core.review import Via
    from factcheck.store.decisions import decide
    from factcheck.store.settings import set_blind_review

    window.actions.advance.setChecked(False)
    sentence = window.review.article.rewrite.sentences[0]
    decide(
        window.session.project, sentence.id, "bob", lambda s: s.with_label(Verdict.CONTRADICTED), Via.WINDOW
    )
    window.review.reload()  # as when the window becomes active again
    assert "bob" in window.panel.others.text() and "✗" in window.panel.others.text()
    set_blind_review(window.session.project, True, "lead")
    window.review.reload()
    assert "bob" not in window.panel.others.text() and "Blind review" in window.panel.others.text()
    press(window, Qt.Key.Key_1)  # once I have decided, the others show
    assert "bob" in window.panel.others.text()
