"""The rewrite pane: its sentences, tinted by my verdicts, with a badge per verdict in the gutter
and a frame around the current sentence. Clicking a sentence makes it current."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from factcheck.core.article import Article, Sentence, sentence_at
from factcheck.core.review import UNDECIDED, VerdictState
from factcheck.ui import palette
from factcheck.ui.article_view import ArticleView

if TYPE_CHECKING:
    from factcheck.core.assist.assistant import Hints

_BADGE = 17
_GUTTER_PAD = 5


class RewriteView(ArticleView):
    """Emits `sentenceClicked(index)` when the reviewer clicks a sentence (not when they select)."""

    sentenceClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Rewrite"))
        self.setAccessibleDescription(
            self.tr(
                "The rewrite under review; the current sentence is framed. J and K move between sentences."
            )
        )
        self._state_of: Callable[[Sentence], VerdictState] = lambda sentence: UNDECIDED
        self._in_review: Callable[[Sentence], bool] = lambda sentence: not sentence.boilerplate
        self._hints: Callable[[Sentence], Hints | None] = lambda sentence: None
        self.diff_spans: list[tuple[int, int]] = []
        """Words of the current sentence that the shown candidate does not have."""
        self._visible: dict[int, list[QRectF]] = {}
        self._visible_key: tuple | None = None
        self.current: int | None = None
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._press: QPoint | None = None
        self.gutter = _VerdictGutter(self)
        self.updateRequest.connect(self._scroll_gutter)
        self.setViewportMargins(self.gutter.width_needed(), 0, 0, 0)

    def show_rewrite(
        self,
        article: Article | None,
        state_of: Callable[[Sentence], VerdictState],
        in_review: Callable[[Sentence], bool],
    ) -> None:
        """Show the rewrite; `state_of` and `in_review` tell how to paint each sentence."""
        self._state_of = state_of
        self._in_review = in_review
        self._hints = lambda sentence: None
        self.diff_spans = []
        self.current = None
        self.find_matches = []
        self.find_current = None
        sentences = article.sentences if article else ()
        self._starts = [s.start for s in sentences]
        self._ends = [s.end for s in sentences]
        self.show_article(article)

    def set_hints(self, hints_of: Callable[[Sentence], Hints | None]) -> None:
        """Show the assistant's flags (it computes them after the article has opened)."""
        self._hints = hints_of
        self.viewport().update()

    def set_diff(self, spans: list[tuple[int, int]]) -> None:
        self.update_spans(self.diff_spans)  # where the old marks were
        self.diff_spans = spans
        self.update_spans(spans)

    def flag_spans(self, sentence: Sentence) -> list[tuple[int, int, str]]:
        """The sentence's discrepancy flags as absolute offsets, with their reasons."""
        hints = self._hints(sentence)
        if hints is None:
            return []
        return [(sentence.start + f.start, sentence.start + f.end, f.reason) for f in hints.flags]

    def set_current(self, index: int | None, scroll: bool = True) -> None:
        before = self.current_sentence()
        self.current = index
        sentence = self.current_sentence()
        if sentence is not None and scroll and self.scroll_to(sentence.start, sentence.end):
            self.viewport().update()
        else:
            self.update_spans([_span(before), _span(sentence)])
        self.gutter.update()

    def current_sentence(self) -> Sentence | None:
        if self.article is None or self.current is None:
            return None
        return self.article.sentences[self.current]

    def refresh_sentence(self, sentence: Sentence) -> None:
        """Repaint one sentence after its verdict changed."""
        for rect in self.line_rects(sentence.start, sentence.end):
            self.viewport().update(rect.adjusted(-6, -3, 6, 3).toAlignedRect())
        self.gutter.update()

    def scope_changed(self, sentence: Sentence) -> None:
        """The sentence was taken into the review or left out: grey it, or show it as any other."""
        self.restyle(sentence.start, sentence.end)
        self.refresh_sentence(sentence)

    def greyed_spans(self, article: Article) -> list[tuple[int, int]]:
        """Sentences out of the review, boilerplate or left out by me; boilerplate I took into
        the review reads like any other sentence."""
        return [(s.start, s.end) for s in article.sentences if not self._in_review(s)]

    def place_to_keep(self) -> tuple[int, int] | None:
        sentence = self.current_sentence()
        return (sentence.start, sentence.end) if sentence is not None else super().place_to_keep()

    # ----------------------------------------------------------------- painting
    def visible_sentences(self) -> dict[int, list[QRectF]]:
        """The on-screen rectangles of each visible sentence, by sentence index.

        Kept while the view does not move: the pane and its gutter both need them on every paint.
        """
        offset = self.contentOffset()
        key = (
            self.firstVisibleBlock().blockNumber(),
            offset.x(),
            offset.y(),
            self.viewport().width(),
            self.viewport().height(),
            self.document().revision(),
            id(self.article),
        )
        if self._visible_key != key:
            self._visible = self.visible_span_rects(self._starts, self._ends)
            self._visible_key = key
        return self._visible

    def paint_under(self, painter: QPainter) -> None:
        if self.article is None:
            return
        sentences = self.article.sentences
        painter.setPen(Qt.PenStyle.NoPen)
        for i, rects in self.visible_sentences().items():
            sentence = sentences[i]
            # A verdict on a sentence out of the review does not count: its badge shows it, and
            # its greyed text stays on the plain page where it can be read.
            label = self._state_of(sentence).label if self._in_review(sentence) else None
            if label is not None:
                painter.setBrush(palette.LOOKS[label].tint)
            elif i == self.current:
                painter.setBrush(palette.CURRENT_FILL)
            else:
                continue
            for rect in rects:
                painter.drawRoundedRect(rect.adjusted(-1.5, 0.5, 1.5, -0.5), 3, 3)
        self.paint_find_matches(painter)

    def paint_over(self, painter: QPainter) -> None:
        if self.article is not None:
            sentences = self.article.sentences
            flagged = [
                (start, end)
                for i in self.visible_sentences()
                if self._in_review(sentences[i])  # greyed boilerplate is not read for errors
                for start, end, _ in self.flag_spans(sentences[i])
            ]
            if flagged:
                self.underline_spans(painter, flagged, palette.FLAG, wavy=True)
        if self.diff_spans:
            self.underline_spans(painter, self.diff_spans, palette.DIFF, wavy=False)
        sentence = self.current_sentence()
        if sentence is not None:
            self.outline_span(painter, (sentence.start, sentence.end), palette.CURRENT_OUTLINE)

    def tooltip_at(self, offset: int) -> str:
        if self.article is not None:
            sentence = sentence_at(self.article.sentences, offset)
            if sentence is not None and self._in_review(sentence):
                reasons = [
                    reason for start, end, reason in self.flag_spans(sentence) if start <= offset < end
                ]
                if reasons:
                    return "\n".join(reasons)
        return super().tooltip_at(offset)

    # ----------------------------------------------------------------- clicking a sentence
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or self.article is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (event.position().toPoint() - press).manhattanLength() > 4 or self.textCursor().hasSelection():
            return  # a drag selects text to copy; only a click picks a sentence
        sentence = sentence_at(self.article.sentences, self.offset_at(press))
        if sentence is not None:
            self.sentenceClicked.emit(sentence.index)

    # ----------------------------------------------------------------- gutter
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        self.gutter.setGeometry(rect.left(), rect.top(), self.gutter.width_needed(), rect.height())
        # A smaller pane (the find bar opened, a splitter moved) keeps the current sentence in view.
        sentence = self.current_sentence()
        if sentence is not None and event.size().height() < event.oldSize().height():
            self.scroll_to(sentence.start, sentence.end)

    def _scroll_gutter(self, rect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def paint_gutter(self, painter: QPainter) -> None:
        """One badge (colour + glyph) per verdict, level with the first line of its sentence."""
        if self.article is None:
            return
        sentences = self.article.sentences
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, self.point_size() * 0.72))
        font.setBold(True)
        painter.setFont(font)
        per_line: dict[float, int] = {}
        for i, rects in sorted(self.visible_sentences().items()):
            first_line = rects[0]
            slot = per_line.get(first_line.top(), 0)
            per_line[first_line.top()] = slot + 1
            label = self._state_of(sentences[i]).label
            if label is None:
                continue
            look = palette.LOOKS[label]
            y = first_line.top() + (first_line.height() - _BADGE) / 2
            badge = QRectF(_GUTTER_PAD + slot * (_BADGE - 6), y, _BADGE, _BADGE)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(look.colour)
            painter.drawRoundedRect(badge, 4, 4)
            painter.setPen(look.on_colour)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, look.glyph)


def _span(sentence: Sentence | None) -> tuple[int, int] | None:
    return (sentence.start, sentence.end) if sentence is not None else None


class _VerdictGutter(QWidget):
    def __init__(self, view: RewriteView) -> None:
        super().__init__(view)
        self._view = view

    def width_needed(self) -> int:
        return _GUTTER_PAD * 2 + _BADGE + (_BADGE - 6)

    def sizeHint(self) -> QSize:
        return QSize(self.width_needed(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(event.rect(), self.palette().window())
        self._view.paint_gutter(painter)
        painter.end()
