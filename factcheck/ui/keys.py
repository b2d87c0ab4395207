"""Keys a focused widget keeps for itself although the window has shortcuts on them.

The window's single-key shortcuts (Down/Up move between sentences, Enter accepts the suggestion,
Backspace clears the verdict) act wherever the focus is; a list, a combo box or the source
pane's caret needs some of those keys for its own navigation while it has the focus.
"""

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

Key = Qt.Key
Mod = Qt.KeyboardModifier

LIST_KEYS = frozenset(
    {
        Key.Key_Up,
        Key.Key_Down,
        Key.Key_Return,
        Key.Key_Enter,
        Key.Key_Home,
        Key.Key_End,
        Key.Key_PageUp,
        Key.Key_PageDown,
        Key.Key_Left,
        Key.Key_Right,
    }
)
"""What a list moves with."""

CARET_KEYS = frozenset(
    {Key.Key_Up, Key.Key_Down, Key.Key_Left, Key.Key_Right, Key.Key_Home, Key.Key_End}
    | {Key.Key_PageUp, Key.Key_PageDown}
)
"""What moves a caret, and with Shift extends a selection."""


class KeepKeys(QObject):
    """An event filter: `keys` pressed with exactly one of `modifiers` go to the widget, not to
    the window's shortcuts."""

    def __init__(
        self,
        widget: QWidget,
        keys: Iterable[Key],
        modifiers: Iterable[Mod] = (Mod.NoModifier,),
    ) -> None:
        super().__init__(widget)
        self.keys = frozenset(key.value for key in keys)
        self.modifiers = frozenset(Qt.KeyboardModifier(m) for m in modifiers)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _value(event.key()) in self.keys
            and event.modifiers() & ~Mod.KeypadModifier in self.modifiers
        ):
            event.accept()  # the widget's own handling wins over the window's shortcuts
            return True
        return False


def _value(key: object) -> int:
    return key.value if isinstance(key, Key) else int(key)  # an int or a Qt.Key, by version


def keep_keys(
    widget: QWidget, keys: Iterable[Key] = LIST_KEYS, modifiers: Iterable[Mod] = (Mod.NoModifier,)
) -> KeepKeys:
    return KeepKeys(widget, keys, modifiers)
