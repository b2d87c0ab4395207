"""The window's few looks beyond the platform's own: pane headers, captions, hints, the saved
indicator, and a visible ring around the two fields of the panel that have the keyboard (a border
that only changes colour, so that moving the focus never changes a widget's size). The text panes
paint their own ring (main_window.PaneFrame); pane headers, the panel and the find bar paint their
own dividing line.

Each look is set on its widget (a font and a text colour; a small style sheet on the two fields),
not as one style sheet for the application: with an application style sheet every widget of the
window is polished and painted through Qt's style-sheet style, which cost about 40 ms of the
start-up (`python bench/workbench.py --only start`). High contrast alone keeps an application
style sheet, for the borders it puts on every field and button.

The big lists get no style sheet either: painting their rows through one costs about 2 ms a mark.
They show the keyboard as desktop lists do, with the strong selection colour while they have it
and a muted one while they do not (the palette's inactive highlight)."""

from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from factcheck.core.themes import Colours
from factcheck.ui import palette


@dataclass(frozen=True, slots=True)
class Look:
    colour: str | None = None
    """The `Colours` field of the text colour; None keeps the palette's."""
    point_size: float | None = None
    weight: QFont.Weight | None = None
    letter_spacing: float = 0.0


_LOOKS = {
    "paneKind": Look("muted", 8, QFont.Weight.Bold, 1.0),
    "paneTitle": Look(None, 11.5, QFont.Weight.DemiBold),
    "paneDetails": Look("muted"),
    "sentencePosition": Look(None, None, QFont.Weight.DemiBold),
    "savedIndicator": Look("saved"),
    "caption": Look("muted", 8.5, QFont.Weight.DemiBold),
    "hint": Look("muted"),
    "scopeBanner": Look("scope"),
    "emptyTitle": Look(None, 15, QFont.Weight.DemiBold),
}

_FIELD = """
#{name} {{ border: 2px solid palette(mid); border-radius: 3px; background: palette(base); }}
#{name}:focus {{ border-color: {c.focus}; }}
"""
_FIELDS = {"evidenceList", "noteEdit"}

_OUTLINED = """
QLineEdit, QComboBox, QAbstractSpinBox, QPushButton {{ border: 1px solid {c.mid}; padding: 2px 4px; }}
QLineEdit:focus, QComboBox:focus, QAbstractSpinBox:focus, QPushButton:focus {{ border-color: {c.focus}; }}
"""
"""High contrast: a border on every field and button (the platform draws them from the window
colour, and they vanish on black). Not on the panes and lists, which stay fast to paint."""

W = TypeVar("W", bound=QWidget)


def styled(widget: W, name: str) -> W:
    """Name the widget (tests and style find it by its name) and give it its look now."""
    widget.setObjectName(name)
    _apply(widget, palette.COLOURS)
    return widget


def application_sheet(c: Colours) -> str:
    """The style sheet for the whole application: only high contrast has one."""
    return _OUTLINED.format(c=c) if c.outlined else ""


def restyle(c: Colours) -> None:
    """Every named widget again, in the colours of a theme just chosen."""
    for widget in QApplication.allWidgets():
        if widget.objectName() in _LOOKS or widget.objectName() in _FIELDS:
            _apply(widget, c)


def _apply(widget: QWidget, c: Colours) -> None:
    name = widget.objectName()
    if name in _FIELDS:
        widget.setStyleSheet(_FIELD.format(name=name, c=c))
        return
    look = _LOOKS.get(name)
    if look is None:
        return
    if look.point_size is not None or look.weight is not None or look.letter_spacing:
        font = widget.font()
        if look.point_size is not None:
            font.setPointSizeF(look.point_size)
        if look.weight is not None:
            font.setWeight(look.weight)
        if look.letter_spacing:
            font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, look.letter_spacing)
        widget.setFont(font)
    if look.colour is not None:
        set_text_colour(widget, QColor(getattr(c, look.colour)))


def set_text_colour(widget: QWidget, colour: QColor | None) -> None:
    """The widget's text in `colour`, or (None) in its palette's own colour again."""
    colours = QPalette()  # only the role set here is the widget's own; the rest follows the theme
    if colour is not None:
        colours.setColor(QPalette.ColorRole.WindowText, colour)
    widget.setPalette(colours)


def paint_divider(widget: QWidget, top: bool) -> None:
    """A one-pixel line in the palette's mid colour along the widget's top or bottom edge."""
    painter = QPainter(widget)
    painter.setPen(widget.palette().mid().color())
    y = 0 if top else widget.height() - 1
    painter.drawLine(0, y, widget.width(), y)
    painter.end()
