"""Crash drills: real processes on one project file, killed with SIGKILL, and the file checked.

Every drill is bounded: each child gets a timeout, and a drill that cannot finish fails instead of
hanging CI."""

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import run_factcheck
from tests.conftest import REWRITES, SOURCE

MARKER = Path(__file__).parent / "marker.py"
LIMIT_S = 120
"""No child of a drill may live longer than this."""


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    """The demo imported into a new project file by the console script, as a user would."""
    path = tmp_path / "review.db"
    result = run_factcheck("import", "--db", str(path), "--source", str(SOURCE), *map(str, REWRITES))
    assert result.returncode == 0, result.stderr
    return path


class Child:
    """A child process whose stdout is read line by line, killed at the end of the test."""

    def __init__(self, args: list[str], stdin: bool = False) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
        self.process = subprocess.Popen(
            args,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=Path(__file__).parents[2],
        )
        self.lines: list[str] = []

    def read_until(self, wanted: Callable[[str], bool]) -> str:
        """Read lines until one satisfies `wanted`; fail if the child ends first."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            line = line.rstrip("\n")
            self.lines.append(line)
            if wanted(line):
                return line
        self.process.wait(timeout=LIMIT_S)
        raise AssertionError(f"the child ended ({self.process.returncode}): {self.stderr()}")

    def send(self, line: str = "") -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def kill(self) -> None:
        """SIGKILL: no cleanup, no checkpoint, nothing flushed but what the kernel already has."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=LIMIT_S)

    def finish(self) -> str:
        """Wait for the child to end on its own; its remaining stdout lines are kept."""
        out, _ = self.process.communicate(timeout=LIMIT_S)
        self.lines += out.splitlines()
        return self.stderr()

    def stderr(self) -> str:
        assert self.process.stderr is not None
        return self.process.stderr.read() if self.process.poll() is not None else ""

    def saved(self) -> list[str]:
        """The event ids the child reported as saved."""
        return [line.split()[1] for line in self.lines if line.startswith("saved ")]


@pytest.fixture
def spawn() -> Iterator[Callable[..., Child]]:
    children: list[Child] = []

    def spawn(*args: str, stdin: bool = False) -> Child:
        child = Child([sys.executable, *args], stdin=stdin)
        children.append(child)
        return child

    yield spawn
    for child in children:
        child.kill()


def marker(spawn: Callable[..., Child], db: Path, reviewer: str, *options: str, stdin: bool = False) -> Child:
    return spawn(str(MARKER), str(db), reviewer, *options, stdin=stdin)


def events_in(db: Path) -> set[str]:
    """The event ids in the file, read by SQLite as the next program to open it would."""
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM events")}
    finally:
        conn.close()


def assert_sound(db: Path) -> None:
    """SQLite's full integrity check and factcheck's own verify both say ok."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    result = run_factcheck("verify", "--db", str(db))
    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stdout + result.stderr
