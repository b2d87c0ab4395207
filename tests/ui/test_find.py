"""Find searches the pane it says: in the rewrite it moves the current sentence, in the source it
selects the match; both say "n of m"."""

from PySide6.QtWidgets import QApplication

from factcheck.core.find import find_all
from factcheck.ui.find_bar import Pane
from factcheck.ui.main_window import MainWindow
from tests.ui.keyboard import press, type_text


def open_find(window: MainWindow, pane: Pane, query: str) -> None:
    """Ctrl+F, then (if need be) Tab to the scope, an arrow to change it, back with Shift+Tab."""
    press(window, "Ctrl+F")
    bar = window.find_bar
    if bar.current_pane() is not pane:
        press(window, "Tab")
        assert QApplication.focusWidget() is bar.pane
        press(window, "Down" if pane is Pane.SOURCE else "Up", "Shift+Tab")
        assert QApplication.focusWidget() is bar.query
    press(window, "Ctrl+A")
    type_text(window, query)


def test_the_scope_comes_back_from_qt_as_the_pane_itself(window: MainWindow) -> None:
    window.find_bar.open(Pane.SOURCE)
    assert window.find_bar.current_pane() is Pane.SOURCE
    window.find_bar.open(Pane.REWRITE)
    assert window.find_bar.current_pane() is Pane.REWRITE


def test_in_the_rewrite_a_match_becomes_the_current_sentence(window: MainWindow) -> None:
    rewrite = window.review.article.rewrite
    open_find(window, Pane.REWRITE, "Device Regulation")
    assert window.find_bar.count.text() == "1 of 1"
    assert "Device Regulation" in window.rewrite_view.current_sentence().text
    assert window.rewrite_view.find_matches and not window.source_view.find_matches
    press(window, "Ctrl+A")
    type_text(window, "robot")
    expected = find_all(rewrite.text, "robot")
    assert window.finder.matches == expected and len(expected) > 1
    assert window.source_view.find_matches == []  # every highlight is in the rewrite
    seen = []
    for _ in expected:
        seen.append(window.find_bar.count.text())
        start, _end = window.rewrite_view.find_current
        assert (
            window.rewrite_view.current_sentence().start <= start < window.rewrite_view.current_sentence().end
        )
        press(window, "Return")
    assert seen == [f"{n} of {len(expected)}" for n in range(1, len(expected) + 1)]
    assert window.find_bar.count.text() == f"1 of {len(expected)}"  # round again
    press(window, "Shift+Return")
    assert window.find_bar.count.text() == f"{len(expected)} of {len(expected)}"


def test_in_the_source_a_match_is_selected_ready_to_attach(window: MainWindow) -> None:
    source = window.review.article.source
    open_find(window, Pane.SOURCE, "teleoperated")
    expected = find_all(source.text, "teleoperated")
    assert window.finder.matches == expected
    assert window.rewrite_view.find_matches == []
    assert window.find_bar.count.text() == f"1 of {len(expected)}"
    assert window.source_view.selected_span() == expected[0]
    current = window.rewrite_view.current
    press(window, "Return")
    assert window.source_view.selected_span() == expected[1 % len(expected)]
    assert window.rewrite_view.current == current  # the rewrite stays where it was
    press(window, "Escape")
    assert QApplication.focusWidget() is window.source_view  # Shift+arrows can widen it now
    press(window, "E")
    article = window.review.article
    assert article.state(article.rewrite.sentences[current]).evidence == (expected[1 % len(expected)],)


def test_ctrl_f_finds_in_the_pane_that_has_the_keyboard(window: MainWindow) -> None:
    press(window, "F6", "Ctrl+F")
    assert window.find_bar.current_pane() is Pane.SOURCE
    press(window, "Escape", "Escape")
    assert QApplication.focusWidget() is window.rewrite_view
    press(window, "Ctrl+F")
    assert window.find_bar.current_pane() is Pane.REWRITE
    press(window, "Escape", "Ctrl+Shift+F")
    assert window.find_bar.current_pane() is Pane.SOURCE


def test_no_match_says_so(window: MainWindow) -> None:
    open_find(window, Pane.REWRITE, "Baichuan")  # only the source names it
    assert window.find_bar.count.text() == "no match"
    open_find(window, Pane.SOURCE, "Baichuan")
    assert window.find_bar.count.text().startswith("1 of ")
