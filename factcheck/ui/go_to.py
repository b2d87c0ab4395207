"""Go → Go to Sentence… (Ctrl+G): a sentence by its number, as every view shows it (1-based)."""

import re

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from factcheck.ui.style import styled

_SEPARATORS = re.compile(r"[\s,.'’_\u00a0\u202f]")


def sentence_number(text: str, count: int) -> int | None:
    """The number typed ("1240", "1,240", "1 240"), if it names one of `count` sentences."""
    digits = _SEPARATORS.sub("", text.strip().lstrip("#"))
    if not digits.isdecimal():
        return None
    number = int(digits)
    return number if 1 <= number <= count else None


class GoToSentence(QDialog):
    """Asks for a number; Enter goes there, a number out of range says so and stays open."""

    def __init__(self, count: int, current: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Go to sentence"))
        self.count = count
        self.number: int | None = None
        self.field = QLineEdit(str(current) if current else "")
        self.field.selectAll()
        self.field.setAccessibleName(self.tr("Sentence number"))
        self.field.setPlaceholderText(self.tr("1 to %d") % count)
        label = QLabel(self.tr("&Sentence number (1 to %d):") % count)
        label.setBuddy(self.field)
        self.problem = QLabel()
        styled(self.problem, "hint")
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.field.textChanged.connect(lambda: self.problem.hide())

    def accept(self) -> None:
        number = sentence_number(self.field.text(), self.count)
        if number is None:
            self.problem.setText(self.tr("Type a number from 1 to %d.") % self.count)
            self.problem.show()
            self.field.selectAll()
            return
        self.number = number
        super().accept()
