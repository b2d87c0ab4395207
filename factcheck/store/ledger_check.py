"""`verify`'s check of the ledger and of what it protects: every article with its blocks, spans
and sentences, the settings, the merge log and the schema steps must match their newest record;
the records must form an unbroken chain up to the ledger's head; article and sentence ids must
still be the hashes of their content; and the chains a merge saw must still hold the events it saw.

Each finding is (order, text): `order` sorts it among verify's other findings, `text` says in one
line what was changed, deleted or added behind the app's back.
"""

import sqlite3
from collections.abc import Iterator

from factcheck.core.document import Role
from factcheck.core.ids import article_id, sentence_id
from factcheck.core.ledger import GENESIS, RecordKind, changed_parts, record_hash
from factcheck.store.ledger import (
    MERGE_COLUMNS,
    SCHEMA_COLUMNS,
    merge_digest,
    merge_heads,
    schema_digest,
    setting_digest,
    stored_articles,
    stored_revisions,
)

Finding = tuple[tuple, str]


def check_ledger(conn: sqlite3.Connection) -> Iterator[Finding]:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'ledger'").fetchone():
        if conn.execute("SELECT 1 FROM _sqlite_migrations WHERE name = 'm006_ledger'").fetchone():
            yield _order("ledger"), "the ledger is missing: it was deleted behind the app's back"
        return  # else a file of an older schema (only ever read from a migrated copy)
    newest = yield from _check_chain(conn)
    yield from _check_articles(conn, newest.get(RecordKind.ARTICLE, {}))
    yield from _check_settings(conn, newest.get(RecordKind.SETTING, {}))
    yield from _check_merges(conn, newest.get(RecordKind.MERGE, {}))
    yield from _check_schema(conn, newest.get(RecordKind.SCHEMA, {}))
    yield from _check_revisions(conn, newest.get(RecordKind.REVISION, {}))


def _order(*key: object) -> tuple:
    return (1, "ledger", *(str(part) for part in key))


def _check_chain(conn: sqlite3.Connection) -> Iterator[Finding]:
    """Every record's hash and link; returns the newest record of each (kind, subject)."""
    newest: dict[RecordKind, dict[str, tuple[int, str]]] = {kind: {} for kind in RecordKind}
    expected_seq, prev_hash = 1, GENESIS
    for seq, kind, subject, digest, recorded_at, stored_prev, stored_hash in conn.execute(
        "SELECT seq, kind, subject, digest, recorded_at, prev_hash, hash FROM ledger ORDER BY seq"
    ):
        where = f"ledger record {seq} ({kind} {subject})"
        if not all(
            isinstance(v, str) for v in (kind, subject, digest, recorded_at, stored_prev, stored_hash)
        ):
            yield _order(seq), f"{where} holds values the app never writes: changed behind the app's back"
        elif record_hash(seq, kind, subject, digest, recorded_at, stored_prev) != stored_hash:
            yield _order(seq), f"{where} does not match its hash: it was changed behind the app's back"
        elif seq != expected_seq:
            missing = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq}–{seq - 1}"
            yield _order(seq), f"ledger record {missing} before {where} is missing (deleted)"
        elif stored_prev != prev_hash:
            yield (
                _order(seq - 1),
                f"ledger record {seq - 1} is not the record that {where} chained to: rewritten",
            )
        if kind in newest and isinstance(subject, str):
            newest[RecordKind(kind)][subject] = (seq, digest)
        expected_seq, prev_hash = (seq + 1 if isinstance(seq, int) else expected_seq), stored_hash
    head = conn.execute("SELECT seq, hash FROM ledger_head").fetchall()
    last = expected_seq - 1
    if not head:
        if last:
            yield _order("head"), "the ledger has no head: it was deleted behind the app's back"
    elif len(head) > 1 or head[0][0] != last:
        seq = head[0][0]
        if isinstance(seq, int) and seq > last:
            yield _order("head"), f"ledger records after {last} are missing (deleted): its head says {seq}"
        else:
            yield (
                _order("head"),
                f"ledger records after {seq} are newer than the ledger's head: added behind the app's back",
            )
    elif head[0][1] != prev_hash:
        yield _order("head"), f"ledger record {last} is not the ledger's recorded head: it was rewritten"
    return newest


def _check_articles(conn: sqlite3.Connection, recorded: dict[str, tuple[int, str]]) -> Iterator[Finding]:
    present: set[str] = set()
    for row, digest in stored_articles(conn):
        identity, title = row[0], row[5]
        present.add(identity)
        named = f"article {identity} ({title!r})" if isinstance(title, str) else f"article {identity}"
        record = recorded.get(identity)
        if record is None:
            yield (
                _order("article", identity),
                f"{named} was added behind the app's back: the ledger has no record of it",
            )
        elif record[1] != digest:
            parts = ", ".join(_PART_WORDS[part] for part in changed_parts(record[1], digest))
            yield (
                _order("article", identity),
                f"{named}: its {parts} differ from what was imported (ledger record {record[0]}):"
                " changed behind the app's back",
            )
    for identity, (seq, _) in sorted(recorded.items()):
        if identity not in present:
            yield (
                _order("article", identity),
                f"article {identity}, imported at ledger record {seq}, is missing:"
                " deleted behind the app's back",
            )
    for table in ("blocks", "spans", "sentences"):
        for identity, count in conn.execute(
            f"SELECT article_id, count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            " GROUP BY article_id ORDER BY article_id"
        ):
            yield (
                _order("article", identity),
                f"{count} row{'s' if count != 1 else ''} of {table} belong to no article ({identity}):"
                " added behind the app's back",
            )
    yield from _check_ids(conn)


_PART_WORDS = {
    "article": "text, title or metadata",
    "blocks": "blocks",
    "spans": "links and styles",
    "sentences": "sentences",
}


def _check_ids(conn: sqlite3.Connection) -> Iterator[Finding]:
    """Article and sentence ids are hashes of their content: recomputing them finds an edit even in
    a file whose ledger was started after the edit (at a migration)."""
    texts: dict[str, str] = {}
    for identity, role, source_id, text in conn.execute("SELECT id, role, source_id, text FROM articles"):
        try:
            expected = article_id(Role(role), text, source_id)
        except (ValueError, TypeError, AttributeError, UnicodeEncodeError):
            expected = None
        if expected != identity:
            yield (
                _order("article", identity),
                f"article {identity}: its text, role or source no longer matches its id:"
                " changed behind the app's back",
            )
        if isinstance(text, str):
            texts[identity] = text
    for identity, article, start, end, text in conn.execute(
        'SELECT id, article_id, start, "end", text FROM sentences'
    ):
        whole = texts.get(article)
        try:
            expected = sentence_id(article, start, end, text)
            fits = whole is not None and whole[start:end] == text
        except (TypeError, AttributeError, UnicodeEncodeError):
            expected, fits = None, False
        if expected != identity or not fits:
            yield (
                _order("sentence", identity),
                f"sentence {identity} of article {article}: its text or offsets no longer match its id"
                " and article: changed behind the app's back",
            )


def _check_settings(conn: sqlite3.Connection, recorded: dict[str, tuple[int, str]]) -> Iterator[Finding]:
    values = dict(conn.execute("SELECT key, value FROM project").fetchall())
    for key in sorted(values.keys() | recorded.keys(), key=str):
        record = recorded.get(key)
        value = values.get(key)
        digest = setting_digest(value) if value is None or isinstance(value, str) else None
        if record is None:
            yield (
                _order("setting", key),
                f"setting {key!r} was added behind the app's back: the ledger has no record of it",
            )
        elif record[1] != digest:
            what = "deleted" if key not in values else "changed"
            yield (
                _order("setting", key),
                f"setting {key!r} was {what} behind the app's back (ledger record {record[0]})",
            )


def _check_merges(conn: sqlite3.Connection, recorded: dict[str, tuple[int, str]]) -> Iterator[Finding]:
    present = set()
    columns = ", ".join(f'"{c}"' for c in MERGE_COLUMNS)
    for row in conn.execute(f"SELECT {columns} FROM merges").fetchall():
        identity = row[0]
        present.add(identity)
        record = recorded.get(identity)
        if record is None:
            yield (
                _order("merge", identity),
                f"merge log entry {identity} was added behind the app's back: the ledger has no record of it",
            )
        elif record[1] != merge_digest(row):
            yield (
                _order("merge", identity),
                f"merge log entry {identity} was changed behind the app's back (ledger record {record[0]})",
            )
        else:
            yield from _check_merged_heads(conn, identity, row[6])
    for identity, (seq, _) in sorted(recorded.items()):
        if identity not in present:
            yield (
                _order("merge", identity),
                f"merge log entry {identity} (ledger record {seq}) is missing: deleted behind the app's back",
            )


def _check_merged_heads(conn: sqlite3.Connection, merge_id: str, report: str) -> Iterator[Finding]:
    """The events a merge saw at the head of each chain it merged must still be here, unchanged."""
    for origin, (seq, hash_) in sorted(merge_heads(report).items()):
        row = conn.execute("SELECT hash FROM events WHERE origin = ? AND seq = ?", [origin, seq]).fetchone()
        if row is None:
            yield (
                _order("merge", merge_id, origin),
                f"the chain of origin {origin} was cut: merge {merge_id} brought its events up to seq {seq},"
                " which is missing",
            )
        elif row[0] != hash_:
            yield (
                _order("merge", merge_id, origin),
                f"the chain of origin {origin} was rewritten: its event seq {seq} is not the one"
                f" merge {merge_id} brought",
            )


def _check_schema(conn: sqlite3.Connection, recorded: dict[str, tuple[int, str]]) -> Iterator[Finding]:
    rows = conn.execute(f"SELECT {', '.join(SCHEMA_COLUMNS)} FROM _sqlite_migrations").fetchall()
    present = set()
    for row in rows:
        name = row[2]
        present.add(name)
        record = recorded.get(name) if isinstance(name, str) else None
        if record is None:
            yield (
                _order("schema", name),
                f"schema step {name!r} was added behind the app's back: the ledger has no record of it",
            )
        elif record[1] != schema_digest(row):
            yield (
                _order("schema", name),
                f"schema step {name!r} was changed behind the app's back (ledger record {record[0]})",
            )
    for name, (seq, _) in sorted(recorded.items()):
        if name not in present:
            yield (
                _order("schema", name),
                f"schema step {name!r} (ledger record {seq}) is missing: deleted behind the app's back",
            )


def _check_revisions(conn: sqlite3.Connection, recorded: dict[str, tuple[int, str]]) -> Iterator[Finding]:
    """Each revision link, with what it says of each sentence, against its record."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'revisions'").fetchone():
        if (
            recorded
            or conn.execute(
                "SELECT 1 FROM _sqlite_migrations WHERE name = 'm007_corrections_and_revisions'"
            ).fetchone()
        ):
            yield _order("revision"), "the revision links are missing: deleted behind the app's back"
        return
    present = set()
    for row, digest in stored_revisions(conn):
        identity = row[0]
        present.add(identity)
        record = recorded.get(identity)
        named = f"the revision link of rewrite {identity}"
        if record is None:
            yield (
                _order("revision", identity),
                f"{named} was added behind the app's back: the ledger has no record of it",
            )
        elif record[1] != digest:
            yield (
                _order("revision", identity),
                f"{named} (or what it says of a sentence) differs from what was imported"
                f" (ledger record {record[0]}): changed behind the app's back",
            )
    for identity, (seq, _) in sorted(recorded.items()):
        if identity not in present:
            yield (
                _order("revision", identity),
                f"the revision link of rewrite {identity} (ledger record {seq}) is missing:"
                " deleted behind the app's back",
            )
    for identity, count in conn.execute(
        "SELECT rewrite_id, count(*) FROM revision_sentences"
        " WHERE rewrite_id NOT IN (SELECT rewrite_id FROM revisions) GROUP BY rewrite_id ORDER BY rewrite_id"
    ):
        yield (
            _order("revision", identity),
            f"{count} row{'s' if count != 1 else ''} of revision_sentences belong to no revision link"
            f" ({identity}): added behind the app's back",
        )
