"""Import and export from the window (on worker threads), errors as one line, settings kept."""

import csv
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QTextCursor

from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.decisions import decide
from factcheck.store.project import open_project
from factcheck.ui import dialogs
from factcheck.ui.main_window import MainWindow
from tests.conftest import DATA, REWRITES, SOURCE


def test_an_empty_project_offers_import_and_the_demo(open_window, project_path: Path, qtbot) -> None:
    open_project(project_path).close()
    window = open_window(project_path)
    assert window.pages.currentWidget() is window.empty
    with qtbot.waitSignal(window.sidebar.model().modelReset, timeout=10_000):
        job = dialogs.import_demo(window)
    job.wait()
    assert window.pages.currentIndex() == 0
    assert window.review.article is not None and window.review.article.rewrite.sentences


def test_importing_files_from_the_window(open_window, project_path: Path, qtbot) -> None:
    open_project(project_path).close()
    window = open_window(project_path)
    with qtbot.waitSignal(window.sidebar.model().modelReset, timeout=10_000):
        dialogs.run_import(window, SOURCE, REWRITES)
    titles = [s.title for s in window.session.articles()]
    assert len(titles) == 3
    assert window.review.article.rewrite.file_name in {p.name for p in REWRITES}


def test_a_bad_file_gives_one_line_in_a_dialog_and_changes_nothing(
    window: MainWindow, demo_path: Path, qtbot
) -> None:
    before = window.session.articles()
    bad = DATA / "bad_input" / "truncated.json"
    with qtbot.waitSignal(window.errorShown, timeout=10_000) as shown:
        dialogs.run_import(window, SOURCE, [bad])
    message = shown.args[0]
    assert "truncated.json" in message and "not valid JSON" in message and "\n" not in message
    assert window.session.articles() == before


def test_exporting_from_the_window_writes_the_csv(window: MainWindow, tmp_path: Path, qtbot) -> None:
    article = window.review.article
    for sentence in article.rewrite.sentences[:3]:
        decide(
            window.session.project,
            sentence.id,
            "alice",
            lambda s: s.with_label(Verdict.SUPPORTED),
            Via.WINDOW,
        )
    out = tmp_path / "out.csv"
    job = dialogs.run_export(window, out, dialogs.ExportFormat.CSV)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == 3 and {r["verdict"] for r in rows} == {"supported"}


def test_opening_a_file_that_is_not_a_project_says_so(window: MainWindow, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a project")
    with qtbot.waitSignal(window.errorShown) as shown:
        assert not dialogs.switch_project(window, path)
    assert "not an SQLite database" in shown.args[0]
    assert path.read_text() == "not a project"
    assert window.review.article is not None  # still working on the project it had


def test_geometry_splitters_and_the_last_article_are_remembered(open_window, demo_path: Path) -> None:
    first = open_window(demo_path)
    other = next(
        s for s in first.session.articles() if s.source_id and s.id != first.review.article.rewrite.id
    )
    first.open_article(other.id)
    first.resize(777, 555)  # inside the offscreen screen (800 × 800), which bounds a restore
    first.panes.setSizes([300, 700])
    sizes = first.panes.sizes()
    first.close()
    first.session.project.close()
    second = open_window(demo_path)
    assert second.review.article.rewrite.id == other.id
    assert (second.size().width(), second.size().height()) == (777, 555)
    assert second.panes.sizes() == sizes
    assert isinstance(second.settings.value("window/geometry"), QByteArray)


def test_markdown_in_the_source_is_inert_text(window: MainWindow) -> None:
    from factcheck.core.article import prepare
    from factcheck.core.document import Role
    from factcheck.core.formats import read_articles

    unsafe = prepare(read_articles(DATA / "import" / "unsafe.md")[0], Role.SOURCE, "unsafe.md")
    view = window.source_view
    view.show_article(unsafe)
    assert "<script>" in view.toPlainText()
    block = view.document().begin()
    while block.isValid():  # no anchors anywhere: nothing can be clicked open or fetched
        iterator = block.begin()
        while not iterator.atEnd():
            assert not iterator.fragment().charFormat().isAnchor()
            iterator += 1
        block = block.next()
    assert view.document().resource(0, "https://example.com/x.png") is None


def test_a_hundred_thousand_void_qt_calls_do_not_crash() -> None:
    """PySide6 6.12.0 on Python 3.11 aborts after a few thousand calls of methods returning nothing."""
    from PySide6.QtGui import QTextDocument

    document = QTextDocument("x" * 100)
    cursor = QTextCursor(document)
    for i in range(100_000):
        cursor.setPosition(i % 100)
    assert cursor.position() == 99


def test_a_refused_import_keeps_the_dialog_open_with_everything_picked(
    open_window, project_path: Path, qtbot
) -> None:
    open_project(project_path).close()
    window = open_window(project_path)
    dialog = dialogs.ask_import(window)
    bad = DATA / "bad_input" / "truncated.json"
    dialog.source.setText(str(SOURCE))
    dialog.add_rewrite_paths([str(REWRITES[0]), str(bad)])
    with qtbot.waitSignal(dialog.problemShown, timeout=10_000) as shown:
        dialog.import_button.click()
    assert "truncated.json" in shown.args[0] and shown.args[0] in dialog.problem.text()
    assert dialog.isVisible() and dialog.import_button.isEnabled()
    assert dialog.chosen() == (SOURCE, [REWRITES[0], bad])  # nothing to pick again
    assert window.session.articles() == []
    dialog.rewrites.setCurrentRow(1)
    dialog.rewrites.item(1).setSelected(True)
    dialog.remove_selected_rewrites()  # as the Remove button does
    with qtbot.waitSignal(window.sidebar.model().modelReset, timeout=10_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(window.session.articles()) == 2


def test_an_empty_project_says_how_to_begin_and_the_keys_start_there(open_window, project_path: Path) -> None:
    open_project(project_path).close()
    window = open_window(project_path)
    assert window.pages.currentWidget() is window.empty
    texts = [button.text().replace("&", "") for button in window.empty_buttons]
    assert texts == [
        "Import Articles…",
        "Add the Demo Articles",
        "Merge Project Files…",
        "Open Another Project…",
    ]
    assert window.empty_buttons[0].hasFocus()
    assert window.sentence_list.table.placeholder == "No rewrite is open."
