"""The whole demo review with the keyboard alone, from the first key: no click anywhere."""

from itertools import cycle
from pathlib import Path

from PySide6.QtWidgets import QApplication

from factcheck.core.labels import Verdict
from factcheck.store.decisions import history, verdicts_for_article
from factcheck.store.project import Project
from factcheck.ui.main_window import MainWindow
from tests.ui.keyboard import press, type_text


def current(window: MainWindow) -> int:
    return window.rewrite_view.current


def wait_for_the_assistant(window: MainWindow, qtbot) -> None:
    """The candidates arrive from a worker thread a moment after an article opens."""
    qtbot.waitUntil(lambda: window.review.article.assessment is not None, timeout=30_000)


def answer_dialog(window: MainWindow, qtbot, text: str) -> None:
    """Type into the modal dialog that has just opened, and press Enter."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    press(window, "Ctrl+A")
    type_text(window, text)
    press(window, "Return")
    qtbot.waitUntil(window.isActiveWindow)  # the desktop gives the window the keys back


def mark_until_done(window: MainWindow, keys) -> int:
    """Mark sentence after sentence (marking moves on) until none is left in this rewrite."""
    article = window.review.article
    pressed = 0
    while article.next_unreviewed(-1, wrap=False) is not None:
        if article.state(article.rewrite.sentences[current(window)]).label is not None:
            press(window, "N")
        press(window, next(keys))
        pressed += 1
        assert pressed < 100, "marking does not move on"
    return pressed


def test_the_whole_demo_review_by_keyboard_alone(window: MainWindow, demo_path: Path, qtbot) -> None:
    review, source_view = window.review, window.source_view
    first = review.article
    assert first.rewrite.title.startswith("A surgical robot") and window.rewrite_view.hasFocus()
    wait_for_the_assistant(window, qtbot)

    # Evidence by keyboard: F6 into the source, where the caret waits at the candidate.
    press(window, "F6")
    assert source_view.hasFocus()
    candidate = source_view.candidate
    assert source_view.positions.from_qt(source_view.textCursor().position()) == candidate[0]
    press(window, "Ctrl+Shift+Right", "Ctrl+Shift+Right", "Ctrl+Shift+Right", "E")
    (evidence,) = first.state(first.rewrite.sentences[0]).evidence
    quoted = first.source.text[evidence[0] : evidence[1]]
    assert evidence[0] == candidate[0] and len(quoted.split()) == 3, quoted
    assert first.source.text[candidate[0] : candidate[1]].startswith(quoted)
    press(window, "Escape")
    assert window.rewrite_view.hasFocus()
    press(window, "T")
    type_text(window, "The headline says the same")
    press(window, "Escape", "1")
    assert current(window) == 1  # marked, saved, moved on

    # Find in the rewrite makes the matching sentence current and says where it is.
    press(window, "Ctrl+F")
    type_text(window, "Device Regulation")
    assert window.find_bar.count.text() == "1 of 1"
    assert "Device Regulation" in first.rewrite.sentences[current(window)].text
    press(window, "Escape")
    assert window.find_bar.isHidden() and window.rewrite_view.hasFocus()

    # Back to sentence 2 by its number, then every sentence of this rewrite.
    press(window, "Ctrl+G")
    answer_dialog(window, qtbot, "2")
    assert current(window) == 1
    keys = cycle(["2", "1", "3", "S", "C", "U"])
    mark_until_done(window, keys)
    assert first.progress()[0] == first.progress()[1] == 21

    # N at the end of a rewrite goes on to the next one with sentences to review.
    press(window, "N")
    second = review.article
    assert second is not first and second.rewrite.title.startswith("MicroPort")
    assert "On to" in window.statusBar().currentMessage()
    wait_for_the_assistant(window, qtbot)

    # The sentence list: filter by words, go down into the list, Enter makes it current.
    press(window, "Ctrl+Shift+L")
    type_text(window, "passport")
    press(window, "Down", "Return")
    assert "passport" in second.rewrite.sentences[current(window)].text
    press(window, "Escape")
    assert window.rewrite_view.hasFocus()

    # Enter takes the assistant's suggestion (with its candidate as evidence); undo, redo.
    press(window, "Return")
    passport = second.rewrite.sentences[current(window) - 1]
    suggested = second.hints(passport).suggestion.verdict
    assert second.state(passport).label is suggested
    press(window, "Ctrl+Z")
    assert second.state(passport).label is None and current(window) == passport.index
    press(window, "Ctrl+Shift+Z")
    assert second.state(passport).label is suggested

    # ] shows the next candidate, A attaches it, Shift+E removes it again.
    sentences = second.rewrite.sentences
    candidates = next(s for s in sentences if not s.boilerplate and len(second.hints(s).matches) > 1)
    press(window, "Ctrl+G")
    answer_dialog(window, qtbot, str(candidates.index + 1))
    assert current(window) == candidates.index
    press(window, "]", "A")
    (attached,) = second.state(candidates).evidence
    shown = second.source.sentences[second.hints(candidates).matches[1].source_index]
    assert attached == (shown.start, shown.end)
    press(window, "Shift+E")
    assert second.state(candidates).evidence == ()

    # Boilerplate taken into the review with X is then reviewed like any other sentence.
    press(window, "Ctrl+G")
    answer_dialog(window, qtbot, "36")  # "Join the Club"
    joined = second.rewrite.sentences[current(window)]
    assert joined.boilerplate and not second.in_review(joined)
    press(window, "X")
    assert second.in_review(joined)
    press(window, "3")
    mark_until_done(window, keys)
    press(window, "N")
    assert "Every sentence" in window.statusBar().currentMessage()

    # Back to the first rewrite, then the lead's audit window, and close it again.
    press(window, "Ctrl+PgUp")
    assert review.article.rewrite.id == first.rewrite.id
    press(window, "Ctrl+Shift+A")
    audit = window.audit
    qtbot.waitUntil(audit.isActiveWindow)
    press(audit, "Ctrl+W")
    assert not audit.isVisible()

    # Everything is in the project file, read back through a connection of its own.
    project = Project.open(demo_path)
    try:
        for article in (first, second):
            mine = verdicts_for_article(project, article.rewrite.id, "alice")
            for sentence in article.rewrite.sentences:
                state = mine.get(sentence.id)
                if article.in_review(sentence):
                    assert state is not None and state.label is not None, sentence.text
        one = verdicts_for_article(project, first.rewrite.id, "alice")[first.rewrite.sentences[0].id]
        assert one.label is Verdict.SUPPORTED
        assert one.evidence == (evidence,) and one.note == "The headline says the same"
        assert verdicts_for_article(project, second.rewrite.id, "alice")[joined.id].included is True
        kinds = [(e.kind.value, e.via.value) for e in history(project, passport.id)]
        assert ("mark", "suggestion") in kinds and ("clear", "undo") in kinds and ("mark", "redo") in kinds
    finally:
        project.close()
