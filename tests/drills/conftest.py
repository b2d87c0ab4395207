"""Crash drills: real processes on one project file, killed with SIGKILL, and the file checked.

Every drill is bounded: each child gets a timeout, and a drill that cannot finish fails instead of
hanging CI."""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
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
    """A child process whose stdout lines are collected as they come, killed at the end of the test."""

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
        self._cursor = 0
        self._arrived = threading.Condition()
        self._ended = False
        self._errors: list[str] = []
        self._readers = [
            threading.Thread(target=self._collect, args=(self.process.stdout, self.lines), daemon=True),
            threading.Thread(target=self._collect, args=(self.process.stderr, self._errors), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _collect(self, stream, into: list[str]) -> None:
        for line in stream:
            with self._arrived:
                into.append(line.rstrip("\n"))
                self._arrived.notify_all()
        with self._arrived:
            if into is self.lines:
                self._ended = True
            self._arrived.notify_all()

    def read_until(self, wanted: Callable[[str], bool]) -> str:
        """Wait for the next line that satisfies `wanted` (after the one the last call returned);
        fail if the child ends first or takes longer than the drill's limit."""
        with self._arrived:
            while True:
                while self._cursor < len(self.lines):
                    line = self.lines[self._cursor]
                    self._cursor += 1
                    if wanted(line):
                        return line
                if self._ended:
                    raise AssertionError(f"the child ended: {self.stderr()}")
                if not self._arrived.wait(timeout=LIMIT_S):
                    raise AssertionError(f"no such line within {LIMIT_S} s")

    def send(self, line: str = "") -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def kill(self) -> None:
        """SIGKILL: no cleanup, no checkpoint, nothing flushed but what the kernel already has."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self._wait()

    def finish(self) -> str:
        """Wait for the child to end on its own; returns what it wrote to stderr."""
        self._wait()
        return self.stderr()

    def _wait(self) -> None:
        self.process.wait(timeout=LIMIT_S)
        for reader in self._readers:
            reader.join(timeout=LIMIT_S)

    def stderr(self) -> str:
        with self._arrived:
            return "\n".join(self._errors)

    def saved(self) -> list[str]:
        """The event ids the child reported as saved so far."""
        with self._arrived:
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
