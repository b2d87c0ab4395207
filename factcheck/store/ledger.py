"""Writing the project's ledger (see `factcheck.core.ledger`): a record for each article, setting,
merge and schema step the app writes, in the same transaction as the write itself.

`verify` checks the ledger (`ledger_check`); this module only writes it and reads back what a
digest covers, from the rows as stored.
"""

import json
import sqlite3
from collections.abc import Iterator, Sequence

from factcheck.core.events import format_time, now
from factcheck.core.ledger import (
    ABSENT,
    ARTICLE_COLUMNS,
    BLOCK_COLUMNS,
    REVISION_COLUMNS,
    REVISION_SENTENCE_COLUMNS,
    SENTENCE_COLUMNS,
    SPAN_COLUMNS,
    Record,
    RecordKind,
    article_digest,
    digest_of,
    next_record,
    revision_digest,
)

MERGE_COLUMNS = ("id", "merged_at", "by", "file", "origins", "events_added", "report")
SCHEMA_COLUMNS = ("id", "migration_set", "name", "applied_at")
"""The columns of sqlite-utils' `_sqlite_migrations`, one row per schema step applied."""


def _select(columns: Sequence[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)


def head(conn: sqlite3.Connection) -> Record | None:
    """The ledger's newest record, as its head says."""
    row = conn.execute(
        "SELECT l.seq, l.kind, l.subject, l.digest, l.recorded_at, l.prev_hash, l.hash"
        " FROM ledger_head h JOIN ledger l ON l.seq = h.seq"
    ).fetchone()
    return _record(row) if row else None


def _record(row: Sequence) -> Record:
    seq, kind, subject, digest, recorded_at, prev_hash, hash_ = row
    return Record(seq, RecordKind(kind), subject, digest, recorded_at, prev_hash, hash_)


def record(conn: sqlite3.Connection, entries: Sequence[tuple[RecordKind, str, str]]) -> None:
    """Append a record for each (kind, subject, digest), inside the caller's write transaction."""
    if not entries:
        return
    recorded_at = format_time(now())
    previous = head(conn)
    rows = []
    for kind, subject, digest in entries:
        previous = next_record(previous, kind, subject, digest, recorded_at)
        rows.append(
            (previous.seq, kind.value, subject, digest, recorded_at, previous.prev_hash, previous.hash)
        )
    conn.executemany(  # a trigger keeps `ledger_head`
        "INSERT INTO ledger (seq, kind, subject, digest, recorded_at, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def setting_digest(value: str | None) -> str:
    return ABSENT if value is None else digest_of(value)


def set_settings(conn: sqlite3.Connection, values: dict[str, str | None]) -> None:
    """Write project settings (None removes one) and record them, in the caller's transaction."""
    for key, value in values.items():
        if value is None:
            conn.execute("DELETE FROM project WHERE key = ?", [key])
        else:
            conn.execute("INSERT OR REPLACE INTO project (key, value) VALUES (?, ?)", [key, value])
    record(conn, [(RecordKind.SETTING, key, setting_digest(value)) for key, value in values.items()])


def stored_articles(
    conn: sqlite3.Connection, schema: str = "main", only: Sequence[str] | None = None
) -> Iterator[tuple[tuple, str]]:
    """(article row, digest) of every article stored in `schema` (or of those in `only`), computed
    from the rows as stored, in one pass over each table."""
    where = ""
    parameters: list[str] = []
    if only is not None:
        if not only:
            return
        where = f" WHERE article_id IN ({', '.join('?' * len(only))})"
        parameters = list(only)
    article_where = where.replace("article_id", "id")
    articles = conn.execute(
        f"SELECT {_select(ARTICLE_COLUMNS)} FROM {schema}.articles{article_where} ORDER BY id", parameters
    )
    parts = [
        _RowsByArticle(
            conn.execute(
                f"SELECT article_id, {_select(columns)} FROM {schema}.{table}{where}"
                " ORDER BY article_id, idx",
                parameters,
            )
        )
        for table, columns in (
            ("blocks", BLOCK_COLUMNS),
            ("spans", SPAN_COLUMNS),
            ("sentences", SENTENCE_COLUMNS),
        )
    ]
    for article in articles:
        blocks, spans, sentences = (part.rows_of(article[0]) for part in parts)
        yield article, article_digest(article, blocks, spans, sentences)


class _RowsByArticle:
    """Rows ordered by article id, handed out one article at a time as the articles go by."""

    def __init__(self, rows: Iterator[tuple]) -> None:
        self._rows = rows
        self._next = next(self._rows, None)

    def rows_of(self, article_id: str) -> list[tuple]:
        found = []
        wanted = _sql_order(article_id)
        while self._next is not None and _sql_order(self._next[0]) < wanted:
            self._next = next(self._rows, None)  # rows of no article (added behind our back)
        while self._next is not None and self._next[0] == article_id:
            found.append(self._next[1:])
            self._next = next(self._rows, None)
        return found


def _sql_order(value: object) -> tuple:
    """SQLite's order of values of any type (NULL, numbers, text, blobs), for a file in which a
    forger put another type where an id belongs."""
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, value)


def stored_revisions(
    conn: sqlite3.Connection, schema: str = "main", only: Sequence[str] | None = None
) -> Iterator[tuple[tuple, str]]:
    """(revision row, digest) of every revision link stored in `schema` (or of those whose
    rewrite is in `only`), computed from the rows as stored."""
    where, parameters = "", []
    if only is not None:
        if not only:
            return
        where = f" WHERE rewrite_id IN ({', '.join('?' * len(only))})"
        parameters = list(only)
    revisions = conn.execute(
        f"SELECT {_select(REVISION_COLUMNS)} FROM {schema}.revisions{where} ORDER BY rewrite_id", parameters
    )
    sentences = _RowsByArticle(
        conn.execute(
            f"SELECT rewrite_id, {_select(REVISION_SENTENCE_COLUMNS)} FROM {schema}.revision_sentences{where}"
            " ORDER BY rewrite_id, sentence_id",
            parameters,
        )
    )
    for revision in revisions:
        yield revision, revision_digest(revision, sentences.rows_of(revision[0]))


def record_revisions(conn: sqlite3.Connection, digests: Sequence[tuple[str, str]]) -> None:
    """Record revision links just stored: (rewrite id, digest) each."""
    record(conn, [(RecordKind.REVISION, rewrite_id, digest) for rewrite_id, digest in digests])


def record_articles(conn: sqlite3.Connection, digests: Sequence[tuple[str, str]]) -> None:
    """Record articles just stored: (article id, digest) each."""
    record(conn, [(RecordKind.ARTICLE, article_id, digest) for article_id, digest in digests])


def merge_digest(row: Sequence[object]) -> str:
    return digest_of(list(row))


def record_merge(conn: sqlite3.Connection, row: Sequence[object]) -> None:
    """Record a merge log row just written (in MERGE_COLUMNS order)."""
    record(conn, [(RecordKind.MERGE, str(row[0]), merge_digest(row))])


def baseline(conn: sqlite3.Connection) -> None:
    """Record whatever has no record yet: everything, in a file that predates the ledger; the
    first settings and the schema steps, in a new one. Only migrations call it, in their
    transaction."""
    recorded = {
        (kind, subject) for kind, subject in conn.execute("SELECT DISTINCT kind, subject FROM ledger")
    }
    entries: list[tuple[RecordKind, str, str]] = []
    for row in conn.execute(
        f"SELECT {_select(SCHEMA_COLUMNS)} FROM _sqlite_migrations ORDER BY id"
    ).fetchall():
        if (RecordKind.SCHEMA.value, row[2]) not in recorded:
            entries.append((RecordKind.SCHEMA, row[2], schema_digest(row)))
    for key, value in conn.execute("SELECT key, value FROM project ORDER BY key").fetchall():
        if (RecordKind.SETTING.value, key) not in recorded:
            entries.append((RecordKind.SETTING, key, setting_digest(value)))
    unrecorded = [
        article_id
        for (article_id,) in conn.execute("SELECT id FROM articles ORDER BY id").fetchall()
        if (RecordKind.ARTICLE.value, article_id) not in recorded
    ]
    for chunk in range(0, len(unrecorded), 500):
        for article, digest in stored_articles(conn, only=unrecorded[chunk : chunk + 500]):
            entries.append((RecordKind.ARTICLE, article[0], digest))
    for row in conn.execute(f"SELECT {_select(MERGE_COLUMNS)} FROM merges ORDER BY merged_at, id").fetchall():
        if (RecordKind.MERGE.value, row[0]) not in recorded:
            entries.append((RecordKind.MERGE, row[0], merge_digest(row)))
    for row, digest in list(stored_revisions(conn)):
        if (RecordKind.REVISION.value, row[0]) not in recorded:
            entries.append((RecordKind.REVISION, row[0], digest))
    record(conn, entries)


def schema_digest(row: Sequence[object]) -> str:
    return digest_of(list(row))


def merge_heads(report: str) -> dict[str, tuple[int, str]]:
    """The chain heads a merge saw in the file it merged, as its logged report keeps them."""
    try:
        heads = json.loads(report).get("heads", {})
        return {origin: (int(seq), str(hash_)) for origin, (seq, hash_) in heads.items()}
    except (TypeError, ValueError, AttributeError):
        return {}
