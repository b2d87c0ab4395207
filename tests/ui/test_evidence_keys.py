"""Evidence chosen in the source with the keyboard or the mouse, always on whole words."""

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from factcheck.ui.main_window import MainWindow
from tests.ui.keyboard import press, type_text


def selection(window: MainWindow) -> str:
    view = window.source_view
    cursor = view.textCursor()
    start, end = (view.positions.from_qt(p) for p in (cursor.selectionStart(), cursor.selectionEnd()))
    return view.article.text[start:end]


def caret_at(window: MainWindow, text: str, into: int = 0) -> int:
    """Put the caret `into` characters into the first `text` of the source, with the keys:
    find it (Ctrl+F in the source), leave the bar, and step with the arrows."""
    press(window, "F6")
    press(window, "Ctrl+F")
    type_text(window, text)
    press(window, "Escape")  # back in the source, the match selected
    assert QApplication.focusWidget() is window.source_view
    press(window, "Left")  # the caret at the start of the match
    press(window, *["Right"] * into)
    view = window.source_view
    return view.positions.from_qt(view.textCursor().position())


def test_shift_arrows_select_whole_words_forward_and_back(window: MainWindow) -> None:
    text = window.review.article.source.text
    start = caret_at(window, "Shanghai MicroPort MedBot said", into=3)  # inside "Shanghai"
    assert text[start:].startswith("nghai")
    press(window, "Shift+Right")
    assert selection(window) == "Shanghai"  # widened to the whole word both ways
    press(window, "Shift+Right", "Shift+Right")
    assert selection(window) == "Shanghai MicroPort"
    press(window, "Ctrl+Shift+Right", "Ctrl+Shift+Right")  # word by word: to the next word's start
    assert selection(window) == "Shanghai MicroPort MedBot "
    press(window, "Shift+Left")
    assert selection(window) == "Shanghai MicroPort MedBot"
    press(window, "Shift+Left")  # into "MedBot": the whole word is given back
    assert selection(window) == "Shanghai MicroPort "
    press(window, "E")
    article = window.review.article
    (span,) = article.state(article.rewrite.sentences[0]).evidence
    assert text[span[0] : span[1]] == "Shanghai MicroPort"  # without the space


def test_plain_arrows_move_the_caret_not_the_sentence(window: MainWindow) -> None:
    caret_at(window, "Shanghai")
    before = window.rewrite_view.current
    press(window, "Down", "Down", "Up", "Right")
    assert window.rewrite_view.current == before  # the arrows are the caret's here
    press(window, "J")
    assert window.rewrite_view.current == before + 1  # the letters still are the window's


def test_a_find_match_inside_a_word_is_attached_as_the_whole_word(window: MainWindow) -> None:
    caret_at(window, "icroPor")
    assert selection(window) == ""  # the caret stepped to the match's start
    press(window, "Ctrl+F")
    type_text(window, "icroPor")
    press(window, "Escape", "E")
    article = window.review.article
    (span,) = article.state(article.rewrite.sentences[0]).evidence
    assert article.source.text[span[0] : span[1]] == "MicroPort"


def drag(view, start: QPoint, end: QPoint) -> None:
    """A left-button drag in the viewport (QTest's mouseMove cannot hold a button down)."""
    target = view.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    mods = Qt.KeyboardModifier.NoModifier
    for kind, point, button, buttons in (
        (QEvent.Type.MouseButtonPress, start, left, left),
        (QEvent.Type.MouseMove, (start + end) / 2, none, left),
        (QEvent.Type.MouseMove, end, none, left),
        (QEvent.Type.MouseButtonRelease, end, left, none),
    ):
        local = QPointF(point)
        global_point = QPointF(target.mapToGlobal(point))
        QApplication.sendEvent(target, QMouseEvent(kind, local, global_point, button, buttons, mods))


def test_a_mouse_drag_snaps_to_whole_words(window: MainWindow) -> None:
    view = window.source_view
    text = view.article.text
    phrase = "Shanghai MicroPort MedBot said its"
    start = text.index(phrase)
    view.scroll_to(start, start + len(phrase))
    first = view.line_rects(start + 3, start + 4)[0]  # inside "Shanghai"
    last = view.line_rects(start + 27, start + 28)[0]  # inside "said"
    drag(view, first.center().toPoint(), last.center().toPoint())
    assert selection(window) == "Shanghai MicroPort MedBot said"
