"""Getting around by keyboard: panes (F6), articles, go-to, menus with every key, any screen."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QMenu

from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.decisions import decide
from factcheck.store.session import rewrites_in_order
from factcheck.ui import dialogs, palette
from factcheck.ui.actions import title
from factcheck.ui.main_window import MainWindow
from factcheck.ui.sidebar import ArticleRole
from tests.ui.keyboard import press, type_text


def focus(window: MainWindow):
    return QApplication.focusWidget()


def test_f6_goes_round_the_panes_and_the_pane_with_the_keys_is_framed(window: MainWindow) -> None:
    assert focus(window) is window.rewrite_view
    assert window.rewrite_frame.focused
    expected = [
        window.source_view,
        window.panel.note,
        window.sentence_list.table,
        window.sidebar,
        window.rewrite_view,
    ]
    for widget in expected:
        press(window, "F6")
        assert focus(window) is widget
    assert window.rewrite_frame.focused
    assert not window.source_frame.focused
    for widget in reversed(expected[:-1]):
        press(window, "Shift+F6")
        assert focus(window) is widget
    press(window, "Shift+F6")
    assert focus(window) is window.rewrite_view
    press(window, "F6")
    assert window.source_frame.focused
    assert window.source_header.kind.palette().windowText().color() == palette.FOCUS
    assert window.rewrite_header.kind.palette().windowText().color() == palette.MUTED
    assert not window.rewrite_frame.focused


def test_f6_skips_a_panel_that_is_closed(window: MainWindow) -> None:
    window.articles_dock.close()
    for _ in range(4):
        press(window, "F6")
    assert focus(window) is window.rewrite_view  # rewrite → source → note → sentences → rewrite


def test_ctrl_b_focuses_the_articles_and_enter_opens_one(window: MainWindow) -> None:
    window.articles_dock.close()
    press(window, "Ctrl+B")
    assert window.articles_dock.isVisible() and focus(window) is window.sidebar
    first = window.review.article.rewrite.id
    press(window, "Down", "Return")
    assert window.review.article.rewrite.id != first
    assert focus(window) is window.rewrite_view
    press(window, "Ctrl+B", "Escape")
    assert focus(window) is window.rewrite_view


@pytest.mark.parametrize(("following", "preceding"), [("Ctrl+PgDown", "Ctrl+PgUp"), ("Alt+Down", "Alt+Up")])
def test_next_and_previous_article(window: MainWindow, following: str, preceding: str) -> None:
    first, second = rewrites_in_order(window.session.articles())
    assert window.review.article.rewrite.id == first.id
    press(window, following)
    assert window.review.article.rewrite.id == second.id
    assert window.sidebar.currentIndex().data(ArticleRole).id == second.id  # the list follows
    press(window, following)
    assert window.review.article.rewrite.id == second.id
    assert "last rewrite" in window.statusBar().currentMessage()
    press(window, preceding)
    assert window.review.article.rewrite.id == first.id


def test_n_goes_on_to_the_next_rewrite_then_says_everything_is_done(window: MainWindow) -> None:
    project, article = window.session.project, window.review.article
    in_review = [s for s in article.rewrite.sentences if article.in_review(s)]
    for sentence in in_review[:-1]:
        decide(project, sentence.id, "alice", lambda s: s.with_label(Verdict.SUPPORTED), Via.COMMAND_LINE)
    window.review.reload()
    press(window, "N")
    assert window.rewrite_view.current == in_review[-1].index
    press(window, "1")  # the last one: nothing left here
    press(window, "N")
    second = window.review.article
    assert second.rewrite.id != article.rewrite.id
    assert window.rewrite_view.current == second.next_unreviewed(-1, wrap=False)
    assert "On to" in window.statusBar().currentMessage()
    for sentence in second.rewrite.sentences:
        if second.in_review(sentence):
            decide(project, sentence.id, "alice", lambda s: s.with_label(Verdict.SUPPORTED), Via.COMMAND_LINE)
    window.review.reload()
    press(window, "N")
    assert window.review.article.rewrite.id == second.rewrite.id
    assert "Every sentence" in window.statusBar().currentMessage()


def test_go_to_a_sentence_by_its_number(window: MainWindow, qtbot) -> None:
    medbot = next(s for s in window.session.articles() if s.title.startswith("MicroPort"))
    window.open_article(medbot.id)
    dialog = window.ask_sentence()
    qtbot.waitUntil(dialog.field.hasFocus)
    press(window, "Ctrl+A")
    type_text(window, "99")
    press(window, "Return")
    assert dialog.isVisible() and "1 to 43" in dialog.problem.text()  # stays open, says why
    press(window, "Ctrl+A")
    type_text(window, "1,2")  # as a person writes a number
    press(window, "Return")
    assert not dialog.isVisible()
    assert window.rewrite_view.current == 11
    assert window.panel.position.text() == "Sentence 12 of 43"
    qtbot.waitUntil(window.isActiveWindow)
    dialog = window.ask_sentence()
    qtbot.waitUntil(dialog.field.hasFocus)
    press(window, "Escape")
    assert window.rewrite_view.current == 11


def all_menu_actions(window: MainWindow) -> list:
    found, menus = [], [a.menu() for a in window.menuBar().actions()]
    while menus:
        menu: QMenu = menus.pop()
        for action in menu.actions():
            if action.menu() is not None:
                menus.append(action.menu())
            else:
                found.append(action)
    return found


def test_every_command_is_in_a_menu_and_menus_show_every_key(window: MainWindow) -> None:
    in_menus = all_menu_actions(window)
    for action in window.actions.all():
        assert action in in_menus, title(action)
        keys = action.shortcuts()
        if len(keys) > 1:
            shown = action.text().split("\t")[1]
            for key in keys:
                assert key.toString(key.SequenceFormat.NativeText) in shown, title(action)
    assert window.actions.supported.text().endswith("\t1, S")
    assert window.actions.clear.text().endswith("\t0, Backspace")
    press(window, "1", "Ctrl+Z")
    assert window.actions.redo.text().startswith("&Redo Mark Supported\t")  # renamed, keys kept


def test_the_shortcut_table_lists_both_keys(window: MainWindow, qtbot) -> None:
    from PySide6.QtWidgets import QTableWidget

    dialogs.show_shortcuts(window)
    table = next(d for d in window.findChildren(QTableWidget) if d.isVisible())
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["✓ Supported"] == "1, S"
    assert rows["Next Article"] == "Ctrl+PgDown, Alt+Down"
    assert rows["Go to Sentence…"] == "Ctrl+G"


def test_zooming_keeps_the_current_sentence_in_view(window: MainWindow) -> None:
    view = window.rewrite_view
    last = len(window.review.article.rewrite.sentences) - 1
    window.review.go_to(last)
    for keys in (["Ctrl++"] * 4, ["Ctrl+-"] * 6, ["Ctrl+0"]):
        press(window, *keys)
        sentence = view.current_sentence()
        assert sentence.index == last and view.is_visible(sentence.start, sentence.end), keys


def test_the_first_size_fits_the_screen(open_window, demo_path: Path) -> None:
    window = open_window(demo_path)
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry())


def test_a_remembered_size_is_used_only_if_it_fits(open_window, demo_path: Path) -> None:
    first = open_window(demo_path)
    available = first.screen().availableGeometry()
    first.showNormal()
    first.resize(available.width() + 300, available.height() + 200)  # as on a bigger screen
    first.move(QPoint(0, 0))
    first.close()
    first.session.project.close()
    second = open_window(demo_path)
    assert available.contains(second.frameGeometry())
    second.showNormal()
    second.resize(700, 450)
    second.move(available.topLeft())
    second.close()
    second.session.project.close()
    third = open_window(demo_path)
    assert (third.width(), third.height()) == (700, 450)


def test_tab_goes_from_the_rewrite_to_the_note_and_on_round_the_window(window: MainWindow) -> None:
    press(window, "Tab")
    assert focus(window) is window.panel.note
    seen = [focus(window)]
    for _ in range(12):
        press(window, "Tab")
        seen.append(focus(window))
    for widget in (window.source_view, window.sentence_list.table, window.sidebar, window.rewrite_view):
        assert widget in seen, widget.objectName()


def test_alt_down_in_a_combo_box_opens_it_instead_of_changing_article(window: MainWindow, qtbot) -> None:
    article = window.review.article.rewrite.id
    combo = window.sentence_list.show_choice
    combo.setFocus()
    press(window, "Alt+Down")
    qtbot.waitUntil(lambda: combo.view().isVisible())
    assert window.review.article.rewrite.id == article
    combo.hidePopup()
