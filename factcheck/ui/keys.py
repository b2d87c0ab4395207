"""Keys a focused widget keeps for itself although the window has shortcuts on them.

The window's single-key shortcuts (Down/Up move between sentences, Enter accepts the suggestion,
Backspace clears the verdict) act wherever the focus is; a list, a combo box or the source
pane's caret needs some of those keys for its own navigation while it has the focus.
"""

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget

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


class _Escape(QObject):
    pressed = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Key.Key_Escape
            and event.modifiers() == Mod.NoModifier
        ):
            self.pressed.emit()
            return True
        return False


def escape_key(widget: QWidget) -> SignalInstance:
    """A signal for Esc pressed in `widget` (the panes and lists hand the keys back with it)."""
    escape = _Escape(widget)
    widget.installEventFilter(escape)
    return escape.pressed


class _FirstRow(QObject):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = self.view
        model = view.model()
        if event.type() == QEvent.Type.FocusIn and not view.currentIndex().isValid() and model.rowCount():
            view.setCurrentIndex(model.index(0, 0))
        return False


def start_at_the_first_row(view: QAbstractItemView) -> None:
    """A list reached with the keys and no row to start from starts at its first row."""
    view.installEventFilter(_FirstRow(view))


def _value(key: object) -> int:
    return key.value if isinstance(key, Key) else int(key)  # an int or a Qt.Key, by version


def keep_combo_keys(combo: QWidget) -> None:
    """A combo box keeps its own keys: the arrows choose, Alt+Down/Up open its list (elsewhere
    Alt+Down/Up are the next and previous article)."""
    keep_keys(combo, LIST_KEYS)
    keep_keys(combo, (Key.Key_Down, Key.Key_Up), (Mod.AltModifier,))


def keep_keys(
    widget: QWidget, keys: Iterable[Key] = LIST_KEYS, modifiers: Iterable[Mod] = (Mod.NoModifier,)
) -> KeepKeys:
    return KeepKeys(widget, keys, modifiers)
