"""The project's ledger: a hash chain of everything a project file holds besides decisions.

Decisions are chained events (`events`). What they are about — the articles with their blocks,
inline spans and sentences — and what shapes the review — settings, the merge log, the schema
steps — gets a record in the ledger each time the app writes it: the record names the thing and
carries a digest of its content, and each record's hash covers the previous one's. `verify` then
recomputes every digest, so a single row changed, deleted or added behind the app's back in any
of those tables no longer matches its record, and a record changed or deleted breaks the chain.

The digests are computed from rows exactly as they are stored (booleans as 0 or 1), so the app
that writes a row and `verify` that reads it back agree byte for byte.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from hashlib import sha256

GENESIS = ""
"""The `prev_hash` of the first record."""

ARTICLE_COLUMNS = (
    "id",
    "role",
    "source_id",
    "name",
    "version",
    "title",
    "format",
    "lang",
    "text",
    "metadata",
    "file_name",
    "imported_at",
)
BLOCK_COLUMNS = ("idx", "kind", "level", "start", "end", "text_start", "boilerplate")
SPAN_COLUMNS = ("idx", "style", "start", "end", "target")
SENTENCE_COLUMNS = ("id", "idx", "start", "end", "block", "boilerplate", "text")
"""The stored columns each part of an article's digest covers, in order (a block's, span's and
sentence's `article_id` is the article's own)."""

ARTICLE_PARTS = ("article", "blocks", "spans", "sentences")

REVISION_COLUMNS = ("rewrite_id", "previous_id", "linked_by", "method", "linked_at")
REVISION_SENTENCE_COLUMNS = ("sentence_id", "status", "previous")
"""A revision link's digest covers its row and its sentences' rows (by sentence id; their
`rewrite_id` is the link's own)."""


class RecordKind(StrEnum):
    ARTICLE = "article"  # subject: the article id; digest: its parts (see `article_digest`)
    SETTING = "setting"  # subject: the key; digest: of the value, or ABSENT once removed
    MERGE = "merge"  # subject: the merge log row's id; digest: of the row
    SCHEMA = "schema"  # subject: the schema step's name; digest: of its row in _sqlite_migrations
    REVISION = "revision"  # subject: the revised rewrite's id; digest: see `revision_digest`


ABSENT = "absent"
"""The digest of a setting that was removed."""


@dataclass(frozen=True, slots=True)
class Record:
    """One record of the ledger."""

    seq: int
    """1, 2, 3 … in the order the app wrote them."""
    kind: RecordKind
    subject: str
    """What the record is about: an article id, a setting's key, a merge id, a schema step."""
    digest: str
    recorded_at: str
    prev_hash: str
    hash: str


def _canonical(value: object) -> bytes:
    # Binary values only get into a file behind the app's back; they must hash, not raise.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_binary)
    return text.encode("utf-8", "surrogatepass")


def _binary(value: object) -> object:
    if isinstance(value, bytes):
        return {"binary": value.hex()}
    raise TypeError(f"cannot digest {type(value).__name__}")


def digest_of(value: object) -> str:
    return sha256(_canonical(value)).hexdigest()


_CHUNK = 4096
"""Rows encoded per call: one `json.dumps` per row costs more than the hashing itself."""


def rows_digest(rows: Sequence[Sequence[object]]) -> str:
    """The digest of a list of rows, in the order given, as SQLite stores and returns them: the
    caller passes booleans as the integers 0 and 1."""
    hasher = sha256()
    for start in range(0, len(rows), _CHUNK):
        hasher.update(_canonical(rows[start : start + _CHUNK]))
    return hasher.hexdigest()


def article_digest(
    article: Sequence[object],
    blocks: Sequence[Sequence[object]],
    spans: Sequence[Sequence[object]],
    sentences: Sequence[Sequence[object]],
) -> str:
    """The digest of an article and everything stored with it, each part hashed on its own so that
    `verify` can say which part changed. Rows in the column orders above, each list by `idx`."""
    parts = {
        "article": rows_digest([tuple(article)]),
        "blocks": rows_digest(blocks),
        "spans": rows_digest(spans),
        "sentences": rows_digest(sentences),
    }
    return json.dumps(parts, separators=(",", ":"), sort_keys=True)


def revision_digest(revision: Sequence[object], sentences: Sequence[Sequence[object]]) -> str:
    """The digest of a revision link and what it says of each sentence, in the column orders
    above, sentences by id."""
    return rows_digest([tuple(revision), *(tuple(row) for row in sentences)])


def changed_parts(recorded: str, found: str) -> list[str]:
    """Which parts of an article differ between two of its digests (all, if one is unreadable)."""
    try:
        before, after = json.loads(recorded), json.loads(found)
        return [part for part in ARTICLE_PARTS if before.get(part) != after.get(part)]
    except (TypeError, ValueError, AttributeError):
        return list(ARTICLE_PARTS)


def record_hash(seq: int, kind: str, subject: str, digest: str, recorded_at: str, prev_hash: str) -> str:
    """The chain hash of a record: SHA-256 over its fields in a fixed canonical form."""
    return sha256(_canonical([seq, kind, subject, digest, recorded_at, prev_hash])).hexdigest()


def next_record(
    previous: Record | None, kind: RecordKind, subject: str, digest: str, recorded_at: str
) -> Record:
    """The record that follows `previous` (None: the first one)."""
    seq = previous.seq + 1 if previous else 1
    prev_hash = previous.hash if previous else GENESIS
    return Record(
        seq=seq,
        kind=kind,
        subject=subject,
        digest=digest,
        recorded_at=recorded_at,
        prev_hash=prev_hash,
        hash=record_hash(seq, kind.value, subject, digest, recorded_at, prev_hash),
    )
