"""A read-only pane that shows one article's stored text with its headings, emphasis and links.

The text is the article's stored text, character for character, so every `[start, end)` offset
maps straight to the screen. Highlights (verdict tints, evidence, the current sentence, find
matches) are painted over the visible lines only, at paint time: an article of 20,000 sentences
opens as fast as its plain text, and a new verdict repaints one sentence, not the document.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from factcheck.core.article import Article
from factcheck.core.document import BlockKind, InlineSpan, InlineStyle
from factcheck.core.words import snap_selection, snap_to_words, trimmed
from factcheck.ui import palette
from factcheck.ui.offsets import QtPositions

Span = tuple[int, int]

_HEADING_SCALE = {1: 1.45, 2: 1.25, 3: 1.12}

FORWARD_KEYS = frozenset(
    k.value for k in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_End, Qt.Key.Key_PageDown)
)
"""Keys that move a caret towards the end of the text (a selection they extend grows forward)."""


class ArticleView(QPlainTextEdit):
    """Shows an article; subclasses decide what to highlight by overriding the paint hooks."""

    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)  # a read-only pane needs no undo history (and it costs memory)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDocumentMargin(14)
        self.setMouseTracking(True)
        self.article: Article | None = None
        self.find_matches: list[Span] = []
        """Find-bar matches, highlighted while the bar is open."""
        self.find_current: Span | None = None
        """The match last stepped to."""
        self.positions = QtPositions("")
        self.clip: QRectF | None = None
        """While painting, the part of the viewport being repainted (None otherwise)."""
        self._painted_rects: dict[Span, list[QRectF]] = {}
        self._span_starts: list[int] = []
        self._point_size = QFont().pointSizeF() + 1.5
        self._apply_font()

    # ----------------------------------------------------------------- showing an article
    def show_article(self, article: Article | None) -> None:
        """Show `article` (or nothing), styled by its blocks and inline spans."""
        self.article = article
        text = article.text if article else ""
        self.positions = QtPositions(text)
        self.setPlainText(text)
        if article is not None:
            self._style(article)
        self._span_starts = [span.start for span in article.spans] if article else []
        self.verticalScrollBar().setValue(0)

    def _style(self, article: Article) -> None:
        cursor = QTextCursor(self.document())
        # One edit block: the layout is redone once, not once per format (seconds on big texts).
        cursor.beginEditBlock()
        self._style_range(cursor, article, 0, len(article.text))
        cursor.endEditBlock()

    def _style_range(self, cursor: QTextCursor, article: Article, start: int, end: int) -> None:
        """Apply the block, inline and greyed formats that fall within `[start, end)`."""

        def merge(a: int, b: int, fmt: QTextCharFormat) -> None:
            a, b = max(a, start), min(b, end)
            if a < b:
                self._merge(cursor, a, b, fmt)

        for block in article.blocks:
            if block.end <= start or block.start >= end:
                continue
            fmt = self._block_format(block.kind, block.level)
            if fmt is not None:
                merge(block.start, block.end, fmt)
            if block.text_start is not None and block.text_start > block.start:
                marker = QTextCharFormat()
                marker.setForeground(palette.BOILERPLATE_TEXT)
                merge(block.start, block.text_start, marker)
        for span in article.spans:
            if span.end > start and span.start < end:
                merge(span.start, span.end, self._span_format(span))
        greyed = QTextCharFormat()
        greyed.setForeground(palette.BOILERPLATE_TEXT)
        greyed.setFontItalic(True)
        for a, b in self.greyed_spans(article):
            merge(a, b, greyed)

    def greyed_spans(self, article: Article) -> list[Span]:
        """What to show greyed as out of the review: here, the blocks marked as boilerplate."""
        return [(b.start, b.end) for b in article.blocks if b.boilerplate]

    def restyle(self, start: int, end: int) -> None:
        """Format `[start, end)` afresh (its greyed state changed), leaving the rest as it is."""
        if self.article is None:
            return
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(self.positions.to_qt(start))
        cursor.setPosition(self.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(QTextCharFormat())
        self._style_range(cursor, self.article, start, end)
        cursor.endEditBlock()

    def _block_format(self, kind: BlockKind, level: int) -> QTextCharFormat | None:
        fmt = QTextCharFormat()
        if kind is BlockKind.HEADING:
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontPointSize(self._point_size * _HEADING_SCALE.get(level, 1.05))
        elif kind is BlockKind.QUOTE:
            fmt.setFontItalic(True)
            fmt.setForeground(palette.QUOTE_TEXT)
        elif kind is BlockKind.CODE:
            fmt.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        else:
            return None
        return fmt

    def _span_format(self, span: InlineSpan) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if span.style is InlineStyle.EMPHASIS:
            fmt.setFontItalic(True)
        elif span.style is InlineStyle.STRONG:
            fmt.setFontWeight(QFont.Weight.Bold)
        elif span.style is InlineStyle.CODE:
            fmt.setFontFamilies([QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()])
        elif span.style is InlineStyle.LINK:
            # Shown as a link, but never an anchor: nothing here can open or fetch an address.
            fmt.setForeground(palette.LINK_TEXT)
            fmt.setFontUnderline(True)
        elif span.style is InlineStyle.IMAGE:
            fmt.setForeground(palette.BOILERPLATE_TEXT)
            fmt.setFontItalic(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        return fmt

    def _merge(self, cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat) -> None:
        cursor.setPosition(self.positions.to_qt(start))
        cursor.setPosition(self.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

    # ----------------------------------------------------------------- text size
    def zoom(self, steps: int) -> None:
        """Make the text larger (steps > 0) or smaller, and show the article again in that size."""
        self.set_point_size(max(7.0, min(32.0, self._point_size + steps)))

    def set_point_size(self, size: float) -> None:
        if size == self._point_size:
            return
        self._point_size = size
        self._apply_font()
        self.show_again()
        self.zoomChanged.emit(size)

    def show_again(self) -> None:
        """Lay the article out again (a new text size or theme), keeping the reader's place:
        what `place_to_keep` names stays in view, and a selection stays selected."""
        if self.article is None:
            return
        place = self.place_to_keep()
        cursor = self.textCursor()
        selection = (
            (self.positions.from_qt(cursor.anchor()), self.positions.from_qt(cursor.position()))
            if cursor.hasSelection()
            else None
        )
        self.show_article(self.article)
        if selection is not None:
            kept = QTextCursor(self.document())
            kept.setPosition(self.positions.to_qt(selection[0]))
            kept.setPosition(self.positions.to_qt(selection[1]), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(kept)
        if place is not None:
            self.scroll_to(*place)

    def place_to_keep(self) -> Span | None:
        """What must stay in view when the article is laid out again: the text at the middle
        of the pane."""
        viewport = self.viewport()
        if self.document().isEmpty() or not viewport.height():
            return None
        middle = self.offset_at(QPoint(viewport.width() // 2, viewport.height() // 2))
        return middle, middle

    def point_size(self) -> float:
        return self._point_size

    def _apply_font(self) -> None:
        font = self.font()
        font.setPointSizeF(self._point_size)
        self.setFont(font)

    # ----------------------------------------------------------------- geometry
    def visible_blocks(self) -> Iterator[tuple[QTextBlock, float]]:
        """The blocks on screen with the y of their top (viewport coordinates), top to bottom.

        Walked like Qt's own painting: QPlainTextEdit knows block heights, not absolute positions.
        """
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        height = self.viewport().height()
        while block.isValid() and top <= height:
            block_height = self.blockBoundingRect(block).height()
            if block.isVisible() and top + block_height >= 0:
                yield block, top
            top += block_height
            block = block.next()

    def line_rects(self, start: int, end: int) -> list[QRectF]:
        """Where the characters `[start, end)` are on screen (viewport coordinates), one
        rectangle per visible line. Within one paint, each span is measured once (a passage is
        filled under the text and outlined over it)."""
        if self.clip is not None:
            found = self._painted_rects.get((start, end))
            if found is None:
                found = self._painted_rects[(start, end)] = self._measure(start, end)
            return found
        return self._measure(start, end)

    def _measure(self, start: int, end: int) -> list[QRectF]:
        qt_start, qt_end = self.positions.to_qt(start), self.positions.to_qt(end)
        rects: list[QRectF] = []
        left = self.contentOffset().x()  # line x already includes the document margin
        for block, top in self.visible_blocks():
            base = block.position()
            if base >= qt_end:
                break
            if base + block.length() > qt_start:
                rects.extend(_line_rects(block, left, top, qt_start, qt_end))
        return rects

    def visible_span_rects(self, starts: Sequence[int], ends: Sequence[int]) -> dict[int, list[QRectF]]:
        """For sorted, non-overlapping spans, the on-screen rectangles of each visible one, by
        index: one walk over the visible blocks, however many spans there are."""
        result: dict[int, list[QRectF]] = {}
        left = self.contentOffset().x()
        to_qt, from_qt = self.positions.to_qt, self.positions.from_qt
        for block, top in self.visible_blocks():
            base = block.position()
            for i in spans_overlapping(starts, ends, from_qt(base), from_qt(base + block.length())):
                rects = _line_rects(block, left, top, to_qt(starts[i]), to_qt(ends[i]))
                result.setdefault(i, []).extend(rects)
        return result

    def is_visible(self, start: int, end: int) -> bool:
        """Whether all of `[start, end)` is on screen."""
        qt_start, qt_end = self.positions.to_qt(start), self.positions.to_qt(end)
        height = self.viewport().height()
        seen_start = False
        for block, top in self.visible_blocks():
            base = block.position()
            layout = block.layout()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                line_start = base + line.textStart()
                line_end = line_start + line.textLength()
                inside = top + line.y() >= 0 and top + line.y() + line.height() <= height
                if line_start <= qt_start <= line_end and inside:
                    seen_start = True
                if seen_start and line_start <= qt_end <= line_end:
                    return inside
        return False

    def visible_range(self) -> Span:
        """The code-point offsets from the first to past the last block on screen."""
        first = last = None
        for block, _ in self.visible_blocks():
            first = block if first is None else first
            last = block
        if first is None or last is None:
            return (0, 0)
        return self.positions.from_qt(first.position()), self.positions.from_qt(
            last.position() + last.length()
        )

    def offset_at(self, point: QPoint) -> int:
        """The code-point offset of the character under `point` (viewport coordinates)."""
        return self.positions.from_qt(self.cursorForPosition(point).position())

    def scroll_to(self, start: int, end: int, ahead: bool = False) -> bool:
        """Bring `[start, end)` into view, centred, unless it is already fully visible; whether it
        scrolled. `ahead` (reading on): near the top instead, with a line or two above it, so
        that a page of what follows is in view and the pane scrolls half as often."""
        if self.is_visible(start, end):
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(start))
        caret = self.textCursor()
        self.setTextCursor(cursor)
        self.centerCursor()
        bar = self.verticalScrollBar()
        if ahead:  # the bar counts lines: from the middle up to two lines below the top
            lines = self.viewport().height() // max(1, self.fontMetrics().lineSpacing())
            bar.setValue(bar.value() + max(0, lines // 2 - 2))
            if not self.is_visible(start, min(end, start + 1)):
                self.centerCursor()  # a pane of long lines or big headings: centred after all
        if caret.hasSelection() or self.hasFocus():
            # A selection, or a caret the reader is moving, stays where it was, off screen if
            # need be (putting it back scrolls back to it, hence the scroll once more).
            placed = bar.value()
            self.setTextCursor(caret)
            bar.setValue(placed)
        return True

    def update_spans(self, spans: Sequence[Span | None]) -> None:
        """Repaint just the lines of these spans (a highlight moved), not the whole pane: painting
        a pane full of text is the dearest part of answering a key."""
        viewport = self.viewport()
        for span in spans:
            if span is not None:
                for rect in self.line_rects(*span):
                    viewport.update(rect.adjusted(-8, -4, 8, 4).toAlignedRect())

    def selected_span(self) -> Span | None:
        """The selected passage as code-point offsets, on whole words and trimmed of the spaces
        around it, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self.article is None:
            return None
        start = self.positions.from_qt(cursor.selectionStart())
        end = self.positions.from_qt(cursor.selectionEnd())
        text = self.article.text
        span = trimmed(text, start, end)
        return snap_to_words(text, *span) if span else None

    def select(self, anchor: int, position: int) -> None:
        """Select from `anchor` to `position` (code-point offsets), the caret at `position`."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(anchor))
        cursor.setPosition(self.positions.to_qt(position), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def selection(self) -> tuple[int, int] | None:
        """The selection as (anchor, position) code-point offsets, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.positions.from_qt(cursor.anchor()), self.positions.from_qt(cursor.position())

    def snap_selection(self, forward: bool) -> None:
        """Widen the selection being made to whole words (see core/words.py)."""
        selected = self.selection()
        if self.article is None or selected is None:
            return
        snapped = snap_selection(self.article.text, *selected, forward)
        if snapped != selected:
            self.select(*snapped)

    # ----------------------------------------------------------------- painting
    def paintEvent(self, event: QPaintEvent) -> None:
        # What is being repainted, with room for the outlines drawn around a line's rectangle.
        self.clip = QRectF(event.rect()).adjusted(-4, -4, 4, 4)
        self._painted_rects.clear()
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_under(painter)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_over(painter)
        painter.end()
        self.clip = None

    def paint_under(self, painter: QPainter) -> None:
        """Paint behind the text (tints); the base class paints nothing."""

    def paint_over(self, painter: QPainter) -> None:
        """Paint over the text (outlines); the base class paints nothing."""

    def paint_find_matches(self, painter: QPainter) -> None:
        if self.find_matches:
            self.fill_spans(painter, self.find_matches, palette.FIND_MATCH)
        if self.find_current is not None:
            self.fill_spans(painter, [self.find_current], palette.FIND_CURRENT)

    def set_find_matches(self, matches: list[Span], current: Span | None = None) -> None:
        changed = self.find_matches != matches
        before, self.find_current = self.find_current, current
        self.find_matches = matches
        if changed:
            self.viewport().update()
        else:
            self.update_spans([before, current])

    def fill_spans(self, painter: QPainter, spans: Sequence[Span], colour: QColor) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        for start, end in spans:
            for rect in self.line_rects(start, end):
                painter.drawRoundedRect(rect.adjusted(-1.5, 0.5, 1.5, -0.5), 3, 3)

    def underline_spans(self, painter: QPainter, spans: Sequence[Span], colour: QColor, wavy: bool) -> None:
        """Underline spans: wavy for a discrepancy, dotted for a difference (shape, not only colour)."""
        pen = QPen(colour, 1.4 if wavy else 1.6)
        if not wavy:
            pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for start, end in spans:
            for rect in self.line_rects(start, end):
                y = rect.bottom() - 1.5
                if not wavy:
                    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
                    continue
                path = QPainterPath(QPointF(rect.left(), y))
                x, up = rect.left(), True
                while x < rect.right():
                    step = min(3.0, rect.right() - x)
                    path.quadTo(QPointF(x + step / 2, y + (-2.2 if up else 2.2)), QPointF(x + step, y))
                    x += step
                    up = not up
                painter.drawPath(path)

    def outline_span(self, painter: QPainter, span: Span, colour: QColor, width: float = 2.0) -> None:
        """Frame the span with one outline around all its lines (not a box per line)."""
        shape = QPainterPath()
        for rect in self.line_rects(*span):
            line = QPainterPath()
            line.addRect(rect.adjusted(-3, -1, 3, 1))
            shape = shape.united(line)
        if shape.isEmpty():
            return
        pen = QPen(colour, width)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(shape)

    # ----------------------------------------------------------------- link and image addresses
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.article is not None:
            tip = self.tooltip_at(self.offset_at(self.viewport().mapFromGlobal(event.globalPos())))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_at(self, offset: int) -> str:
        """What to tell about the text at `offset`: a link's or an image's address."""
        span = self._span_at(offset)
        return self._span_tip(span) if span is not None else ""

    def _span_at(self, offset: int) -> InlineSpan | None:
        assert self.article is not None
        spans = self.article.spans
        i = bisect_right(self._span_starts, offset)
        for span in reversed(spans[max(0, i - 8) : i]):  # spans may nest (a link inside emphasis)
            if span.style in (InlineStyle.LINK, InlineStyle.IMAGE) and span.start <= offset < span.end:
                return span
        return None

    def _span_tip(self, span: InlineSpan) -> str:
        if span.style is InlineStyle.IMAGE:
            return self.tr("Image, not loaded: %s") % (span.target or self.tr("no address"))
        return self.tr("Link, not followed: %s") % (span.target or self.tr("no address"))


def _line_rects(block: QTextBlock, left: float, top: float, qt_start: int, qt_end: int) -> Iterator[QRectF]:
    layout = block.layout()
    base = block.position()
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        line_start = base + line.textStart()
        a, b = max(qt_start, line_start), min(qt_end, line_start + line.textLength())
        if a >= b:
            continue
        x1 = line.cursorToX(a - base)[0]
        x2 = line.cursorToX(b - base)[0]
        yield QRectF(left + x1, top + line.y(), x2 - x1, line.height())


def spans_overlapping(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> range:
    """Indices of the sorted, non-overlapping spans (given by their starts and ends) that
    overlap `[start, end)`."""
    return range(bisect_right(ends, start), bisect_left(starts, end))
