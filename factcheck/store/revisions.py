"""Revised rewrites: finding the version an imported rewrite revises, matching their sentences,
storing the link, and carrying every decision on an unchanged sentence over to the revision.

The matching (`core.revisions`) runs before the import's write transaction (`plan`); inside it
(`link`) the link is stored and the carried decisions are appended as events of this project's
chain, marked `via carried` with the previous sentence in `carried_from`. The previous version's
history is never touched.
"""

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from factcheck.core.article import Article, Sentence
from factcheck.core.errors import BadInput
from factcheck.core.events import Event, evidence_from_json, format_time, new_event, now
from factcheck.core.labels import Verdict
from factcheck.core.ledger import REVISION_COLUMNS, REVISION_SENTENCE_COLUMNS, revision_digest
from factcheck.core.problems import problem_text
from factcheck.core.review import UNDECIDED, DecisionKind, VerdictState, Via, kind_of
from factcheck.core.revisions import (
    METHOD,
    CorrectionCheck,
    RevisionMatch,
    RevisionStatus,
    check_correction,
    match_sentences,
)
from factcheck.store.decisions import V_STATE_COLUMNS, insert_events, state_from_row
from factcheck.store.sentences import sentences_of


class LinkedBy(StrEnum):
    """How the previous version was found."""

    NAME = "name"
    """The same document name (a text file's name, a record's slug or url) and source."""
    TITLE = "title"
    """The same title and source, under another name."""
    CHOSEN = "chosen"
    """Named with `import --revises`."""

    @property
    def words(self) -> str:
        return {"name": "the same file name", "title": "the same title and source", "chosen": "--revises"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class Previous:
    """The version a rewrite being imported revises."""

    id: str
    name: str
    version: int
    linked_by: LinkedBy


RELATED_FROM = 0.5
"""A rewrite found only by its title and source is a revision when at least this share of the
previous version's sentences live on in it (unchanged or edited); else it is another rewrite that
happens to share the title."""


@dataclass(frozen=True, slots=True)
class Plan:
    """A revision worked out before the write transaction."""

    previous: Previous
    sentences: tuple[Sentence, ...]
    match: RevisionMatch

    @property
    def related(self) -> bool:
        return not self.sentences or 1 - len(self.match.deleted) / len(self.sentences) >= RELATED_FROM


def revision_plan(
    conn: sqlite3.Connection, article: Article, revises: str | None, planned: Plan | None = None
) -> Plan | None:
    """The revision `article` is, with its sentences matched (reusing `planned` when it is about
    the same previous version), or None when it revises nothing."""
    previous = find_previous(conn, article, revises)
    if previous is None:
        return None
    found = planned if planned is not None and planned.previous == previous else plan(conn, article, previous)
    if previous.linked_by is LinkedBy.TITLE and not found.related:
        return None
    return found


@dataclass(frozen=True, slots=True)
class Carried:
    """What linking a revision did."""

    previous_id: str
    previous_version: int
    linked_by: LinkedBy
    carried: int
    changed: int
    new: int
    deleted: int
    decisions: int
    """Decisions carried over (every reviewer's, and a lead's final verdicts)."""
    corrections: tuple[tuple[int, CorrectionCheck], ...]
    """(revised sentence index, check) for each correction made on a sentence it comes from."""


def find_previous(conn: sqlite3.Connection, article: Article, revises: str | None) -> Previous | None:
    """The version `article` revises: the one chosen, else the latest of the same document, else
    the latest rewrite of the same source with the same title; None for a source or a first version."""
    if article.source_id is None:
        return None
    if revises is not None:
        row = conn.execute(
            "SELECT id, name, version, role, source_id, title FROM articles WHERE id = ?", [revises]
        ).fetchone()
        if row is None:
            raise BadInput(f"--revises: no article with id {revises!r} in this project")
        if row[3] != "rewrite":
            raise BadInput(f"--revises: {row[5]!r} is a source; name the rewrite this file revises")
        if row[4] != article.source_id:
            raise BadInput(
                f"--revises: {row[5]!r} is a rewrite of another source; import the revision with that source"
            )
        return Previous(row[0], row[1], row[2], LinkedBy.CHOSEN)
    for linked_by, column, value, order in (
        (LinkedBy.NAME, "name", article.name, "version DESC"),
        (LinkedBy.TITLE, "title", article.title, "imported_at DESC, version DESC"),
    ):
        row = conn.execute(
            "SELECT id, name, version FROM articles WHERE role = 'rewrite' AND source_id = ?"
            f" AND {column} = ? ORDER BY {order} LIMIT 1",
            [article.source_id, value],
        ).fetchone()
        if row is not None:
            return Previous(row[0], row[1], row[2], linked_by)
    return None


def plan(conn: sqlite3.Connection, article: Article, previous: Previous) -> Plan:
    sentences = sentences_of(conn, previous.id)
    match = match_sentences([s.text for s in sentences], [s.text for s in article.sentences])
    return Plan(previous, sentences, match)


def as_revision(conn: sqlite3.Connection, article: Article, previous: Previous) -> Article:
    """`article` numbered as the next version of the document it revises (and named as it)."""
    (latest,) = conn.execute(
        "SELECT max(version) FROM articles WHERE role = 'rewrite' AND name = ? AND source_id = ?",
        [previous.name, article.source_id],
    ).fetchone()
    return replace(article, name=previous.name, version=(latest or previous.version) + 1)


def link(
    conn: sqlite3.Connection, origin: str, article: Article, found: Plan
) -> tuple[Carried, tuple[str, str]]:
    """Store the link of the just inserted `article` to the version it revises and carry the
    decisions over, inside the caller's write transaction; returns what was done and the
    link's (rewrite id, ledger digest)."""
    linked_at = format_time(now())
    revision = (article.id, found.previous.id, found.previous.linked_by.value, METHOD, linked_at)
    rows = sorted(
        (
            article.sentences[m.index].id,
            m.status.value,
            json.dumps([found.sentences[i].id for i in m.previous]),
        )
        for m in found.match.sentences
    )
    conn.execute(f"INSERT INTO revisions ({', '.join(REVISION_COLUMNS)}) VALUES (?, ?, ?, ?, ?)", revision)
    conn.executemany(
        f"INSERT INTO revision_sentences (rewrite_id, {', '.join(REVISION_SENTENCE_COLUMNS)})"
        " VALUES (?, ?, ?, ?)",
        [(article.id, *row) for row in rows],
    )
    states = previous_states(conn, found.previous.id)
    decisions = _carry(conn, origin, article, found, states)
    corrections = tuple(
        (m.index, check)
        for m in found.match.sentences
        for check in corrections_of(
            article.sentences[m.index].text, [found.sentences[i] for i in m.previous], states
        )
    )
    carried = Carried(
        previous_id=found.previous.id,
        previous_version=found.previous.version,
        linked_by=found.previous.linked_by,
        carried=found.match.count(RevisionStatus.CARRIED),
        changed=found.match.count(RevisionStatus.CHANGED),
        new=found.match.count(RevisionStatus.NEW),
        deleted=len(found.match.deleted),
        decisions=decisions,
        corrections=corrections,
    )
    return carried, (article.id, revision_digest(revision, rows))


@dataclass(frozen=True, slots=True)
class PreviousStates:
    """Every decision standing on the previous version's sentences."""

    verdicts: dict[str, list[tuple[str, VerdictState, str]]]
    """Sentence id → (reviewer, state, decided_at) of each reviewer's current verdict."""
    adjudications: dict[str, tuple[str, VerdictState, str]]
    """Sentence id → (lead, final verdict, decided_at)."""


def previous_states(conn: sqlite3.Connection, article_id: str) -> PreviousStates:
    verdicts: dict[str, list[tuple[str, VerdictState, str]]] = {}
    for sentence_id, reviewer, decided_at, *state in conn.execute(
        f"SELECT v.sentence_id, v.reviewer, v.decided_at, {V_STATE_COLUMNS} FROM verdicts v"
        " JOIN sentences s ON s.id = v.sentence_id WHERE s.article_id = ? ORDER BY v.reviewer",
        [article_id],
    ):
        verdicts.setdefault(sentence_id, []).append((reviewer, state_from_row(state), decided_at))
    adjudications = {
        sentence_id: (lead, VerdictState(Verdict(label), evidence_from_json(evidence), reason), decided_at)
        for sentence_id, lead, label, evidence, reason, decided_at in conn.execute(
            "SELECT j.sentence_id, j.lead, j.label, j.evidence, j.reason, j.decided_at FROM adjudications j"
            " JOIN sentences s ON s.id = j.sentence_id WHERE s.article_id = ?",
            [article_id],
        )
    }
    return PreviousStates(verdicts, adjudications)


def _carry(
    conn: sqlite3.Connection, origin: str, article: Article, found: Plan, states: PreviousStates
) -> int:
    """Append an event for every decision on an unchanged sentence, as it stands, on the revision's
    sentence: dated as the decision was made, so that a later decision (here, or in a file merged
    in later) still counts over it."""
    last = conn.execute(
        "SELECT seq, hash FROM events WHERE origin = ? ORDER BY seq DESC LIMIT 1", [origin]
    ).fetchone()
    seq, prev_hash = last if last else (0, "")
    events: list[Event] = []

    def append(sentence_id: str, reviewer: str, kind: DecisionKind, state: VerdictState, at: str, old: str):
        nonlocal seq, prev_hash
        seq += 1
        event = new_event(
            origin=origin,
            seq=seq,
            prev_hash=prev_hash,
            sentence_id=sentence_id,
            reviewer=reviewer,
            kind=kind,
            before=UNDECIDED,
            after=state,
            via=Via.CARRIED,
            decided_at=at,
            carried_from=old,
        )
        prev_hash = event.hash
        events.append(event)

    for m in found.match.sentences:
        if m.status is not RevisionStatus.CARRIED:
            continue
        old = found.sentences[m.previous[0]]
        new = article.sentences[m.index]
        shift = new.start - old.start
        for reviewer, state, decided_at in states.verdicts.get(old.id, ()):
            moved = replace(state, problems=tuple((a + shift, b + shift) for a, b in state.problems))
            kind = kind_of(UNDECIDED, moved)
            if kind is not None:
                append(new.id, reviewer, kind, moved, decided_at, old.id)
        if old.id in states.adjudications:
            lead, state, decided_at = states.adjudications[old.id]
            append(new.id, lead, DecisionKind.ADJUDICATE, state, decided_at, old.id)
    insert_events(conn, events)
    return len(events)


def corrections_of(
    revised_text: str, sources: Sequence[Sentence], states: PreviousStates
) -> list[CorrectionCheck]:
    """For each reviewer's correction of a sentence the revised sentence comes from: is it in?"""
    checks = []
    for old in sources:
        for reviewer, state, _ in states.verdicts.get(old.id, ()):
            if state.correction.strip():
                wrong = problem_text(old.text, state.problems, old.start)
                checks.append(check_correction(reviewer, revised_text, state.correction, wrong))
    return checks


@dataclass(frozen=True, slots=True)
class SentenceRevision:
    """What became of one sentence of a revised rewrite."""

    status: RevisionStatus
    previous: tuple[Sentence, ...]
    """The previous version's sentences it comes from (none for a new sentence)."""

    @property
    def previous_text(self) -> str:
        return " ".join(sentence.text for sentence in self.previous)


@dataclass(frozen=True, slots=True)
class Revision:
    """A revised rewrite against the version it revises, as stored when it was imported."""

    previous_id: str
    previous_version: int
    linked_by: LinkedBy
    sentences: dict[str, SentenceRevision]
    """By the revision's sentence id."""
    deleted: tuple[Sentence, ...]
    """The previous version's sentences nothing in the revision comes from, in their order."""
    states: PreviousStates
    """Every decision standing on the previous version's sentences."""

    def count(self, status: RevisionStatus) -> int:
        return sum(s.status is status for s in self.sentences.values())


def load_revision(conn: sqlite3.Connection, rewrite_id: str) -> Revision | None:
    """The revision link of a rewrite, or None when it revises nothing."""
    row = conn.execute(
        "SELECT r.previous_id, a.version, r.linked_by FROM revisions r"
        " JOIN articles a ON a.id = r.previous_id WHERE r.rewrite_id = ?",
        [rewrite_id],
    ).fetchone()
    if row is None:
        return None
    previous_id, version, linked_by = row
    previous = {sentence.id: sentence for sentence in sentences_of(conn, previous_id)}
    sentences = {
        sentence_id: SentenceRevision(
            RevisionStatus(status), tuple(previous[i] for i in json.loads(listed) if i in previous)
        )
        for sentence_id, status, listed in conn.execute(
            "SELECT sentence_id, status, previous FROM revision_sentences WHERE rewrite_id = ?", [rewrite_id]
        )
    }
    used = {s.id for revised in sentences.values() for s in revised.previous}
    deleted = tuple(s for s in previous.values() if s.id not in used)
    return Revision(
        previous_id, version, LinkedBy(linked_by), sentences, deleted, previous_states(conn, previous_id)
    )


def corrections_in(revision: Revision, sentence: Sentence) -> list[CorrectionCheck]:
    """Every reviewer's correction of the sentences `sentence` comes from, checked against its text."""
    found = revision.sentences.get(sentence.id)
    if found is None:
        return []
    return corrections_of(sentence.text, found.previous, revision.states)


@dataclass(frozen=True, slots=True)
class SentenceChange:
    """One sentence of a newer version, and what it was."""

    sentence: Sentence
    status: RevisionStatus
    previous: tuple[Sentence, ...]
    corrections: tuple[CorrectionCheck, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two versions of a rewrite, sentence by sentence (`factcheck diff`)."""

    older: Article
    newer: Article
    stored: bool
    """True when `newer` was imported as the revision of `older` (the match then is the one that
    carried the decisions over); False when the two were matched just now."""
    sentences: tuple[SentenceChange, ...]
    """One per sentence of `newer`, in order."""
    deleted: tuple[Sentence, ...]

    def count(self, status: RevisionStatus) -> int:
        return sum(change.status is status for change in self.sentences)


def compare(conn: sqlite3.Connection, older: Article, newer: Article) -> Comparison:
    """What became of `older`'s sentences in `newer`: as stored when `newer` revises `older`,
    else matched now."""
    if older.source_id is None or newer.source_id is None:
        raise BadInput("diff compares two versions of a rewrite; a source was given")
    revision = load_revision(conn, newer.id)
    if revision is not None and revision.previous_id == older.id:
        changes = tuple(
            SentenceChange(
                s,
                revision.sentences[s.id].status,
                revision.sentences[s.id].previous,
                tuple(corrections_in(revision, s)),
            )
            for s in newer.sentences
        )
        return Comparison(older, newer, True, changes, revision.deleted)
    match = match_sentences([s.text for s in older.sentences], [s.text for s in newer.sentences])
    states = previous_states(conn, older.id)
    changes = []
    for m in match.sentences:
        sources = tuple(older.sentences[i] for i in m.previous)
        checks = tuple(corrections_of(newer.sentences[m.index].text, sources, states))
        changes.append(SentenceChange(newer.sentences[m.index], m.status, sources, checks))
    deleted = tuple(older.sentences[i] for i in match.deleted)
    return Comparison(older, newer, False, tuple(changes), deleted)
