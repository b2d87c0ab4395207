"""Themes (light, dark, high contrast, or the desktop's), names a screen reader can speak, and
boilerplate that reads as what it is."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAccessible, QGuiApplication, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from factcheck.core.labels import Verdict
from factcheck.core.themes import DARK, HIGH_CONTRAST, LIGHT, Theme
from factcheck.store.audit_table import detail
from factcheck.ui import palette, themes
from factcheck.ui.audit_detail import AdjudicateDialog
from factcheck.ui.go_to import GoToSentence
from factcheck.ui.import_dialog import ImportDialog
from factcheck.ui.main_window import MainWindow
from tests.ui.keyboard import press


@pytest.fixture(autouse=True)
def light_again():
    yield
    palette.use(LIGHT)
    QApplication.instance().setPalette(themes.qt_palette(LIGHT))


def base_colour() -> str:
    return QApplication.instance().palette().color(QPalette.ColorRole.Base).name().upper()


def char_colour(window: MainWindow, offset: int) -> str:
    view = window.rewrite_view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.positions.to_qt(offset) + 1)
    return cursor.charFormat().foreground().color().name().upper()


def boilerplate_article(window: MainWindow):
    medbot = next(s for s in window.session.articles() if s.title.startswith("MicroPort"))
    window.open_article(medbot.id)
    return window.review.article


@pytest.mark.parametrize(
    ("theme", "colours"), [(Theme.DARK, DARK), (Theme.HIGH_CONTRAST, HIGH_CONTRAST), (Theme.LIGHT, LIGHT)]
)
def test_each_theme_colours_the_whole_window(window: MainWindow, theme: Theme, colours) -> None:
    article = boilerplate_article(window)
    window.actions.theme_action(theme).trigger()
    assert base_colour() == colours.base
    look = palette.LOOKS[Verdict.CONTRADICTED]
    assert look.tint.name().upper() == colours.verdicts[Verdict.CONTRADICTED].tint
    boilerplate = next(s for s in article.rewrite.sentences if s.boilerplate)
    assert char_colour(window, boilerplate.start) == colours.boilerplate  # formats redone
    style = window.panel.buttons[Verdict.SUPPORTED].styleSheet()
    assert colours.verdicts[Verdict.SUPPORTED].solid.lower() in style.lower()
    caption = window.panel.hints.caption  # captions and hints are restyled, not only the panes
    assert caption.palette().windowText().color().name().lower() == colours.muted.lower()
    assert colours.focus.lower() in window.panel.note.styleSheet().lower()
    assert window.settings.value("theme") == theme.value
    assert window.actions.theme_action(theme).isChecked()


def test_the_theme_is_remembered(open_window, demo_path: Path) -> None:
    first = open_window(demo_path)
    first.actions.theme_dark.trigger()
    first.close()
    first.session.project.close()
    palette.use(LIGHT)
    second = open_window(demo_path)
    assert second.themes.theme is Theme.DARK and base_colour() == DARK.base


def test_as_the_desktop_follows_its_light_or_dark_setting(window: MainWindow, monkeypatch) -> None:
    window.actions.theme_system.trigger()
    assert base_colour() == LIGHT.base
    monkeypatch.setattr(themes, "system_is_dark", lambda: True)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert base_colour() == DARK.base and palette.COLOURS is DARK
    window.actions.theme_light.trigger()  # a choice of its own: the desktop no longer decides
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert base_colour() == LIGHT.base


def test_a_theme_change_keeps_the_place_and_the_selection(window: MainWindow) -> None:
    last = len(window.review.article.rewrite.sentences) - 1
    window.review.go_to(last)
    window.source_view.select(10, 30)
    window.actions.theme_high_contrast.trigger()
    sentence = window.rewrite_view.current_sentence()
    assert sentence.index == last and window.rewrite_view.is_visible(sentence.start, sentence.end)
    assert window.source_view.selected_span() is not None


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface else ""


def unnamed(top: QWidget) -> list[str]:
    """Every widget that can take the keyboard but would be read out without a name."""
    return [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in [top, *top.findChildren(QWidget)]
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisibleTo(top) and not spoken_name(w).strip()
    ]


def test_every_focusable_widget_of_the_window_has_a_name(window: MainWindow) -> None:
    window.find_bar.open()
    assert unnamed(window) == []


def test_the_dialogs_name_their_fields(window: MainWindow, qtbot) -> None:
    for dialog in (ImportDialog(window), GoToSentence(21, 1, window)):
        dialog.show()
        assert unnamed(dialog) == [], type(dialog).__name__
        dialog.close()


def test_the_audit_window_and_the_adjudicate_dialog_name_their_fields(window: MainWindow, qtbot) -> None:
    article = window.review.article
    press(window, "1")
    audit = window.open_audit()
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=10_000)
    for tab in range(audit.tabs.count()):
        audit.tabs.setCurrentIndex(tab)
        assert unnamed(audit) == [], (audit.tabs.tabText(tab), unnamed(audit))
    dialog = AdjudicateDialog(detail(window.session.project, article.rewrite.sentences[0].id), audit)
    dialog.show()
    assert unnamed(dialog) == []
    dialog.close()


def test_boilerplate_is_grey_and_unflagged_until_taken_into_the_review(window: MainWindow, qtbot) -> None:
    article = boilerplate_article(window)
    qtbot.waitUntil(lambda: article.assessment is not None, timeout=30_000)
    view = window.rewrite_view
    flagged = [s for s in article.rewrite.sentences if s.boilerplate and article.hints(s).flags]
    assert flagged, "the demo's teaser headlines carry names and numbers"
    sentence = flagged[0]
    flag_start = sentence.start + article.hints(sentence).flags[0].start
    grey = palette.BOILERPLATE_TEXT.name().upper()
    assert char_colour(window, sentence.start) == grey
    assert view.tooltip_at(flag_start) == ""  # greyed boilerplate is not read for errors
    window.review.go_to(sentence.index)
    press(window, "X")  # taken into the review: it reads like any other sentence
    assert char_colour(window, sentence.start) != grey
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.positions.to_qt(sentence.start) + 1)
    assert not cursor.charFormat().fontItalic()
    assert article.hints(sentence).flags[0].reason in view.tooltip_at(flag_start)
    press(window, "X")  # and left out again
    assert char_colour(window, sentence.start) == grey


def test_the_settings_of_a_window_start_with_the_desktops_theme(tmp_path: Path) -> None:
    switcher = themes.ThemeSwitcher(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert switcher.theme is Theme.SYSTEM


def test_the_pane_with_the_keys_keeps_its_name_in_the_focus_colour_when_the_theme_changes(
    window: MainWindow,
) -> None:
    window.focus_rewrite()
    assert window.rewrite_frame.focused
    window.actions.theme_action(Theme.DARK).trigger()
    assert window.rewrite_header.kind.palette().windowText().color() == palette.FOCUS
    assert window.source_header.kind.palette().windowText().color() == palette.MUTED
