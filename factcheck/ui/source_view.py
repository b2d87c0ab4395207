"""The source pane: the canonical text, with the current sentence's evidence highlighted.

It has a caret: the arrow keys move it, Shift with an arrow selects, Ctrl+Shift with an arrow
selects word by word, and a selection made with the keys or the mouse snaps to whole words, so a
passage can be attached as evidence (E) without cutting a word in two.
"""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import QWidget

from factcheck.core.review import Span
from factcheck.ui import palette
from factcheck.ui.article_view import FORWARD_KEYS, ArticleView
from factcheck.ui.keys import CARET_KEYS, keep_keys

Key = Qt.Key
Mod = Qt.KeyboardModifier
_SHIFT_CTRL = Mod.ShiftModifier | Mod.ControlModifier


class SourceView(ArticleView):
    """Selectable with the mouse and the keyboard, so a passage can be attached as evidence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Canonical source"))
        self.setAccessibleDescription(
            self.tr("Move with the arrow keys, select with Shift and an arrow, then press E to attach")
        )
        # The caret's keys belong to the pane while it has the focus; Ctrl+PgUp/PgDown stay
        # the window's (the previous and next article).
        arrows = CARET_KEYS - {Key.Key_PageUp, Key.Key_PageDown}
        keep_keys(self, arrows, (Mod.NoModifier, Mod.ShiftModifier, Mod.ControlModifier, _SHIFT_CTRL))
        keep_keys(self, (Key.Key_PageUp, Key.Key_PageDown), (Mod.NoModifier, Mod.ShiftModifier))
        self.evidence: tuple[Span, ...] = ()
        self.candidate: Span | None = None
        """The source sentence the assistant shows for the current rewrite sentence."""

    def set_evidence(self, evidence: tuple[Span, ...], scroll: bool) -> None:
        """Highlight the current sentence's evidence; scroll to the first passage if asked."""
        before, self.evidence = self.evidence, evidence
        if scroll and evidence and self.scroll_to(*evidence[0]):
            self.viewport().update()
        else:
            self.update_spans([*before, *evidence])

    def set_candidate(self, span: Span | None, scroll: bool) -> None:
        before, self.candidate = self.candidate, span
        if scroll and span is not None and self.scroll_to(*span):
            self.viewport().update()
        else:
            self.update_spans([before, span])

    # ----------------------------------------------------------------- the caret and selecting
    def place_caret(self) -> None:
        """Put the caret where the reviewer will want to start selecting: at the evidence or
        candidate on show, else where it is if that is on screen, else at the top of the pane.
        A selection (a find match, say) is left as it is."""
        if self.article is None:
            return
        cursor = self.textCursor()
        if cursor.hasSelection():
            return
        visible = [span for span in (*self.evidence, self.candidate) if span and self.is_visible(*span)]
        if visible:
            offset = visible[0][0]
        elif self.cursorRect(cursor).intersects(self.viewport().rect()):
            return
        else:
            offset = self.offset_at(QPoint(0, 0))
        cursor.setPosition(self.positions.to_qt(offset))
        self.setTextCursor(cursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        key = event.key().value if isinstance(event.key(), Key) else int(event.key())
        extending = event.modifiers() & Mod.ShiftModifier and key in {k.value for k in CARET_KEYS}
        if extending:
            self.snap_selection(forward=key in FORWARD_KEYS)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        cursor = self.textCursor()
        if event.button() == Qt.MouseButton.LeftButton and cursor.hasSelection():
            self.snap_selection(forward=cursor.position() > cursor.anchor())

    # ----------------------------------------------------------------- painting
    def paint_under(self, painter: QPainter) -> None:
        if self.candidate is not None:
            self.fill_spans(painter, [self.candidate], palette.CANDIDATE)
        if self.evidence:
            self.fill_spans(painter, self.evidence, palette.EVIDENCE)
        self.paint_find_matches(painter)

    def paint_over(self, painter: QPainter) -> None:
        if self.candidate is not None and self.candidate not in self.evidence:
            self.outline_span(painter, self.candidate, palette.CANDIDATE_OUTLINE, width=1.2)
        for span in self.evidence:
            self.outline_span(painter, span, palette.EVIDENCE_OUTLINE, width=1.0)
