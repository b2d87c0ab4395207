"""The tables the triggers keep from the events (verdicts, adjudications, chain heads), derived in
bulk instead, for writes that append many events in one transaction (a merge).

Per event, the triggers cost more than the event itself: merging a million events took 16 s with
them and 7 s without. So a bulk write suspends them inside its transaction, appends its events,
and brings the three tables up to date in three set-based statements over what it appended; the
triggers are back before the transaction commits, so no other connection ever sees the schema
without them, and a crash rolls both back. The result is the triggers' result: each row reflects
the latest event by (decided_at, id) of its pair, sentence or origin (`verify` checks it so);
the columns here are the triggers' columns, and a test compares the two on the same files.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

DERIVING_TRIGGERS = ("events_update_verdicts", "events_update_adjudications", "events_update_chain_heads")

# Every query here reads indexes, not events, wherever it can: the pairs come from the covering
# index on (sentence, reviewer, time) (a pair whose new events are all adjudications finds no
# verdict event and is dropped by the join); the latest event of a pair is found in two steps,
# its time from the end of that index, then the largest id at that time. One `ORDER BY
# decided_at DESC, id DESC` would read every event of the pair to sort it: a million row lookups
# for a million events merged, where these read one or two a pair.
_VERDICTS = """
    INSERT INTO verdicts (sentence_id, reviewer, label, evidence, note, included, decided_at, event_id,
                          problems, error_types, correction)
    SELECT e.sentence_id, e.reviewer, e.label, e.evidence, e.note, e.included, e.decided_at, e.id,
           e.problems, e.error_types, e.correction
    FROM (SELECT DISTINCT sentence_id, reviewer FROM events WHERE rowid > :after) AS pair
    JOIN events e ON e.rowid = (
        SELECT rowid FROM events
        WHERE sentence_id = pair.sentence_id AND reviewer = pair.reviewer AND kind != 'adjudicate'
          AND decided_at = (
              SELECT decided_at FROM events
              WHERE sentence_id = pair.sentence_id AND reviewer = pair.reviewer AND kind != 'adjudicate'
              ORDER BY decided_at DESC LIMIT 1)
        ORDER BY id DESC LIMIT 1)
    WHERE true
    ON CONFLICT (sentence_id, reviewer) DO UPDATE SET
        label = excluded.label, evidence = excluded.evidence, note = excluded.note,
        included = excluded.included, decided_at = excluded.decided_at, event_id = excluded.event_id,
        problems = excluded.problems, error_types = excluded.error_types, correction = excluded.correction
    WHERE (excluded.decided_at, excluded.event_id) > (verdicts.decided_at, verdicts.event_id)
"""

_ADJUDICATIONS = """
    INSERT INTO adjudications (sentence_id, label, reason, lead, evidence, decided_at, event_id)
    SELECT e.sentence_id, e.label, e.note, e.reviewer, e.evidence, e.decided_at, e.id
    FROM (SELECT DISTINCT sentence_id FROM events NOT INDEXED
          WHERE rowid > :after AND kind = 'adjudicate') AS s
    JOIN events e ON e.rowid = (
        SELECT rowid FROM events WHERE sentence_id = s.sentence_id AND kind = 'adjudicate'
        ORDER BY decided_at DESC, id DESC LIMIT 1)
    WHERE true
    ON CONFLICT (sentence_id) DO UPDATE SET
        label = excluded.label, reason = excluded.reason, lead = excluded.lead,
        evidence = excluded.evidence, decided_at = excluded.decided_at, event_id = excluded.event_id
    WHERE (excluded.decided_at, excluded.event_id) > (adjudications.decided_at, adjudications.event_id)
"""

_CHAIN_HEADS = """
    INSERT INTO chain_heads (origin, seq, hash)
    SELECT e.origin, e.seq, e.hash
    FROM (SELECT origin, max(seq) AS seq FROM events WHERE rowid > :after GROUP BY origin) AS newest
    JOIN events e ON e.origin = newest.origin AND e.seq = newest.seq
    WHERE true
    ON CONFLICT (origin) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
    WHERE excluded.seq > chain_heads.seq
"""


@contextmanager
def triggers_suspended(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside the caller's write transaction: the deriving triggers dropped, and made again as
    they were when the block ends (or rolled back with the transaction if it fails)."""
    assert conn.in_transaction, "only inside a write transaction: no one may see the schema without them"
    placeholders = ", ".join("?" * len(DERIVING_TRIGGERS))
    definitions = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({placeholders})",
        DERIVING_TRIGGERS,
    ).fetchall()
    for name, _ in definitions:
        conn.execute(f'DROP TRIGGER "{name}"')
    yield
    for _, sql in definitions:
        conn.execute(sql)


def derive_after(conn: sqlite3.Connection, after: int) -> None:
    """Bring verdicts, adjudications and chain heads up to date with the events whose rowid is
    above `after` (those appended while the triggers were suspended)."""
    for statement in (_VERDICTS, _ADJUDICATIONS, _CHAIN_HEADS):
        conn.execute(statement, {"after": after})
