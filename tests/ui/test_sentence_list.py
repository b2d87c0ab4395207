"""The sentence list: a thin model over the open rewrite, its filters, and Enter to go there."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from factcheck.core.labels import Verdict
from factcheck.core.review import Aspect
from factcheck.store.assessments import assessment_for
from factcheck.store.importing import import_files
from factcheck.store.project import Project
from factcheck.store.session import ReviewSession, SentenceFilter, Show
from factcheck.ui.main_window import MainWindow
from factcheck.ui.sentence_list import Column, SentenceIndexRole, SentenceListModel
from tests.conftest import SOURCE
from tests.ui.keyboard import press, type_text


@pytest.fixture
def medbot(demo_path: Path):
    project = Project.open(demo_path)
    session = ReviewSession(project, "alice")
    summary = next(s for s in session.articles() if s.title.startswith("MicroPort"))
    article = session.open(summary.id)
    article.assessment = assessment_for(project, article.source, article.rewrite)
    yield session, article
    project.close()


@pytest.mark.parametrize("show", list(Show))
def test_the_model_is_valid_under_every_filter(qtmodeltester, medbot, show: Show) -> None:
    session, article = medbot
    sentences = article.rewrite.sentences
    session.change(article, sentences[2], {Aspect.LABEL: Verdict.CONTRADICTED, Aspect.NOTE: "wrong firm"})
    model = SentenceListModel()
    model.show_article(article)
    model.set_filter(SentenceFilter(show, ""))
    qtmodeltester.check(model)
    assert model.rowCount() == len(SentenceFilter(show).matching(article))
    model.set_filter(SentenceFilter(show, "robot"))
    qtmodeltester.check(model)


def test_a_row_shows_number_verdict_flags_and_note(medbot) -> None:
    session, article = medbot
    sentences = article.rewrite.sentences
    flagged = next(s for s in sentences if article.hints(s).flags)
    session.change(article, flagged, {Aspect.LABEL: Verdict.CONTRADICTED, Aspect.NOTE: "wrong firm"})
    model = SentenceListModel()
    model.show_article(article)
    row = model.row_of(flagged.index)

    def cell(column: Column, role=Qt.ItemDataRole.DisplayRole):
        return model.index(row, column).data(role)

    assert cell(Column.NUMBER) == str(flagged.index + 1)  # 1-based, as everywhere a person reads
    assert cell(Column.VERDICT) == "✗" and cell(Column.VERDICT, Qt.ItemDataRole.ToolTipRole) == "Contradicted"
    assert cell(Column.FLAGS) and article.hints(flagged).flags[0].reason in cell(
        Column.FLAGS, Qt.ItemDataRole.ToolTipRole
    )
    assert cell(Column.NOTE) == "✎" and cell(Column.NOTE, Qt.ItemDataRole.ToolTipRole) == "wrong firm"
    assert cell(Column.TEXT) == " ".join(flagged.text.split())
    assert cell(Column.TEXT, SentenceIndexRole) == flagged.index
    boilerplate = next(s for s in sentences if s.boilerplate)
    italic = model.index(model.row_of(boilerplate.index), Column.TEXT).data(Qt.ItemDataRole.FontRole)
    assert italic.italic()  # out of the review: greyed and italic, as in the pane


def write_long_rewrite(folder: Path, sentences: int) -> Path:
    """A rewrite of `sentences` sentences, in paragraphs of ten."""
    lines = []
    for first in range(0, sentences, 10):
        lines.append(
            " ".join(
                f"Sentence {n + 1} says the surgical robot won approval number {n + 1}."
                for n in range(first, min(first + 10, sentences))
            )
        )
    path = folder / "long_rewrite.txt"
    path.write_text("A long rewrite\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_twenty_thousand_sentences_are_one_thin_model(tmp_path: Path, qtmodeltester) -> None:
    project = Project.open(tmp_path / "long.db")
    try:
        imported = import_files(project, SOURCE, [write_long_rewrite(tmp_path, 20_000)])
        session = ReviewSession(project, "alice")
        article = session.open(next(r.article.id for r in imported if r.article.source_id))
        count = len(article.rewrite.sentences)
        assert count >= 20_000
        model = SentenceListModel()
        model.show_article(article)
        assert model.rowCount() == count
        resets, changed = [], []
        model.modelReset.connect(lambda: resets.append(1))
        model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row())))
        sentence = article.rewrite.sentences[12_345]
        session.change(article, sentence, {Aspect.LABEL: Verdict.SUPPORTED})
        model.sentence_changed(sentence.index)
        assert resets == [] and changed == [(12_345, 12_345)]  # one row, not the list
        model.set_filter(SentenceFilter(Show.ALL, "approval number 12345."))
        assert model.rowCount() == 1 and model.sentence_index(0) == 12_345
        model.set_filter(SentenceFilter(Show.SUPPORTED))
        assert [model.sentence_index(r) for r in range(model.rowCount())] == [12_345]
        qtmodeltester.check(model)
    finally:
        project.close()


def rows(window: MainWindow) -> list[int]:
    model = window.sentence_list.model
    return [model.sentence_index(r) for r in range(model.rowCount())]


def caught_up(window: MainWindow, qtbot) -> None:
    """The list follows a moment after the rewrite has shown a decision."""
    qtbot.waitUntil(lambda: not window.sentence_list.pending())


def test_filters_by_verdict_and_the_current_row_stays_while_current(window: MainWindow, qtbot) -> None:
    article = window.review.article
    count = len(article.rewrite.sentences)
    listing = window.sentence_list
    assert rows(window) == list(range(count)) and listing.count.text() == f"{count} sentences"
    listing.choose(Show.NOT_REVIEWED)
    assert rows(window) == list(range(count))
    press(window, "2")  # contradicted; marking moves on to sentence 2
    caught_up(window, qtbot)
    assert rows(window) == list(range(1, count))  # sentence 1 left the list once no longer current
    assert listing.count.text() == f"{count - 1} of {count}"
    window.actions.advance.setChecked(False)
    press(window, "1")  # sentence 2 marked but still current: it stays listed
    caught_up(window, qtbot)
    assert 1 in rows(window) and listing.count.text() == f"{count - 2} of {count}"
    press(window, "J")
    caught_up(window, qtbot)
    assert 1 not in rows(window)
    listing.choose(Show.CONTRADICTED)
    assert rows(window) == [0]
    listing.choose(Show.SUPPORTED)
    assert rows(window) == [1]
    listing.choose(Show.ALL, "european")
    assert rows(window) and all("european" in article.rewrite.sentences[i].text.lower() for i in rows(window))


def test_enter_in_the_list_makes_a_sentence_current_and_esc_goes_back(window: MainWindow, qtbot) -> None:
    press(window, "Ctrl+L")
    assert QApplication.focusWidget() is window.sentence_list.table
    press(window, "Down", "Down", "Down", "Return")
    assert window.rewrite_view.current == 3
    assert QApplication.focusWidget() is window.sentence_list.table  # stays for the next one
    press(window, "1")  # the verdict keys work from the list too
    article = window.review.article
    assert article.state(article.rewrite.sentences[3]).label is Verdict.SUPPORTED
    caught_up(window, qtbot)
    selected = window.sentence_list.table.selectionModel().selectedRows()
    assert [window.sentence_list.model.sentence_index(i.row()) for i in selected] == [4]  # follows
    press(window, "Escape")
    assert QApplication.focusWidget() is window.rewrite_view


def test_the_flagged_filter_waits_for_the_assistant(window: MainWindow, qtbot) -> None:
    qtbot.waitUntil(lambda: window.review.article.assessment is not None, timeout=30_000)
    window.sentence_list.choose(Show.FLAGGED)
    article = window.review.article
    flagged = [s.index for s in article.rewrite.sentences if article.hints(s).flags and article.in_review(s)]
    assert flagged and rows(window) == flagged


def test_the_words_field_filters_as_you_type(window: MainWindow) -> None:
    press(window, "Ctrl+Shift+L")
    assert QApplication.focusWidget() is window.sentence_list.words
    type_text(window, "zzzz no such words")
    assert rows(window) == [] and window.sentence_list.table.placeholder == "No sentence matches."
    press(window, "Ctrl+A", "Backspace")
    assert len(rows(window)) == len(window.review.article.rewrite.sentences)
    article = window.review.article
    assert article.state(article.rewrite.sentences[0]).label is None  # Backspace erased, cleared nothing


def test_a_filter_shows_the_matches_that_follow_the_current_sentence(window: MainWindow) -> None:
    window.resize(700, 420)  # a short list, so that not every row is on screen
    medbot = next(s for s in window.session.articles() if s.title.startswith("MicroPort"))
    window.open_article(medbot.id)
    sentences = window.review.article.rewrite.sentences
    later = [s for s in sentences[:30] if "the" not in s.text.lower()][-1]
    window.review.go_to(later.index)
    window.sentence_list.set_current(later.index)
    window.sentence_list.choose(Show.ALL, "the")
    table, model = window.sentence_list.table, window.sentence_list.model
    assert model.row_of(later.index) is None and model.rowCount() > 10
    following = model.first_row_from(later.index)
    assert table.rowAt(0) > 0  # not left at the top of the list
    assert table.viewport().rect().intersects(table.visualRect(model.index(following, 0)))
