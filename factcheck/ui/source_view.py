"""The source pane: the canonical text, with the current sentence's evidence highlighted."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from factcheck.core.review import Span
from factcheck.ui import palette
from factcheck.ui.article_view import ArticleView


class SourceView(ArticleView):
    """Selectable with the mouse and the keyboard, so a passage can be attached as evidence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
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

    def paint_under(self, painter: QPainter) -> None:
        if self.candidate is not None:
            self.fill_spans(painter, [self.candidate], palette.CANDIDATE)
        if self.evidence:
            self.fill_spans(painter, self.evidence, palette.EVIDENCE)
        if self.find_matches:
            self.fill_spans(painter, self.find_matches, palette.FIND_MATCH)

    def paint_over(self, painter: QPainter) -> None:
        if self.candidate is not None and self.candidate not in self.evidence:
            self.outline_span(painter, self.candidate, palette.CANDIDATE_OUTLINE, width=1.2)
        for span in self.evidence:
            self.outline_span(painter, span, palette.EVIDENCE_OUTLINE, width=1.0)
