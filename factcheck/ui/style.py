"""The window's few styles beyond the platform's own: headers, captions, hints, the panel, and a
visible ring around the fields that have the keyboard (a border that only changes colour, so
that moving the focus never changes a widget's size). The text panes paint their own ring
(main_window.PaneFrame).

The big lists get no style sheet: painting their rows through one costs about 2 ms a mark.
They show the keyboard as desktop lists do, with the strong selection colour while they have
it and a muted one while they do not (the palette's inactive highlight)."""

from factcheck.core.themes import Colours


def style_sheet(c: Colours) -> str:
    return _BASE.format(c=c) + (_OUTLINED.format(c=c) if c.outlined else "")


_OUTLINED = """
QLineEdit, QComboBox, QAbstractSpinBox, QPushButton {{ border: 1px solid {c.mid}; padding: 2px 4px; }}
QLineEdit:focus, QComboBox:focus, QAbstractSpinBox:focus, QPushButton:focus {{ border-color: {c.focus}; }}
"""
"""High contrast: a border on every field and button (the platform draws them from the window
colour, and they vanish on black). Not on the panes and lists, which stay fast to paint."""

_BASE = """
#paneHeader {{ border-bottom: 1px solid palette(mid); background: palette(window); }}
#paneKind {{ color: {c.muted}; font-size: 8pt; font-weight: 700; letter-spacing: 1px; }}
#paneTitle {{ font-size: 11.5pt; font-weight: 600; }}
#paneDetails {{ color: {c.muted}; }}
#verdictPanel {{ background: palette(window); border: none; border-top: 1px solid palette(mid); }}
#sentencePosition {{ font-weight: 600; }}
#savedIndicator {{ color: {c.saved}; }}
#caption {{ color: {c.muted}; font-weight: 600; font-size: 8.5pt; }}
#hint {{ color: {c.muted}; }}
#scopeBanner {{ color: {c.scope}; }}
#emptyTitle {{ font-size: 15pt; font-weight: 600; }}
#findBar {{ border-top: 1px solid palette(mid); }}
#evidenceList, #noteEdit {{ border: 2px solid palette(mid); border-radius: 3px; background: palette(base); }}
#evidenceList:focus, #noteEdit:focus {{ border-color: {c.focus}; }}
"""
