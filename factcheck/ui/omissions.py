"""What the rewrite leaves out: source sentences that no sentence under review retells, in source
order. Leaving things out is a common way to mislead; clicking one selects it in the source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from factcheck.core.article import Article
from factcheck.ui.keys import escape_key, keep_keys
from factcheck.ui.style import styled

if TYPE_CHECKING:
    from factcheck.core.assist.assistant import Assessment

SpanRole = Qt.ItemDataRole.UserRole + 1


class OmissionsList(QWidget):
    """Enter or a click selects the sentence in the source; Esc goes back to the rewrite."""

    sentenceChosen = Signal(int, int)  # start, end in the source's text
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        styled(self.caption, "caption")
        self.caption.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("omissions")
        self.list.setAccessibleName(self.tr("What the rewrite leaves out"))
        # One line per sentence (its whole text in the tooltip, and in the source on Enter):
        # rows of one height are placed by arithmetic, so thousands cost nothing to lay out.
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setAlternatingRowColors(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.list.setToolTip(
            self.tr("Source sentences this rewrite does not retell; Enter or a click shows one")
        )
        escape_key(self.list).connect(self.escaped)
        keep_keys(self.list)
        self.list.itemClicked.connect(self._chosen)
        self.list.itemActivated.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(3)
        layout.addWidget(self.caption)
        layout.addWidget(self.list, 1)
        self.show_omissions(None, None)

    def show_omissions(self, source: Article | None, assessment: Assessment | None) -> None:
        self.list.clear()
        if source is None:
            self.caption.setText(self.tr("What the rewrite leaves out"))
            return
        if assessment is None:
            self.caption.setText(self.tr("What the rewrite leaves out: reading…"))
            return
        self.caption.setText(self.tr("What the rewrite leaves out (%d)") % len(assessment.omitted))
        for index in assessment.omitted:
            sentence = source.sentences[index]
            item = QListWidgetItem(sentence.text)
            item.setData(SpanRole, (sentence.start, sentence.end))
            item.setToolTip(sentence.text)
            self.list.addItem(item)
        if not assessment.omitted:
            self.list.addItem(self.tr("Nothing: every source sentence is retold."))

    def _chosen(self, item: QListWidgetItem) -> None:
        span = item.data(SpanRole)
        if span:
            self.sentenceChosen.emit(*span)
