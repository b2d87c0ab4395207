"""A real main window on a demo project, offscreen, with its settings in a temporary file."""

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from factcheck.store.project import Project
from factcheck.store.session import ReviewSession
from factcheck.ui.app import application
from factcheck.ui.main_window import MainWindow


@pytest.fixture
def open_window(qtbot, tmp_path: Path) -> Callable[..., MainWindow]:
    """Open a window on a project file as `factcheck --db PATH` does (several: a restart)."""
    application()
    windows: list[MainWindow] = []

    def open_window(path: Path, reviewer: str = "alice") -> MainWindow:
        session = ReviewSession(Project.open(path), reviewer)
        window = MainWindow(session, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        window.reload_articles()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.isActiveWindow)
        windows.append(window)
        return window

    yield open_window
    for window in windows:
        if window.isVisible():
            window.close()
        window.session.project.close()


@pytest.fixture
def window(open_window, demo_path: Path) -> MainWindow:
    return open_window(demo_path)
