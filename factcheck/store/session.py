"""A reviewer's session on one project: the actions the window offers, without any Qt.

Each action commits its event before it returns the new state, so whatever the window shows as
saved is on disk. The window renders what comes back and holds no rules of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcheck.core.article import Article, Sentence
from factcheck.core.errors import BadInput
from factcheck.core.labels import Verdict
from factcheck.core.review import UNDECIDED, Aspect, VerdictState, Via
from factcheck.store.articles import ArticleSummary, list_articles, load_article
from factcheck.store.decisions import check_reviewer, current, decide, others_verdicts, verdicts_for_article
from factcheck.store.project import Project
from factcheck.store.settings import blind_review

if TYPE_CHECKING:
    from factcheck.core.assist.assistant import Assessment, Hints


@dataclass(slots=True, weakref_slot=True)
class OpenArticle:
    """A rewrite open for review, its source, and the reviewer's current verdicts on it."""

    rewrite: Article
    source: Article
    verdicts: dict[str, VerdictState] = field(default_factory=dict)
    """By sentence id; a sentence the reviewer never touched is absent (UNDECIDED)."""
    assessment: Assessment | None = None
    """The evidence assistant's hints, once computed (they arrive after the article opens)."""
    others: dict[str, dict[str, Verdict]] = field(default_factory=dict)
    """Other reviewers' verdicts, by sentence id then reviewer."""
    blind: bool = False
    """Blind review: others' verdicts stay hidden on sentences I have not decided."""
    _counts: tuple[int, int] | None = None
    """(reviewed, to review), kept up to date by `set_state` so a mark need not recount."""

    def visible_others(self, sentence: Sentence) -> dict[str, Verdict] | None:
        """Other reviewers' verdicts I may see on `sentence`; None while blind review hides them."""
        if self.blind and self.state(sentence).label is None:
            return None
        return self.others.get(sentence.id, {})

    def hints(self, sentence: Sentence) -> Hints | None:
        return self.assessment.hints[sentence.index] if self.assessment else None

    def state(self, sentence: Sentence) -> VerdictState:
        return self.verdicts.get(sentence.id, UNDECIDED)

    def in_review(self, sentence: Sentence) -> bool:
        return self.state(sentence).in_review(sentence.boilerplate)

    def progress(self) -> tuple[int, int]:
        """(reviewed, to review) for this reviewer."""
        if self._counts is None:
            reviewed = to_review = 0
            for sentence in self.rewrite.sentences:
                state = self.verdicts.get(sentence.id, UNDECIDED)
                if state.in_review(sentence.boilerplate):
                    to_review += 1
                    reviewed += state.label is not None
            self._counts = (reviewed, to_review)
        return self._counts

    def set_state(self, sentence: Sentence, state: VerdictState) -> None:
        """Keep my state of one sentence (as committed), and the progress counts with it."""
        if self._counts is not None:
            reviewed, to_review = self._counts
            for sign, counted in ((-1, self.state(sentence)), (1, state)):
                if counted.in_review(sentence.boilerplate):
                    to_review += sign
                    reviewed += sign * (counted.label is not None)
            self._counts = (reviewed, to_review)
        if state == UNDECIDED:
            self.verdicts.pop(sentence.id, None)
        else:
            self.verdicts[sentence.id] = state

    def replace_verdicts(self, verdicts: dict[str, VerdictState]) -> None:
        self.verdicts = verdicts
        self._counts = None

    def next_in_review(self, index: int, step: int) -> int | None:
        """The nearest sentence in review after (step 1) or before (step -1) `index`."""
        sentences = self.rewrite.sentences
        i = index + step
        while 0 <= i < len(sentences):
            if self.in_review(sentences[i]):
                return i
            i += step
        return None

    def next_unreviewed(self, index: int) -> int | None:
        """The next sentence in review without my verdict after `index`, wrapping around."""
        sentences = self.rewrite.sentences
        count = len(sentences)
        for offset in range(1, count + 1):
            i = (index + offset) % count
            sentence = sentences[i]
            if self.in_review(sentence) and self.state(sentence).label is None:
                return i
        return None


class ReviewSession:
    """What one reviewer can do in the window: every method that writes commits one event."""

    def __init__(self, project: Project, reviewer: str) -> None:
        self.project = project
        self.reviewer = check_reviewer(reviewer)

    def set_reviewer(self, name: str) -> None:
        self.reviewer = check_reviewer(name)

    def articles(self) -> list[ArticleSummary]:
        return list_articles(self.project, self.reviewer)

    def open(self, rewrite_id: str) -> OpenArticle:
        rewrite = load_article(self.project, rewrite_id)
        if rewrite.source_id is None:
            raise BadInput(f"{rewrite.title!r} is a source; open one of its rewrites to review it")
        source = load_article(self.project, rewrite.source_id)
        article = OpenArticle(rewrite, source, verdicts_for_article(self.project, rewrite.id, self.reviewer))
        self._load_others(article)
        return article

    def _load_others(self, article: OpenArticle) -> None:
        article.others = others_verdicts(self.project, article.rewrite.id, self.reviewer)
        article.blind = blind_review(self.project)

    def article_of(self, sentence_id: str) -> str | None:
        """The id of the article a sentence belongs to."""
        row = self.project.conn.execute(
            "SELECT article_id FROM sentences WHERE id = ?", [sentence_id]
        ).fetchone()
        return row[0] if row else None

    def reload_verdicts(self, article: OpenArticle) -> None:
        article.replace_verdicts(verdicts_for_article(self.project, article.rewrite.id, self.reviewer))
        self._load_others(article)

    def change(
        self,
        article: OpenArticle,
        sentence: Sentence,
        changes: Mapping[Aspect, object],
        via: Via = Via.WINDOW,
    ) -> VerdictState:
        """Set aspects of my verdict on `sentence` in one event, commit it, and return the
        committed state. A new label records the assistant's suggestion, if there is one, so
        that how often reviewers follow it can be counted."""

        def apply(state: VerdictState) -> VerdictState:
            for aspect, value in changes.items():
                state = state.with_aspect(aspect, value)
            return state

        hints = article.hints(sentence)
        suggestion = hints.suggestion.verdict if hints and Aspect.LABEL in changes else None
        decide(self.project, sentence.id, self.reviewer, apply, via, suggestion=suggestion)
        # Read back what was committed (another process may have changed other aspects meanwhile).
        state = current(self.project, sentence.id, self.reviewer)
        article.set_state(sentence, state)
        return state
