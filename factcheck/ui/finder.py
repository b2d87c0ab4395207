"""Ctrl+F: matches in the chosen pane are highlighted and the first one after the reading place
is shown as you type; Enter walks through them ("3 of 7"). In the rewrite a match makes its
sentence current; in the source it is selected, ready to attach with E."""

from bisect import bisect_left

from PySide6.QtCore import QObject, Qt

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
        self.pane = Pane.REWRITE
        self._origin: int | None = None
        """Where the reader was when the search began: the first match shown is the next one."""
        bar.searched.connect(self.search)
        bar.stepped.connect(self.step)
        bar.closed.connect(self.close)
        bar.opened.connect(self._remember_origin)
        review.articleOpened.connect(lambda _: self._article_opened())

    def view(self, pane: Pane) -> ArticleView:
        return self.review.rewrite_view if pane is Pane.REWRITE else self.review.source_view

    def search(self, query: str, pane: Pane) -> None:
        """Highlight every match of `query` in `pane`, and show the first one after the origin."""
        if pane is not self.pane:
            self._clear_highlights()
            self.pane = pane
            self._remember_origin()
        view = self.view(pane)
        text = view.article.text if view.article and self.bar.isVisible() else ""
        self.matches = find_all(text, query) if text else []
        self.position = None
        view.set_find_matches(self.matches)
        self.bar.show_count(None, len(self.matches))
        if self.matches:
            self.step(1)

    def step(self, direction: int) -> None:
        if not self.matches:
            return
        if self.position is None:
            # First step: the first match after the reading place (or the last one before it).
            after = bisect_left(self.matches, (self._anchor(), 0))
            self.position = (after if direction > 0 else after - 1) % len(self.matches)
        else:
            self.position = (self.position + direction) % len(self.matches)
        start, end = self.matches[self.position]
        self.bar.show_count(self.position, len(self.matches))
        view = self.view(self.pane)
        view.set_find_matches(self.matches, (start, end))
        if self.pane is Pane.REWRITE:
            article = self.review.article
            sentence = sentence_at(article.rewrite.sentences, start) if article else None
            if sentence is not None and sentence.index != self.review.rewrite_view.current:
                self.review.go_to(sentence.index, scroll=False)
            view.scroll_to(start, end)
        else:
            self.review.source_view.select(start, end)
            view.scroll_to(start, end)

    def _anchor(self) -> int:
        if self._origin is None:
            self._remember_origin()
        return self._origin or 0

    def _remember_origin(self) -> None:
        """The reading place: the current sentence in the rewrite; the caret, else the top of
        the pane, in the source."""
        if self.pane is Pane.REWRITE:
            sentence = self.review.current()
            self._origin = sentence.start if sentence else 0
            return
        view = self.review.source_view
        cursor = view.textCursor()
        if view.cursorRect(cursor).intersects(view.viewport().rect()):
            self._origin = view.positions.from_qt(cursor.selectionStart())
        else:
            self._origin = view.visible_range()[0]

    def _article_opened(self) -> None:
        self._origin = None
        self.search(self.bar.query.text(), self.bar.current_pane())

    def close(self) -> None:
        """Hide the bar; the keyboard goes back to the pane searched (the source keeps the
        match selected, so Shift+arrows can widen it before E attaches it)."""
        self._clear_highlights()
        self.matches = []
        self.position = None
        self._origin = None
        self.bar.hide()
        self.view(self.pane).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _clear_highlights(self) -> None:
        for pane in Pane:
            view = self.view(pane)
            if view.find_matches or view.find_current:
                view.set_find_matches([])
