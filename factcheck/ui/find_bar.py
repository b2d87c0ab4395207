"""The find bar (Ctrl+F): finds text in the rewrite or the source; Enter steps to the next match."""

from enum import StrEnum

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from factcheck.ui.keys import keep_combo_keys
from factcheck.ui.style import paint_divider


class Pane(StrEnum):
    REWRITE = "rewrite"
    SOURCE = "source"


class _QueryEdit(QLineEdit):
    escaped = Signal()
    backwards = Signal()

    def event(self, event: QEvent) -> bool:
        # Enter steps through matches and Esc closes the bar: the window's shortcuts for these
        # keys (accept the suggestion, …) must not see them while the reviewer is finding.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.backwards.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    searched = Signal(str, object)  # query, Pane
    stepped = Signal(int)  # +1 next, -1 previous
    closed = Signal()
    opened = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.query = _QueryEdit()
        self.query.setPlaceholderText(self.tr("Find (Enter: next, Shift+Enter: previous, Esc: close)"))
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName(self.tr("Find"))
        self.pane = QComboBox()
        self.pane.setAccessibleName(self.tr("Where to find"))
        self.pane.addItem(self.tr("in the rewrite"), Pane.REWRITE.value)
        self.pane.addItem(self.tr("in the source"), Pane.SOURCE.value)
        keep_combo_keys(self.pane)
        self.count = QLabel()
        self.count.setMinimumWidth(90)
        previous = QToolButton()
        previous.setText("↑")
        previous.setToolTip(self.tr("Previous match (Shift+Enter, Shift+F3)"))
        previous.setAccessibleName(self.tr("Previous match"))
        following = QToolButton()
        following.setText("↓")
        following.setToolTip(self.tr("Next match (Enter, F3)"))
        following.setAccessibleName(self.tr("Next match"))
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Close the find bar (Esc)"))
        close.setAccessibleName(self.tr("Close the find bar"))
        for button in (previous, following, close):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter, Shift+Enter and Esc do these
        label = QLabel(self.tr("&Find"))
        label.setBuddy(self.query)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(label)
        layout.addWidget(self.query, 1)
        layout.addWidget(self.pane)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(self.count)
        layout.addWidget(close)
        self.query.textChanged.connect(self._search)
        self.pane.currentIndexChanged.connect(self._search)
        self.query.returnPressed.connect(lambda: self.stepped.emit(1))
        self.query.backwards.connect(lambda: self.stepped.emit(-1))
        self.query.escaped.connect(self.closed)
        previous.clicked.connect(lambda: self.stepped.emit(-1))
        following.clicked.connect(lambda: self.stepped.emit(1))
        close.clicked.connect(self.closed)

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_divider(self, top=True)

    def current_pane(self) -> Pane:
        # Qt hands the item data back as a plain str, never as the Pane stored: look it up.
        return Pane(self.pane.currentData())

    def open(self, pane: Pane | None = None) -> None:
        """Show the bar (finding in `pane`, if given) with the keyboard in its field."""
        self.show()
        self.opened.emit()
        if pane is not None and pane is not self.current_pane():
            self.pane.setCurrentIndex(self.pane.findData(pane.value))  # searches again
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()
        self._search()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)

    def show_count(self, current: int | None, total: int) -> None:
        if not self.query.text().strip():
            self.count.setText("")
        elif total == 0:
            self.count.setText(self.tr("no match"))
        elif current is None:
            self.count.setText(self.tr("%d matches") % total)
        else:
            self.count.setText(self.tr("%d of %d") % (current + 1, total))

    def _search(self) -> None:
        self.searched.emit(self.query.text(), self.current_pane())
