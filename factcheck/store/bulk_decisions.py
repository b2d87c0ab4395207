"""Many decisions at once (reading verdicts back from a CSV): decided in memory, appended in bulk.

One `decide_within` per decision asks SQLite four or five questions and fires the triggers for its
event: about 2 ms each, 40 minutes for a million. Here a plan reads what a chunk of decisions
needs in a few set-based queries (each sentence's target, each pair's current state, the chain's
end), checks every decision with the same `decided` as a single one, chains it in memory, and
writes the events to a temporary table on disk as it goes, so that a million of them never sit in
memory. What it knows of each sentence and pair is kept for one chunk of decisions only
(`forget`); of a pair decided before, only where its latest planned event is, to read its state
back if the pair comes again. `append` then copies the events into `events` in one statement;
from `BULK_EVENTS` on, with the deriving triggers suspended and their tables derived after
(`derived`), as a large merge does.

A plan is made from a snapshot, outside the write lock; only `append` needs the lock (see
`verdict_import`).
"""

import sqlite3
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from factcheck.core.events import Event, new_event, next_time, now
from factcheck.core.labels import Verdict
from factcheck.core.review import VerdictState, Via, kind_of
from factcheck.store.decisions import (
    EVENT_COLUMNS,
    STATE_COLUMNS,
    TARGET_COLUMNS,
    TARGET_JOIN,
    Change,
    Target,
    chain_end,
    check_reviewer,
    decided,
    insert_events,
    state_from_row,
    target_in,
    target_of,
)
from factcheck.store.derived import derive_after, triggers_suspended

BULK_EVENTS = 2_000
"""From this many events on, appending derives verdicts and chain heads in bulk."""

_IDS = 500
"""Ids per `IN (…)` query: well under SQLite's limit on parameters."""
_FLUSH = 10_000
"""Planned events kept in memory before they go to the temporary table."""

Pair = tuple[str, str]


@dataclass(slots=True)
class Known:
    """What the plan knows of a (sentence, reviewer): its state, whether `verdicts` has a row for
    it, and when its latest event (if planned here) was decided."""

    state: VerdictState
    stored: bool
    decided_at: str | None = None


@dataclass(slots=True)
class Plan:
    """The events a run of decisions makes, chained after the origin's end as read."""

    origin: str
    seq: int
    prev_hash: str
    last_time: str | None
    planned: int = 0
    """Events planned in all (written to the temporary table, or still in `pending`)."""
    flushed: int = 0
    """Of those, how many are in the temporary table (in order: the first has rowid 1)."""
    targets: dict[str, Target] = field(default_factory=dict)
    """The sentences of the chunk being planned."""
    pairs: dict[Pair, Known] = field(default_factory=dict)
    """The (sentence, reviewer) pairs of the chunk being planned."""
    latest: dict[Pair, int] = field(default_factory=dict)
    """For each pair decided in this plan, the place of its latest event (0 for the first)."""
    reviewers: dict[str, str] = field(default_factory=dict)
    """Each reviewer's name as given, checked once (`check_reviewer`), as it is kept."""
    lengths: dict[str, int] = field(default_factory=dict)
    pending: list[Event] = field(default_factory=list)


def start_plan(conn: sqlite3.Connection, origin: str) -> Plan:
    """An empty plan chained after the origin's newest event; its temporary table emptied."""
    conn.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS planned AS SELECT {EVENT_COLUMNS} FROM main.events WHERE 0"
    )
    conn.execute("DELETE FROM temp.planned")
    return Plan(origin, *chain_end(conn, origin))


def learn(plan: Plan, conn: sqlite3.Connection, pairs: Iterable[Pair]) -> None:
    """Read the targets and current states of the pairs the plan does not know yet: a pair
    decided in an earlier chunk as its latest planned event left it, any other as stored."""
    new = [pair for pair in dict.fromkeys(pairs) if pair not in plan.pairs]
    sentences = list(dict.fromkeys(sentence for sentence, _ in new))
    for chunk in _chunks([s for s in sentences if s not in plan.targets]):
        for sentence_id, *row in conn.execute(
            f"SELECT s.id, {TARGET_COLUMNS} FROM {TARGET_JOIN} WHERE s.id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            if row[0] == "rewrite":
                plan.targets[sentence_id] = target_of(sentence_id, row)
    decided_here = [pair for pair in new if pair in plan.latest]
    places = [plan.latest[pair] for pair in decided_here]
    plan.pairs.update(zip(decided_here, _planned(plan, conn, places), strict=True))
    stored = [pair for pair in new if pair not in plan.latest]
    wanted = set(stored)
    for pair in stored:
        plan.pairs[pair] = Known(VerdictState(), stored=False)
    for chunk in _chunks(list(dict.fromkeys(sentence for sentence, _ in stored))):
        for sentence_id, reviewer, *state in conn.execute(
            f"SELECT sentence_id, reviewer, {STATE_COLUMNS} FROM verdicts"
            f" WHERE sentence_id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            if (sentence_id, reviewer) in wanted:
                plan.pairs[sentence_id, reviewer] = Known(state_from_row(state), stored=True)


def forget(plan: Plan) -> None:
    """Forget the sentences and pairs of the chunk just planned (a million would not fit in
    memory); `learn` reads again whatever a later chunk needs."""
    plan.targets.clear()
    plan.pairs.clear()


def _planned(plan: Plan, conn: sqlite3.Connection, places: list[int]) -> list[Known]:
    """What the planned events at these places (see `Plan.latest`) leave their pairs with."""
    in_table = [place + 1 for place in places if place < plan.flushed]
    read: dict[int, Known] = {}
    for start in range(0, len(in_table), _IDS):
        chunk = in_table[start : start + _IDS]
        for rowid, decided_at, *state in conn.execute(
            f"SELECT rowid, decided_at, {STATE_COLUMNS} FROM temp.planned"
            f" WHERE rowid IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            read[rowid - 1] = Known(state_from_row(state), stored=True, decided_at=decided_at)
    return [
        read[place] if place < plan.flushed else _known_after(plan.pending[place - plan.flushed])
        for place in places
    ]


def _known_after(event: Event) -> Known:
    return Known(event.state, stored=True, decided_at=event.decided_at)


def reviewer_of(plan: Plan, given: str) -> str:
    """The reviewer's name as kept (BadInput for one that cannot be a name)."""
    if given not in plan.reviewers:
        plan.reviewers[given] = check_reviewer(given)
    return plan.reviewers[given]


def decide(
    plan: Plan,
    conn: sqlite3.Connection,
    sentence_id: str,
    reviewer: str,
    change: Change,
    via: Via,
    decided_at: str | None = None,
    suggestion: Verdict | None = None,
) -> Event | None:
    """`decide_within`, in memory: the same checks, the event chained after the plan's last one
    (None when the change leaves the verdict as it was)."""
    reviewer = reviewer_of(plan, reviewer)
    sentence_id = sys.intern(sentence_id)  # one string per sentence, however many rows name it
    if (sentence_id, reviewer) not in plan.pairs:
        learn(plan, conn, [(sentence_id, reviewer)])
    target = plan.targets.get(sentence_id)
    if target is None:  # missing, or a source's: read it again for BadInput in the single path's words
        target = plan.targets[sentence_id] = target_in(conn, sentence_id)
    known = plan.pairs[sentence_id, reviewer]
    before = known.state
    after = decided(target, before, change, lambda: _length(plan, conn, target.source_id))
    kind = kind_of(before, after)
    if kind is None:
        return None
    if after.label is None or after.label == before.label:
        suggestion = None
    moment = decided_at or next_time(now(), plan.last_time)
    event = new_event(
        origin=plan.origin,
        seq=plan.seq + 1,
        prev_hash=plan.prev_hash,
        sentence_id=sentence_id,
        reviewer=reviewer,
        kind=kind,
        before=before,
        after=after,
        via=via,
        decided_at=moment,
        suggestion=suggestion,
    )
    plan.seq, plan.prev_hash, plan.planned = event.seq, event.hash, plan.planned + 1
    if plan.last_time is None or moment > plan.last_time:
        plan.last_time = moment
    plan.pairs[sentence_id, reviewer] = _known_after(event)
    plan.latest[sentence_id, reviewer] = plan.planned - 1
    plan.pending.append(event)
    if len(plan.pending) >= _FLUSH:
        flush(plan, conn)
    return event


def flush(plan: Plan, conn: sqlite3.Connection) -> None:
    """Write the pending events to the temporary table (a table of the connection's own: no lock
    on the project is taken)."""
    insert_events(conn, plan.pending, table="temp.planned")
    plan.flushed += len(plan.pending)
    plan.pending.clear()


def append(conn: sqlite3.Connection, plan: Plan) -> None:
    """Append the planned events inside the caller's write transaction, in one statement: binding
    a million one statement each straight into `events`, with its four indexes, took 2.5 times
    as long."""
    flush(plan, conn)
    plan.latest.clear()  # planning is over, and the page cache grows while the events are copied
    copy = (
        f"INSERT INTO main.events ({EVENT_COLUMNS}) SELECT {EVENT_COLUMNS} FROM temp.planned ORDER BY rowid"
    )
    if plan.planned < BULK_EVENTS:
        conn.execute(copy)
    else:
        (after,) = conn.execute("SELECT coalesce(max(rowid), 0) FROM main.events").fetchone()
        with triggers_suspended(conn):
            conn.execute(copy)
            derive_after(conn, after)
    conn.execute("DELETE FROM temp.planned")


def _length(plan: Plan, conn: sqlite3.Connection, source_id: str) -> int:
    if source_id not in plan.lengths:
        (plan.lengths[source_id],) = conn.execute(
            "SELECT length(text) FROM articles WHERE id = ?", [source_id]
        ).fetchone()
    return plan.lengths[source_id]


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _IDS):
        yield items[start : start + _IDS]
