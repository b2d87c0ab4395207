"""The one rule that keeps SQLite's locks: never open a project file behind SQLite's back.

On POSIX systems a lock belongs to the process, not to the descriptor: closing *any* descriptor
of a file drops *every* lock the process holds on that file, SQLite's included ("How To Corrupt
An SQLite Database File", §2.2). One `open(path).read(16)` in a process that has a connection to
`path` lets another process believe it holds the last connection: that process checkpoints and
deletes the write-ahead log, and every later commit of this process goes into a deleted file,
shown as saved and lost at the next crash.

So nothing in factcheck reads or writes a project file, its `-wal` or its `-shm` with plain file
I/O: whatever needs to know about a project file (is it SQLite? ours? a copy of it?) asks SQLite,
and a backup is made with SQLite's backup API. Paths the app does read or write with plain I/O
(articles to import, exports, reports, receipts) are checked here against the project files open
in this process, so that a wrong path given by a user cannot do it either. The registry is
process-wide because the locks it protects are.
"""

import os
import threading
from collections import Counter
from pathlib import Path

from factcheck.core.errors import BadInput

_FILE_SUFFIXES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a project file; each one carries locks too."""

_open: Counter[tuple[int, int]] = Counter()
_guard = threading.Lock()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)  # follows links: a link to a project file is that file
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def connected(path: Path) -> tuple[int, int] | None:
    """Note that this process has a connection to `path`; returns what `disconnected` takes."""
    identity = _identity(path)
    if identity is not None:
        with _guard:
            _open[identity] += 1
    return identity


def disconnected(identity: tuple[int, int] | None) -> None:
    if identity is None:
        return
    with _guard:
        _open[identity] -= 1
        if _open[identity] <= 0:
            del _open[identity]


def is_open_project_file(path: Path) -> bool:
    """True when `path` is (or links to) a project file this process has open, or one of the
    files SQLite keeps beside it."""
    candidates = [path]
    candidates += [Path(str(path)[: -len(s)]) for s in _FILE_SUFFIXES if str(path).endswith(s)]
    with _guard:
        if not _open:
            return False
        return any(_identity(candidate) in _open for candidate in candidates)


def refuse_project_file(path: Path, doing: str) -> None:
    """Raise BadInput when `path` is an open project file that plain I/O would read or replace.

    `doing` says what the user asked for ("read as an article", "write the export to")."""
    if is_open_project_file(path):
        raise BadInput(f"{path}: is the project file itself; factcheck will not {doing} it")
