"""Opening a project file: the checks that refuse what is not ours, the pragmas that make every
commit durable, and the one way to write (`BEGIN IMMEDIATE`)."""

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from factcheck import __version__
from factcheck.core.errors import FactcheckError
from factcheck.store import locks

APPLICATION_ID = 0x46436B31
"""`PRAGMA application_id` of every factcheck project ("FCk1"): tells our files from other SQLite files."""

SCHEMA_STEPS = (
    "m001_articles",
    "m002_decision_events",
    "m003_evidence_assistant",
    "m004_audit",
    "m005_versions_by_document",
    "m006_ledger",
    "m007_corrections_and_revisions",
)
"""The schema steps this version knows, in order (`schema.py` defines them; a test keeps the two
lists equal). Knowing the names here lets a project open without loading the migration machinery,
which is needed only when a step is pending."""

_BUSY_TIMEOUT_MS = 10_000
_BULK_CACHE_KIB = -262_144
"""256 MB (a negative `cache_size` counts KiB); SQLite only fills it as pages are used."""


class ProjectError(FactcheckError):
    """The project file cannot be opened or used; it has been left as it was."""


class Project:
    """An open project file, used only by the thread that opened it."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, backup: Path | None = None, immutable: bool = False
    ) -> None:
        self.conn = conn
        self.path = path
        self.origin = self.setting("origin")
        self.backup = backup
        self._immutable = immutable
        """Where a copy of the file as it was was kept, when opening it upgraded its schema."""
        self._identity = locks.connected(path) if path is not None else None

    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False) -> "Project":
        """Open the project at `path`, creating it if the file does not exist yet.

        `read_only` (for commands that only read) lets a project in a folder this user cannot
        write be read where SQLite allows it; anything else there is refused with one line."""
        path = Path(path).expanduser()
        _refuse_what_cannot_be_a_project(path)
        target: str | Path = path
        if not os.access(path.parent, os.W_OK):
            if not (read_only and path.exists()):
                raise ProjectError(
                    f"{path}: the folder {path.parent} is read-only; factcheck keeps its journal files"
                    " beside the project file, so it needs to write there (move the project to a folder"
                    " you can write to)"
                )
            # No writer can exist without a -wal here (none can create one): the file alone is
            # the project, and SQLite may read it as unchanging.
            quiet = "" if Path(f"{path}-wal").exists() else "&immutable=1"
            target = f"{path.resolve().as_uri()}?mode=ro{quiet}"
        try:
            conn = sqlite3.connect(target, isolation_level=None, check_same_thread=True, uri=target != path)
        except sqlite3.Error as error:
            raise ProjectError(f"{path}: cannot open the project file ({error})") from None
        try:
            return cls._prepare(conn, path, writable=target == path, immutable="immutable" in str(target))
        except sqlite3.DatabaseError as error:
            conn.close()
            raise ProjectError(f"{path}: {describe(error)}") from None
        except ProjectError:
            conn.close()
            raise

    @classmethod
    def memory(cls) -> "Project":
        """A throw-away project in memory (tests and dry runs)."""
        return cls._prepare(sqlite3.connect(":memory:", isolation_level=None), None)

    @classmethod
    def _prepare(
        cls, conn: sqlite3.Connection, path: Path | None, writable: bool = True, immutable: bool = False
    ) -> "Project":
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if tables and application_id != APPLICATION_ID:
            raise ProjectError(f"{path}: this is an SQLite database but not a factcheck project")
        applied = _applied_steps(conn)
        unknown = [name for name in applied if name not in SCHEMA_STEPS]
        if unknown:
            raise ProjectError(
                f"{path}: this project was written by a newer version of factcheck "
                f"(schema step {unknown[0]!r}); update factcheck to open it"
            )
        if applied != list(SCHEMA_STEPS[: len(applied)]):
            missing = next(
                step for step, seen in zip(SCHEMA_STEPS, [*applied, None], strict=False) if step != seen
            )
            raise ProjectError(
                f"{path}: the file's record of its schema steps was changed behind the app's back"
                f" ({missing} is missing or out of place); restore the project from a backup"
            )
        if not writable:
            if len(applied) < len(SCHEMA_STEPS):
                raise ProjectError(
                    f"{path}: this project was written by an older factcheck and its folder is read-only;"
                    " copy it to a folder you can write to, where opening it upgrades it"
                )
            return cls(conn, path, immutable=immutable)
        # Checks passed: only now change anything in the file.
        if path is not None:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        backup = None
        if len(applied) < len(SCHEMA_STEPS):
            backup = _migrate(conn, path, applied)
        return cls(conn, path, backup)

    def reader_uri(self) -> str:
        """The URI for another read-only connection to this file (a worker's), opened as this one was."""
        assert self.path is not None
        return f"{self.path.resolve().as_uri()}?mode=ro{'&immutable=1' if self._immutable else ''}"

    def setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM project WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, started with `BEGIN IMMEDIATE` so a reader never fails to
        upgrade to a writer ("database is locked"); committed (one fsync) when the block ends."""
        with _immediate(self.conn):
            yield self.conn

    def close(self) -> None:
        self.conn.close()
        locks.disconnected(self._identity)
        self._identity = None


def open_project(
    path: Path, seed_demo: bool = False, create: bool = True, read_only: bool = False
) -> Project:
    """Open the project at `path`. The default project (`seed_demo`) is created with the demo in
    it on first use; otherwise a missing file is created only when `create` is true. `read_only`
    as for `Project.open`."""
    if seed_demo and not path.exists():
        from factcheck.store.importing import import_demo  # the file readers: only to seed

        path.parent.mkdir(parents=True, exist_ok=True)
        project = Project.open(path)
        import_demo(project)
        return project
    if not create and not path.exists():
        raise ProjectError(f"{path}: no such project file (create one with `factcheck import`)")
    return Project.open(path, read_only=read_only)


@contextmanager
def bulk_writing(conn: sqlite3.Connection, journal_in_memory: bool = True) -> Iterator[None]:
    """While one transaction writes many rows (an import, a merge): a page cache of up to 256 MB
    (with the default 2 MB, index pages are written out and read back again and again: 500,000
    events took 2.5 times as long, a million sentences 4 times), and, unless told otherwise, the
    statement journal in memory rather than in a temporary file. (Changing where temporary data
    lives drops every temporary table: a writer that keeps its rows in one says so.)"""
    (cache,) = conn.execute("PRAGMA cache_size").fetchone()
    (temp_store,) = conn.execute("PRAGMA temp_store").fetchone()
    conn.execute(f"PRAGMA cache_size = {_BULK_CACHE_KIB}")
    if journal_in_memory:
        conn.execute("PRAGMA temp_store = MEMORY")
    try:
        yield
    finally:
        if journal_in_memory:
            conn.execute(f"PRAGMA temp_store = {temp_store}")
        conn.execute(f"PRAGMA cache_size = {cache}")


@contextmanager
def _immediate(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _applied_steps(conn: sqlite3.Connection) -> list[str]:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone():
        return []
    rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'factcheck' ORDER BY id")
    return [row[0] for row in rows]


def _migrate(conn: sqlite3.Connection, path: Path | None, applied: list[str]) -> Path | None:
    """Apply the pending schema steps with sqlite-utils' named migrations, in one transaction.

    A file that had a schema is first copied beside itself (`backup_path`) with SQLite's backup
    API: while a second connection holds the write lock, so that no one writes between the copy
    and the upgrade, and completely, before the first step runs. Returns the copy's path, or
    None when nothing was migrated (a new file, or another process migrated it first)."""
    if path is None or not applied:
        with _immediate(conn):
            _apply_pending(conn)
        return None
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        holder.execute("PRAGMA synchronous = FULL")
        holder.execute("PRAGMA foreign_keys = ON")
        with _immediate(holder):
            if not _pending(holder):  # another process migrated it while we waited for the lock
                return None
            backup = backup_path(path, applied[-1])
            _copy_with_sqlite(conn, backup)
            _apply_pending(holder)
        return backup
    finally:
        holder.close()


def backup_path(path: Path, schema: str) -> Path:
    """`NAME.db.bak-<schema>` beside the file, numbered when one is there already."""
    candidate = path.with_name(f"{path.name}.bak-{schema}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak-{schema}-{number}")
        number += 1
    return candidate


def _copy_with_sqlite(conn: sqlite3.Connection, destination: Path) -> None:
    try:
        copy = sqlite3.connect(destination)
        try:
            copy.execute("PRAGMA synchronous = FULL")
            conn.backup(copy)
        finally:
            copy.close()
    except sqlite3.Error as error:
        destination.unlink(missing_ok=True)
        raise ProjectError(
            f"{destination}: cannot keep a copy of the project before upgrading it ({error});"
            " nothing was changed"
        ) from None


def _pending(conn: sqlite3.Connection) -> bool:
    return len(_applied_steps(conn)) < len(SCHEMA_STEPS)


def _apply_pending(conn: sqlite3.Connection) -> None:
    from sqlite_utils import Database

    from factcheck.store.ledger import baseline
    from factcheck.store.schema import migrations

    db = Database(conn)
    # Another process may have migrated while we waited for the write lock.
    if migrations.pending(db):
        import secrets  # only a file being created or upgraded needs it (for its origin)

        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrations.apply(db)
        conn.execute(
            "INSERT OR IGNORE INTO project (key, value) VALUES ('origin', ?), ('created_by', ?)",
            [secrets.token_hex(8), f"factcheck {__version__}"],
        )
        baseline(conn)


def _refuse_what_cannot_be_a_project(path: Path) -> None:
    """Refuse, before SQLite touches it, a path that cannot be a project file. Only `stat`: the
    file itself is never opened here (see `locks`); SQLite tells whether it is a database."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise ProjectError(
                f"{path}: cannot create the project, folder {path.parent} does not exist"
            ) from None
        return
    except OSError as error:
        raise ProjectError(f"{path}: cannot open the project file ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ProjectError(f"{path}: is a folder, not a project file")
    if not stat.S_ISREG(info.st_mode):
        raise ProjectError(f"{path}: not a factcheck project file (not a regular file)")


def describe(error: sqlite3.Error) -> str:
    """One line a user can act on for an SQLite error."""
    message = str(error)
    if "file is not a database" in message:
        # SQLite's word for a file whose header it cannot read: another kind of file, or a
        # project whose first page is wrecked. The app cannot tell them apart without reading
        # the file itself, which it never does (see `locks`).
        return "not a factcheck project file (it is not an SQLite database, or its header is damaged)"
    if "malformed" in message:
        return f"the project file is damaged ({message}); restore it from a backup"
    if "locked" in message or "busy" in message:
        return "the project file is busy in another program; try again"
    if "readonly" in message:
        return "the project file is read-only (it can be read, not changed)"
    return message
