"""In-process window benchmarks: opening a big rewrite, and marking sentences with the keyboard.

Both run the real `MainWindow` offscreen. A paint is known to have happened from an event filter
on the rewrite pane's viewport; it is known to be over when `processEvents()` returns (Qt paints
synchronously while it handles the window's update request), so every time here runs to the end
of a complete repaint, whatever else the event loop had to do first.
"""

import sqlite3
import time
from contextlib import closing
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPlainTextEdit, QWidget

from factcheck.core.labels import Verdict
from factcheck.store.project import Project
from factcheck.store.session import ReviewSession
from factcheck.ui.main_window import MainWindow

_KEYS = {
    Verdict.SUPPORTED: Qt.Key.Key_1,
    Verdict.CONTRADICTED: Qt.Key.Key_2,
    Verdict.UNVERIFIABLE: Qt.Key.Key_3,
}
_PAINT_TIMEOUT_S = 5.0


class PaintWatch(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False

    def wait(self, since: int) -> None:
        """Handle the pending events, and more until the widget has painted after the count
        was `since`."""
        app = QApplication.instance()
        deadline = time.perf_counter() + _PAINT_TIMEOUT_S
        app.processEvents()
        while self.paints == since:
            if time.perf_counter() > deadline:
                raise RuntimeError("the pane did not repaint")
            app.processEvents()


def open_window(path: Path, reviewer: str, settings_path: Path) -> MainWindow:
    """The window as `factcheck --db PATH` opens it (settings in a file of our own), shown and idle."""
    session = ReviewSession(Project.open(path), reviewer)
    window = MainWindow(session, QSettings(str(settings_path), QSettings.Format.IniFormat))
    window.show()
    window.activateWindow()
    window.reload_articles()
    settle()
    return window


def wait_for_assistant(window: MainWindow, timeout_s: float = 600.0) -> float:
    """Let the evidence assistant's job (started by each open) finish; the seconds it took."""
    app = QApplication.instance()
    start = time.perf_counter()
    while window.review.jobs:
        if time.perf_counter() - start > timeout_s:
            raise RuntimeError("the evidence assistant did not finish")
        app.processEvents()
        time.sleep(0.001)
    return time.perf_counter() - start


def forget_assessment(path: Path, rewrite_id: str) -> None:
    """Drop the assistant's kept result for the rewrite (a cache the product recomputes on open)."""
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("DELETE FROM assessments WHERE rewrite_id = ?", [rewrite_id])


def activate(window: QWidget) -> None:
    """Make `window` the active window again (another top-level may have taken over): the
    keyboard shortcuts act only in the active window."""
    window.activateWindow()
    window.raise_()
    deadline = time.perf_counter() + _PAINT_TIMEOUT_S
    while not window.isActiveWindow():
        if time.perf_counter() > deadline:
            raise RuntimeError("the window did not become active")
        QApplication.instance().processEvents()
    settle()


def settle() -> None:
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()


def time_open(window: MainWindow, article_id: str) -> float:
    """Seconds from `open_article` to the end of the first paint of the rewrite with its tints
    (a forced repaint of the window, then the events that were pending)."""
    watch = PaintWatch(window.rewrite_view.viewport())
    start = time.perf_counter()
    window.open_article(article_id)
    window.repaint()
    watch.wait(0)
    elapsed = time.perf_counter() - start
    window.rewrite_view.viewport().removeEventFilter(watch)
    return elapsed


def tinted_sentences_on_screen(window: MainWindow) -> int:
    """How many sentences on screen carry a verdict tint (proves the paint did the real work)."""
    article = window.review.article
    assert article is not None
    sentences = article.rewrite.sentences
    return sum(
        1 for i in window.rewrite_view.visible_sentences() if article.state(sentences[i]).label is not None
    )


class TwoPanes(QWidget):
    """The floor for opening: two plain `QPlainTextEdit`s side by side, window-sized."""

    def __init__(self) -> None:
        super().__init__()
        self.left, self.right = QPlainTextEdit(), QPlainTextEdit()
        layout = QHBoxLayout(self)
        layout.addWidget(self.left)
        layout.addWidget(self.right)
        self.resize(1440, 880)
        self.show()
        settle()

    def time_show(self, rewrite: str, source: str) -> float:
        watch = PaintWatch(self.left.viewport())
        start = time.perf_counter()
        self.left.setPlainText(rewrite)
        self.right.setPlainText(source)
        self.repaint()
        watch.wait(0)
        elapsed = time.perf_counter() - start
        self.left.viewport().removeEventFilter(watch)
        return elapsed

    def clear(self) -> None:
        self.left.clear()
        self.right.clear()
        settle()


def time_marks(window: MainWindow, count: int) -> list[float]:
    """Press 1, 2 or 3 `count` times on the open rewrite (the window moves on after each mark).

    Each key names a verdict other than the sentence's current one, so that every press is a
    real decision that commits an event (the same verdict again writes nothing)."""
    assert window.actions.advance.isChecked(), "advance after marking is on by default"
    activate(window)
    window.rewrite_view.setFocus()
    review, view = window.review, window.rewrite_view
    watch = PaintWatch(view.viewport())
    labels = list(Verdict)
    latencies = []
    for i in range(count):
        sentence = review.current()
        assert sentence is not None and review.article is not None
        before = review.article.state(sentence).label
        label = next(v for k in range(3) if (v := labels[(i + k) % 3]) != before)
        target = window.focusWidget() or window
        since = watch.paints
        start = time.perf_counter()
        QTest.keyClick(target, _KEYS[label])
        watch.wait(since)
        latencies.append(time.perf_counter() - start)
    view.viewport().removeEventFilter(watch)
    return latencies


class DownKeys:
    """The floor for a key press: Down in a bare `QPlainTextEdit` holding the same text."""

    def __init__(self, text: str) -> None:
        self.edit = QPlainTextEdit()
        self.edit.resize(700, 700)
        self.edit.setPlainText(text)
        self.edit.show()
        self.edit.activateWindow()
        self.edit.setFocus()
        settle()

    def time_keys(self, count: int) -> list[float]:
        watch = PaintWatch(self.edit.viewport())
        latencies = []
        for _ in range(count):
            since = watch.paints
            start = time.perf_counter()
            QTest.keyClick(self.edit, Qt.Key.Key_Down)
            watch.wait(since)
            latencies.append(time.perf_counter() - start)
        self.edit.viewport().removeEventFilter(watch)
        return latencies
