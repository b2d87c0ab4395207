"""Starting the window: the application object, its identity and icon, and the first project."""

import os
import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from factcheck import APP_ID, __version__
from factcheck.core.errors import FactcheckError
from factcheck.store.project import open_project
from factcheck.store.session import ReviewSession
from factcheck.ui.collector import collect_on_the_ui_thread
from factcheck.ui.main_window import MainWindow


def application() -> QApplication:
    """The one QApplication, created with the app's name, id and icon."""
    # Qt's raster engine hands every fill taller than about 96 lines to a pool of threads and
    # waits for them: for the small regions a key repaints, waking them costs more than the fill
    # (1-2 ms of a mark's 12 here, `python bench/workbench.py --only mark`). Qt reads it at its
    # first such fill.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    # A worker running Python (the assistant, the audit's reads) keeps the interpreter for up to
    # the switch interval before the UI thread gets it back: 5 ms by default, a third of a frame.
    sys.setswitchinterval(0.001)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("factcheck")
    app.setOrganizationName("factcheck")
    app.setApplicationVersion(__version__)
    # The id the desktop entry and the AppStream metainfo use: docks and task bars match on it.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    collect_on_the_ui_thread(app)
    return app


def app_icon() -> QIcon:
    icon = resources.files("factcheck.resources").joinpath("factcheck.svg")
    with resources.as_file(icon) as path:
        return QIcon(str(path))


def settings() -> QSettings:
    """Window settings; $FACTCHECK_SETTINGS points them at a file (tests, screenshots)."""
    if path := os.environ.get("FACTCHECK_SETTINGS"):
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings()


def run(path: Path, reviewer: str, seed_demo: bool, audit: bool = False) -> int:
    """Open the window on the project at `path` (or, with `audit`, the team lead's audit window
    on it); 1 if the project cannot be opened."""
    app = application()
    try:
        project = open_project(path, seed_demo=seed_demo)
        session = ReviewSession(project, reviewer)
    except FactcheckError as error:
        print(f"factcheck: {error}", file=sys.stderr)
        QMessageBox.critical(None, "factcheck", str(error))
        return 1
    window = MainWindow(session, settings())
    if project.backup is not None:
        window.statusBar().showMessage(
            window.tr("This project was upgraded for this version; a copy as it was is kept in %s")
            % project.backup
        )
    if audit:
        window.open_audit()
    else:
        window.show()
        window.activateWindow()  # keys work at once, before any click
        window.assist_after_first_paint()
        window.reload_articles()
    code = app.exec()
    window.session.project.close()  # the window may have switched to another project
    return code
