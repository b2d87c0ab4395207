"""Checking that a project's history is what the app wrote: SQLite's own integrity, every origin's
hash chain, and the tables the triggers maintain from it (verdicts, adjudications, chain heads).

Any single-row update, deletion or insertion made behind the app's back breaks one of these:

- an edited event no longer matches its hash (or, if its hash was recomputed, the next event's
  `prev_hash` or the chain head no longer matches it);
- a deleted event leaves a gap in its origin's seqs, or a chain head newer than the chain;
- an inserted event is either beyond its origin's chain head or of an origin that was neither
  written here nor brought in by a recorded merge;
- an edited, deleted or inserted row of `verdicts` or `adjudications` disagrees with the latest
  event it should reflect.

Every event's hash is recomputed in SQL passes over chunks of rowids: SQLite builds the canonical
JSON and a Python function hashes it. A second connection, on its own thread, runs SQLite's
integrity check and the checks of the verdicts and adjudications tables, then takes chunks too:
SQLite releases the GIL while it works, so both cores are busy. Events the fast pass flags are
judged again with `event_hash` itself, which stays the one definition of an event's hash.
"""

import heapq
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from hashlib import sha256

from factcheck.core.events import GENESIS, event_hash
from factcheck.store.ledger_check import check_ledger
from factcheck.store.project import Project

_LIMIT = 20
"""How many problems are described in detail; the others are only counted."""

_INTEGRITY_LINES = 3
"""How many of SQLite's integrity complaints are quoted."""

_ROOMY_CACHE_KIB = -65536
"""64 MB (a negative `cache_size` counts KiB); only filled as pages are read."""

_CHUNK = 65_536
"""Events hashed per query: small enough for two threads to share the work evenly."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the history."""

    event_id: str | None
    """The event the problem is about (None when none can be named, e.g. a damaged file)."""
    text: str
    """What is wrong, in one line that names the event and how it was found out."""


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """What `verify` found: nothing (ok) or the problems, the first one first."""

    events: int
    """How many events were checked."""
    problems: tuple[Problem, ...]
    """Up to `_LIMIT` problems in history order (by origin, then seq; table problems last)."""
    more: int = 0
    """Further problems found but not described."""
    damaged: bool = False
    """SQLite's integrity check failed: the file itself is corrupt, not only its history."""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def problem(self) -> str | None:
        """The first problem, in words (None when ok)."""
        return self.problems[0].text if self.problems else None

    @property
    def event_id(self) -> str | None:
        """The first broken event's id (None when ok or when no event can be named)."""
        return self.problems[0].event_id if self.problems else None


def verify(project: Project, full: bool = False) -> VerifyResult:
    """Check the project's integrity and history. `full` runs SQLite's `integrity_check`
    (which also checks every index against its table) instead of the faster `quick_check`."""
    side = _SideChecks(project, "integrity_check" if full else "quick_check")
    conn = project.conn
    try:
        with _roomy_cache(conn), _snapshot(conn):
            events, last = conn.execute("SELECT count(*), coalesce(max(rowid), 0) FROM events").fetchone()
            chunks = _Chunks(last)
            side.start(chunks)
            try:
                suspects = _hash_chunks(conn, chunks)
            finally:
                side.wait()
            if side.complaints:
                return _damaged(side.complaints)
            found = side.found
            _check_chains(conn, sorted(suspects + side.suspects, key=_sortable), found)
            _check_heads_and_origins(project, found)
    except sqlite3.DatabaseError as error:
        if side.complaints:
            return _damaged(side.complaints)
        return VerifyResult(0, (Problem(None, f"the history cannot be read ({error})"),), damaged=True)
    problems, more = found.result()
    return VerifyResult(events, problems, more)


def _damaged(complaints: list[str]) -> VerifyResult:
    quoted = "; ".join(complaints[:_INTEGRITY_LINES])
    text = f"the file is damaged: SQLite's integrity check says {quoted}"
    return VerifyResult(0, (Problem(None, text),), len(complaints) - 1, damaged=True)


@contextmanager
def _roomy_cache(conn: sqlite3.Connection) -> Iterator[None]:
    """A larger page cache while one job reads most of the file: the default 2 MB makes a pass
    over a million events about a quarter slower."""
    (before,) = conn.execute("PRAGMA cache_size").fetchone()
    conn.execute(f"PRAGMA cache_size = {_ROOMY_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {before}")


@contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction, so that every query sees the same history while others write."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("COMMIT")


class _Chunks:
    """Ranges of event rowids, handed to whichever thread is free to hash them."""

    def __init__(self, last_rowid: int) -> None:
        self._last = last_rowid
        self._next = 1
        self._lock = threading.Lock()

    def take(self) -> tuple[int, int] | None:
        with self._lock:
            if self._next > self._last:
                return None
            first = self._next
            self._next += _CHUNK
            return first, min(self._next - 1, self._last)


class _SideChecks:
    """SQLite's integrity check and the verdicts and adjudications tables, then hashing events
    alongside the caller's thread, on a second connection (used only by the thread that opens
    it). SQLite releases the GIL while it works, so both cores are busy. An in-memory project has
    no second connection: then these run in the caller's thread, when it waits for them."""

    def __init__(self, project: Project, pragma: str) -> None:
        self._project = project
        self._pragma = pragma
        self._chunks = _Chunks(0)
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        self.complaints: list[str] = []
        """SQLite's integrity complaints (empty when the file is sound)."""
        self.found = _Findings()
        """Problems of the verdicts and adjudications tables."""
        self.suspects: list[tuple[str, int, str]] = []
        """Events flagged in the chunks this side hashed."""

    def start(self, chunks: _Chunks) -> None:
        self._chunks = chunks
        if self._project.path is not None:
            self._thread = threading.Thread(target=self._run_on_thread, name="factcheck-verify")
            self._thread.start()

    def wait(self) -> None:
        if self._thread is None:
            self._run(self._project.conn)
        else:
            self._thread.join()
        if self._failure is not None:
            raise self._failure

    def _run_on_thread(self) -> None:
        try:
            uri = self._project.reader_uri()
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            try:
                with _roomy_cache(conn), _snapshot(conn):
                    self._run(conn)
            finally:
                conn.close()
        except sqlite3.Error as error:
            self.complaints = [str(error)]
        except BaseException as error:  # handed to the caller's thread by wait()
            self._failure = error

    def _run(self, conn: sqlite3.Connection) -> None:
        try:
            lines = [row[0] for row in conn.execute(f"PRAGMA {self._pragma}")]
        except sqlite3.DatabaseError as error:
            lines = [str(error)]
        if lines != ["ok"]:
            self.complaints = lines
            return
        _check_verdicts(conn, self.found)
        _check_adjudications(conn, self.found)
        for order, text in check_ledger(conn):
            self.found.add(order, None, text)
        self.suspects = _hash_chunks(conn, self._chunks)


class _Findings:
    """Problems in the order a reader should see them, keeping only the first `_LIMIT`."""

    def __init__(self) -> None:
        self._heap: list[tuple[tuple, int, Problem]] = []
        self._count = 0

    def add(self, order: tuple, event_id: object, text: str) -> None:
        self._count += 1
        # A tampered row can hold any type where an id or a seq belongs: order them all alike.
        key = tuple((0, part) if isinstance(part, int) else (1, str(part)) for part in order)
        named = event_id if event_id is None or isinstance(event_id, str) else repr(event_id)
        heapq.heappush(self._heap, (key, self._count, Problem(named, text)))

    def count_more(self, count: int) -> None:
        """Problems (or flagged events) left undescribed."""
        self._count += count

    def result(self) -> tuple[tuple[Problem, ...], int]:
        first = heapq.nsmallest(_LIMIT, self._heap)
        return tuple(problem for _, _, problem in first), self._count - len(first)


def _sortable(suspect: tuple) -> tuple:
    """Sort flagged events by chain even when a forger put another type where origin or seq belong."""
    return tuple((0, part) if isinstance(part, int) else (1, str(part)) for part in suspect)


def _chain_order(origin: str, seq: int) -> tuple:
    return (0, origin, seq)


def _table_order(*key: str) -> tuple:
    return (1, *key)


# --- every origin's chain -------------------------------------------------------------------

_FIELDS = (
    "e.id, e.origin, e.seq, e.kind, e.sentence_id, e.reviewer, e.label, e.previous_label, e.evidence,"
    " e.note, CASE e.included WHEN 1 THEN json('true') WHEN 0 THEN json('false') ELSE e.included END,"
    " e.via, e.decided_at, e.prev_hash"
)
_COLUMNS = tuple(
    "id origin seq kind sentence_id reviewer label previous_label evidence note included via"
    " decided_at prev_hash hash suggestion problems error_types correction carried_from".split()
)
_CORRECTION_LOOP = (
    "json_object('problems', e.problems, 'error_types', e.error_types, 'correction', e.correction,"
    " 'carried_from', e.carried_from)"
)
_CORRECTION_LOOP_SET = (
    "(e.problems IS NOT '[]' OR e.error_types IS NOT '[]' OR e.correction IS NOT ''"
    " OR e.carried_from IS NOT NULL)"
)
# `event_hash`'s canonical form built by SQLite: the fields as a compact JSON array in the same
# order, `included` as a JSON boolean, `suggestion` only when set, then the correction loop's
# fields as one object only when one of them is set. This is a fast filter and a sound one: when
# the stored hash matches this JSON, the JSON is byte for byte what `event_hash` hashed when the
# event was written, and JSON that decodes to the same values is the same row.
_CANONICAL = f"""CAST(CASE
    WHEN NOT {_CORRECTION_LOOP_SET} THEN
        CASE WHEN e.suggestion IS NULL THEN json_array({_FIELDS})
        ELSE json_array({_FIELDS}, e.suggestion) END
    WHEN e.suggestion IS NULL THEN json_array({_FIELDS}, {_CORRECTION_LOOP})
    ELSE json_array({_FIELDS}, e.suggestion, {_CORRECTION_LOOP}) END AS BLOB)"""
# JSON cannot hold a binary value (only writable behind the app's back): json_array() then fails
# the whole pass, which is repeated with this guard, turning such rows into mismatches. The guard
# costs a fifth of the pass, so it is not paid up front.
_GUARDED = (
    f"CASE WHEN 'blob' IN ({', '.join(f'typeof(e.{c})' for c in _COLUMNS)}) THEN NULL ELSE {_CANONICAL} END"
)
_SUSPECTS = """
    SELECT e.origin, e.seq, e.id FROM events e
    LEFT JOIN events p ON p.origin = e.origin AND p.seq = e.seq - 1
    WHERE e.rowid BETWEEN ? AND ? AND (NOT factcheck_hash_matches({canonical}, e.hash)
       OR CASE WHEN e.seq = 1 THEN e.prev_hash IS NOT '{genesis}' ELSE p.hash IS NOT e.prev_hash END
       OR (e.kind = 'adjudicate' AND NOT EXISTS (
             SELECT 1 FROM adjudications a WHERE a.sentence_id = e.sentence_id
             AND (a.decided_at, a.event_id) >= (e.decided_at, e.id))))
"""
"""Events that may be broken: a hash that does not match, a link to a missing or different
predecessor, or an adjudication newer than the `adjudications` table shows (adjudications are
few, so that check rides along here; verdicts are checked from their own table)."""


def _hash_matches(canonical: bytes | None, stored: object) -> bool:
    return canonical is not None and sha256(canonical).hexdigest() == stored


def _hash_chunks(conn: sqlite3.Connection, chunks: _Chunks) -> list[tuple[str, int, str]]:
    """(origin, seq, id) of the events the fast pass flags, chunk by chunk until none is left."""
    conn.create_function("factcheck_hash_matches", 2, _hash_matches, deterministic=True)
    suspects = []
    while (chunk := chunks.take()) is not None:
        try:
            suspects += conn.execute(
                _SUSPECTS.format(canonical=_CANONICAL, genesis=GENESIS), chunk
            ).fetchall()
        except sqlite3.OperationalError as error:
            if "BLOB" not in str(error):
                raise
            suspects += conn.execute(_SUSPECTS.format(canonical=_GUARDED, genesis=GENESIS), chunk).fetchall()
    return suspects


def _check_chains(conn: sqlite3.Connection, suspects: list[tuple[str, int, str]], found: _Findings) -> None:
    """Judge the flagged events, in chain order."""
    described = 0
    for done, (origin, seq, event_id) in enumerate(suspects):
        if described >= _LIMIT:  # judging the rest would only lengthen a report nobody reads
            found.count_more(len(suspects) - done)
            return
        if not (isinstance(origin, str) and isinstance(seq, int) and isinstance(event_id, str)):
            found.add(
                _chain_order(origin, seq),
                event_id,
                f"event {event_id!r} (origin {origin!r}, seq {seq!r}) holds values the app never writes:"
                " changed behind the app's back",
            )
            described += 1
            continue
        for order, named, text in _diagnose(conn, origin, seq, event_id):
            found.add(order, named, text)
            described += 1


def _diagnose(conn: sqlite3.Connection, origin: str, seq: int, event_id: str) -> Iterator[tuple]:
    """What is wrong with an event the fast pass flagged, judged with `event_hash` itself."""
    where = f"event {event_id} (origin {origin}, seq {seq})"
    row = _row(conn, event_id)
    if row is None:
        yield _chain_order(origin, seq), event_id, f"{where} holds text that is not valid UTF-8"
        return
    if not _row_matches_its_hash(row):
        yield (
            _chain_order(origin, seq),
            event_id,
            f"{where} does not match its hash: it was changed, or made, behind the app's back",
        )
        return
    if seq == 1 and row["prev_hash"] != GENESIS:
        yield (
            _chain_order(origin, seq),
            event_id,
            f"{where} is the first of its origin but chains to an earlier event",
        )
    elif seq != 1:
        before = conn.execute(
            "SELECT id, hash FROM events WHERE origin = ? AND seq = ?", [origin, seq - 1]
        ).fetchone()
        if before is None:
            (last,) = conn.execute(
                "SELECT max(seq) FROM events WHERE origin = ? AND seq < ?", [origin, seq]
            ).fetchone()
            missing = _seq_range((last or 0) + 1, seq - 1)
            yield (
                _chain_order(origin, seq),
                event_id,
                f"{where}: the event{missing} before it in its chain is missing (deleted)",
            )
        elif before[1] != row["prev_hash"]:
            # This event is intact, so the one before it changed after this one chained to it.
            yield (
                _chain_order(origin, seq - 1),
                before[0],
                (
                    f"event {before[0]} (origin {origin}, seq {seq - 1}) is not the event that {event_id}"
                    " chained to: it was rewritten with a new hash"
                ),
            )
    if row["kind"] == "adjudicate" and not _adjudication_reflected(conn, row):
        yield (
            _table_order("adjudications", row["sentence_id"]),
            event_id,
            (
                f"the adjudications table does not show {where}, the latest adjudication of sentence"
                f" {row['sentence_id']}: the table was edited"
            ),
        )


def _seq_range(first: int, last: int) -> str:
    return f" with seq {first}" if first == last else f"s with seq {first}–{last}"


def _row(conn: sqlite3.Connection, event_id: str) -> dict | None:
    try:
        values = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM events WHERE id = ?", [event_id]).fetchone()
    except sqlite3.OperationalError:  # text that does not decode (only writable behind our back)
        return None
    return dict(zip(_COLUMNS, values, strict=True))


def _row_matches_its_hash(row: dict) -> bool:
    included = row["included"]
    if included not in (None, 0, 1) or any(isinstance(value, bytes) for value in row.values()):
        return False  # values the app never writes; they cannot be what was hashed
    try:
        digest = event_hash(
            id=row["id"],
            origin=row["origin"],
            seq=row["seq"],
            kind=row["kind"],
            sentence_id=row["sentence_id"],
            reviewer=row["reviewer"],
            label=row["label"],
            previous_label=row["previous_label"],
            evidence=row["evidence"],
            note=row["note"],
            included=None if included is None else bool(included),
            via=row["via"],
            decided_at=row["decided_at"],
            prev_hash=row["prev_hash"],
            suggestion=row["suggestion"],
            problems=row["problems"],
            error_types=row["error_types"],
            correction=row["correction"],
            carried_from=row["carried_from"],
        )
    except (TypeError, ValueError):
        return False
    return digest == row["hash"]


def _adjudication_reflected(conn: sqlite3.Connection, row: dict) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM adjudications WHERE sentence_id = ? AND (decided_at, event_id) >= (?, ?)",
            [row["sentence_id"], row["decided_at"], row["id"]],
        ).fetchone()
        is not None
    )


# --- chain heads and where each origin came from --------------------------------------------


def _check_heads_and_origins(project: Project, found: _Findings) -> None:
    conn = project.conn
    heads = {}
    for origin, seq, hash_ in conn.execute("SELECT origin, seq, hash FROM chain_heads"):
        if isinstance(origin, str) and isinstance(seq, int) and isinstance(hash_, str):
            heads[origin] = (seq, hash_)
        else:
            found.add(
                _chain_order(origin, 0),
                None,
                f"the chain head of origin {origin!r} holds values the app never writes:"
                " changed behind the app's back",
            )
    # Events with another type of origin or seq are named by the hash pass.
    newest = dict(
        conn.execute(
            "SELECT origin, max(seq) FROM events WHERE typeof(origin) = 'text' AND typeof(seq) = 'integer'"
            " GROUP BY origin"
        ).fetchall()
    )
    known = _merged_origins(conn) | {project.origin}
    for origin, last in sorted(newest.items()):
        head = heads.get(origin)
        if origin not in known:
            first = _first_event(conn, origin)
            found.add(
                _chain_order(origin, 0),
                first,
                f"event {first} (origin {origin}) comes from a project file that was neither this one"
                " nor merged into it: added behind the app's back",
            )
        if head is None:
            first = _first_event(conn, origin)
            found.add(
                _chain_order(origin, 0),
                first,
                f"origin {origin} (first event {first}) has no chain head: its events were added, or"
                " its head deleted, behind the app's back",
            )
            continue
        head_seq, head_hash = head
        if last > head_seq:
            extra_seq, extra = conn.execute(
                "SELECT seq, id FROM events WHERE origin = ? AND seq > ? ORDER BY seq LIMIT 1",
                [origin, head_seq],
            ).fetchone()
            found.add(
                _chain_order(origin, extra_seq),
                extra,
                f"event {extra} (origin {origin}, seq {extra_seq}) is newer than its chain's head"
                f" (seq {head_seq}): added behind the app's back",
            )
        elif last < head_seq:
            present = _event_id(conn, origin, last)
            found.add(
                _chain_order(origin, last + 1),
                present,
                f"the event{_seq_range(last + 1, head_seq)} of origin {origin} after event {present}"
                " (its newest remaining) is missing (deleted)",
            )
        else:
            event_id, hash_ = conn.execute(
                "SELECT id, hash FROM events WHERE origin = ? AND seq = ?", [origin, last]
            ).fetchone()
            if hash_ != head_hash:
                found.add(
                    _chain_order(origin, last),
                    event_id,
                    f"event {event_id} (origin {origin}, seq {last}) is not the chain's recorded head:"
                    " it was rewritten with a new hash",
                )
    for origin in sorted(heads.keys() - newest.keys()):
        found.add(
            _chain_order(origin, 0),
            None,
            f"every event of origin {origin} is missing (its chain head says {heads[origin][0]})",
        )


def _merged_origins(conn: sqlite3.Connection) -> set[str]:
    origins: set[str] = set()
    for (listed,) in conn.execute("SELECT origins FROM merges"):
        try:
            origins.update(json.loads(listed))
        except (TypeError, ValueError):
            continue  # an unreadable row vouches for nothing; the events it covered are then flagged
    return origins


def _first_event(conn: sqlite3.Connection, origin: str) -> str:
    return conn.execute("SELECT id FROM events WHERE origin = ? ORDER BY seq LIMIT 1", [origin]).fetchone()[0]


def _event_id(conn: sqlite3.Connection, origin: str, seq: int) -> str:
    return conn.execute("SELECT id FROM events WHERE origin = ? AND seq = ?", [origin, seq]).fetchone()[0]


# --- the tables the triggers maintain -------------------------------------------------------

_VERDICT_ROWS = """
    SELECT v.sentence_id, v.reviewer, v.event_id, v.label, v.evidence, v.note, v.included, v.decided_at,
           v.problems, v.error_types, v.correction,
           e.id, e.kind, e.sentence_id, e.reviewer, e.label, e.evidence, e.note, e.included, e.decided_at,
           e.problems, e.error_types, e.correction,
           (SELECT f.id FROM events f
            WHERE f.sentence_id = v.sentence_id AND f.reviewer = v.reviewer AND f.decided_at >= v.decided_at
              AND f.kind != 'adjudicate' AND (f.decided_at, f.id) > (v.decided_at, v.event_id)
            ORDER BY f.decided_at DESC, f.id DESC LIMIT 1) AS newer
    FROM verdicts v LEFT JOIN events e ON e.id = v.event_id
"""
_VERDICT_FIELDS = (
    "label",
    "evidence",
    "note",
    "included",
    "decided_at",
    "problem spans",
    "error types",
    "correction",
)

# Pairs with events but no verdicts row: read from the covering index (sentence, reviewer, time).
_PAIRS_WITHOUT_VERDICT = """
    SELECT p.sentence_id, p.reviewer FROM (SELECT DISTINCT sentence_id, reviewer FROM events) p
    WHERE NOT EXISTS (
        SELECT 1 FROM verdicts v WHERE v.sentence_id = p.sentence_id AND v.reviewer = p.reviewer)
"""
_LATEST_VERDICT_EVENT = """
    SELECT id FROM events WHERE sentence_id = ? AND reviewer = ? AND kind != 'adjudicate'
    ORDER BY decided_at DESC, id DESC LIMIT 1
"""


def _check_verdicts(conn: sqlite3.Connection, found: _Findings) -> None:
    for row in conn.execute(_VERDICT_ROWS):
        sentence_id, reviewer, event_id = row[0:3]
        stored, event, newer = row[3:11], row[11:23], row[23]
        whose = f"{reviewer}'s verdict on sentence {sentence_id}"
        order = _table_order("verdicts", sentence_id, reviewer)
        if event[0] is None or event[1] == "adjudicate" or tuple(event[2:4]) != (sentence_id, reviewer):
            found.add(
                order,
                event_id,
                f"the verdicts table gives {whose} from event {event_id}, which is not an event of"
                " theirs on that sentence: the table was edited, or the event deleted",
            )
        elif newer is not None:
            found.add(
                order,
                newer,
                f"the verdicts table does not show event {newer}, the latest of {whose}:"
                " the table was edited",
            )
        elif tuple(stored) != tuple(event[4:12]):
            field = next(f for f, a, b in zip(_VERDICT_FIELDS, stored, event[4:12], strict=True) if a != b)
            found.add(
                order,
                event_id,
                f"the verdicts table's {field} of {whose} differs from its event {event_id}:"
                " the table was edited",
            )
    for sentence_id, reviewer in conn.execute(_PAIRS_WITHOUT_VERDICT).fetchall():
        latest = conn.execute(_LATEST_VERDICT_EVENT, [sentence_id, reviewer]).fetchone()
        if latest is not None:  # else the pair's only events are adjudications, which are no verdict
            found.add(
                _table_order("verdicts", sentence_id, reviewer),
                latest[0],
                f"the verdicts table has no row for {reviewer}'s verdict on sentence {sentence_id}"
                f" (event {latest[0]}): the row was deleted",
            )


_ADJUDICATION_ROWS = """
    SELECT a.sentence_id, a.event_id, a.label, a.reason, a.lead, a.evidence, a.decided_at,
           e.id, e.kind, e.sentence_id, e.label, e.note, e.reviewer, e.evidence, e.decided_at
    FROM adjudications a LEFT JOIN events e ON e.id = a.event_id
"""
_ADJUDICATION_FIELDS = ("label", "reason", "lead", "evidence", "decided_at")


def _check_adjudications(conn: sqlite3.Connection, found: _Findings) -> None:
    """Each row against its event. (A newer adjudication it does not show is found by the chain
    pass, which sees every adjudication event.)"""
    for row in conn.execute(_ADJUDICATION_ROWS):
        sentence_id, event_id = row[0:2]
        stored, event = row[2:7], row[7:15]
        order = _table_order("adjudications", sentence_id)
        if event[0] is None or event[1] != "adjudicate" or event[2] != sentence_id:
            found.add(
                order,
                event_id,
                f"the adjudications table gives the final verdict of sentence {sentence_id} from event"
                f" {event_id}, which is not an adjudication of that sentence: the table was edited",
            )
        elif tuple(stored) != tuple(event[3:8]):
            field = next(
                f for f, a, b in zip(_ADJUDICATION_FIELDS, stored, event[3:8], strict=True) if a != b
            )
            found.add(
                order,
                event_id,
                f"the adjudications table's {field} for sentence {sentence_id} differs from its event"
                f" {event_id}: the table was edited",
            )
