"""Recording decisions: each one appends an event and updates the current verdict in one
committed transaction; reading current verdicts and a sentence's history."""

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from factcheck.core.error_types import ordered
from factcheck.core.errors import BadInput
from factcheck.core.events import (
    GENESIS,
    Event,
    error_types_from_json,
    error_types_json,
    evidence_from_json,
    evidence_json,
    new_event,
    next_time,
    now,
)
from factcheck.core.labels import Verdict
from factcheck.core.problems import normalised
from factcheck.core.reading import SURROGATE
from factcheck.core.review import UNDECIDED, Aspect, DecisionKind, Span, VerdictState, Via, kind_of
from factcheck.store.project import Project

Change = Callable[[VerdictState], VerdictState]
"""Turns a reviewer's current state into the new one; applied inside the write transaction so a
change made meanwhile by another process is never overwritten blindly."""


@dataclass(frozen=True, slots=True)
class Target:
    """What a decision is about, checked before anything is written."""

    sentence_id: str
    boilerplate: bool
    source_id: str
    start: int
    end: int
    """Where the sentence lies in the rewrite's text: problem spans must lie inside."""


def decide(
    project: Project,
    sentence_id: str,
    reviewer: str,
    change: Change,
    via: Via,
    decided_at: str | None = None,
    suggestion: Verdict | None = None,
) -> Event | None:
    """Apply `change` to the reviewer's verdict on the sentence and commit it as one event.

    Returns the event, or None when the change leaves the verdict as it was (nothing written).
    Raises BadInput for an unknown sentence, a source sentence, evidence outside the source or a
    problem span outside the sentence. Problem spans are kept in text order, merged where they
    overlap; error types once each, in the list's order.
    """
    with project.write() as conn:
        return decide_within(conn, project.origin, sentence_id, reviewer, change, via, decided_at, suggestion)


def decide_within(
    conn: sqlite3.Connection,
    origin: str,
    sentence_id: str,
    reviewer: str,
    change: Change,
    via: Via,
    decided_at: str | None = None,
    suggestion: Verdict | None = None,
) -> Event | None:
    """`decide` inside a write transaction the caller holds (to make many decisions atomically).

    `suggestion` is recorded only on decisions that give a label (it says whether it was followed).
    """
    reviewer = check_reviewer(reviewer)
    target = target_in(conn, sentence_id)
    before = state_of(conn, sentence_id, reviewer)
    after = decided(target, before, change, lambda: source_length(conn, target.source_id))
    kind = kind_of(before, after)
    if kind is None:
        return None
    if after.label is None or after.label == before.label:
        suggestion = None
    return _append(conn, origin, sentence_id, reviewer, kind, before, after, via, decided_at, suggestion)


@dataclass(frozen=True, slots=True)
class Adjudication:
    """A lead's final verdict on a sentence."""

    label: Verdict
    reason: str
    lead: str
    evidence: tuple[Span, ...]
    decided_at: str


def adjudicate(
    project: Project,
    sentence_id: str,
    lead: str,
    label: Verdict,
    reason: str,
    via: Via,
    evidence: tuple[Span, ...] | None = None,
) -> Event | None:
    """Set the final verdict of a sentence, with the reason the lead must give; one event."""
    lead = check_reviewer(lead)
    if not reason.strip():
        raise BadInput("an adjudication needs a reason: say why this verdict is the final one")
    with project.write() as conn:
        target = target_in(conn, sentence_id)
        before = _adjudicated_state(conn, sentence_id)
        after = VerdictState(label, before.evidence if evidence is None else evidence, reason.strip())
        _check_evidence(after.evidence, before.evidence, lambda: source_length(conn, target.source_id))
        if after == before:
            return None
        return _append(
            conn, project.origin, sentence_id, lead, DecisionKind.ADJUDICATE, before, after, via, None, None
        )


def adjudication(project: Project, sentence_id: str) -> Adjudication | None:
    row = project.conn.execute(
        "SELECT label, reason, lead, evidence, decided_at FROM adjudications WHERE sentence_id = ?",
        [sentence_id],
    ).fetchone()
    if row is None:
        return None
    label, reason, lead, evidence, decided_at = row
    return Adjudication(Verdict(label), reason, lead, evidence_from_json(evidence), decided_at)


def _adjudicated_state(conn: sqlite3.Connection, sentence_id: str) -> VerdictState:
    row = conn.execute(
        "SELECT label, evidence, reason FROM adjudications WHERE sentence_id = ?", [sentence_id]
    ).fetchone()
    if row is None:
        return UNDECIDED
    label, evidence, reason = row
    return VerdictState(Verdict(label), evidence_from_json(evidence), reason)


def current(project: Project, sentence_id: str, reviewer: str) -> VerdictState:
    return state_of(project.conn, sentence_id, reviewer)


def verdicts_for_article(project: Project, article_id: str, reviewer: str) -> dict[str, VerdictState]:
    """The reviewer's current state of every sentence of the article they have touched."""
    rows = project.conn.execute(
        "SELECT v.sentence_id, v.label, v.evidence, v.note, v.included, v.problems, v.error_types,"
        " v.correction FROM verdicts v"
        " JOIN sentences s ON s.id = v.sentence_id WHERE s.article_id = ? AND v.reviewer = ?",
        [article_id, reviewer],
    )
    return {row[0]: state_from_row(row[1:]) for row in rows}


def others_verdicts(project: Project, article_id: str, reviewer: str) -> dict[str, dict[str, VerdictState]]:
    """Other reviewers' current verdicts on the article's sentences (those with a label), whole:
    sentence id → reviewer → state, so the window can show what each said is wrong."""
    found: dict[str, dict[str, VerdictState]] = {}
    for sentence_id, other, *state in project.conn.execute(
        f"SELECT v.sentence_id, v.reviewer, {V_STATE_COLUMNS} FROM verdicts v"
        " JOIN sentences s ON s.id = v.sentence_id"
        " WHERE s.article_id = ? AND v.reviewer != ? AND v.label IS NOT NULL ORDER BY v.reviewer",
        [article_id, reviewer],
    ):
        found.setdefault(sentence_id, {})[other] = state_from_row(state)
    return found


def history(project: Project, sentence_id: str) -> list[Event]:
    """Every event about the sentence, oldest first, from every reviewer."""
    rows = project.conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE sentence_id = ? ORDER BY decided_at, id",
        [sentence_id],
    )
    return [_event(row) for row in rows]


def event_count(project: Project) -> int:
    return project.conn.execute("SELECT count(*) FROM events").fetchone()[0]


def check_reviewer(reviewer: str) -> str:
    """The reviewer's name, trimmed, or BadInput when it cannot be one."""
    name = reviewer.strip()
    if not name:
        raise BadInput("the reviewer's name is empty: give one with --reviewer or $FACTCHECK_REVIEWER")
    if any(ord(c) < 32 for c in name):
        raise BadInput(f"the reviewer's name {reviewer!r} contains control characters")
    if SURROGATE.search(name):
        raise BadInput("the reviewer's name is not valid UTF-8 text")
    return name


MAX_NOTE_CHARS = 100_000
"""A note is a reviewer's rationale: a longer one is a paste gone wrong, not a note (nor a correction)."""


def _check_note(note: str, what: str = "note") -> None:
    if SURROGATE.search(note):
        raise BadInput(f"the {what} holds an invalid character (half of a UTF-16 pair)")
    if len(note) > MAX_NOTE_CHARS:
        raise BadInput(f"the {what} is too long ({len(note):,} characters; the limit is {MAX_NOTE_CHARS:,})")


def _tidied(state: VerdictState) -> VerdictState:
    """The one form problem spans and error types are kept in, so that equal decisions compare equal."""
    problems, types = normalised(state.problems), ordered(state.error_types)
    if problems == state.problems and types == state.error_types:
        return state
    return state.with_aspect(Aspect.PROBLEMS, problems).with_aspect(Aspect.ERROR_TYPES, types)


def _check_problems(problems: Iterable[Span], target: Target) -> None:
    for start, end in problems:
        if not target.start <= start < end <= target.end:
            raise BadInput(
                f"problem {start}-{end} is not inside sentence {target.sentence_id}"
                f" (its text is at {target.start}-{target.end} of the rewrite)"
            )


TARGET_COLUMNS = 'a.role, s.boilerplate, a.source_id, s.start, s."end"'
TARGET_JOIN = "sentences s JOIN articles a ON a.id = s.article_id"


def target_in(conn: sqlite3.Connection, sentence_id: str) -> Target:
    row = conn.execute(f"SELECT {TARGET_COLUMNS} FROM {TARGET_JOIN} WHERE s.id = ?", [sentence_id]).fetchone()
    return target_of(sentence_id, row)


def target_of(sentence_id: str, row: Sequence | None) -> Target:
    """The target from a row of TARGET_COLUMNS (None: no such sentence), or BadInput."""
    if row is None:
        raise BadInput(f"no sentence with id {sentence_id!r} in this project")
    role, boilerplate, source_id, start, end = row
    if role != "rewrite":
        raise BadInput(f"sentence {sentence_id} belongs to a source; verdicts are given to rewrite sentences")
    return Target(sentence_id, bool(boilerplate), source_id, start, end)


def decided(target: Target, before: VerdictState, change: Change, length: Callable[[], int]) -> VerdictState:
    """What `change` makes of `before`, in its one tidy form, checked: BadInput for evidence outside
    the source (whose length `length` gives), problems outside the sentence, a bad note. One
    decision (`decide_within`) and many (`bulk_decisions`) go through here alike."""
    after = _tidied(change(before))
    _check_evidence(after.evidence, before.evidence, length)
    _check_problems(after.problems, target)
    _check_note(after.note)
    _check_note(after.correction, "correction")
    return after


def source_length(conn: sqlite3.Connection, source_id: str) -> int:
    (length,) = conn.execute("SELECT length(text) FROM articles WHERE id = ?", [source_id]).fetchone()
    return length


def _check_evidence(evidence: Iterable[Span], checked: Iterable[Span], length_of: Callable[[], int]) -> None:
    """Every passage not already `checked` must lie inside the source's text. (Its length is read
    only when there is such a passage: most decisions attach none, and the text may be 1 MB.)"""
    known = set(checked)
    new = [span for span in evidence if span not in known]
    if not new:
        return
    length = length_of()
    for start, end in new:
        if not 0 <= start < end <= length:
            raise BadInput(
                f"evidence {start}-{end} is not a passage of the source (its text has {length} characters)"
            )


def state_of(conn: sqlite3.Connection, sentence_id: str, reviewer: str) -> VerdictState:
    row = conn.execute(
        f"SELECT {STATE_COLUMNS} FROM verdicts WHERE sentence_id = ? AND reviewer = ?",
        [sentence_id, reviewer],
    ).fetchone()
    return UNDECIDED if row is None else state_from_row(row)


STATE_COLUMNS = "label, evidence, note, included, problems, error_types, correction"
"""The columns of a verdict's state, in the order `state_from_row` reads them (verdicts and events alike)."""
V_STATE_COLUMNS = ", ".join(f"v.{column.strip()}" for column in STATE_COLUMNS.split(","))
"""The same columns of the verdicts table named `v` in a join."""


def state_from_row(row: Sequence) -> VerdictState:
    label, evidence, note, included, problems, error_types, correction = row
    return VerdictState(
        label=Verdict(label) if label else None,
        evidence=evidence_from_json(evidence),
        note=note,
        included=None if included is None else bool(included),
        problems=evidence_from_json(problems),
        error_types=error_types_from_json(error_types),
        correction=correction,
    )


def _append(
    conn: sqlite3.Connection,
    origin: str,
    sentence_id: str,
    reviewer: str,
    kind: DecisionKind,
    before: VerdictState,
    after: VerdictState,
    via: Via,
    decided_at: str | None,
    suggestion: Verdict | None,
) -> Event:
    seq, prev_hash, last_time = chain_end(conn, origin)
    event = new_event(
        origin=origin,
        seq=seq + 1,
        prev_hash=prev_hash,
        sentence_id=sentence_id,
        reviewer=reviewer,
        kind=kind,
        before=before,
        after=after,
        via=via,
        decided_at=decided_at or next_time(now(), last_time),
        suggestion=suggestion,
    )
    insert_events(conn, [event])
    return event


def chain_end(conn: sqlite3.Connection, origin: str) -> tuple[int, str, str | None]:
    """(seq, hash, decided_at) of the origin's newest event; (0, GENESIS, None) before the first."""
    last = conn.execute(
        "SELECT seq, hash, decided_at FROM events WHERE origin = ? ORDER BY seq DESC LIMIT 1",
        [origin],
    ).fetchone()
    return tuple(last) if last else (0, GENESIS, None)


def insert_events(conn: sqlite3.Connection, events: Iterable[Event], table: str = "events") -> None:
    """Append events as they are (their hashes already computed); the trigger updates verdicts.
    (`table`: another table with the same columns, to copy them from in bulk.)"""
    conn.executemany(
        f"INSERT INTO {table} ({EVENT_COLUMNS}) VALUES ({', '.join('?' * 20)})",
        (
            (
                e.id,
                e.origin,
                e.seq,
                e.kind.value,
                e.sentence_id,
                e.reviewer,
                e.state.label.value if e.state.label else None,
                e.previous_label.value if e.previous_label else None,
                evidence_json(e.state.evidence),
                e.state.note,
                e.state.included,
                e.via.value,
                e.decided_at,
                e.prev_hash,
                e.hash,
                e.suggestion.value if e.suggestion else None,
                evidence_json(e.state.problems),
                error_types_json(e.state.error_types),
                e.state.correction,
                e.carried_from,
            )
            for e in events
        ),
    )


EVENT_COLUMNS = (
    "id, origin, seq, kind, sentence_id, reviewer, label, previous_label, evidence, note,"
    " included, via, decided_at, prev_hash, hash, suggestion, problems, error_types, correction,"
    " carried_from"
)


def _event(row: tuple) -> Event:
    (
        id_,
        origin,
        seq,
        kind,
        sentence_id,
        reviewer,
        label,
        previous_label,
        evidence,
        note,
        included,
        via,
        decided_at,
        prev_hash,
        hash_,
        suggestion,
        problems,
        error_types,
        correction,
        carried_from,
    ) = row
    return Event(
        id=id_,
        origin=origin,
        seq=seq,
        kind=DecisionKind(kind),
        sentence_id=sentence_id,
        reviewer=reviewer,
        state=state_from_row((label, evidence, note, included, problems, error_types, correction)),
        previous_label=Verdict(previous_label) if previous_label else None,
        via=Via(via),
        decided_at=decided_at,
        prev_hash=prev_hash,
        hash=hash_,
        suggestion=Verdict(suggestion) if suggestion else None,
        carried_from=carried_from,
    )
