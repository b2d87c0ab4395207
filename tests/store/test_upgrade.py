"""Opening a project of an older schema upgrades it, after keeping a complete copy beside it made
with SQLite's backup API; the copy is the file as it was, and the upgraded file verifies."""

import sqlite3
from pathlib import Path

from factcheck.store.project import SCHEMA_STEPS, Project
from factcheck.store.verify import verify
from tests.store.test_merge import old_schema_file


def _steps(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def _events(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT id, hash FROM events ORDER BY rowid").fetchall()
    finally:
        conn.close()


def test_an_older_project_is_copied_whole_before_it_is_upgraded(tmp_path: Path) -> None:
    old = old_schema_file(tmp_path / "review.db")
    events = _events(old)
    project = Project.open(old)
    backup = project.backup
    assert backup == tmp_path / "review.db.bak-m002_decision_events"
    assert verify(project).ok
    project.close()
    assert _steps(backup) == ["m001_articles", "m002_decision_events"], "the copy is the file as it was"
    assert _events(backup) == events
    assert _steps(old) == list(SCHEMA_STEPS)
    again = Project.open(old)
    assert again.backup is None, "only the opening that upgrades keeps a copy"
    again.close()


def test_a_second_copy_of_the_same_schema_gets_its_own_name(tmp_path: Path) -> None:
    first = old_schema_file(tmp_path / "review.db")
    (tmp_path / "review.db.bak-m002_decision_events").write_bytes(b"an older copy, kept")
    project = Project.open(first)
    assert project.backup == tmp_path / "review.db.bak-m002_decision_events-2"
    project.close()
    assert (tmp_path / "review.db.bak-m002_decision_events").read_bytes() == b"an older copy, kept"


def test_a_new_project_needs_no_copy(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "new.db")
    assert project.backup is None
    project.close()
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak-" in p.name) == []
