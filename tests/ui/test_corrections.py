"""The correction loop in the window, with the keyboard alone: what is wrong (the words, of what
kind) and what it should read, then the revised rewrite re-checked only where it changed."""

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from factcheck.core.error_types import ErrorType
from factcheck.core.labels import Verdict
from factcheck.core.revisions import RevisionStatus
from factcheck.store.decisions import current
from factcheck.store.project import Project
from factcheck.store.session import Show
from factcheck.ui.main_window import MainWindow
from factcheck.ui.sentence_list import Column
from tests.cli.conftest import run_factcheck
from tests.conftest import SOURCE
from tests.store.medbot import OTHER_EDIT, RIGHT, WRONG, mark_medbot, revised_file
from tests.ui.keyboard import press, type_text
from tests.ui.test_themes_and_access import unnamed


def medbot_sentence(window: MainWindow, qtbot):
    """Open the MedBot rewrite and go to the sentence that credits the wrong company, by keys."""
    press(window, "Ctrl+PgDown")
    article = window.review.article
    assert article.rewrite.title.startswith("MicroPort MedBot")
    sentence = next(s for s in article.rewrite.sentences if WRONG in s.text)
    dialog = window.ask_sentence()
    qtbot.waitUntil(dialog.field.hasFocus)
    type_text(window, str(sentence.index + 1))
    press(window, "Return")
    qtbot.waitUntil(window.rewrite_view.hasFocus)
    assert window.rewrite_view.current == sentence.index
    return article, sentence


def select_by_keys(window: MainWindow, text: str, start: int, words: int) -> str:
    """Put the caret in the current sentence, walk it word by word to `start`, then select
    `words` words with Ctrl+Shift+Right; the selected text."""
    view = window.rewrite_view
    press(window, "Right")  # the caret goes to the start of the current sentence
    for _ in range(40):
        if view.caret_offset() >= start:
            break
        press(window, "Ctrl+Right")
    assert view.caret_offset() == start, text[view.caret_offset() : view.caret_offset() + 20]
    press(window, *["Ctrl+Shift+Right"] * words)
    span = view.selected_span()
    return text[span[0] : span[1]] if span else ""


def stored(window: MainWindow, sentence):
    return current(window.session.project, sentence.id, window.session.reviewer)


def marked_elsewhere(path: Path, *reviewers: str):
    """The MedBot sentence marked as the issue describes it by each reviewer, through a
    connection of its own (as a merge or another window would)."""
    project = Project.open(path)
    try:
        marked = [mark_medbot(project, reviewer) for reviewer in reviewers]
        return marked[0]
    finally:
        project.close()


def come_back_to(window: MainWindow, qtbot) -> None:
    """Leave the window for another (the terminal) and come back: it reloads on activation."""
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_the_demo_correction_loop_marks_revises_and_rechecks_only_what_changed(
    window: MainWindow, qtbot, demo_path: Path, tmp_path: Path
) -> None:
    article, sentence = medbot_sentence(window, qtbot)
    text = article.rewrite.text
    wrong_at = text.index("MicroPort MedBot", sentence.start)
    assert select_by_keys(window, text, wrong_at, 2) == "MicroPort MedBot"

    press(window, "P")
    span = (wrong_at, wrong_at + len("MicroPort MedBot"))
    assert stored(window, sentence).problems == (span,)
    assert window.rewrite_view.selected_span() is None  # taken: the words are drawn as a problem
    assert span in window.rewrite_view.visible_problems()
    assert "‘MicroPort MedBot’" in window.panel.problems.chips[0].text()

    press(window, "Alt+2")
    assert stored(window, sentence).error_types == (ErrorType.WRONG_NAME,)
    assert "wrong name or attribution" in window.panel.problems.types.text()
    assert window.actions.error_type_actions()[ErrorType.WRONG_NAME].isChecked()

    press(window, "R")
    assert window.panel.correction.hasFocus()
    type_text(window, "Baichuan-M4")
    press(window, "Escape")  # saved, and the keys go back to the rewrite
    assert window.rewrite_view.hasFocus()
    assert stored(window, sentence).correction == "Baichuan-M4"

    press(window, "2")
    marked = stored(window, sentence)
    assert (marked.label, marked.problems, marked.error_types, marked.correction) == (
        Verdict.CONTRADICTED,
        (span,),
        (ErrorType.WRONG_NAME,),
        "Baichuan-M4",
    )
    untouched = [s for s in article.rewrite.sentences if not s.boilerplate][:2]
    for other in untouched:
        window.review.go_to(other.index)
        press(window, "1")

    # The writer applies the correction and edits one other sentence; it is imported from the
    # command line beside the open window.
    edited = revised_file(tmp_path)
    imported = run_factcheck("import", "--db", str(demo_path), "--source", str(SOURCE), str(edited))
    assert imported.returncode == 0, imported.stderr
    come_back_to(window, qtbot)

    revision = window.review.article
    assert revision.rewrite.version == 2 and revision.revision.previous_id == article.rewrite.id
    assert "Version 2 of this rewrite was imported" in window.statusBar().currentMessage()
    statuses = [revision.revision_status(s) for s in revision.rewrite.sentences]
    assert statuses.count(RevisionStatus.CHANGED) == 2
    assert statuses.count(RevisionStatus.CARRIED) == len(statuses) - 2
    for old in untouched:  # carried over, with my verdict
        assert revision.state(revision.rewrite.sentences[old.index]).label is Verdict.SUPPORTED
    assert "0 / 2 changed checked" in window.progress_label.text()
    window.sentence_list.choose(Show.CHANGED)
    assert window.sentence_list.model.rowCount() == 2

    # The window opened at the first sentence to check again; N goes to the next one, the
    # corrected sentence, whose correction is reported applied.
    assert window.review.current().text == OTHER_EDIT[1]
    assert "essentially</s>" in window.panel.revision.text()  # the deleted word, struck
    press(window, "1", "N")  # checked: on to the other one
    assert "1 / 2 changed checked" in window.progress_label.text()
    corrected = window.review.current()
    assert RIGHT in corrected.text and revision.to_recheck(corrected)
    banner = window.panel.revision.text()
    assert "Changed since v1, to check" in banner and "Your correction ‘Baichuan-M4’" in banner
    assert "is in ✓" in banner and "‘MicroPort MedBot’ is gone" in banner
    assert "MicroPort MedBot</s>" in banner
    press(window, "N")  # every changed sentence is checked: N goes on through the others
    assert not revision.to_recheck(window.review.current())


def test_supported_takes_what_is_wrong_away_in_one_decision_that_undo_restores(
    window: MainWindow, qtbot
) -> None:
    window.actions.advance.setChecked(False)
    article, sentence = medbot_sentence(window, qtbot)
    text = article.rewrite.text
    select_by_keys(window, text, text.index("MicroPort MedBot", sentence.start), 2)
    press(window, "P", "Alt+2", "Alt+5", "2")
    described = stored(window, sentence)
    assert described.error_types == (ErrorType.WRONG_NAME, ErrorType.INVENTED_DETAIL)
    press(window, "1")
    cleared = stored(window, sentence)
    assert cleared.label is Verdict.SUPPORTED and not cleared.describes_an_error
    assert not window.panel.problems.types.isEnabled() and not window.panel.correction.isEnabled()
    press(window, "P")  # nothing to say on a supported sentence
    assert "contradicted (2) or unverifiable (3) first" in window.statusBar().currentMessage()
    press(window, "Ctrl+Z")
    assert stored(window, sentence) == described
    press(window, "Ctrl+Shift+Z")
    assert stored(window, sentence) == cleared
    press(window, "Ctrl+Z", "Shift+P")  # removes the words again, as a decision of its own
    assert stored(window, sentence).problems == ()
    press(window, "Ctrl+Z")
    assert stored(window, sentence) == described


def test_one_key_takes_the_assistants_flag_with_its_type_and_correction(window: MainWindow, qtbot) -> None:
    article, sentence = medbot_sentence(window, qtbot)
    qtbot.waitUntil(lambda: article.assessment is not None, timeout=30_000)
    offer = window.review.next_suggestion(sentence)
    assert offer is not None and offer.text == "MicroPort MedBot"
    assert window.panel.problems.suggestion.isVisible()
    assert "‘MicroPort MedBot’ → ‘Baichuan-M4’" in window.panel.problems.suggestion.text()
    press(window, "F")
    taken = stored(window, sentence)
    assert taken.problems == (offer.span,) and taken.error_types == (ErrorType.WRONG_NAME,)
    assert taken.correction == "Baichuan-M4" and window.panel.correction.text() == "Baichuan-M4"
    assert taken.label is None  # the verdict stays the reviewer's to give
    assert not window.panel.problems.suggestion.isVisible()
    press(window, "F")
    assert "taken already" in window.statusBar().currentMessage()
    press(window, "Ctrl+Z")  # one decision: span, type and correction go together
    assert not stored(window, sentence).describes_an_error


def test_the_correction_is_saved_when_typing_stops_and_never_lost(window: MainWindow, qtbot) -> None:
    window.actions.advance.setChecked(False)
    _, sentence = medbot_sentence(window, qtbot)
    press(window, "2", "R")
    type_text(window, "Baichuan")
    assert "not saved yet" in window.panel.saved.text()
    qtbot.waitUntil(lambda: stored(window, sentence).correction == "Baichuan", timeout=5_000)
    assert "Saved" in window.panel.saved.text()
    type_text(window, " M4")  # a pause after the space saved "Baichuan " — the space stays typed
    qtbot.waitUntil(lambda: stored(window, sentence).correction == "Baichuan M4", timeout=5_000)
    assert window.panel.correction.text() == "Baichuan M4"
    window.panel.note.setFocus()  # a note typed meanwhile keeps the correction's typing, and both save
    type_text(window, "credited to the wrong firm")
    window.panel.correction.setFocus()
    type_text(window, "!")
    window.review.remove_problem()  # a decision recorded while the field has unsaved typing
    assert window.panel.correction.text() == "Baichuan M4!"
    window.close()  # closing saves what was typed a moment ago
    saved = stored(window, sentence)
    assert (saved.correction, saved.note) == ("Baichuan M4!", "credited to the wrong firm")


def test_a_selection_in_another_sentence_makes_it_current_and_stays_inside_it(
    window: MainWindow, qtbot
) -> None:
    article, sentence = medbot_sentence(window, qtbot)
    text = article.rewrite.text
    previous = article.rewrite.sentences[sentence.index - 1]
    start = text.index("MicroPort MedBot", sentence.start)
    window.rewrite_view.select(start + 2, start + 12)  # a drag over "croPort Me", as the mouse leaves it
    press(window, "Up")  # another sentence is current; the selection goes with the move
    assert window.rewrite_view.selected_span() is None
    window.rewrite_view.select(start + 2, start + 12)
    press(window, "P")
    assert window.rewrite_view.current == sentence.index  # the sentence the words are in
    assert stored(window, sentence).problems == ((start, start + len("MicroPort MedBot")),)
    window.review.go_to(previous.index)
    press(window, "Left")  # the caret goes to the end of the current sentence…
    assert window.rewrite_view.caret_offset() == previous.end
    press(window, *["Shift+Right"] * 5)  # …and a selection never leaves it
    assert (
        window.rewrite_view.selected_span() is None or window.rewrite_view.selected_span()[1] <= previous.end
    )
    press(window, "Down")
    assert window.rewrite_view.current == sentence.index  # Up and Down still move between sentences


def test_other_reviewers_say_what_they_found_wrong_beside_their_verdicts(
    open_window, demo_path: Path, qtbot
) -> None:
    sentence = marked_elsewhere(demo_path, "bob")
    window = open_window(demo_path)
    article = next(s for s in window.session.articles() if s.title.startswith("MicroPort"))
    window.open_article(article.id)
    window.review.go_to(next(s.index for s in window.review.article.rewrite.sentences if s.id == sentence.id))
    others = window.panel.others
    assert "note: the source credits Baichuan-M4" in others.toolTip()
    window.resize(640, window.height())  # narrow: the verdicts alone, the rest in the tooltip
    qtbot.waitUntil(lambda: "wrong name" not in others.text())
    assert "bob" in others.text() and "✗" in others.text()
    window.resize(1600, window.height())  # with room: what bob found wrong, beside his verdict
    qtbot.waitUntil(lambda: "wrong name or attribution → ‘Baichuan-M4’" in others.text())


def test_a_revision_lists_its_changes_its_deleted_sentences_and_whats_left_to_recheck(
    open_window, demo_path: Path, tmp_path: Path
) -> None:
    edited = revised_file(tmp_path)
    text = edited.read_text(encoding="utf-8")
    gone = "The CE mark is, in effect, the product’s passport. "
    edited.write_text(text.replace(gone, ""), encoding="utf-8")
    assert (
        run_factcheck("import", "--db", str(demo_path), "--source", str(SOURCE), str(edited)).returncode == 0
    )
    window = open_window(demo_path)
    summaries = {s.id: s for s in window.session.articles()}
    revision = next(s for s in summaries.values() if s.revises)
    window.open_article(revision.id)
    article = window.review.article
    assert article.rewrite.id == revision.id
    sentence_list = window.sentence_list
    assert not sentence_list.table.isColumnHidden(1)
    assert sentence_list.deleted.isVisible() and sentence_list.deleted.count() == 1
    assert (
        "passport" in sentence_list.deleted.item(0).text()
        and sentence_list.deleted.item(0).font().strikeOut()
    )
    assert sentence_list.deleted_caption.text() == "Deleted since v1 (1)"
    changed = [s for s in article.rewrite.sentences if article.to_recheck(s)]
    model = sentence_list.model
    glyphs = {model.index(model.row_of(s.index), Column.REVISION).data() for s in changed}
    assert glyphs == {"~"}
    assert "1 changed" in sentence_list.count.text()
    assert unnamed(window) == []  # the revision's widgets too
    shown = window.tree.index_of(revision.id)
    assert "v2" in shown.data() and "revising v1" in shown.data(3)  # the tooltip role
    window.review.go_to(article.rewrite.sentences[0].index)
    assert "Carried from v1" in window.panel.revision.text()
    # A first version has none of it.
    window.open_article(next(s.id for s in summaries.values() if s.revises is None and s.source_id))
    assert sentence_list.table.isColumnHidden(1) and not sentence_list.deleted.isVisible()
    assert not window.panel.revision.isVisible()


def test_a_drag_over_part_of_two_words_selects_them_whole(window: MainWindow, qtbot) -> None:
    article, sentence = medbot_sentence(window, qtbot)
    view = window.rewrite_view
    start = article.rewrite.text.index("MicroPort MedBot", sentence.start)

    def point(offset: int) -> QPoint:
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.positions.to_qt(offset))
        return view.cursorRect(cursor).center()

    press_at, release_at = point(start + 3), point(start + 13)  # "roPort Med"
    viewport = view.viewport()
    held = Qt.MouseButton.LeftButton
    for kind, at, buttons in (
        (QEvent.Type.MouseButtonPress, press_at, held),
        (QEvent.Type.MouseMove, release_at, held),
        (QEvent.Type.MouseButtonRelease, release_at, Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(
            kind,
            QPointF(at),
            QPointF(viewport.mapToGlobal(at)),
            held,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, event)
    span = view.selected_span()
    assert span == (start, start + len("MicroPort MedBot"))
    assert view.current == sentence.index  # a drag selects; only a click picks a sentence
    press(window, "P")
    assert stored(window, sentence).problems == (span,)


def test_the_audit_window_shows_what_each_reviewer_found_wrong_and_whether_their_types_agree(
    open_window, demo_path: Path, qtbot
) -> None:
    sentence = marked_elsewhere(demo_path, "alice", "bob")
    window = open_window(demo_path)
    audit = window.open_audit()
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=10_000)
    row = next(r for r in range(audit.model.rowCount()) if audit.model.sentence_id(r) == sentence.id)
    audit.table.selectRow(row)  # the detail is read on a worker: it arrives a moment later
    qtbot.waitUntil(lambda: "<b>bob</b>" in audit.detail.errors.text(), timeout=10_000)
    found = audit.detail.errors.text()
    assert "<b>bob</b> ‘MicroPort MedBot’ · wrong name or attribution · should read ‘Baichuan-M4’" in found
    assert found.endswith("Error type: the 2 reviewers who gave one agree.")
