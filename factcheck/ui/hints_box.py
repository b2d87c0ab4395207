"""The evidence assistant in the verdict panel: its suggestion, the source sentences the current
sentence most likely comes from, and what in it the source does not support. Hints only: the
reviewer decides (Enter takes the suggestion as their own decision)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from factcheck.ui import palette
from factcheck.ui.style import styled

if TYPE_CHECKING:
    from factcheck.core.assist.assistant import Hints

FLAG_GLYPH = {"number": "#", "date": "◷", "name": "Aa", "quote": "“”"}
"""By `FlagKind` value: a mark that tells the kind of each flag without colour."""


class HintsBox(QWidget):
    candidateChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self.tr("Evidence assistant"))
        styled(self.caption, "caption")
        self.suggestion = QLabel()
        self.suggestion.setObjectName("suggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.candidates = QListWidget()
        self.candidates.setObjectName("candidates")
        self.candidates.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # ] and [ step, A attaches
        self.candidates.setAccessibleName(self.tr("Likely sources of this sentence"))
        self.candidates.setWordWrap(True)
        self.candidates.setToolTip(
            self.tr("Likely sources of this sentence: ] and [ step through them, A attaches one")
        )
        self.candidates.itemClicked.connect(lambda item: self.candidateChosen.emit(self.candidates.row(item)))
        self.flags = QLabel()
        self.flags.setObjectName("flags")
        self.flags.setWordWrap(True)
        self.flags.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.caption)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.candidates, 1)
        layout.addWidget(self.flags)
        self.show_waiting(self.tr("Finding evidence…"))

    def show_waiting(self, message: str) -> None:
        self.suggestion.setText(f"<span style='color:{palette.MUTED.name()}'>{escape(message)}</span>")
        self._show_rows([])
        self.flags.setText("")
        self.flags.hide()

    def show_hints(self, hints: Hints, candidate_texts: list[str], shown: int) -> None:
        look = palette.LOOKS[hints.suggestion.verdict]
        self.suggestion.setText(
            f"<b style='color:{look.colour.name()}'>{look.glyph} {look.name}</b>"
            f" {escape(hints.suggestion.reason)}"
            f" <span style='color:{palette.MUTED.name()}'>· {escape(self.tr('Enter accepts'))}</span>"
        )
        together = {0: "⎡", 1: "⎣"} if hints.pair else {}
        self.caption.setText(
            self.tr("Evidence assistant · the first two sources together (⎡ ⎣)")
            if hints.pair
            else self.tr("Evidence assistant")
        )
        rows = [
            (
                f"{match.score:.2f} {together.get(i, ' ')} {text}",
                self.tr("Together with the other marked sentence, the evidence for this one:\n%s") % text
                if i in together
                else text,
                i == shown,
            )
            for i, (match, text) in enumerate(zip(hints.matches, candidate_texts, strict=True))
        ]
        self._show_rows(rows or [(self.tr("No source sentence shares its words."), "", False)])
        self.candidates.setCurrentRow(shown if hints.matches else -1)
        self.flags.setVisible(bool(hints.flags))
        flag_colour = palette.FLAG.name()
        self.flags.setText(
            "<br>".join(
                f"<span style='color:{flag_colour}'>{FLAG_GLYPH[f.kind.value]}</span> {escape(f.reason)}"
                for f in hints.flags
            )
        )

    def _show_rows(self, rows: list[tuple[str, str, bool]]) -> None:
        """The list's rows (text, tool tip, bold), in the items it has: clearing and refilling it
        at every sentence costs the list a reset and a new layout, a good part of a frame."""
        widget = self.candidates
        while widget.count() > len(rows):
            widget.takeItem(widget.count() - 1)
        while widget.count() < len(rows):
            widget.addItem(QListWidgetItem())
        for i, (text, tip, bold) in enumerate(rows):
            item = widget.item(i)
            item.setText(text)
            item.setToolTip(tip)
            if item.font().bold() != bold:
                font = item.font()
                font.setBold(bold)
                item.setFont(font)
