"""Key events as a reviewer types them: sent to whatever has the keyboard, never a click."""

from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def focused(fallback: QWidget) -> QWidget:
    return QApplication.focusWidget() or fallback


def press(window: QWidget, *keys: str) -> None:
    """Press each of `keys` ("1", "Ctrl+G", "Shift+F6", "Return") on the focused widget."""
    for key in keys:
        combination = QKeySequence(key)[0]
        QTest.keyClick(focused(window), combination.key(), combination.keyboardModifiers())


def type_text(window: QWidget, text: str) -> None:
    """Type `text` into the focused widget, one key at a time."""
    QTest.keyClicks(focused(window), text)
