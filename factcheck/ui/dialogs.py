"""The window's file commands (import, export, open a project) and its small dialogs.

Imports and exports run on a worker thread with their own connection to the project file and
hand plain results back; the window only shows progress and the outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from factcheck import __version__
from factcheck.core.errors import FactcheckError
from factcheck.core.export import ExportContent, ExportFormat
from factcheck.store.articles import Imported, Outcome
from factcheck.store.export import Exported, export
from factcheck.store.importing import import_demo as store_import_demo
from factcheck.store.importing import import_files
from factcheck.store.project import Project, open_project
from factcheck.store.session import ReviewSession
from factcheck.store.settings import publisher, set_publisher
from factcheck.ui.actions import keys_text, title
from factcheck.ui.export_dialog import ExportDialog
from factcheck.ui.import_dialog import ImportDialog
from factcheck.ui.jobs import Job, Progress

if TYPE_CHECKING:
    from factcheck.ui.main_window import MainWindow

PROJECT_FILTER = QT_TRANSLATE_NOOP("files", "factcheck projects (*.db *.factcheck *.sqlite);;All files (*)")
"""Translated where it is used: `translated(PROJECT_FILTER)`."""


def translated(text: str) -> str:
    return QCoreApplication.translate("files", text)


def start_job(
    window: MainWindow,
    job: Job,
    label: str,
    cancellable: bool,
    failed: Callable[[str], None] | None = None,
) -> QProgressDialog:
    """Run `job`, with a progress dialog that appears only if it takes over half a second; its
    failure goes to `failed` (by default a dialog on the window)."""
    dialog = QProgressDialog(label, window.tr("Cancel") if cancellable else "", 0, 0, window)
    dialog.setWindowTitle("factcheck")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.canceled.connect(job.cancel)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    job.progressed.connect(progressed)
    job.finished.connect(dialog.close)
    job.finished.connect(lambda: window.jobs.discard(job))
    job.failed.connect(failed or window.show_error)
    window.jobs.add(job)  # keep it alive until it finishes
    job.start()
    return dialog


# ----------------------------------------------------------------- importing
def ask_import(window: MainWindow) -> ImportDialog:
    """The import dialog; it stays open until the import succeeds, so that a file refused can
    be replaced without picking every other one again."""
    dialog = ImportDialog(window, window.settings.value("importFolder", "", str))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def requested(source: Path, rewrites: list[Path]) -> None:
        window.settings.setValue("importFolder", str(source.parent))
        dialog.set_busy(True)
        job = run_import(window, source, rewrites, failed=dialog.show_problem)
        job.succeeded.connect(lambda _: dialog.accept())
        job.finished.connect(lambda: dialog.set_busy(False))

    dialog.importRequested.connect(requested)
    dialog.open()  # window-modal, without blocking the loop
    return dialog


def run_import(
    window: MainWindow, source: Path, rewrites: list[Path], failed: Callable[[str], None] | None = None
) -> Job:
    path = window.session.project.path

    def work(progress: Progress) -> list[Imported]:
        with _opened(path) as project:
            return import_files(project, source, rewrites)

    return _import_job(window, work, failed)


def import_demo(window: MainWindow) -> Job:
    path = window.session.project.path

    def work(progress: Progress) -> list[Imported]:
        with _opened(path) as project:
            return store_import_demo(project)

    return _import_job(window, work)


def _import_job(window: MainWindow, work, failed: Callable[[str], None] | None = None) -> Job:
    job = Job(work)
    job.succeeded.connect(lambda results: _imported(window, results))
    start_job(window, job, window.tr("Importing…"), cancellable=False, failed=failed)
    return job


def _imported(window: MainWindow, results: list[Imported]) -> None:
    new = [r for r in results if r.outcome is not Outcome.UNCHANGED]
    rewrites = [r.article.id for r in results if r.article.source_id is not None]
    if not new:
        window.statusBar().showMessage(window.tr("Already imported: nothing changed."), 6000)
    else:
        window.statusBar().showMessage(window.tr("Imported %d articles.") % len(new), 6000)
    fresh = [r.article.id for r in new if r.article.source_id is not None]
    window.reload_articles((fresh or rewrites or [None])[0])


# ----------------------------------------------------------------- exporting
def ask_export(window: MainWindow) -> None:
    """The export dialog (format, rows, publishing settings), then where to write the file."""
    project = window.session.project
    dialog = ExportDialog(window, window.settings.value("exportKind", "csv-excel", str), publisher(project))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    choice = dialog.choice()
    window.settings.setValue("exportKind", choice.kind.key)
    if choice.kind.format is ExportFormat.CLAIMREVIEW and choice.publisher != publisher(project):
        try:
            set_publisher(
                project, window.session.reviewer, choice.publisher.organisation, choice.publisher.base_url
            )
        except FactcheckError as error:
            window.show_error(str(error))
            return
    folder = window.settings.value("exportFolder", str(Path.home()), str)
    name, _ = QFileDialog.getSaveFileName(
        window, window.tr("Export verdicts"), str(Path(folder) / choice.file_name), choice.kind.filter
    )
    if not name:
        return
    window.settings.setValue("exportFolder", str(Path(name).parent))
    run_export(window, Path(name), choice.kind.format, choice.content, bom=choice.kind.bom)


def run_export(
    window: MainWindow,
    destination: Path,
    format_: ExportFormat,
    content: ExportContent = ExportContent.VERDICTS,
    bom: bool = False,
) -> Job:
    path = window.session.project.path

    def work(progress: Progress) -> Exported:
        with _opened(path) as project:
            return export(project, destination, content, format_, progress=progress, bom=bom)

    job = Job(work)
    job.succeeded.connect(lambda exported: _exported(window, destination, format_, exported))
    start_job(window, job, window.tr("Exporting…"), cancellable=True)
    return job


def _exported(window: MainWindow, destination: Path, format_: ExportFormat, exported: Exported) -> None:
    if format_ is ExportFormat.CLAIMREVIEW:
        message = window.tr("Exported %d reviews to %s") % (exported.rows, destination)
    else:
        message = window.tr("Exported %d rows to %s") % (exported.rows, destination)
    window.statusBar().showMessage(message, 8000)
    if exported.warnings:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            window.tr("Exported, with warnings"),
            message + ".\n\n" + "\n".join(f"• {line[:1].upper()}{line[1:]}." for line in exported.warnings),
            QMessageBox.StandardButton.Ok,
            window,
        )
        box.setObjectName("exportWarnings")
        box.open()


class _opened:
    """A project connection for one worker thread, closed when the work is done."""

    def __init__(self, path: Path | None) -> None:
        if path is None:
            raise ValueError("a project in memory cannot be shared with a worker thread")
        self._path = path

    def __enter__(self) -> Project:
        self.project = Project.open(self._path)
        return self.project

    def __exit__(self, *exc: object) -> None:
        self.project.close()


# ----------------------------------------------------------------- projects
def choose_project(window: MainWindow, new: bool) -> None:
    folder = str(window.session.project.path.parent) if window.session.project.path else ""
    if new:
        name, _ = QFileDialog.getSaveFileName(
            window, window.tr("New project"), folder, translated(PROJECT_FILTER)
        )
    else:
        name, _ = QFileDialog.getOpenFileName(
            window, window.tr("Open project"), folder, translated(PROJECT_FILTER)
        )
    if name:
        switch_project(window, Path(name))


def switch_project(window: MainWindow, path: Path) -> bool:
    """Work on the project at `path` (created if it does not exist) from now on."""
    try:
        project = open_project(path)
        session = ReviewSession(project, window.session.reviewer)
    except FactcheckError as error:
        window.show_error(str(error))
        return False
    window.switch_session(session)
    return True


# ----------------------------------------------------------------- help
def show_shortcuts(window: MainWindow) -> None:
    """A table of every command and its keys, read from the actions themselves."""
    dialog = QDialog(window)
    dialog.setWindowTitle(window.tr("Keyboard shortcuts"))
    rows = [(title(a), keys_text(a)) for a in window.actions.all() if a.shortcuts()]
    table = QTableWidget(len(rows), 2)
    table.setHorizontalHeaderLabels([window.tr("Command"), window.tr("Keys")])
    for row, (text, keys) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(text))
        table.setItem(row, 1, QTableWidgetItem(keys))
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnsToContents()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    dialog.resize(520, 560)
    dialog.open()


def show_about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        window.tr("About factcheck"),
        window.tr(
            "<b>factcheck %s</b><p>Review rewritten news articles sentence by sentence against "
            "their canonical source. Every decision is saved the moment it is made.</p>"
        )
        % __version__,
    )
