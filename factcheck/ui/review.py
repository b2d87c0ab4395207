"""The reviewer's loop in the window: the current sentence, marking, evidence, notes, undo.

Every decision goes through `ReviewSession`, which commits it before returning; only then do the
views show it, and the panel says "Saved".
"""

import sqlite3
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from factcheck.core.article import Sentence
from factcheck.core.errors import FactcheckError
from factcheck.core.labels import Verdict
from factcheck.core.review import Aspect, Span, VerdictState, Via
from factcheck.store.articles import ArticleSummary
from factcheck.store.project import describe
from factcheck.store.session import OpenArticle, ReviewSession
from factcheck.ui import palette
from factcheck.ui.rewrite_view import RewriteView
from factcheck.ui.source_view import SourceView
from factcheck.ui.undo import ChangeCommand
from factcheck.ui.verdict_panel import VerdictPanel


class ReviewController(QObject):
    articleOpened = Signal(object)  # OpenArticle
    progressChanged = Signal(object)  # ArticleSummary with my new progress
    message = Signal(str)  # a passing message for the status bar
    failed = Signal(str)  # one line for an error dialog
    decisionSaved = Signal(str)  # sentence id, once the event is committed and shown

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
        rewrite_view.sentenceClicked.connect(self.go_to)
        panel.labelChosen.connect(self.mark)
        panel.evidenceRemoved.connect(self.remove_evidence)
        panel.evidenceShown.connect(self.show_evidence)
        panel.noteCommitted.connect(self.save_note)
        panel.inclusionToggled.connect(self.toggle_review)

    # ----------------------------------------------------------------- opening
    def open_article(self, article_id: str, summary: ArticleSummary | None = None) -> bool:
        """Open a rewrite beside its source, at the first sentence I have not reviewed."""
        self.panel.commit_note()
        try:
            article = self.session.open(article_id)
        except (FactcheckError, sqlite3.Error) as error:
            self._fail(error)
            return False
        self.article = article
        self.summary = summary
        self.rewrite_view.show_rewrite(article.rewrite, article.state, article.in_review)
        self.source_view.show_article(article.source)
        self.source_view.set_evidence((), scroll=False)
        self.articleOpened.emit(article)
        sentences = article.rewrite.sentences
        if not sentences:
            self.panel.show_nothing(self.tr("This rewrite has no sentences"))
            return True
        first = article.next_unreviewed(len(sentences) - 1)
        self.go_to(first if first is not None else 0)
        return True

    def close_article(self) -> None:
        self.panel.commit_note()
        self.article = None
        self.rewrite_view.show_rewrite(None, lambda s: VerdictState(), lambda s: False)
        self.source_view.show_article(None)
        self.panel.show_nothing()

    def reload(self) -> None:
        """Show verdicts written meanwhile by another program (the command line, another window)."""
        if self.article is None or self.panel.note_is_dirty():
            return
        try:
            self.session.reload_verdicts(self.article)
        except sqlite3.Error:
            return  # busy now; the next activation tries again
        self.rewrite_view.viewport().update()
        self.rewrite_view.gutter.update()
        self._show_current(scroll=False)
        self._report_progress()

    # ----------------------------------------------------------------- moving
    def current(self) -> Sentence | None:
        return self.rewrite_view.current_sentence()

    def go_to(self, index: int | None, scroll: bool = True) -> None:
        if self.article is None or index is None:
            return
        self.panel.commit_note()  # the note belongs to the sentence being left
        self.rewrite_view.set_current(index, scroll)
        self._show_current(scroll=True)

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
        if self.article is None:
            return
        current = self.rewrite_view.current
        start = current if current is not None else len(self.article.rewrite.sentences) - 1
        target = self.article.next_unreviewed(start)
        if target is None:
            _, total = self.article.progress()
            self.message.emit(self.tr("All %d sentences in the review have your verdict.") % total)
        else:
            self.go_to(target)

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
        saved = self._change(sentence, Aspect.LABEL, label, text)
        if label is not None and (saved or before == label) and self.advance_after_marking:
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

    def _change(self, sentence: Sentence, aspect: Aspect, value: object, text: str) -> bool:
        """Record one change and push its undo command; False if nothing was saved."""
        assert self.article is not None
        old = self.article.state(sentence).get(aspect)
        if old == value:
            return False
        if not self._record(sentence, aspect, value, Via.WINDOW):
            return False
        self.undo_stack.push(ChangeCommand(self._undo_or_redo, sentence.id, aspect, old, value, text))
        return True

    def _record(self, sentence: Sentence, aspect: Aspect, value: object, via: Via) -> bool:
        assert self.article is not None
        try:
            self.session.change(self.article, sentence, aspect, value, via)
        except (FactcheckError, sqlite3.Error) as error:
            self._fail(error)
            return False
        # Committed: now, and only now, show it.
        self.rewrite_view.refresh_sentence(sentence)
        if sentence.index == self.rewrite_view.current:
            self._show_current(scroll=False)
        self.panel.show_saved(self.tr("Saved ✓ %s") % datetime.now().strftime("%H:%M:%S"))
        self._report_progress()
        self.decisionSaved.emit(sentence.id)
        return True

    def _undo_or_redo(self, sentence_id: str, aspect: Aspect, value: object, via: Via) -> bool:
        """Apply an undo or redo: show the sentence it concerns, then record the change."""
        if self.article is None or not any(s.id == sentence_id for s in self.article.rewrite.sentences):
            article_id = self.session.article_of(sentence_id)
            if article_id is None or not self.open_article(article_id):
                return False
        assert self.article is not None
        sentence = next(s for s in self.article.rewrite.sentences if s.id == sentence_id)
        self.go_to(sentence.index)
        return self._record(sentence, aspect, value, via)

    # ----------------------------------------------------------------- showing
    def _show_current(self, scroll: bool) -> None:
        sentence = self.current()
        if sentence is None or self.article is None:
            return
        state = self.article.state(sentence)
        total = len(self.article.rewrite.sentences)
        self.panel.show_sentence(
            sentence.index + 1, total, state, sentence.boilerplate, self._quotes(state.evidence)
        )
        self.source_view.set_evidence(state.evidence, scroll=scroll)

    def _quotes(self, evidence: tuple[Span, ...]) -> list[str]:
        assert self.article is not None
        text = self.article.source.text
        return [" ".join(text[start:end].split()) for start, end in evidence]

    def _report_progress(self) -> None:
        if self.article is None or self.summary is None:
            return
        reviewed, to_review = self.article.progress()
        self.summary = replace(self.summary, reviewed=reviewed, to_review=to_review)
        self.progressChanged.emit(self.summary)

    def _fail(self, error: Exception) -> None:
        self.failed.emit(describe(error) if isinstance(error, sqlite3.Error) else str(error))
