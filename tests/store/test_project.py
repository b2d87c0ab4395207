"""Opening project files: durability settings, refusing what is not ours, newer schemas."""

import sqlite3
from pathlib import Path

import pytest

from factcheck.store.project import APPLICATION_ID, Project, ProjectError


def test_a_new_project_is_durable_and_marked_as_ours(project_path: Path) -> None:
    project = Project.open(project_path)
    conn = project.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert len(project.origin or "") == 16
    project.close()


def test_the_origin_survives_reopening(project_path: Path) -> None:
    first = Project.open(project_path)
    origin = first.origin
    first.close()
    again = Project.open(project_path)
    assert again.origin == origin
    again.close()


def _refused(path: Path, fragment: str) -> None:
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(ProjectError, match=fragment):
        Project.open(path)
    if before is not None:
        assert path.read_bytes() == before, "a refused file must be left exactly as it was"


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database\n")
    _refused(path, "not an SQLite database")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    _refused(tmp_path, "is a folder")


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    _refused(tmp_path / "nowhere" / "review.db", "does not exist")


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    _refused(path, "not a factcheck project")


def test_a_damaged_project_is_refused_untouched(demo_path: Path) -> None:
    data = bytearray(demo_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    demo_path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(str(demo_path) + suffix).unlink(missing_ok=True)
    _refused(demo_path, "damaged")


def test_a_project_from_a_newer_version_is_refused(project_path: Path) -> None:
    project = Project.open(project_path)
    with project.write() as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            ["factcheck", "m999_from_the_future", "2030-01-01"],
        )
    project.close()
    _refused(project_path, "newer version of factcheck")


def test_two_connections_write_without_locking_each_other_out(project_path: Path) -> None:
    first, second = Project.open(project_path), Project.open(project_path)
    for i in range(50):
        for project in (first, second):
            with project.write() as conn:
                conn.execute("INSERT OR REPLACE INTO project (key, value) VALUES (?, ?)", [f"k{i}", "v"])
    assert first.conn.execute("SELECT count(*) FROM project WHERE key LIKE 'k%'").fetchone()[0] == 50
    first.close()
    second.close()


def test_the_schema_steps_known_at_opening_are_the_migrations_defined() -> None:
    from sqlite_utils import Database

    from factcheck.store.project import SCHEMA_STEPS
    from factcheck.store.schema import migrations

    assert list(SCHEMA_STEPS) == [step.name for step in migrations.pending(Database(memory=True))]
