"""Ctrl+F: matches in the chosen pane are highlighted; Enter walks through them. In the rewrite a
match makes its sentence current; in the source it is selected, ready to attach with E."""

from bisect import bisect_left

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextCursor

from factcheck.core.article import sentence_at
from factcheck.core.find import find_all
from factcheck.ui.article_view import ArticleView
from factcheck.ui.find_bar import FindBar, Pane
from factcheck.ui.review import ReviewController


class Finder(QObject):
    def __init__(self, bar: FindBar, review: ReviewController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self.review = review
        self.matches: list[tuple[int, int]] = []
        self.position: int | None = None
        self._pane = Pane.REWRITE
        bar.searched.connect(self.search)
        bar.stepped.connect(self.step)
        bar.closed.connect(self.close)
        review.articleOpened.connect(lambda _: self.search(bar.query.text(), bar.current_pane()))

    def view(self, pane: Pane) -> ArticleView:
        return self.review.rewrite_view if pane is Pane.REWRITE else self.review.source_view

    def search(self, query: str, pane: Pane) -> None:
        self._clear_highlights()
        self._pane = pane
        view = self.view(pane)
        text = view.article.text if view.article and self.bar.isVisible() else ""
        self.matches = find_all(text, query) if text else []
        self.position = None
        view.find_matches = self.matches
        view.viewport().update()
        self.bar.show_count(None, len(self.matches))

    def step(self, direction: int) -> None:
        if not self.matches:
            return
        if self.position is None:
            # First step: the first match after the reading position (or the last one before it).
            after = bisect_left(self.matches, (self._anchor(), 0))
            self.position = (after if direction > 0 else after - 1) % len(self.matches)
        else:
            self.position = (self.position + direction) % len(self.matches)
        start, end = self.matches[self.position]
        self.bar.show_count(self.position, len(self.matches))
        view = self.view(self._pane)
        if self._pane is Pane.REWRITE:
            article = self.review.article
            sentence = sentence_at(article.rewrite.sentences, start) if article else None
            if sentence is not None:
                self.review.go_to(sentence.index, scroll=False)
            view.scroll_to(start, end)
        else:
            cursor = QTextCursor(view.document())
            cursor.setPosition(view.positions.to_qt(start))
            cursor.setPosition(view.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            view.setTextCursor(cursor)
            view.scroll_to(start, end)

    def _anchor(self) -> int:
        """Where to start looking: the current sentence in the rewrite, the top of the view in the source."""
        if self._pane is Pane.REWRITE:
            sentence = self.review.current()
            return sentence.start if sentence else 0
        return self.view(self._pane).visible_range()[0]

    def close(self) -> None:
        self._clear_highlights()
        self.matches = []
        self.bar.hide()
        self.review.rewrite_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _clear_highlights(self) -> None:
        for pane in Pane:
            view = self.view(pane)
            if view.find_matches:
                view.find_matches = []
                view.viewport().update()
