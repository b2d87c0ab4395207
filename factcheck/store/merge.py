"""Merging reviewers' project files into this one: the union of their events, with the articles
and sentences the events are about, lined up by their stable ids.

Merging is idempotent (an event already here, by its origin and seq, is not added again),
order-independent (the triggers keep verdicts, adjudications and chain heads from the latest
event whatever order events arrive in), never loses an event (a file whose history diverges from
ours is refused, not half-merged) and all or nothing (one transaction for every file).

Each file is first copied to a temporary folder and opened there, so that an older schema is
migrated and its history verified without touching the reviewer's file. The copies are then
attached to the project's connection and their rows copied in SQL, with the triggers that keep
verdicts, adjudications and chain heads suspended inside the transaction and those tables derived
after in three set-based statements (`derived`): per event the triggers cost more than the event.

A merge that adds nothing writes nothing: merging the same file twice leaves the project byte for
byte as it was. Otherwise each file that added something is logged in `merges` with the origins
it vouches for (which `verify` checks every foreign event against) and its report as JSON.
"""

import json
import os
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlite_utils import Database

from factcheck.core.errors import BadInput, FactcheckError
from factcheck.core.events import FUTURE_TOLERANCE, format_time, now
from factcheck.core.ledger import REVISION_COLUMNS, REVISION_SENTENCE_COLUMNS
from factcheck.store.decisions import check_reviewer
from factcheck.store.derived import derive_after, triggers_suspended
from factcheck.store.ledger import (
    MERGE_COLUMNS,
    record_articles,
    record_merge,
    record_revisions,
    stored_articles,
    stored_revisions,
)
from factcheck.store.project import APPLICATION_ID, Project, ProjectError, bulk_writing, describe
from factcheck.store.schema import migrations
from factcheck.store.verify import Problem, verify

Progress = Callable[[int, int], bool]
"""Called with (steps done, steps in all) between steps; returning False cancels the merge."""

_READ_TIMEOUT_MS = 10_000
"""How long to wait for a reviewer's window that is committing to the file being copied."""
_SHOWN_PROBLEMS = 3
"""How many broken events a refusal names."""


@dataclass(frozen=True, slots=True)
class DecisionConflict:
    """One reviewer gave different decisions on one sentence at the same instant on two machines
    (the same name used by two people, or a clock set wrong). Both events are kept; the one with
    the larger id counts as the later, so every merge order gives the same current verdict."""

    sentence_id: str
    reviewer: str
    decided_at: str
    events: tuple[tuple[str, str, str], ...]
    """(event id, origin, what it decided: the label or "no verdict") of each event at that instant."""


@dataclass(frozen=True, slots=True)
class TextConflict:
    """A sentence id that a merged file has under a different text; the project keeps its own."""

    sentence_id: str
    file: str
    text_here: str
    text_there: str


@dataclass(frozen=True, slots=True)
class FileMerged:
    """What one file brought."""

    file: str
    """The file as given (its absolute path)."""
    origins: tuple[str, ...]
    """Every origin of the file's events: the project files its history was written in."""
    events: int
    """Events in the file."""
    events_added: int
    """Of those, the ones this project did not have yet."""
    reviewers: tuple[tuple[str, int], ...]
    """(reviewer, events added) for each reviewer whose events were added, by name."""
    articles_added: tuple[str, ...]
    """Titles of the articles this project did not have yet."""
    sentences_added: int
    migrated: bool
    """The file had an older schema; its copy was migrated (the file itself is untouched)."""
    unverified: tuple[Problem, ...]
    """Problems of the file's history, merged anyway because the merge was forced."""
    heads: dict[str, tuple[int, str]]
    """The newest event (seq, hash) of each origin in the file. The merge log keeps them, so that
    `verify` finds those chains cut or rewritten here later, as a receipt would."""
    revisions_added: int = 0
    """Links of revised rewrites to the versions they revise, that this project did not have."""

    @property
    def added_anything(self) -> bool:
        return bool(self.events_added or self.articles_added or self.sentences_added or self.revisions_added)


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What a merge did, as plain data (it runs on a worker thread and prints nothing)."""

    files: tuple[FileMerged, ...]
    conflicts: tuple[DecisionConflict, ...]
    text_conflicts: tuple[TextConflict, ...]

    @property
    def events_added(self) -> int:
        return sum(f.events_added for f in self.files)

    @property
    def reviewers(self) -> tuple[tuple[str, int], ...]:
        """(reviewer, events added) over every file, by name."""
        counts: dict[str, int] = {}
        for merged in self.files:
            for reviewer, count in merged.reviewers:
                counts[reviewer] = counts.get(reviewer, 0) + count
        return tuple(sorted(counts.items()))

    @property
    def articles_added(self) -> tuple[str, ...]:
        return tuple(title for merged in self.files for title in merged.articles_added)

    def lines(self, target: str | os.PathLike[str]) -> list[str]:
        """The report in words, one line each, as the command prints it and the window shows it."""
        count = len(self.files)
        files = f"{count} file{'s' if count != 1 else ''}"
        lines = [f"merged {files} into {target}: {self.events_added} events added"]
        for merged in self.files:
            line = f"  {merged.file}: {merged.events_added} of {merged.events} events added"
            if merged.migrated:
                line += " (older schema: read from a migrated copy)"
            lines.append(line)
            for problem in merged.unverified:
                lines.append(f"    merged although its history fails verify: {problem.text}")
        reviewers = ", ".join(f"{name} {count}" for name, count in self.reviewers)
        lines.append(f"reviewers: {reviewers or 'no new decisions'}")
        articles = self.articles_added
        lines.append(f"articles: {len(articles)} added" + (f" ({'; '.join(articles)})" if articles else ""))
        conflicts = len(self.conflicts) + len(self.text_conflicts)
        lines.append(f"conflicts: {conflicts or 'none'}")
        for c in self.conflicts:
            decisions = " / ".join(
                f"{said} (event {event}, origin {origin})" for event, origin, said in c.events
            )
            machines = len({origin for _, origin, _ in c.events})
            lines.append(
                f"  {c.reviewer} decided sentence {c.sentence_id} differently at the same instant"
                f" {c.decided_at} on {machines} machines: {decisions};"
                " the larger event id counts as the later"
            )
        for t in self.text_conflicts:
            lines.append(
                f"  sentence {t.sentence_id} has another text in {t.file}: {t.text_there!r}"
                f" (kept this project's: {t.text_here!r})"
            )
        return lines


class MergeCancelled(FactcheckError):
    def __init__(self) -> None:
        super().__init__("merge cancelled; nothing was changed")


class UnverifiedHistory(BadInput):
    """A file whose history fails `verify`: refused unless the merge is forced."""

    def __init__(self, path: Path, problems: tuple[Problem, ...], more: int) -> None:
        others = len(problems) + more - 1
        also = ""
        if others:
            named = list(dict.fromkeys(p.event_id for p in problems[1:] if p.event_id))[:_SHOWN_PROBLEMS]
            about = f", about event{'s' if len(named) > 1 else ''} {', '.join(named)}" if named else ""
            also = f" ({others} more problem{'s' if others != 1 else ''}{about})"
        self.reason = f"{path}: its history fails verify: {problems[0].text}{also}"
        """What is wrong, without saying how to merge anyway (the window asks instead)."""
        super().__init__(
            f"{self.reason}; nothing was merged (--force merges it anyway and reports these events)"
        )


@dataclass(frozen=True, slots=True)
class _Source:
    """A file to merge, copied, migrated and verified, not yet merged."""

    path: Path
    copy: Path
    origins: tuple[str, ...]
    events: int
    migrated: bool
    unverified: tuple[Problem, ...]
    heads: dict[str, tuple[int, str]]


def merge_projects(
    target: Project,
    paths: Sequence[str | os.PathLike[str]],
    by: str,
    force: bool = False,
    progress: Progress | None = None,
) -> MergeReport:
    """Add every event of the project files at `paths` (with their articles and sentences) to
    `target`, in one transaction. `by` is the lead who merges. A file that is not a factcheck
    project, is damaged, is `target` itself, whose history diverges from the target's or fails
    `verify` (unless `force`) is refused with FactcheckError and the target is left unchanged."""
    by = check_reviewer(by)
    files = [Path(p).expanduser() for p in paths]
    if not files:
        raise BadInput("name the project files to merge")
    limit = target.conn.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED)
    if len(files) > limit:
        raise BadInput(
            f"merge at most {limit} files at a time (SQLite's limit); merge the others in a second run,"
            " which gives the same result"
        )
    steps = 2 * len(files)
    step = _stepper(progress, steps)
    with tempfile.TemporaryDirectory(prefix="factcheck-merge-") as folder:
        sources = []
        for index, path in enumerate(files):
            sources.append(_prepare(target, path, Path(folder) / f"{index}.db", force))
            step(index + 1)
        return _merge(target, sources, by, lambda done: step(len(files) + done))


def _stepper(progress: Progress | None, steps: int) -> Callable[[int], None]:
    def step(done: int) -> None:
        if progress is not None and not progress(done, steps) and done < steps:
            raise MergeCancelled()

    return step


# --- each file: refused, or copied, migrated and verified -----------------------------------


def _prepare(target: Project, path: Path, copy: Path, force: bool) -> _Source:
    _refuse_target_itself(target, path)
    _refuse_what_is_not_a_database(path)
    _copy(path, copy)
    migrated = _check_copy_is_a_project(path, copy)
    try:
        project = Project.open(copy)
    except ProjectError as error:
        raise ProjectError(f"{path}: {str(error).removeprefix(f'{copy}: ')}") from None
    try:
        result = verify(project)
        if result.damaged:
            raise ProjectError(f"{path}: {result.problem}; nothing was merged")
        if not result.ok and not force:
            raise UnverifiedHistory(path, result.problems, result.more)
        _refuse_the_future(project, path)
        origins = tuple(row[0] for row in project.conn.execute("SELECT DISTINCT origin FROM events"))
        heads = {
            origin: (seq, hash_)
            for origin, seq, hash_ in project.conn.execute(
                "SELECT origin, seq, hash FROM chain_heads ORDER BY origin"
            )
        }
        return _Source(path, copy, origins, result.events, migrated, result.problems, heads)
    finally:
        project.close()


def _refuse_the_future(project: Project, path: Path) -> None:
    """The latest decision counts: one dated ahead of this machine's clock would outvote every
    decision made here until that date comes."""
    latest = format_time(now() + FUTURE_TOLERANCE)
    row = project.conn.execute(
        "SELECT id, decided_at FROM events WHERE decided_at > ? ORDER BY decided_at DESC LIMIT 1", [latest]
    ).fetchone()
    if row is not None:
        raise ProjectError(
            f"{path}: event {row[0]} is dated {row[1]}, in the future (a clock set wrong?);"
            " nothing was merged"
        )


def _refuse_target_itself(target: Project, path: Path) -> None:
    if target.path is None or not path.exists():
        return
    try:
        same = os.path.samefile(path, target.path)  # the same inode, through links or not
    except OSError:
        return
    if same:
        raise BadInput(f"{path}: is the project being merged into; nothing was merged")


def _refuse_what_is_not_a_database(path: Path) -> None:
    if not path.exists():
        raise BadInput(f"{path}: no such project file")
    if path.is_dir():
        raise BadInput(f"{path}: is a folder, not a project file")
    if not path.is_file():
        raise ProjectError(f"{path}: not a factcheck project file (not a regular file); nothing was merged")
    if path.stat().st_size == 0:
        raise ProjectError(f"{path}: not a factcheck project file (it is empty); nothing was merged")


def _copy(path: Path, copy: Path) -> None:
    """Copy the file with SQLite's backup API, never with plain file I/O (see `locks`): it reads
    a consistent snapshot even while a reviewer's window writes to the file. The connection
    writes nothing (`query_only`); when it is the file's last one, SQLite folds the log it opened
    back and removes it, so the reviewer's folder is left as it was."""
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
    except sqlite3.Error as error:
        raise ProjectError(f"{path}: cannot read the project file ({error})") from None
    try:
        source.execute("PRAGMA query_only = ON")
        source.execute(f"PRAGMA busy_timeout = {_READ_TIMEOUT_MS}")
        destination = sqlite3.connect(copy)
        try:
            source.backup(destination)
        finally:
            destination.close()
    except sqlite3.DatabaseError as error:
        raise ProjectError(f"{path}: {describe(error)}; nothing was merged") from None
    finally:
        source.close()


def _check_copy_is_a_project(path: Path, copy: Path) -> bool:
    """Refuse an SQLite file that is not ours (`Project.open` would make an empty one a new
    project); tell whether its schema is older than ours."""
    conn = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
    try:
        (application_id,) = conn.execute("PRAGMA application_id").fetchone()
        if application_id != APPLICATION_ID:
            raise ProjectError(
                f"{path}: this is an SQLite database but not a factcheck project; nothing was merged"
            )
        return bool(migrations.pending(Database(conn)))
    except sqlite3.DatabaseError as error:
        raise ProjectError(f"{path}: {describe(error)}; nothing was merged") from None
    finally:
        conn.close()


# --- the merge itself -----------------------------------------------------------------------

_EVENT_COLUMNS = (
    "id, origin, seq, kind, sentence_id, reviewer, label, previous_label, evidence, note, included, via,"
    " decided_at, prev_hash, hash, suggestion, problems, error_types, correction, carried_from"
)
_ARTICLE_COLUMNS = (
    "id, role, source_id, name, version, title, format, lang, text, metadata, file_name, imported_at"
)
_ROWS_ALONG = {
    "blocks": 'article_id, idx, kind, level, start, "end", text_start, boilerplate',
    "spans": 'article_id, idx, style, start, "end", target',
    "sentences": 'id, article_id, idx, start, "end", block, boilerplate, text',
}
"""What comes along with the articles, keyed by their primary keys, so that rows already here
are left alone (stable ids: the same key means the same row). The assistant's assessments stay
behind: they are a cache the window recomputes, and a file from elsewhere must not put words in
the assistant's mouth."""
_REVISION_COLUMNS = ", ".join(f'"{c}"' for c in REVISION_COLUMNS)
_REVISION_SENTENCE_COLUMNS = "rewrite_id, " + ", ".join(f'"{c}"' for c in REVISION_SENTENCE_COLUMNS)


def _merge(target: Project, sources: list[_Source], by: str, step: Callable[[int], None]) -> MergeReport:
    conn = target.conn
    attached: list[str] = []
    try:
        for index, source in enumerate(sources):
            schema = f"merging_{index}"
            conn.execute(f"ATTACH DATABASE ? AS {schema}", [str(source.copy)])
            attached.append(schema)
        with bulk_writing(conn), target.write():
            first = _last_rowid(conn)
            merged, ranges, text_conflicts = [], [], []
            # Suspending the triggers rewrites the schema: worth it for many events, and never
            # for none (a merge that adds nothing must leave the file byte for byte as it was).
            many = sum(_events_to_add(conn, schema) for schema in attached) >= _BULK_EVENTS
            with triggers_suspended(conn) if many else nullcontext():
                for done, (schema, source) in enumerate(zip(attached, sources, strict=True), start=1):
                    text_conflicts += _text_conflicts(conn, schema, source)
                    file, rowids = _merge_one(conn, schema, source)
                    merged.append(file)
                    ranges.append(rowids)
                    step(done)
                if many:
                    derive_after(conn, first)
            conflicts = _decision_conflicts(conn, first)
            _record(conn, merged, ranges, conflicts, text_conflicts, by)
    finally:
        for schema in attached:
            conn.execute(f"DETACH DATABASE {schema}")
    return MergeReport(tuple(merged), tuple(c for c, _ in conflicts), tuple(text_conflicts))


_BULK_EVENTS = 2_000
"""From this many events on, a merge derives verdicts and chain heads in bulk (see `derived`)."""


def _events_to_add(conn: sqlite3.Connection, schema: str) -> int:
    return conn.execute(
        f"SELECT count(*) FROM {schema}.events s"
        " WHERE NOT EXISTS (SELECT 1 FROM main.events m WHERE m.origin = s.origin AND m.seq = s.seq)"
    ).fetchone()[0]


def _merge_one(conn: sqlite3.Connection, schema: str, source: _Source) -> tuple[FileMerged, tuple[int, int]]:
    _refuse_diverging_history(conn, schema, source)
    _refuse_other_sentences(conn, schema, source)
    new_articles = conn.execute(
        f"SELECT id, title FROM {schema}.articles WHERE id NOT IN (SELECT id FROM main.articles)"
        " ORDER BY title, id"
    ).fetchall()
    digests = [
        (article[0], digest)
        for article, digest in stored_articles(
            conn, schema, only=[article_id for article_id, _ in new_articles]
        )
    ]
    # Sources before rewrites: a rewrite refers to its source.
    conn.execute(
        f"INSERT INTO main.articles ({_ARTICLE_COLUMNS}) SELECT {_ARTICLE_COLUMNS} FROM {schema}.articles"
        " WHERE id NOT IN (SELECT id FROM main.articles) ORDER BY role = 'rewrite'"
    )
    rows_added = {
        table: conn.execute(
            f"INSERT OR IGNORE INTO main.{table} ({columns}) SELECT {columns} FROM {schema}.{table}"
        ).rowcount
        for table, columns in _ROWS_ALONG.items()
    }
    record_articles(conn, digests)
    revisions_added = _merge_revisions(conn, schema)
    start = _last_rowid(conn)
    try:
        added = conn.execute(
            f"INSERT INTO main.events ({_EVENT_COLUMNS}) SELECT {_EVENT_COLUMNS} FROM {schema}.events s"
            " WHERE NOT EXISTS (SELECT 1 FROM main.events m WHERE m.origin = s.origin AND m.seq = s.seq)"
        ).rowcount
    except sqlite3.IntegrityError as error:
        raise BadInput(
            f"{source.path}: an event of it clashes with this project's ({error}); nothing was merged"
        ) from None
    reviewers = conn.execute(
        "SELECT reviewer, count(*) FROM main.events WHERE rowid > ? GROUP BY reviewer ORDER BY reviewer",
        [start],
    ).fetchall()
    merged = FileMerged(
        file=str(source.path.absolute()),
        origins=source.origins,
        events=source.events,
        events_added=added,
        reviewers=tuple((name, count) for name, count in reviewers),
        articles_added=tuple(title for _, title in new_articles),
        sentences_added=rows_added["sentences"],
        migrated=source.migrated,
        unverified=source.unverified,
        heads=source.heads,
        revisions_added=revisions_added,
    )
    # Rowids only grow (history is never deleted), so this file's events are those in the range.
    return merged, (start, _last_rowid(conn))


def _merge_revisions(conn: sqlite3.Connection, schema: str) -> int:
    """Revision links this project does not have yet come along with their rewrites (a rewrite
    linked here already keeps its own link, as a sentence keeps its own text)."""
    new = [
        rewrite_id
        for (rewrite_id,) in conn.execute(
            f"SELECT rewrite_id FROM {schema}.revisions"
            " WHERE rewrite_id NOT IN (SELECT rewrite_id FROM main.revisions) ORDER BY rewrite_id"
        ).fetchall()
    ]
    if not new:
        return 0
    digests = [(row[0], digest) for row, digest in stored_revisions(conn, schema, only=new)]
    marks = ", ".join("?" * len(new))
    conn.execute(
        f"INSERT INTO main.revisions ({_REVISION_COLUMNS}) SELECT {_REVISION_COLUMNS}"
        f" FROM {schema}.revisions WHERE rewrite_id IN ({marks})",
        new,
    )
    conn.execute(
        f"INSERT INTO main.revision_sentences ({_REVISION_SENTENCE_COLUMNS})"
        f" SELECT {_REVISION_SENTENCE_COLUMNS} FROM {schema}.revision_sentences"
        f" WHERE rewrite_id IN ({marks})",
        new,
    )
    record_revisions(conn, digests)
    return len(new)


def _last_rowid(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(rowid), 0) FROM main.events").fetchone()[0]


def _refuse_diverging_history(conn: sqlite3.Connection, schema: str, source: _Source) -> None:
    """An origin both here and in the file must have the same events at the same seqs. If not,
    one file was copied from the other and both went on writing: merging would lose events."""
    shared = [
        origin
        for origin in source.origins
        if conn.execute("SELECT 1 FROM main.chain_heads WHERE origin = ?", [origin]).fetchone()
    ]
    for origin in shared:
        row = conn.execute(
            f"SELECT s.seq, s.id, m.id FROM {schema}.events s"
            " JOIN main.events m ON m.origin = s.origin AND m.seq = s.seq"
            " WHERE s.origin = ? AND m.hash != s.hash ORDER BY s.seq LIMIT 1",
            [origin],
        ).fetchone()
        if row is not None:
            seq, theirs, ours = row
            raise BadInput(
                f"{source.path}: its history and this project's part at event {seq} of origin {origin}"
                f" ({theirs} there, {ours} here): one file was copied from the other and both were"
                " written to; nothing was merged"
            )


def _refuse_other_sentences(conn: sqlite3.Connection, schema: str, source: _Source) -> None:
    """The same article split into other sentences (another factcheck's segmentation) would
    leave the file's events about sentences this project does not have."""
    row = conn.execute(
        f"SELECT s.article_id, s.idx, s.id, m.id FROM {schema}.sentences s"
        " JOIN main.sentences m ON m.article_id = s.article_id AND m.idx = s.idx"
        " WHERE m.id != s.id LIMIT 1"
    ).fetchone()
    if row is not None:
        article_id, index, theirs, ours = row
        raise BadInput(
            f"{source.path}: article {article_id} is split into other sentences there (sentence {index}"
            f" is {theirs} there, {ours} here), so its verdicts cannot line up; nothing was merged"
        )


def _text_conflicts(conn: sqlite3.Connection, schema: str, source: _Source) -> list[TextConflict]:
    rows = conn.execute(
        f"SELECT s.id, m.text, s.text FROM {schema}.sentences s JOIN main.sentences m ON m.id = s.id"
        " WHERE m.text != s.text ORDER BY s.id"
    ).fetchall()
    file = str(source.path.absolute())
    return [TextConflict(sentence_id, file, here, there) for sentence_id, here, there in rows]


_SAME_INSTANT = """
    SELECT DISTINCT e.sentence_id, e.reviewer, e.decided_at FROM main.events e
    WHERE e.rowid > ? AND EXISTS (
        SELECT 1 FROM main.events f WHERE f.sentence_id = e.sentence_id AND f.reviewer = e.reviewer
        AND f.decided_at = e.decided_at AND f.rowid != e.rowid)
"""
"""Decisions added by this merge that share their reviewer, sentence and instant with another:
one index probe per added event (the index holds the rowid), so a small merge into a large
project costs little."""


def _decision_conflicts(conn: sqlite3.Connection, first: int) -> list[tuple[DecisionConflict, list[int]]]:
    """Each conflict with the rowids of its events (to tell which files took part)."""
    conflicts = []
    for sentence_id, reviewer, decided_at in conn.execute(_SAME_INSTANT, [first]).fetchall():
        events = conn.execute(
            "SELECT rowid, id, origin, kind, label, evidence, note, included, problems, error_types,"
            " correction FROM main.events"
            " WHERE sentence_id = ? AND reviewer = ? AND decided_at = ? ORDER BY id",
            [sentence_id, reviewer, decided_at],
        ).fetchall()
        origins = {e[2] for e in events}
        states = {(e[3] == "adjudicate", *e[4:]) for e in events}  # the decision, not how it was named
        if len(origins) > 1 and len(states) > 1:
            conflict = DecisionConflict(
                sentence_id,
                reviewer,
                decided_at,
                tuple((e[1], e[2], e[4] or "no verdict") for e in events),
            )
            conflicts.append((conflict, [e[0] for e in events]))
    conflicts.sort(key=lambda pair: (pair[0].decided_at, pair[0].sentence_id, pair[0].reviewer))
    return conflicts


def _record(
    conn: sqlite3.Connection,
    merged: list[FileMerged],
    ranges: list[tuple[int, int]],
    conflicts: list[tuple[DecisionConflict, list[int]]],
    text_conflicts: list[TextConflict],
    by: str,
) -> None:
    merged_at = format_time(now())
    for file, (start, end) in zip(merged, ranges, strict=True):
        if not file.added_anything:
            continue  # nothing came from it: the merge log stays as it was too
        report = asdict(file)
        report["conflicts"] = [
            asdict(conflict) for conflict, rowids in conflicts if any(start < r <= end for r in rowids)
        ]
        report["text_conflicts"] = [asdict(t) for t in text_conflicts if t.file == file.file]
        row = (
            uuid.uuid4().hex,
            merged_at,
            by,
            file.file,
            json.dumps(list(file.origins)),
            file.events_added,
            json.dumps(report, ensure_ascii=False),
        )
        conn.execute(f"INSERT INTO merges ({', '.join(MERGE_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)", row)
        record_merge(conn, row)
