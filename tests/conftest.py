"""Shared fixtures: demo projects in temporary files, the seeds, and offscreen Qt."""

import os
from pathlib import Path

import pytest

# UI tests drive real widgets without a screen.
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).parent / "data"
SOURCE = SEEDS / "000_141659a25003a937.txt"
REWRITES = [SEEDS / "001_815e82a371ecc808.txt", SEEDS / "002_d42a958ccc1595c9.txt"]


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "review.db"


@pytest.fixture
def demo_path(project_path: Path) -> Path:
    """A project file with the demo imported, closed again."""
    from factcheck.store.importing import import_demo
    from factcheck.store.project import open_project

    project = open_project(project_path)
    import_demo(project)
    project.close()
    return project_path
