"""The rewrite pane: its sentences, tinted by my verdicts, with a badge per verdict in the gutter
and a frame around the current sentence. Clicking a sentence makes it current.

The words I marked wrong (problem spans) are filled and underlined with a solid line. Words are
selected for that with the mouse, or with the keys: Left and Right put a caret in the current
sentence (Up and Down still move between sentences), Shift with an arrow selects, Ctrl+Shift
with an arrow selects word by word; a selection keeps to the current sentence and to whole
words. In a revised rewrite a bar in the gutter marks each sentence changed (solid) or new
(dashed) since the previous version, and a changed sentence shows the words it gained, filled,
and a wedge where it lost some.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QWidget

from factcheck.core.article import Article, Sentence, sentence_at
from factcheck.core.review import UNDECIDED, Span, VerdictState
from factcheck.core.revisions import RevisionStatus
from factcheck.ui import palette
from factcheck.ui.article_view import FORWARD_KEYS, ArticleView
from factcheck.ui.revision_marks import RevisionMarks

if TYPE_CHECKING:
    from factcheck.core.assist.assistant import Hints

_BADGE = 17
_GUTTER_PAD = 5
_BAR = 3
"""The width of the changed-since bar at the gutter's left edge."""

Key = Qt.Key
Mod = Qt.KeyboardModifier
_SIDEWAYS = frozenset(k.value for k in (Key.Key_Left, Key.Key_Right))
_EXTENDING = frozenset(k.value for k in (Key.Key_Home, Key.Key_End, Key.Key_Up, Key.Key_Down))
"""With Shift, these extend a selection too (without it, Up and Down move between sentences)."""


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
        self._revision_of: Callable[[Sentence], RevisionMarks | None] = lambda sentence: None
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
        self._revision_of = lambda sentence: None
        self._leave_caret()
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

    def set_revision(self, marks_of: Callable[[Sentence], RevisionMarks | None]) -> None:
        """Show what changed since the previous version (a revised rewrite)."""
        self._revision_of = marks_of
        self.viewport().update()
        self.gutter.update()

    def revision_marks(self, sentence: Sentence) -> RevisionMarks | None:
        return self._revision_of(sentence)

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
        if index != self.current:
            self._leave_caret()  # a selection belongs to the sentence it was made in
        self.current = index
        sentence = self.current_sentence()
        # Reading on (the next sentence or one of the few after it): the page turns ahead.
        ahead = before is not None and sentence is not None and 0 < sentence.index - before.index <= 3
        if sentence is not None and scroll and self.scroll_to(sentence.start, sentence.end, ahead):
            self.viewport().update()  # the gutter follows the scroll (updateRequest)
        else:
            self.update_spans([_span(before), _span(sentence)])

    def current_sentence(self) -> Sentence | None:
        if self.article is None or self.current is None:
            return None
        return self.article.sentences[self.current]

    def refresh_sentence(self, sentence: Sentence) -> None:
        """Repaint one sentence after its verdict changed, and its badge beside it."""
        width = self.gutter.width()
        for rect in self.line_rects(sentence.start, sentence.end):
            self.viewport().update(rect.adjusted(-6, -3, 6, 3).toAlignedRect())
            self.gutter.update(0, int(rect.top()) - 3, width, int(rect.height()) + 6)

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

    def painted_sentences(self) -> dict[int, list[QRectF]]:
        """The visible sentences in the part of the pane being repainted. A key repaints the
        lines of two sentences; drawing, and finding the flags of, every sentence on screen each
        time would cost several milliseconds a key."""
        visible = self.visible_sentences()
        clip = self.clip
        if clip is None:
            return visible
        return {i: rects for i, rects in visible.items() if any(rect.intersects(clip) for rect in rects)}

    def paint_under(self, painter: QPainter) -> None:
        if self.article is None:
            return
        sentences = self.article.sentences
        painted = self.painted_sentences()
        painter.setPen(Qt.PenStyle.NoPen)
        for i, rects in painted.items():
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
        marks = self._revision_marks(painted)
        inserted = [span for m in marks for span in m.inserted]
        if inserted:
            self.fill_spans(painter, inserted, palette.INSERTED)
        problems = self._problems(painted)
        if problems:
            self.fill_spans(painter, problems, palette.PROBLEM_FILL)
        self.paint_find_matches(painter)

    def visible_problems(self) -> list[Span]:
        """The words I marked wrong in the sentences on screen."""
        return self._problems(self.visible_sentences())

    def _problems(self, shown: Iterable[int]) -> list[Span]:
        if self.article is None:
            return []
        sentences = self.article.sentences
        return [span for i in shown for span in self._state_of(sentences[i]).problems]

    def _revision_marks(self, shown: Iterable[int]) -> list[RevisionMarks]:
        if self.article is None:
            return []
        sentences = self.article.sentences
        found = (self._revision_of(sentences[i]) for i in shown)
        return [m for m in found if m is not None]

    def paint_over(self, painter: QPainter) -> None:
        painted = self.painted_sentences()
        problems = self._problems(painted)
        if self.article is not None:
            sentences = self.article.sentences
            flagged = [
                (start, end)
                for i in painted
                if self._in_review(sentences[i])  # greyed boilerplate is not read for errors
                for start, end, _ in self.flag_spans(sentences[i])
                # A flag taken as a problem is drawn as the problem (the two lines would cross).
                if not any(a <= start and end <= b for a, b in problems)
            ]
            if flagged:
                self.underline_spans(painter, flagged, palette.FLAG, wavy=True)
        if self.diff_spans:
            self.underline_spans(painter, self.diff_spans, palette.DIFF, wavy=False)
        if problems:
            self._underline_problems(painter, problems)
        for marks in self._revision_marks(painted):
            for offset in marks.deletions:
                self._paint_deletion(painter, offset)
        sentence = self.current_sentence()
        if sentence is not None and (self.current in painted or self.clip is None):
            self.outline_span(painter, (sentence.start, sentence.end), palette.CURRENT_OUTLINE)

    def _underline_problems(self, painter: QPainter, spans: list[Span]) -> None:
        """A solid bar under each line of words marked wrong: neither wavy (a flag) nor dotted
        (a difference), so it reads without its colour."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.PROBLEM)
        for start, end in spans:
            for rect in self.line_rects(start, end):
                painter.drawRect(QRectF(rect.left(), rect.bottom() - 2.5, rect.width(), 2.2))

    def _paint_deletion(self, painter: QPainter, offset: int) -> None:
        """A small wedge under the line where words were deleted."""
        rects = self.line_rects(offset - 1, offset) if offset > 0 else []
        if not rects:
            return
        x, y = rects[-1].right() + 1, rects[-1].bottom()
        wedge = QPainterPath(QPointF(x, y - 5))
        wedge.lineTo(QPointF(x + 4, y + 1))
        wedge.lineTo(QPointF(x - 4, y + 1))
        wedge.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.DELETED)
        painter.drawPath(wedge)

    def tooltip_at(self, offset: int) -> str:
        if self.article is not None:
            sentence = sentence_at(self.article.sentences, offset)
            if sentence is not None:
                tips = []
                if any(a <= offset < b for a, b in self._state_of(sentence).problems):
                    tips.append(self.tr("You marked these words wrong"))
                if self._in_review(sentence):
                    tips += [r for start, end, r in self.flag_spans(sentence) if start <= offset < end]
                marks = self._revision_of(sentence)
                if marks is not None and any(a <= offset < b for a, b in marks.inserted):
                    tips.append(self.tr("Put in since the previous version"))
                if tips:
                    return "\n".join(tips)
        return super().tooltip_at(offset)

    # ----------------------------------------------------------------- selecting words
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key().value if isinstance(event.key(), Key) else int(event.key())
        shift = bool(event.modifiers() & Mod.ShiftModifier)
        sentence = self.current_sentence()
        if sentence is None or not (key in _SIDEWAYS or (shift and key in _EXTENDING)):
            super().keyPressEvent(event)
            return
        forward = key in FORWARD_KEYS
        if self._enter_caret(sentence, at_end=not forward and not shift) and not shift:
            return  # the first arrow puts the caret in the sentence (at its start, or its end)
        super().keyPressEvent(event)
        self._keep_to(sentence, forward)

    def _enter_caret(self, sentence: Sentence, at_end: bool) -> bool:
        """The keys select from now on; a caret outside the current sentence goes to its start
        (or its end), and True says it had to. (Not before the keys ask: a caret that blinks
        costs a repaint twice a second.)"""
        flags = self.textInteractionFlags()
        if not flags & Qt.TextInteractionFlag.TextSelectableByKeyboard:
            self.setTextInteractionFlags(flags | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        if sentence.start <= self.caret_offset() <= sentence.end:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(sentence.end if at_end else sentence.start))
        self.setTextCursor(cursor)
        return True

    def _keep_to(self, sentence: Sentence, forward: bool) -> None:
        """Keep the caret, and the selection, to the sentence and to whole words."""
        self.snap_selection(forward)
        cursor = self.textCursor()
        anchor = self.positions.from_qt(cursor.anchor())
        position = self.positions.from_qt(cursor.position())
        kept = (
            min(max(anchor, sentence.start), sentence.end),
            min(max(position, sentence.start), sentence.end),
        )
        if kept != (anchor, position):
            self.select(*kept)

    def _leave_caret(self) -> None:
        """Back to selecting with the mouse only, nothing selected."""
        flags = self.textInteractionFlags()
        if flags & Qt.TextInteractionFlag.TextSelectableByKeyboard:
            self.setTextInteractionFlags(flags & ~Qt.TextInteractionFlag.TextSelectableByKeyboard)
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    def caret_offset(self) -> int:
        return self.positions.from_qt(self.textCursor().position())

    def collapse_selection(self) -> None:
        """Keep the caret where the selection ended, selecting nothing (its words were taken)."""
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

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
            # A drag selects words (to copy, or to mark wrong with P); only a click picks a sentence.
            cursor = self.textCursor()
            self.snap_selection(forward=cursor.position() > cursor.anchor())
            return
        sentence = sentence_at(self.article.sentences, self.offset_at(press))
        if sentence is not None:
            self.sentenceClicked.emit(sentence.index)

    # ----------------------------------------------------------------- gutter
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        self.gutter.setGeometry(rect.left(), rect.top(), self.gutter.width_needed(), rect.height())
        # A smaller pane (the find bar opened, a splitter moved), or one of another width (the text
        # wraps anew), keeps the current sentence in view.
        sentence = self.current_sentence()
        size, old = event.size(), event.oldSize()
        if sentence is not None and (size.height() < old.height() or size.width() != old.width()):
            self.scroll_to(sentence.start, sentence.end)

    def _scroll_gutter(self, rect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def paint_gutter(self, painter: QPainter, clip: QRectF) -> None:
        """One badge (colour + glyph) per verdict, level with the first line of its sentence;
        drawn only where `clip` (the part being repainted) needs it."""
        if self.article is None:
            return
        sentences = self.article.sentences
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, self.point_size() * 0.72))
        font.setBold(True)
        painter.setFont(font)
        per_line: dict[float, int] = {}
        for i, rects in sorted(self.visible_sentences().items()):
            if rects[0].top() > clip.bottom() or rects[-1].bottom() < clip.top():
                per_line[rects[0].top()] = per_line.get(rects[0].top(), 0) + 1  # its slot is taken
                continue
            marks = self._revision_of(sentences[i])
            if marks is not None and marks.status is not RevisionStatus.CARRIED:
                self._paint_bar(painter, rects, dashed=marks.status is RevisionStatus.NEW)
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

    def _paint_bar(self, painter: QPainter, rects: list[QRectF], dashed: bool) -> None:
        """The bar beside a sentence changed (solid) or new (dashed) since the previous version."""
        pen = QPen(palette.REVISED, _BAR)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if dashed:
            pen.setDashPattern([1.2, 0.8])
        painter.setPen(pen)
        x = 1 + _BAR / 2
        painter.drawLine(QPointF(x, rects[0].top() + 1), QPointF(x, rects[-1].bottom() - 1))


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
        self._view.paint_gutter(painter, QRectF(event.rect()))
        painter.end()
