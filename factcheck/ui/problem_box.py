"""What is wrong in the current sentence, in the verdict panel: the words marked wrong (each
removable), the assistant's flag to take with one key, and the kinds of error.

It shows what it is given and reports what the reviewer asks for; the window records it. The
error types are the window's checkable actions (Alt+1 … Alt+8), shown in a menu on the types
button as in the Review menu.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QSizePolicy, QToolButton, QWidget

from factcheck.core.error_types import ErrorType
from factcheck.core.problems import ProblemSuggestion
from factcheck.ui.style import styled


def _tr(text: str) -> str:
    return QCoreApplication.translate("error type", text)


# Literal strings, so that Qt's translation tools find them (core/error_types.py has the ids).
_WORDS = {
    ErrorType.WRONG_NUMBER: _tr("wrong number"),
    ErrorType.WRONG_NAME: _tr("wrong name or attribution"),
    ErrorType.WRONG_DATE: _tr("wrong date"),
    ErrorType.MISQUOTE: _tr("misquote"),
    ErrorType.INVENTED_DETAIL: _tr("invented detail"),
    ErrorType.EXAGGERATION: _tr("exaggeration or overclaim"),
    ErrorType.MISSING_CONTEXT: _tr("missing context"),
    ErrorType.OTHER: _tr("other"),
}


def words_of(error_type: ErrorType) -> str:
    """What a reviewer reads for an error type: "wrong name or attribution"."""
    return _WORDS[error_type]


def quoted(text: str, limit: int = 40) -> str:
    """Words shown in quotes, cut with "…" past `limit` characters."""
    text = " ".join(text.split())
    return f"‘{text if len(text) <= limit else text[: limit - 1] + '…'}’"


class ProblemBox(QWidget):
    problemRemoved = Signal(int)  # the position of the span in the sentence's problems
    suggestionTaken = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemBox")
        self.caption = QLabel(self.tr("What is wrong"))
        styled(self.caption, "caption")
        self.hint = QLabel()
        styled(self.hint, "hint")
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.suggestion = QToolButton()
        self.suggestion.setObjectName("problemSuggestion")
        self.suggestion.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.suggestion.setAutoRaise(True)
        self.suggestion.clicked.connect(self.suggestionTaken)
        self.types = QPushButton()  # a push button leaves room for its menu's arrow
        self.types.setObjectName("errorTypes")
        self.types.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.types.setAccessibleName(self.tr("Kinds of error"))
        self.types.setToolTip(
            self.tr("The kinds of error in this sentence: Alt+1 … Alt+8 (several may apply)")
        )
        self.types_menu = QMenu(self.types)
        self.types.setMenu(self.types_menu)
        self.type_actions: dict[ErrorType, QAction] = {}
        self.chips: list[QToolButton] = []
        self._shown: tuple | None = None
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(4)
        self._row.addWidget(self.caption)
        self._chip_at = self._row.count()
        self._row.addWidget(self.types)
        self._row.addWidget(self.suggestion)
        self._row.addWidget(self.hint, 1)
        self.show_problems([], (), None, allowed=False)

    def set_type_actions(self, actions: dict[ErrorType, QAction]) -> None:
        """The window's checkable actions for the error types, ticked as the sentence has them."""
        self.type_actions = actions
        self.types_menu.clear()
        self.types_menu.addActions(list(actions.values()))

    def show_problems(
        self,
        texts: list[str],
        types: tuple[ErrorType, ...],
        suggestion: ProblemSuggestion | None,
        allowed: bool,
        refused: str = "",
    ) -> None:
        """The words marked wrong (`texts`, in order), the types chosen, the flag the assistant
        offers next; `allowed` False (a supported sentence, or none) with the reason why."""
        for error_type, action in self.type_actions.items():
            ticked = allowed and error_type in types
            if action.isChecked() != ticked:  # also after a tick that was refused
                action.setChecked(ticked)
        shown = (tuple(texts), types, suggestion, allowed, refused)
        if shown == self._shown:  # each move shows the panel: do nothing when nothing changed
            return
        self._shown = shown
        self._show_chips(texts if allowed else [])
        if not allowed:
            self.hint.setText(refused)
        elif texts:
            self.hint.setText(self.tr("P adds a selection · Shift+P removes one"))
        else:
            self.hint.setText(self.tr("Select the wrong words in the rewrite and press P"))
        self.suggestion.setVisible(allowed and suggestion is not None)
        if suggestion is not None:
            offer = quoted(suggestion.text, 30)
            if suggestion.correction:
                offer += " → " + quoted(suggestion.correction, 30)
            self.suggestion.setText(self.tr("F takes the flag %s") % offer)
            self.suggestion.setToolTip(
                self.tr("Take the assistant's flag: %s\n(%s)")
                % (suggestion.reason, words_of(suggestion.error_type))
            )
            self.suggestion.setAccessibleName(self.suggestion.text())
        self.types.setEnabled(allowed)
        chosen = ", ".join(words_of(t) for t in types) if allowed else ""
        self.types.setText(chosen or self.tr("Kind of error…"))

    def _show_chips(self, texts: list[str]) -> None:
        while len(self.chips) < len(texts):
            chip = QToolButton()
            chip.setObjectName("problemChip")
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            position = len(self.chips)
            chip.clicked.connect(lambda _=False, i=position: self.problemRemoved.emit(i))
            self._row.insertWidget(self._chip_at + position, chip)
            self.chips.append(chip)
        for i, chip in enumerate(self.chips):
            chip.setVisible(i < len(texts))
            if i < len(texts):
                chip.setText(f"{quoted(texts[i], 32)}  ✕")
                tip = self.tr("Marked wrong: %s (click to remove it)") % quoted(texts[i], 200)
                chip.setToolTip(tip)
                chip.setAccessibleName(tip)
