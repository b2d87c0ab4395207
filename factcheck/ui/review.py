"""The reviewer's loop in the window: the current sentence, marking, evidence, notes, what is
wrong and what it should read, undo; and a revised rewrite's changes since its previous version.

Every decision goes through `ReviewSession`, which commits it before returning; only then do the
views show it, and the panel says "Saved".
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from factcheck.core.article import Article, Sentence
from factcheck.core.error_types import ErrorType, ordered
from factcheck.core.errors import BadInput, FactcheckError
from factcheck.core.labels import Verdict
from factcheck.core.problems import ProblemSuggestion, normalised
from factcheck.core.review import Aspect, Span, VerdictState, Via
from factcheck.store.articles import ArticleSummary
from factcheck.store.project import Project, describe
from factcheck.store.session import (
    OpenArticle,
    ReviewSession,
    neighbour_rewrite,
    rewrites_to_review_after,
)
from factcheck.ui import palette
from factcheck.ui.collector import consider_everything_again, leave_alone_what_lives_now
from factcheck.ui.jobs import Job, Progress
from factcheck.ui.revision_marks import RevisionMarker
from factcheck.ui.rewrite_view import RewriteView
from factcheck.ui.source_view import SourceView
from factcheck.ui.undo import ChangeCommand, Changes
from factcheck.ui.verdict_panel import VerdictPanel

if TYPE_CHECKING:
    from factcheck.core.assist.assistant import Assessment, Hints


class ReviewController(QObject):
    articleOpened = Signal(object)  # OpenArticle
    progressChanged = Signal(object)  # ArticleSummary with my new progress
    message = Signal(str)  # a passing message for the status bar
    failed = Signal(str)  # one line for an error dialog
    decisionSaved = Signal(str)  # sentence id, once the event is committed and shown
    assessed = Signal(object)  # OpenArticle, once the assistant's hints have arrived
    currentChanged = Signal(int)  # the index of the sentence now current
    sentenceChanged = Signal(int)  # the index of a sentence whose verdict, note or scope changed
    verdictsReloaded = Signal()  # every verdict was read again (another program may have written)

    def __init__(
        self,
        session: ReviewSession,
        rewrite_view: RewriteView,
        source_view: SourceView,
        panel: VerdictPanel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.rewrite_view = rewrite_view
        self.source_view = source_view
        self.panel = panel
        self.article: OpenArticle | None = None
        self.summary: ArticleSummary | None = None
        self.undo_stack = QUndoStack(self)
        self.advance_after_marking = True
        self.shown_candidate = 0
        """Which of the current sentence's candidates the source pane shows (] and [ step)."""
        self.jobs: set[Job] = set()
        self._assessment_held = False
        self._held_article: OpenArticle | None = None
        rewrite_view.sentenceClicked.connect(self.go_to)
        panel.labelChosen.connect(self.mark)
        panel.evidenceRemoved.connect(self.remove_evidence)
        panel.evidenceShown.connect(self.show_evidence)
        panel.noteCommitted.connect(self.save_note)
        panel.correctionCommitted.connect(self.save_correction)
        panel.problems.problemRemoved.connect(self.remove_problem)
        panel.problems.suggestionTaken.connect(self.take_flag)
        panel.inclusionToggled.connect(self.toggle_review)
        panel.hints.candidateChosen.connect(self.show_candidate)

    # ----------------------------------------------------------------- opening
    def open_article(self, article_id: str, summary: ArticleSummary | None = None) -> bool:
        """Open a rewrite beside its source, at the first sentence I have not reviewed."""
        self.panel.commit_note()
        consider_everything_again()
        try:
            article = self.session.open(article_id)
            if summary is None:  # opened by undo or by N: find its line of the article list
                summary = next((s for s in self.session.articles() if s.id == article_id), None)
        except (FactcheckError, sqlite3.Error) as error:
            self._fail(error)
            return False
        self.article = article
        self.summary = summary
        self.rewrite_view.show_rewrite(article.rewrite, article.state, article.in_review)
        if article.revision is not None:
            self.rewrite_view.set_revision(RevisionMarker(article))
        self.source_view.show_article(article.source)
        self.source_view.set_evidence((), scroll=False)
        self.source_view.set_candidate(None, scroll=False)
        self.panel.hints.show_waiting(self.tr("Finding evidence…"))
        self.articleOpened.emit(article)
        self._start_assessment(article)
        sentences = article.rewrite.sentences
        if not sentences:
            self.panel.show_nothing(self.tr("This rewrite has no sentences"))
            return True
        first = article.next_unreviewed(len(sentences) - 1)
        self.go_to(first if first is not None else 0)
        return True

    def close_article(self) -> None:
        self.panel.commit_note()
        self.stop_jobs()
        consider_everything_again()
        self.article = None
        self.rewrite_view.show_rewrite(None, lambda s: VerdictState(), lambda s: False)
        self.source_view.show_article(None)
        self.panel.show_nothing()

    def reload(self) -> None:
        """Show verdicts written meanwhile by another program (the command line, another window)."""
        if self.article is None or self.panel.typing_is_unsaved():
            return
        article = self.article
        sentences = article.rewrite.sentences
        out_before = [not article.in_review(s) for s in sentences]
        try:
            self.session.reload_verdicts(article)
        except sqlite3.Error:
            return  # busy now; the next activation tries again
        for sentence, was_out in zip(sentences, out_before, strict=True):
            if was_out == article.in_review(sentence):  # taken in or left out elsewhere
                self.rewrite_view.scope_changed(sentence)
        self.rewrite_view.viewport().update()
        self.rewrite_view.gutter.update()
        self._show_current(scroll=False)
        self._report_progress()
        self.verdictsReloaded.emit()

    # ----------------------------------------------------------------- moving
    def current(self) -> Sentence | None:
        return self.rewrite_view.current_sentence()

    def go_to(self, index: int | None, scroll: bool = True) -> None:
        if self.article is None or index is None:
            return
        self.panel.commit_note()  # the note belongs to the sentence being left
        self.shown_candidate = 0
        self.rewrite_view.set_current(index, scroll)
        self._show_current(scroll=True)
        self.currentChanged.emit(index)

    def step(self, direction: int) -> None:
        """The next (1) or previous (-1) sentence, boilerplate included, so that every sentence
        can be reached (and taken into the review) from the keyboard."""
        if self.article is None:
            return
        current = self.rewrite_view.current
        count = len(self.article.rewrite.sentences)
        if not count:
            return
        target = 0 if current is None else min(max(current + direction, 0), count - 1)
        if target != current:
            self.go_to(target)

    def next_unreviewed(self) -> None:
        """The next sentence I have not reviewed: later in this rewrite, else in the next
        rewrite that has one (in the article list's order), else earlier in this one."""
        article = self.article
        if article is None:
            return
        current = self.rewrite_view.current
        target = article.next_unreviewed(-1 if current is None else current, wrap=False)
        if target is not None:
            self.go_to(target)
            return
        try:
            others = rewrites_to_review_after(self.session.articles(), article.rewrite.id)
        except (FactcheckError, sqlite3.Error) as error:
            self._fail(error)
            return
        for summary in others:
            if not self.open_article(summary.id, summary):
                return
            assert self.article is not None
            if self.article.next_unreviewed(-1, wrap=False) is not None:  # the list may lag
                reviewed, to_review = self.article.progress()
                self.message.emit(
                    self.tr("On to “%s”: %d of %d sentences left to review.")
                    % (self.article.rewrite.title, to_review - reviewed, to_review)
                )
                return
        if self.article is not article:
            return
        target = article.next_unreviewed(-1, wrap=False)
        if target is not None:
            self.go_to(target)
            self.message.emit(self.tr("Back to the first sentence of this rewrite you have not reviewed."))
        else:
            self.message.emit(self.tr("Every sentence in the review of every rewrite has your verdict."))

    def step_article(self, direction: int) -> None:
        """Open the rewrite listed after (1) or before (-1) this one."""
        article = self.article
        try:
            summaries = self.session.articles()
        except (FactcheckError, sqlite3.Error) as error:
            self._fail(error)
            return
        if article is None:
            return
        neighbour = neighbour_rewrite(summaries, article.rewrite.id, direction)
        if neighbour is None:
            self.message.emit(
                self.tr("This is the last rewrite in the project.")
                if direction > 0
                else self.tr("This is the first rewrite in the project.")
            )
        else:
            self.open_article(neighbour.id, neighbour)

    # ----------------------------------------------------------------- deciding
    def mark(self, label: Verdict | None) -> None:
        sentence = self.current()
        if sentence is None or self.article is None:
            return
        self.panel.commit_note()
        before = self.article.state(sentence).label
        if label is None:
            text = self.tr("Clear Verdict")
        elif before is None:
            text = self.tr("Mark %s") % palette.LOOKS[label].name
        else:
            text = self.tr("Change to %s") % palette.LOOKS[label].name
        advance = label is not None and self.advance_after_marking
        changes = self.session.label_changes(self.article, sentence, label)  # supported: nothing wrong
        saved = self._change_all(sentence, changes, text, advance=advance)
        if advance and not saved and before == label:  # the same key again: confirmed, move on
            following = self.article.next_in_review(sentence.index, 1)
            if following is not None:
                self.go_to(following)

    def attach_evidence(self) -> None:
        sentence = self.current()
        if sentence is None or self.article is None:
            return
        span = self.source_view.selected_span()
        if span is None:
            self.message.emit(self.tr("Select a passage in the source first, then press E."))
            return
        evidence = self.article.state(sentence).evidence
        if span in evidence:
            self.message.emit(self.tr("That passage is already attached."))
            return
        if self._change(sentence, Aspect.EVIDENCE, (*evidence, span), self.tr("Attach Evidence")):
            cursor = self.source_view.textCursor()
            cursor.clearSelection()
            self.source_view.setTextCursor(cursor)

    def remove_evidence(self, position: int = -1) -> None:
        """Remove the evidence passage at `position` (the last one by default)."""
        sentence = self.current()
        if sentence is None or self.article is None:
            return
        evidence = list(self.article.state(sentence).evidence)
        if not evidence:
            return
        del evidence[position]
        self._change(sentence, Aspect.EVIDENCE, tuple(evidence), self.tr("Remove Evidence"))

    def show_evidence(self, position: int) -> None:
        sentence = self.current()
        if sentence is None or self.article is None:
            return
        evidence = self.article.state(sentence).evidence
        if 0 <= position < len(evidence):
            self.source_view.scroll_to(*evidence[position])

    def save_note(self, note: str) -> None:
        sentence = self.current()
        if sentence is not None:
            self._change(sentence, Aspect.NOTE, note, self.tr("Edit Note"))

    def toggle_review(self) -> None:
        sentence = self.current()
        if sentence is None or self.article is None:
            return
        take_in = not self.article.in_review(sentence)
        # Back to "default" when the choice matches what the sentence would be anyway.
        included = None if take_in == (not sentence.boilerplate) else take_in
        text = self.tr("Take Into the Review") if take_in else self.tr("Leave Out of the Review")
        self._change(sentence, Aspect.INCLUDED, included, text)

    # ----------------------------------------------------------------- what is wrong
    def _problem_sentence(self) -> Sentence | None:
        """The current sentence, if what is wrong in it can be said (not on a supported one)."""
        sentence = self.current()
        if sentence is None or self.article is None:
            return None
        if self.article.state(sentence).label is Verdict.SUPPORTED:
            self.message.emit(
                self.tr("Supported: nothing is wrong. Mark it contradicted (2) or unverifiable (3) first.")
            )
            return None
        return sentence

    def keep_problem(self) -> None:
        """Keep the words selected in the rewrite as a problem span of their sentence (the
        current one, or the one the selection lies in, which then becomes current)."""
        article, selected = self.article, self.rewrite_view.selected_span()
        if article is None or self.current() is None:
            return
        if selected is None:
            if self._problem_sentence() is not None:  # else it said why nothing can be marked
                self.message.emit(
                    self.tr(
                        "Select the wrong words in the rewrite first (Shift+arrows, or drag), then press P."
                    )
                )
            return
        start, end = selected
        current = self.current()
        assert current is not None
        if not (start < current.end and current.start < end):  # the selection lies elsewhere
            owner = next((s for s in article.rewrite.sentences if s.start <= start and end <= s.end), None)
            if owner is None:
                self.message.emit(self.tr("Select words inside one sentence."))
                return
            self.go_to(owner.index)
        sentence = self._problem_sentence()
        if sentence is None:
            return
        try:
            span = self.session.snap_problem(
                article, sentence, max(start, sentence.start), min(end, sentence.end)
            )
        except BadInput:
            self.message.emit(self.tr("The selection holds no word of the sentence."))
            return
        problems = article.state(sentence).problems
        if any(a <= span[0] and span[1] <= b for a, b in problems):
            self.message.emit(self.tr("Those words are already marked wrong."))
            return
        self.panel.commit_note()
        if self._change(
            sentence, Aspect.PROBLEMS, normalised((*problems, span)), self.tr("Mark Words Wrong")
        ):
            self.rewrite_view.collapse_selection()

    def remove_problem(self, position: int | None = None) -> None:
        """Remove a problem span: the one at `position`, else the one the caret is in, else the last."""
        sentence = self.current()
        if sentence is None or self.article is None:
            return
        problems = list(self.article.state(sentence).problems)
        if not problems:
            self.message.emit(self.tr("No words of this sentence are marked wrong."))
            return
        if position is None:
            caret = self.rewrite_view.caret_offset()
            position = next((i for i, (a, b) in enumerate(problems) if a <= caret <= b), len(problems) - 1)
        if not 0 <= position < len(problems):
            return
        del problems[position]
        self.panel.commit_note()
        self._change(sentence, Aspect.PROBLEMS, tuple(problems), self.tr("Remove Words Marked Wrong"))

    def next_suggestion(self, sentence: Sentence) -> ProblemSuggestion | None:
        """The assistant's first flag on `sentence` not yet taken as a problem span (none on a
        sentence out of the review: greyed boilerplate is not read for errors)."""
        assert self.article is not None
        if not self.article.in_review(sentence):
            return None
        taken = self.article.state(sentence).problems
        return next(
            (
                offer
                for offer in self.article.problem_suggestions(sentence)
                if not any(a <= offer.span[0] and offer.span[1] <= b for a, b in taken)
            ),
            None,
        )

    def take_flag(self) -> None:
        """Take the assistant's next flag on the current sentence as what is wrong: its words as
        a problem span, its error type, and what the source has instead as the correction (when
        none is written yet), in one decision."""
        if self.current() is None or self.article is None:
            return
        article = self.article
        if article.assessment is None:
            self.message.emit(self.tr("The evidence assistant is still reading this article."))
            return
        sentence = self._problem_sentence()
        if sentence is None:
            return
        offer = self.next_suggestion(sentence)
        if offer is None:
            self.message.emit(
                self.tr("Every flag on this sentence is taken already.")
                if article.problem_suggestions(sentence) and article.in_review(sentence)
                else self.tr("The assistant flags nothing here: select the wrong words and press P.")
            )
            return
        self.panel.commit_note()
        state = article.state(sentence)
        changes: dict[Aspect, object] = {
            Aspect.PROBLEMS: normalised((*state.problems, offer.span)),
            Aspect.ERROR_TYPES: ordered((*state.error_types, offer.error_type)),
        }
        if offer.correction and not state.correction.strip():
            changes[Aspect.CORRECTION] = offer.correction
        self._change_all(sentence, changes, self.tr("Take the Assistant's Flag"), Via.SUGGESTION)

    def toggle_error_type(self, error_type: ErrorType) -> None:
        sentence = self._problem_sentence()
        if sentence is None or self.article is None:
            self._show_problems()  # the menu's tick goes back
            return
        types = set(self.article.state(sentence).error_types) ^ {error_type}
        self.panel.commit_note()
        if not self._change(sentence, Aspect.ERROR_TYPES, ordered(types), self.tr("Set Error Type")):
            self._show_problems()

    def save_correction(self, correction: str) -> None:
        sentence = self.current()
        if sentence is not None:
            # As typed (a pause after a space must not eat the space), but spaces alone are nothing.
            kept = correction if correction.strip() else ""
            self._change(sentence, Aspect.CORRECTION, kept, self.tr("Edit Correction"))

    def write_correction(self) -> None:
        """Put the keyboard in the "should read" field."""
        if self._problem_sentence() is not None:
            self.panel.focus_correction()

    def _change(
        self, sentence: Sentence, aspect: Aspect, value: object, text: str, via: Via = Via.WINDOW
    ) -> bool:
        return self._change_all(sentence, {aspect: value}, text, via)

    def _change_all(
        self, sentence: Sentence, changes: Changes, text: str, via: Via = Via.WINDOW, advance: bool = False
    ) -> bool:
        """Record one decision and push its undo command, then move on to the next sentence in
        review if `advance`; False if nothing was saved."""
        assert self.article is not None
        state = self.article.state(sentence)
        old = {aspect: state.get(aspect) for aspect in changes}
        new = {aspect: value for aspect, value in changes.items() if old[aspect] != value}
        if not new:
            return False
        following = self.article.next_in_review(sentence.index, 1) if advance else None
        # The panel is about to show the next sentence: do not redraw it for this one first.
        if not self._record(sentence, new, via, show=following is None):
            return False
        old = {aspect: old[aspect] for aspect in new}
        self.undo_stack.push(ChangeCommand(self._undo_or_redo, sentence.id, old, new, text))
        if following is not None:
            self.go_to(following)
        return True

    def _record(self, sentence: Sentence, changes: Changes, via: Via, show: bool = True) -> bool:
        assert self.article is not None
        try:
            self.session.change(self.article, sentence, changes, via)
        except (FactcheckError, sqlite3.Error) as error:
            self._fail(error)
            return False
        # Committed: now, and only now, show it.
        if Aspect.INCLUDED in changes:
            self.rewrite_view.scope_changed(sentence)
        else:
            self.rewrite_view.refresh_sentence(sentence)
        if show and sentence.index == self.rewrite_view.current:
            self._show_current(scroll=False)
        self.panel.show_saved(self.tr("Saved ✓ %s") % datetime.now().strftime("%H:%M:%S"))
        self._report_progress()
        self.sentenceChanged.emit(sentence.index)
        self.decisionSaved.emit(sentence.id)
        return True

    def _undo_or_redo(self, sentence_id: str, changes: Changes, via: Via) -> bool:
        """Apply an undo or redo: show the sentence it concerns, then record the change."""
        if self.article is None or not any(s.id == sentence_id for s in self.article.rewrite.sentences):
            article_id = self.session.article_of(sentence_id)
            if article_id is None or not self.open_article(article_id):
                return False
        assert self.article is not None
        sentence = next(s for s in self.article.rewrite.sentences if s.id == sentence_id)
        self.go_to(sentence.index)
        return self._record(sentence, changes, via)

    # ----------------------------------------------------------------- showing
    def show_again(self) -> None:
        """Show everything again in new colours (the theme changed), keeping the reader's place."""
        self.rewrite_view.show_again()
        self.source_view.show_again()
        self.rewrite_view.gutter.update()
        if self.current() is not None:
            self._show_current(scroll=False)

    def _show_current(self, scroll: bool) -> None:
        sentence = self.current()
        if sentence is None or self.article is None:
            return
        state = self.article.state(sentence)
        total = len(self.article.rewrite.sentences)
        self.panel.show_sentence(
            sentence.index + 1, total, state, sentence.boilerplate, self._quotes(state.evidence)
        )
        self.panel.show_others(self.article.visible_others(sentence))
        self._show_problems()
        self._show_revision(sentence)
        self.source_view.set_evidence(state.evidence, scroll=scroll)
        # With evidence attached, the pane shows it; otherwise it follows the assistant's candidate.
        self._show_hints(scroll=scroll and not state.evidence)

    def _show_problems(self) -> None:
        sentence = self.current()
        if sentence is None or self.article is None:
            return
        state = self.article.state(sentence)
        text = self.article.rewrite.text
        allowed = state.label is not Verdict.SUPPORTED
        self.panel.problems.show_problems(
            [text[a:b] for a, b in state.problems],
            state.error_types,
            self.next_suggestion(sentence) if allowed else None,
            allowed=allowed,
            refused=self.tr("Supported: nothing in it is wrong."),
        )

    def _show_revision(self, sentence: Sentence) -> None:
        article = self.article
        assert article is not None
        status = article.revision_status(sentence)
        if article.revision is None or status is None:
            if self.panel.revision.isVisible():
                self.panel.revision.hide()
            return
        self.panel.revision.show_revision(
            status,
            article.revision.previous_version,
            article.rewrite.version,
            article.word_diff(sentence),
            article.previous_states(sentence),
            article.reviewer,
            article.corrections(sentence),
            checked=article.state(sentence).label is not None,
        )

    # ----------------------------------------------------------------- the evidence assistant
    def hold_assessment(self) -> None:
        """Start the assistant only once `release_assessment` is called. At start-up its worker
        (importing the assistant, reading the project) would compete with the first frame for the
        interpreter; the window shows the article first, and "Finding evidence…" meanwhile."""
        self._assessment_held = True

    def release_assessment(self) -> None:
        self._assessment_held = False
        article, self._held_article = self._held_article, None
        if article is not None and article is self.article:
            self._start_assessment(article)

    def _start_assessment(self, article: OpenArticle) -> None:
        """Compute (or read back) the assistant's hints off the UI thread; the window stays usable."""
        self.stop_jobs()
        if self._assessment_held:
            self._held_article = article
            return
        path = self.session.project.path
        source, rewrite = article.source, article.rewrite
        if path is None:  # a project in memory cannot be shared with a thread
            from factcheck.store.assessments import assessment_for

            self._assessed(article, assessment_for(self.session.project, source, rewrite))
            return
        started = time.monotonic()
        job = Job(lambda progress: _assess_in_thread(path, source, rewrite, progress))
        job.succeeded.connect(lambda result: self._assessed(article, result))
        job.failed.connect(lambda message: self._assessment_failed(article, message))
        job.progressed.connect(lambda done, total: self._assessing(article, started, done, total))
        job.finished.connect(lambda: self.jobs.discard(job))
        self.jobs.add(job)
        job.start()

    def stop_jobs(self) -> None:
        for job in list(self.jobs):
            job.cancel()
            job.wait()

    def _assessing(self, article: OpenArticle, started: float, done: int, total: int) -> None:
        if article is self.article and time.monotonic() - started > 0.5 and total:
            self.panel.hints.show_waiting(self.tr("Finding evidence… %d%%") % (100 * done // total))

    def _assessment_failed(self, article: OpenArticle, message: str) -> None:
        if article is self.article:
            self.panel.hints.show_waiting(self.tr("The evidence assistant stopped: %s") % message)

    def _assessed(self, article: OpenArticle, assessment: Assessment) -> None:
        if article is not self.article:
            return  # the reviewer has moved on to another article meanwhile
        article.assessment = assessment
        leave_alone_what_lives_now()
        self.rewrite_view.set_hints(article.hints)
        sentence = self.current()
        self._show_hints(scroll=sentence is not None and not article.state(sentence).evidence)
        self._show_problems()  # the flags are offered as problems now
        self.assessed.emit(article)

    def hints(self) -> Hints | None:
        sentence = self.current()
        return self.article.hints(sentence) if sentence and self.article else None

    def _candidate_span(self, hints: Hints, position: int) -> tuple[int, int] | None:
        assert self.article is not None
        if not 0 <= position < len(hints.matches):
            return None
        sentence = self.article.source.sentences[hints.matches[position].source_index]
        return sentence.start, sentence.end

    def _show_hints(self, scroll: bool) -> None:
        sentence, hints = self.current(), self.hints()
        if sentence is None or self.article is None or hints is None:
            self.source_view.set_candidate(None, scroll=False)
            self.rewrite_view.set_diff([])
            return
        shown = min(self.shown_candidate, max(len(hints.matches) - 1, 0))
        source_sentences = self.article.source.sentences
        texts = [source_sentences[m.source_index].text for m in hints.matches]
        self.panel.hints.show_hints(hints, texts, shown)
        self.source_view.set_candidate(self._candidate_span(hints, shown), scroll=scroll)
        from factcheck.core.assist.evidence import (
            word_diff,  # the assistant's text machinery: loaded once it has spoken
        )

        diff = word_diff(sentence.text, texts[shown]) if texts else ()
        self.rewrite_view.set_diff([(sentence.start + a, sentence.start + b) for a, b in diff])

    def step_candidate(self, direction: int) -> None:
        hints = self.hints()
        if hints is not None and hints.matches:
            self.show_candidate((self.shown_candidate + direction) % len(hints.matches))

    def show_candidate(self, position: int) -> None:
        hints = self.hints()
        if hints is None or not 0 <= position < len(hints.matches):
            return
        self.shown_candidate = position
        self._show_hints(scroll=True)

    def attach_candidate(self) -> None:
        """Attach the candidate on show as evidence, as if it had been selected and E pressed."""
        sentence, hints = self.current(), self.hints()
        if sentence is None or self.article is None or hints is None:
            return
        span = self._candidate_span(hints, self.shown_candidate)
        evidence = self.article.state(sentence).evidence
        if span is None:
            self.message.emit(self.tr("The assistant has no source sentence for this one."))
        elif span in evidence:
            self.message.emit(self.tr("That passage is already attached."))
        else:
            self._change(sentence, Aspect.EVIDENCE, (*evidence, span), self.tr("Attach Candidate"))

    def accept_suggestion(self) -> None:
        """Take the suggested verdict as mine, with the candidate on show as its evidence."""
        sentence, hints = self.current(), self.hints()
        if sentence is None or self.article is None:
            return
        if hints is None:
            self.message.emit(self.tr("The evidence assistant is still reading this article."))
            return
        self.panel.commit_note()
        label = hints.suggestion.verdict
        changes = self.session.label_changes(self.article, sentence, label)
        span = self._candidate_span(hints, self.shown_candidate)
        evidence = self.article.state(sentence).evidence
        if span is not None and span not in evidence and label is not Verdict.UNVERIFIABLE:
            changes[Aspect.EVIDENCE] = (*evidence, span)
        text = self.tr("Accept Suggestion %s") % palette.LOOKS[label].name
        self._change_all(sentence, changes, text, Via.SUGGESTION, advance=self.advance_after_marking)

    def _quotes(self, evidence: tuple[Span, ...]) -> list[str]:
        assert self.article is not None
        text = self.article.source.text
        return [" ".join(text[start:end].split()) for start, end in evidence]

    def _report_progress(self) -> None:
        if self.article is None or self.summary is None:
            return
        reviewed, to_review = self.article.progress()
        self.summary = replace(self.summary, reviewed=reviewed, to_review=to_review)
        if self.article.revision is not None:
            rechecked, to_recheck = self.article.recheck_progress()
            self.summary = replace(self.summary, rechecked=rechecked, to_recheck=to_recheck)
        self.progressChanged.emit(self.summary)

    def _fail(self, error: Exception) -> None:
        self.failed.emit(describe(error) if isinstance(error, sqlite3.Error) else str(error))


def _assess_in_thread(path: Path, source: Article, rewrite: Article, progress: Progress) -> Assessment:
    """On a worker thread, with its own connection: the kept assessment, or a new one."""
    from factcheck.store.assessments import assessment_for

    project = Project.open(path)
    try:
        return assessment_for(project, source, rewrite, progress)
    finally:
        project.close()
