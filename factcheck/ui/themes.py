"""View → Theme: light, dark, high contrast, or whatever the desktop says (light or dark).

A theme is applied to the whole application at once: its palette, the style sheet, and the
colours the panes paint with (ui/palette.py). Widgets that bake colours into text formats or
rich text are told by `changed` to show themselves again.
"""

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from factcheck.core.themes import Colours, Theme, colours_for
from factcheck.ui import palette
from factcheck.ui.style import application_sheet, restyle

_SETTING = "theme"


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def qt_palette(c: Colours) -> QPalette:
    """The application palette of a theme; disabled text is the theme's muted colour."""
    p = QPalette()
    roles = QPalette.ColorRole
    colour = {
        roles.Window: c.window,
        roles.WindowText: c.window_text,
        roles.Base: c.base,
        roles.AlternateBase: c.alternate_base,
        roles.Text: c.text,
        roles.Button: c.button,
        roles.ButtonText: c.window_text,
        roles.BrightText: c.highlighted_text,
        roles.Highlight: c.highlight,
        roles.HighlightedText: c.highlighted_text,
        roles.Link: c.link,
        roles.LinkVisited: c.link,
        roles.ToolTipBase: c.base,
        roles.ToolTipText: c.text,
        roles.PlaceholderText: c.muted,
        roles.Mid: c.mid,
        roles.Accent: c.highlight,
    }
    for role, value in colour.items():
        p.setColor(role, QColor(value))
    window = QColor(c.window)
    # Fusion draws bevels and frames from these: derived from the window colour, like its own.
    p.setColor(roles.Light, window.lighter(150 if c.dark else 115))
    p.setColor(roles.Midlight, window.lighter(125 if c.dark else 108))
    p.setColor(roles.Dark, window.darker(160 if c.dark else 150))
    p.setColor(roles.Shadow, QColor("#000000"))
    inactive = QPalette.ColorGroup.Inactive
    p.setColor(inactive, roles.Highlight, QColor(c.highlight_inactive))
    p.setColor(inactive, roles.HighlightedText, QColor(c.text))
    disabled = QPalette.ColorGroup.Disabled
    muted = QColor(c.muted)
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, muted)
    p.setColor(disabled, roles.Highlight, QColor(c.mid))
    return p


class ThemeSwitcher(QObject):
    """Applies the chosen theme, remembers the choice, and follows the desktop under SYSTEM."""

    changed = Signal()

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        value = settings.value(_SETTING, Theme.SYSTEM.value, str)
        self.theme = Theme(value) if value in {t.value for t in Theme} else Theme.SYSTEM
        self._applied: Colours | None = None
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._desktop_changed)
        self._apply()

    def choose(self, theme: Theme) -> None:
        self.theme = theme
        self.settings.setValue(_SETTING, theme.value)
        self._apply()

    def colours(self) -> Colours:
        return colours_for(self.theme, system_is_dark())

    def _desktop_changed(self) -> None:
        if self.theme is Theme.SYSTEM:
            self._apply()

    def _apply(self) -> None:
        colours = self.colours()
        if colours is self._applied:
            return
        self._applied = colours
        palette.use(colours)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            if colours.dark and app.style().name().lower() != "fusion":
                app.setStyle("Fusion")  # some native styles ignore a dark palette
            app.setPalette(qt_palette(colours))
            app.setStyleSheet(application_sheet(colours))
            restyle(colours)
        self.changed.emit()
