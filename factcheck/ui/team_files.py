"""The team lead's file commands: merging reviewers' project files into this project, and writing
the audit report. Both run on a worker thread with a connection of their own; the window shows
progress and the outcome, and a refused merge leaves the project exactly as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from factcheck.core.report import ReportFormat
from factcheck.store.project import Project
from factcheck.ui.dialogs import PROJECT_FILTER, start_job, translated
from factcheck.ui.jobs import Job, Progress

if TYPE_CHECKING:
    from factcheck.store.merge import MergeReport, UnverifiedHistory
    from factcheck.ui.main_window import MainWindow

REPORT_FILTER = QT_TRANSLATE_NOOP("files", "HTML, opens in a browser (*.html);;Text (*.txt);;JSON (*.json)")


# ----------------------------------------------------------------- the audit report
def ask_report(parent: QWidget, settings: QSettings) -> tuple[Path, ReportFormat] | None:
    """Where to write the audit report, and in which format (told by the name's suffix)."""
    folder = settings.value("exportFolder", str(Path.home()), str)
    name, chosen = QFileDialog.getSaveFileName(
        parent, parent.tr("Export audit report"), str(Path(folder) / "audit.html"), translated(REPORT_FILTER)
    )
    if not name:
        return None
    settings.setValue("exportFolder", str(Path(name).parent))
    by_suffix = {".txt": ReportFormat.TEXT, ".json": ReportFormat.JSON, ".html": ReportFormat.HTML}
    by_filter = ReportFormat.TEXT if "*.txt" in chosen else ReportFormat.JSON if "*.json" in chosen else None
    return Path(name), by_suffix.get(Path(name).suffix.lower(), by_filter or ReportFormat.HTML)


def report_job(path: Path, destination: Path, format_: ReportFormat) -> Job:
    """A job (not started) that writes the report of the project at `path` and returns where."""
    from factcheck.store.audit import write_report

    def work(progress: Progress) -> Path:
        project = Project.open(path)
        try:
            write_report(project, destination, format_, progress=progress)
        finally:
            project.close()
        return destination

    return Job(work)


def export_report(window: MainWindow, destination: Path, format_: ReportFormat) -> Job:
    job = report_job(_project_path(window), destination, format_)
    job.succeeded.connect(
        lambda written: window.statusBar().showMessage(
            window.tr("Wrote the audit report to %s") % written, 8000
        )
    )
    start_job(window, job, window.tr("Writing the audit report…"), cancellable=True)
    return job


# ----------------------------------------------------------------- merging
def ask_merge(window: MainWindow) -> None:
    folder = window.settings.value("mergeFolder", str(Path.home()), str)
    names, _ = QFileDialog.getOpenFileNames(
        window,
        window.tr("Merge reviewers' project files into this project"),
        folder,
        translated(PROJECT_FILTER),
    )
    if names:
        window.settings.setValue("mergeFolder", str(Path(names[0]).parent))
        run_merge(window, [Path(name) for name in names])


def run_merge(window: MainWindow, files: list[Path], force: bool = False) -> Job:
    """Merge `files` into the window's project on a worker thread. A file whose history fails
    verify is not merged: the lead is asked whether to merge it anyway."""
    from factcheck.store.merge import UnverifiedHistory, merge_projects

    path = _project_path(window)
    reviewer = window.session.reviewer

    def work(progress: Progress) -> MergeReport | UnverifiedHistory:
        project = Project.open(path)
        try:
            return merge_projects(project, files, by=reviewer, force=force, progress=progress)
        except UnverifiedHistory as refusal:
            return refusal  # a question for the lead, not an error
        finally:
            project.close()

    job = Job(work)
    job.succeeded.connect(lambda outcome: _merged(window, files, outcome))
    dialog = start_job(window, job, window.tr("Merging project files…"), cancellable=True)
    dialog.setMinimumDuration(0)  # the project is locked for writing while it runs: say so at once
    return job


def _merged(window: MainWindow, files: list[Path], outcome: MergeReport | UnverifiedHistory) -> None:
    from factcheck.store.merge import UnverifiedHistory

    if isinstance(outcome, UnverifiedHistory):
        _ask_merge_anyway(window, files, outcome)
        return
    current = window.review.article.rewrite.id if window.review.article else None
    window.reload_articles(current)  # new articles, and the verdicts of others on this one
    if window.audit is not None and window.audit.isVisible():
        window.audit.reload()
    window.statusBar().showMessage(
        window.tr("Merged %d events from %d files.") % (outcome.events_added, len(outcome.files)), 8000
    )
    dialog = MergeReportDialog(window, outcome, _project_path(window))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def _ask_merge_anyway(window: MainWindow, files: list[Path], refusal: UnverifiedHistory) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        window.tr("Merge project files"),
        window.tr(
            "%s.\n\nNothing was merged. Merge anyway? The merge report will name these events,"
            " and verify will go on reporting them."
        )
        % refusal.reason,
        QMessageBox.StandardButton.Cancel,
        window,
    )
    anyway = box.addButton(window.tr("&Merge Anyway"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(
        lambda button: run_merge(window, files, force=True) if button is anyway else None
    )
    box.open()  # window-modal without blocking the loop


class MergeReportDialog(QDialog):
    """What a merge added, by file and reviewer, and its conflicts: as the command prints it."""

    def __init__(self, parent: QWidget, report: MergeReport, target: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge report"))
        self.resize(760, 420)
        conflicts = len(report.conflicts) + len(report.text_conflicts)
        headline = QLabel(
            self.tr("%d events added from %d files; %s.")
            % (
                report.events_added,
                len(report.files),
                self.tr("no conflicts")
                if not conflicts
                else self.tr("%d conflicts, listed below") % conflicts,
            )
        )
        headline.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(report.lines(target)))
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("&Copy Report"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)


def _project_path(window: MainWindow) -> Path:
    path = window.session.project.path
    if path is None:
        raise ValueError("a project in memory cannot be shared with a worker thread")
    return path
