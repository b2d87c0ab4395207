"""Plain file I/O never touches an open project file: it would drop SQLite's locks (see
factcheck/store/locks.py). Paths a user gives for reading or writing are checked against it."""

from pathlib import Path

import pytest

from factcheck.core.errors import BadInput
from factcheck.store.export import ExportContent, ExportFormat, export
from factcheck.store.importing import import_files
from factcheck.store.locks import is_open_project_file
from factcheck.store.project import Project
from factcheck.store.verdict_import import import_verdicts
from tests.conftest import SOURCE


def test_an_open_project_file_and_its_journal_files_are_known(demo_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.db"
    link.symlink_to(demo_path)
    assert not is_open_project_file(demo_path)
    project = Project.open(demo_path)
    try:
        for path in (demo_path, Path(f"{demo_path}-wal"), Path(f"{demo_path}-shm"), link):
            assert is_open_project_file(path), path
        assert not is_open_project_file(SOURCE)
    finally:
        project.close()
    assert not is_open_project_file(demo_path)


def test_two_connections_count_until_both_close(demo_path: Path) -> None:
    first, second = Project.open(demo_path), Project.open(demo_path)
    first.close()
    assert is_open_project_file(demo_path)
    second.close()
    assert not is_open_project_file(demo_path)


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_the_project_file_is_never_read_as_an_article(demo_path: Path, suffix: str) -> None:
    project = Project.open(demo_path)
    try:
        with pytest.raises(BadInput, match="is the project file itself"):
            import_files(project, SOURCE, [Path(f"{demo_path}{suffix}")])
        with pytest.raises(BadInput, match="is the project file itself"):
            import_verdicts(project, Path(f"{demo_path}{suffix}"))
    finally:
        project.close()


def test_an_export_never_replaces_the_project_file(demo_path: Path) -> None:
    project = Project.open(demo_path)
    try:
        with pytest.raises(BadInput, match="is the project file itself"):
            export(project, demo_path, ExportContent.VERDICTS, ExportFormat.CSV)
        assert project.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    finally:
        project.close()
