"""The window keeps more than one connection to its project file; another program reading the
same file must not make its later decisions vanish at a crash.

This is the drill that found the bug: a plain `open()`/`close()` of the project file (a header
check on every `Project.open`) dropped every POSIX lock the process held, so a `factcheck articles`
run meanwhile took itself for the last connection, checkpointed and deleted the write-ahead log,
and the window went on committing into a deleted file."""

from pathlib import Path

import pytest

from tests.cli.conftest import run_factcheck
from tests.drills.conftest import assert_sound, events_in, marker


def test_decisions_after_a_reader_survive_a_crash(demo_db: Path, spawn) -> None:
    window = marker(
        spawn, demo_db, "alice", "--worker-every", "2", "--pause-at", "2", "--pause-at", "5", stdin=True
    )
    window.read_until(lambda line: line == "paused")
    reader = run_factcheck("articles", "--db", str(demo_db))
    assert reader.returncode == 0, reader.stderr
    assert Path(f"{demo_db}-wal").exists(), "the reader must leave the window's write-ahead log in place"
    window.send()
    window.read_until(lambda line: line == "paused")
    window.kill()
    saved = window.saved()
    assert len(saved) == 5
    assert set(saved) <= events_in(demo_db), "every decision reported as saved must be in the file"
    assert_sound(demo_db)


@pytest.mark.parametrize("command", [("articles",), ("export",), ("verify",), ("audit",)])
def test_no_command_deletes_the_log_of_a_window_that_has_the_file_open(demo_db: Path, spawn, command) -> None:
    window = marker(
        spawn, demo_db, "alice", "--worker-every", "1", "--pause-at", "1", "--pause-at", "3", stdin=True
    )
    window.read_until(lambda line: line == "paused")
    result = run_factcheck(*command, "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    window.send()
    window.read_until(lambda line: line == "paused")
    window.kill()
    assert set(window.saved()) <= events_in(demo_db)
    assert_sound(demo_db)
