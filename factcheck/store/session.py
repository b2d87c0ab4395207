"""A reviewer's session on one project: the actions the window offers, without any Qt.

Each action commits its event before it returns the new state, so whatever the window shows as
saved is on disk. The window renders what comes back and holds no rules of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from factcheck.core.article import Article, Sentence
from factcheck.core.document import Role
from factcheck.core.errors import BadInput
from factcheck.core.find import fold
from factcheck.core.labels import Verdict
from factcheck.core.problems import ProblemSuggestion, snap_to_words, suggestions
from factcheck.core.review import UNDECIDED, Aspect, Span, VerdictState, Via, label_changes
from factcheck.core.revisions import CorrectionCheck, DiffPiece, RevisionStatus, word_diff
from factcheck.store.articles import ArticleSummary, list_articles, load_article
from factcheck.store.decisions import check_reviewer, current, decide, others_verdicts, verdicts_for_article
from factcheck.store.project import Project
from factcheck.store.revisions import Revision, SentenceRevision, corrections_in, load_revision
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
    others: dict[str, dict[str, VerdictState]] = field(default_factory=dict)
    """Other reviewers' verdicts (those with a label), by sentence id then reviewer."""
    blind: bool = False
    """Blind review: others' verdicts stay hidden on sentences I have not decided."""
    revision: Revision | None = None
    """For a revised rewrite: the version it revises and what became of each sentence."""
    reviewer: str = ""
    """Whose verdicts these are."""
    _counts: tuple[int, int] | None = None
    """(reviewed, to review), kept up to date by `set_state` so a mark need not recount."""
    _folded: tuple[str, ...] | None = None
    """Each sentence's text as the sentence list's text filter compares it, made on first use."""

    def visible_others(self, sentence: Sentence) -> dict[str, VerdictState] | None:
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

    def next_unreviewed(self, index: int, wrap: bool = True) -> int | None:
        """The next sentence in review without my verdict after `index` (-1: from the first),
        wrapping around unless told not to; in a revised rewrite, the sentences changed or new
        since the previous version come first."""
        sentences = self.rewrite.sentences
        count = len(sentences)
        last = count if wrap else count - 1 - index
        fallback = None
        for offset in range(1, last + 1):
            i = (index + offset) % count
            sentence = sentences[i]
            if self.in_review(sentence) and self.state(sentence).label is None:
                if self.revision is None or self.to_recheck(sentence):
                    return i
                fallback = i if fallback is None else fallback
        return fallback

    # --- a revised rewrite ------------------------------------------------------------------

    def revised(self, sentence: Sentence) -> SentenceRevision | None:
        """What became of `sentence` since the previous version (None: not a revision)."""
        return self.revision.sentences.get(sentence.id) if self.revision else None

    def revision_status(self, sentence: Sentence) -> RevisionStatus | None:
        found = self.revised(sentence)
        return found.status if found else None

    def to_recheck(self, sentence: Sentence) -> bool:
        """Changed or new since the previous version: the sentences a revision asks to check."""
        return self.revision_status(sentence) in (RevisionStatus.CHANGED, RevisionStatus.NEW)

    def previous_text(self, sentence: Sentence) -> str | None:
        """The text a changed (or carried) sentence had in the previous version."""
        found = self.revised(sentence)
        return found.previous_text if found and found.previous else None

    def word_diff(self, sentence: Sentence) -> tuple[DiffPiece, ...]:
        """A changed sentence's words against its previous text (empty for any other)."""
        found = self.revised(sentence)
        if found is None or found.status is not RevisionStatus.CHANGED:
            return ()
        return word_diff(found.previous_text, sentence.text)

    def previous_states(self, sentence: Sentence) -> dict[str, VerdictState]:
        """Every reviewer's verdict on the previous sentences this one comes from (the first of
        them when several were joined), by reviewer."""
        found = self.revised(sentence)
        if found is None or self.revision is None:
            return {}
        states: dict[str, VerdictState] = {}
        for previous in found.previous:
            for reviewer, state, _ in self.revision.states.verdicts.get(previous.id, ()):
                states.setdefault(reviewer, state)
        return states

    def my_previous_state(self, sentence: Sentence) -> VerdictState | None:
        """My verdict on this sentence in the previous version ("v1: contradicted")."""
        return self.previous_states(sentence).get(self.reviewer)

    def corrections(self, sentence: Sentence) -> tuple[CorrectionCheck, ...]:
        """For every correction a reviewer gave the previous sentences this one comes from:
        whether the revision now contains it."""
        return tuple(corrections_in(self.revision, sentence)) if self.revision else ()

    def my_correction(self, sentence: Sentence) -> CorrectionCheck | None:
        return next((c for c in self.corrections(sentence) if c.reviewer == self.reviewer), None)

    def recheck_progress(self) -> tuple[int, int]:
        """(checked, to check) among the sentences in review changed or new since the previous version."""
        checked = to_check = 0
        for sentence in self.rewrite.sentences:
            if self.to_recheck(sentence) and self.in_review(sentence):
                to_check += 1
                checked += self.state(sentence).label is not None
        return checked, to_check

    # --- what is wrong ----------------------------------------------------------------------

    def problem_suggestions(self, sentence: Sentence) -> tuple[ProblemSuggestion, ...]:
        """The assistant's flags on `sentence` as problem spans, error types and corrections to
        take with one key (empty until its hints have arrived)."""
        hints = self.hints(sentence)
        return suggestions(hints.flags, sentence.start) if hints else ()

    def folded_texts(self) -> tuple[str, ...]:
        if self._folded is None:
            self._folded = tuple(_folded(s.text) for s in self.rewrite.sentences)
        return self._folded


class Show(StrEnum):
    """Which sentences the sentence list shows."""

    ALL = "all"
    NOT_REVIEWED = "not-reviewed"
    """In the review, without my verdict: what N visits."""
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNVERIFIABLE = "unverifiable"
    FLAGGED = "flagged"
    """In the review, with something the assistant found the source does not support."""
    WITH_NOTE = "with-note"
    BOILERPLATE = "boilerplate"
    CHANGED = "changed"
    """In the review of a revised rewrite, changed or new since the previous version: what a
    revision asks to check (and what its progress counts)."""


@dataclass(frozen=True, slots=True)
class SentenceFilter:
    show: Show = Show.ALL
    text: str = ""
    """Words the sentence contains (case, quote and dash styles ignored)."""

    def matching(self, article: OpenArticle) -> list[int]:
        """The indices of the sentences of `article` that pass, in order."""
        needle = _folded(self.text.strip())
        texts = article.folded_texts() if needle else ()
        return [
            s.index
            for s in article.rewrite.sentences
            if (not needle or needle in texts[s.index]) and self._shows(article, s)
        ]

    def matches(self, article: OpenArticle, sentence: Sentence) -> bool:
        needle = _folded(self.text.strip())
        if needle and needle not in article.folded_texts()[sentence.index]:
            return False
        return self._shows(article, sentence)

    def _shows(self, article: OpenArticle, sentence: Sentence) -> bool:
        show = self.show
        if show is Show.ALL:
            return True
        state = article.state(sentence)
        if show is Show.NOT_REVIEWED:
            return state.label is None and state.in_review(sentence.boilerplate)
        if show is Show.FLAGGED:  # boilerplate left out is not read for errors
            hints = article.hints(sentence)
            return hints is not None and bool(hints.flags) and state.in_review(sentence.boilerplate)
        if show is Show.WITH_NOTE:
            return bool(state.note.strip())
        if show is Show.BOILERPLATE:
            return sentence.boilerplate
        if show is Show.CHANGED:
            return article.to_recheck(sentence) and state.in_review(sentence.boilerplate)
        return state.label is not None and state.label.value == show.value


def _folded(text: str) -> str:
    return fold(text).casefold()


# ----------------------------------------------------------------- the order of the rewrites
def rewrite_order(summary: ArticleSummary) -> tuple[bool, str, int]:
    """How a source's rewrites are listed: the latest version of each first, by title."""
    return (not summary.latest, summary.title, -summary.version)


def rewrites_in_order(summaries: Sequence[ArticleSummary]) -> list[ArticleSummary]:
    """Every rewrite as the article list shows them: source by source, each source's in
    `rewrite_order`."""
    by_source: dict[str, list[ArticleSummary]] = {}
    for summary in summaries:
        if summary.role is Role.REWRITE and summary.source_id is not None:
            by_source.setdefault(summary.source_id, []).append(summary)
    ordered: list[ArticleSummary] = []
    for summary in summaries:
        if summary.role is Role.SOURCE:
            ordered += sorted(by_source.get(summary.id, ()), key=rewrite_order)
    return ordered


def latest_version(summaries: Sequence[ArticleSummary], article_id: str) -> ArticleSummary | None:
    """The latest version of the rewrite `article_id` is a version of (itself when it is the
    latest), or None when it is not listed."""
    given = next((s for s in summaries if s.id == article_id), None)
    if given is None or given.latest:
        return given
    versions = [s for s in summaries if s.name == given.name and s.source_id == given.source_id]
    return max(versions, key=lambda s: s.version)


def neighbour_rewrite(
    summaries: Sequence[ArticleSummary], current_id: str, step: int
) -> ArticleSummary | None:
    """The rewrite listed after (step 1) or before (step -1) `current_id`, or None at an end."""
    ordered = rewrites_in_order(summaries)
    ids = [s.id for s in ordered]
    if current_id not in ids:
        return ordered[0] if ordered else None
    i = ids.index(current_id) + step
    return ordered[i] if 0 <= i < len(ordered) else None


def rewrites_to_review_after(summaries: Sequence[ArticleSummary], current_id: str) -> list[ArticleSummary]:
    """The latest versions of the other rewrites with sentences left for me to review, in list
    order from the one after `current_id`, wrapping around."""
    ordered = rewrites_in_order(summaries)
    ids = [s.id for s in ordered]
    start = ids.index(current_id) + 1 if current_id in ids else 0
    return [
        s
        for s in ordered[start:] + ordered[:start]
        if s.id != current_id and s.latest and s.reviewed < s.to_review
    ]


class ReviewSession:
    """What one reviewer can do in the window: every method that writes commits one event."""

    def __init__(self, project: Project, reviewer: str) -> None:
        self.project = project
        self.reviewer = check_reviewer(reviewer)
        self._data_version = self._read_data_version()

    def written_elsewhere(self) -> bool:
        """Whether another connection (the command line, another window) committed to the project
        since this was last asked (or the session began): SQLite's `data_version`, one cheap read."""
        version = self._read_data_version()
        changed, self._data_version = version != self._data_version, version
        return changed

    def _read_data_version(self) -> int:
        return self.project.conn.execute("PRAGMA data_version").fetchone()[0]

    def set_reviewer(self, name: str) -> None:
        self.reviewer = check_reviewer(name)

    def articles(self) -> list[ArticleSummary]:
        return list_articles(self.project, self.reviewer)

    def open(self, rewrite_id: str) -> OpenArticle:
        rewrite = load_article(self.project, rewrite_id)
        if rewrite.source_id is None:
            raise BadInput(f"{rewrite.title!r} is a source; open one of its rewrites to review it")
        source = load_article(self.project, rewrite.source_id)
        article = OpenArticle(
            rewrite,
            source,
            verdicts_for_article(self.project, rewrite.id, self.reviewer),
            revision=load_revision(self.project.conn, rewrite.id),
            reviewer=self.reviewer,
        )
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
        article.reviewer = self.reviewer
        article.revision = load_revision(self.project.conn, article.rewrite.id)
        self._load_others(article)

    def label_changes(
        self, article: OpenArticle, sentence: Sentence, label: Verdict | None
    ) -> dict[Aspect, object]:
        """The aspects one decision giving `label` sets (for `change`, and for its undo): marking
        supported also takes away what was said to be wrong."""
        return label_changes(article.state(sentence), label)

    def snap_problem(self, article: OpenArticle, sentence: Sentence, start: int, end: int) -> Span:
        """A selection in the rewrite as a problem span: whole words, inside `sentence`; BadInput
        when it holds no word of it."""
        return snap_to_words(article.rewrite.text, start, end, (sentence.start, sentence.end))

    def change(
        self,
        article: OpenArticle,
        sentence: Sentence,
        changes: Mapping[Aspect, object],
        via: Via = Via.WINDOW,
    ) -> VerdictState:
        """Set aspects of my verdict on `sentence` in one event, commit it, and return the
        committed state. A new label records the assistant's suggestion, if there is one, so
        that how often reviewers follow it can be counted. Problem spans (offsets into the
        rewrite's text, inside the sentence: see `snap_problem`), error types and the correction
        are aspects like the others."""

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
