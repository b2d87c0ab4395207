"""The team lead's audit window: every reviewed sentence with each reviewer's verdict, filters,
the full history of the selected sentence, adjudication, and the blind-review switch.

Filtering and sorting run off the UI thread (a job computes the ordered sentence ids with its own
connection); the table then fetches the rows it shows, a small page at a time. The selected
sentence's detail (every decision and its whole history) is read and put into words on a worker
too, one read at a time, and shown when it arrives: moving through the rows never waits for it.
"""

import sqlite3
from pathlib import Path

from PySide6.QtCore import QDate, QItemSelection, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from factcheck.core.article import Article
from factcheck.core.errors import FactcheckError
from factcheck.core.labels import Verdict
from factcheck.core.report import ReportFormat
from factcheck.core.review import Via
from factcheck.core.reviewers import ReviewerStats
from factcheck.store.articles import list_articles
from factcheck.store.audit import AgreementFigures, agreement_figures, reviewer_statistics
from factcheck.store.audit_table import (
    AuditFilter,
    AuditSort,
    SentenceDetail,
    SortKey,
    detail,
    reviewers,
    rows,
    sentence_ids,
)
from factcheck.store.decisions import adjudicate
from factcheck.store.project import Project, describe
from factcheck.store.settings import blind_review, set_blind_review
from factcheck.ui import palette
from factcheck.ui.actions import show_every_key
from factcheck.ui.audit_detail import AdjudicateDialog, LoadedDetail, SentenceDetailView, load_detail
from factcheck.ui.audit_figures import AgreementView, ReviewersView
from factcheck.ui.audit_model import AuditTableModel
from factcheck.ui.jobs import Job
from factcheck.ui.screens import restore_geometry, save_geometry
from factcheck.ui.team_files import ask_report, report_job

_SEARCH_PAUSE_MS = 300


class AuditWindow(QMainWindow):
    errorShown = Signal(str)
    rowsShown = Signal()
    """Emitted when a new filter or sort has been applied to the table (tests wait on it)."""
    figuresShown = Signal()
    """Emitted when the agreement figures and reviewer statistics have been computed and shown."""
    detailShown = Signal()
    """Emitted when the selected sentence's detail has arrived and is shown (tests wait on it)."""

    def __init__(
        self, project: Project, lead: str, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditWindow")
        self.setWindowTitle(self.tr("Audit — %s") % (project.path.name if project.path else "factcheck"))
        self.project = project
        self.lead = lead
        self.settings = settings
        self.jobs: set[Job] = set()
        self._sources: dict[str, Article] = {}
        self._figures: tuple[AgreementFigures, list[ReviewerStats]] | None = None
        self._generation = 0
        self._detail_wanted = 0
        """Counts selections: a detail read for an older one is not shown."""
        self._detail_reading: int | None = None
        """The selection whose detail a worker is reading (one read at a time)."""
        self.filter = AuditFilter()
        self.sort = AuditSort()

        self.model = AuditTableModel(lambda ids: rows(self.project, ids), self)
        self.model.sortRequested.connect(self._sort)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setAccessibleName(self.tr("Reviewed sentences"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Sorting on request only (setSortingEnabled would sort at once, before the default order
        # of open disagreements first has been shown).
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.model.sort)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.detail = SentenceDetailView()
        self.detail.adjudicateRequested.connect(self.ask_adjudication)
        self.detail.shown.connect(self.detailShown)

        sentences = QSplitter(Qt.Orientation.Vertical)
        sentences.addWidget(self.table)
        sentences.addWidget(self.detail)
        sentences.setSizes([430, 360])
        self.agreement = AgreementView()
        self.reviewer_stats = ReviewersView()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Sentences, agreement and reviewers"))
        self.tabs.addTab(sentences, self.tr("Sentences"))
        self.tabs.addTab(self.agreement, self.tr("Agreement"))
        self.tabs.addTab(self.reviewer_stats, self.tr("Reviewers"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self._filters())
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.count = QLabel()
        self.statusBar().addWidget(self.count)
        self.statusBar().addPermanentWidget(QLabel(self.tr("Lead: %s") % lead))
        self._build_menus()
        restore_geometry(self, settings, "audit", (1400, 880))
        self.reload()

    # ----------------------------------------------------------------- building
    def _filters(self) -> QWidget:
        self.rewrite = QComboBox()
        self.rewrite.setObjectName("rewriteFilter")
        self.rewrite.setAccessibleName(self.tr("Article"))
        self.reviewer = QComboBox()
        self.reviewer.setObjectName("reviewerFilter")
        self.reviewer.setAccessibleName(self.tr("Reviewer"))
        self.label = QComboBox()
        self.label.setAccessibleName(self.tr("Verdict"))
        self.label.addItem(self.tr("any verdict"), None)
        for verdict, look in palette.LOOKS.items():
            self.label.addItem(f"{look.glyph} {look.name}", verdict)
        self.since = _date_edit(self.tr("from any date"), self.tr("Decided on or after"))
        self.until = _date_edit(self.tr("to any date"), self.tr("Decided on or before"))
        self.disagreements = QCheckBox(self.tr("Disagreements only"))
        self.open_only = QCheckBox(self.tr("Not adjudicated"))
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search sentences and notes"))
        self.search.setPlaceholderText(self.tr("Search sentences and notes"))
        self.search.setClearButtonEnabled(True)
        self.blind = QCheckBox(self.tr("Blind review"))
        self.blind.setToolTip(
            self.tr("Reviewers do not see each other's verdicts on sentences they have not decided yet")
        )
        self.blind.setChecked(blind_review(self.project))
        self.blind.toggled.connect(self._blind_toggled)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(_SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        for combo in (self.rewrite, self.reviewer, self.label):
            combo.currentIndexChanged.connect(self.apply_filters)
            # Long article titles must not push the search field off the row.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(11)
        self.rewrite.setMinimumContentsLength(22)
        self.search.setMinimumWidth(150)
        for box in (self.disagreements, self.open_only):
            box.toggled.connect(self.apply_filters)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        # Two rows, so that every filter stays on screen in a window 1024 pixels wide.
        bar = QWidget()
        rows = QVBoxLayout(bar)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        choices, checks = QHBoxLayout(), QHBoxLayout()
        for widget in (self.rewrite, self.reviewer, self.label, self.since, self.until):
            choices.addWidget(widget)
        choices.addStretch(1)
        for widget in (self.disagreements, self.open_only):
            checks.addWidget(widget)
        checks.addWidget(self.search, 1)
        checks.addSpacing(16)
        checks.addWidget(self.blind)
        rows.addLayout(choices)
        rows.addLayout(checks)
        return bar

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Audit"))
        self.adjudicate_action = QAction(self.tr("&Adjudicate…"), self)
        self.adjudicate_action.setShortcut(QKeySequence("Ctrl+J"))
        self.adjudicate_action.triggered.connect(self.ask_adjudication)
        self.reload_action = QAction(self.tr("&Reload"), self)
        self.reload_action.setShortcuts(QKeySequence.StandardKey.Refresh)
        self.reload_action.triggered.connect(self.reload)
        close = QAction(self.tr("&Close"), self)
        close.setShortcuts(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        self.report_action = QAction(self.tr("&Export Audit Report…"), self)
        self.report_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.report_action.triggered.connect(self.ask_report)
        menu.addActions([self.adjudicate_action, self.reload_action])
        menu.addSeparator()
        menu.addAction(self.report_action)
        menu.addSeparator()
        for number, name in enumerate((self.tr("&Sentences"), self.tr("A&greement"), self.tr("Re&viewers"))):
            show = QAction(name, self)
            show.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            show.triggered.connect(lambda _=False, tab=number: self.tabs.setCurrentIndex(tab))
            menu.addAction(show)
        menu.addSeparator()
        self.menu = menu
        menu.addAction(close)
        for action in menu.actions():
            show_every_key(action)

    # ----------------------------------------------------------------- filling
    def reload(self) -> None:
        """Read the articles and reviewers again, then the rows (after a merge, say)."""
        try:
            summaries = list_articles(self.project, self.lead)
            names = reviewers(self.project)
        except sqlite3.Error as error:
            self.show_error(describe(error))
            return
        self._fill_combo(
            self.rewrite,
            self.tr("all articles"),
            [(("source", s.id), f"{s.title} (source)") for s in summaries if s.source_id is None]
            + [(("rewrite", s.id), f"   {s.title}") for s in summaries if s.source_id is not None],
        )
        self._fill_combo(self.reviewer, self.tr("any reviewer"), [(name, name) for name in names])
        self.apply_filters()
        self._compute_figures()

    def _compute_figures(self) -> None:
        """Agreement and reviewer statistics read every verdict and event: off the UI thread."""
        path = self.project.path
        if path is None:
            self._show_figures((agreement_figures(self.project), reviewer_statistics(self.project)))
            return

        def work(progress) -> tuple[AgreementFigures, list[ReviewerStats]]:
            project = Project.open(path)
            try:
                return agreement_figures(project), reviewer_statistics(project)
            finally:
                project.close()

        job = Job(work)
        job.succeeded.connect(self._show_figures)
        self._start(job)

    def _show_figures(self, result: tuple[AgreementFigures, list[ReviewerStats]]) -> None:
        self._figures = result
        figures, statistics = result
        self.agreement.show_figures(figures)
        self.reviewer_stats.show_statistics(statistics)
        self.figuresShown.emit()

    @staticmethod
    def _fill_combo(combo: QComboBox, anything: str, items: list[tuple[object, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(anything, None)
        for data, text in items:
            combo.addItem(text, data)
        index = combo.findData(chosen)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        where = self.rewrite.currentData()
        return AuditFilter(
            source_id=where[1] if where and where[0] == "source" else None,
            rewrite_id=where[1] if where and where[0] == "rewrite" else None,
            reviewer=self.reviewer.currentData(),
            label=Verdict(label) if (label := self.label.currentData()) else None,  # Qt hands back a str
            since=_day(self.since, start=True),
            until=_day(self.until, start=False),
            disagreements_only=self.disagreements.isChecked(),
            not_adjudicated=self.open_only.isChecked(),
            search=self.search.text(),
        )

    def apply_filters(self) -> None:
        self.filter = self.current_filter()
        self._run_query()

    def _sort(self, key: SortKey, descending: bool, reviewer: str) -> None:
        self.sort = AuditSort(key, descending, reviewer)
        self._run_query()

    def _run_query(self) -> None:
        """Compute the rows' order off the UI thread; a newer query makes older ones moot."""
        self._generation += 1
        generation = self._generation
        f, sort, path = self.filter, self.sort, self.project.path
        self.count.setText(self.tr("Filtering…"))
        if path is None:
            self._show_ids(generation, (sentence_ids(self.project, f, sort), reviewers(self.project)))
            return

        def work(progress) -> tuple[list[str], list[str]]:
            project = Project.open(path)
            try:
                return sentence_ids(project, f, sort), reviewers(project)
            finally:
                project.close()

        job = Job(work)
        job.succeeded.connect(lambda result: self._show_ids(generation, result))
        self._start(job)

    def _show_ids(self, generation: int, result: tuple[list[str], list[str]]) -> None:
        if generation != self._generation:
            return
        ids, names = result
        selected = self.selected_sentence()
        self.model.set_rows(ids, names)
        self._size_columns()
        self.count.setText(self.tr("%d reviewed sentences shown") % len(ids))
        row = self.model.row_of(selected) if selected else None
        if row is None and ids:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        else:
            self._show_sentence(again=False)  # nothing selected: the pane says so
        self.rowsShown.emit()

    def _size_columns(self) -> None:
        """Fixed widths for the short columns; the sentence stretches over what is left, so
        that the reviewers' columns stay on screen in a small window."""
        header = self.table.horizontalHeader()
        widths = [150, 40, 0] + [120] * len(self.model.reviewers) + [90, 120]
        for column, width in enumerate(widths):
            if column == 2:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)

    # ----------------------------------------------------------------- the selected sentence
    def selected_sentence(self) -> str | None:
        rows_selected = self.table.selectionModel().selectedRows()
        return self.model.sentence_id(rows_selected[0].row()) if rows_selected else None

    def _selected(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._show_sentence(again=False)

    def show_selected(self) -> None:
        """Read the selected sentence's detail again and show it when it arrives (`detailShown`)."""
        self._show_sentence(again=True)

    def _show_sentence(self, again: bool) -> None:
        self._detail_wanted += 1
        sentence_id = self.selected_sentence()
        shown = self.detail.detail
        if sentence_id is None:
            self.detail.show_detail(None, None)  # shown at once: the pane says what to do
            return
        if not again and shown is not None and shown.sentence_id == sentence_id:
            self.detailShown.emit()
            return
        if self._detail_reading is None:
            self._read_detail(sentence_id, self._detail_wanted)
        # else: when the read under way ends, the sentence selected by then is read

    def _read_detail(self, sentence_id: str, wanted: int) -> None:
        sources = dict(self._sources)
        path = self.project.path
        if path is None:
            self._detail_arrived(wanted, load_detail(self.project, sentence_id, sources))
            return

        def work(progress) -> LoadedDetail:
            project = Project.open(path)
            try:
                return load_detail(project, sentence_id, sources)
            finally:
                project.close()

        self._detail_reading = wanted
        job = Job(work)
        job.succeeded.connect(lambda loaded: self._detail_arrived(wanted, loaded))
        job.finished.connect(self._detail_read)
        self._start(job)

    def _detail_arrived(self, wanted: int, loaded: LoadedDetail) -> None:
        if loaded.source is not None:
            self._sources[loaded.source.id] = loaded.source
        if wanted != self._detail_wanted:
            return  # another sentence has been selected since
        self.detail.show_detail(loaded.detail, loaded.source, loaded.history)  # then `shown`

    def _detail_read(self) -> None:
        done, self._detail_reading = self._detail_reading, None
        if done != self._detail_wanted and (sentence_id := self.selected_sentence()) is not None:
            self._read_detail(sentence_id, self._detail_wanted)

    def _current_detail(self) -> SentenceDetail | None:
        """The selected sentence's detail: the one shown, unless it has not arrived yet."""
        sentence_id = self.selected_sentence()
        shown = self.detail.detail
        if sentence_id is None or (shown is not None and shown.sentence_id == sentence_id):
            return shown
        return detail(self.project, sentence_id)

    # ----------------------------------------------------------------- deciding
    def ask_adjudication(self) -> None:
        found = self._current_detail()
        if found is None:
            return
        dialog = AdjudicateDialog(found, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and (choice := dialog.chosen()):
            self.record_adjudication(found.sentence_id, *choice)

    def record_adjudication(self, sentence_id: str, label: Verdict, reason: str) -> bool:
        """Commit the final verdict (with the evidence of the reviewers who gave it), then show it."""
        shown = self.detail.detail
        found = (
            shown
            if shown is not None and shown.sentence_id == sentence_id
            else detail(self.project, sentence_id)
        )
        evidence = tuple(
            dict.fromkeys(
                s for v in (found.reviewers if found else ()) if v.label is label for s in v.evidence
            )
        )
        try:
            adjudicate(self.project, sentence_id, self.lead, label, reason, Via.WINDOW, evidence)
        except (FactcheckError, sqlite3.Error) as error:
            self.show_error(describe(error) if isinstance(error, sqlite3.Error) else str(error))
            return False
        self.model.refresh()
        self.show_selected()
        self._compute_figures()  # overturned counts and agreement with the final verdicts change
        self.statusBar().showMessage(self.tr("Final verdict saved."), 4000)
        return True

    def ask_report(self) -> None:
        chosen = ask_report(self, self.settings)
        if chosen is not None:
            self.export_report(*chosen)

    def export_report(self, destination: Path, format_: ReportFormat) -> Job:
        """Write the report (agreement, reviewer statistics, disagreements) on a worker thread."""
        job = report_job(self.project.path, destination, format_)
        job.succeeded.connect(
            lambda written: self.statusBar().showMessage(self.tr("Wrote %s") % written, 8000)
        )
        self._start(job)
        return job

    def _blind_toggled(self, on: bool) -> None:
        try:
            set_blind_review(self.project, on, self.lead)
        except sqlite3.Error as error:
            self.show_error(describe(error))
            return
        self.statusBar().showMessage(
            self.tr("Blind review is on: reviewers see only their own verdicts until they decide.")
            if on
            else self.tr("Blind review is off: reviewers can see each other's verdicts."),
            6000,
        )

    def show_again(self) -> None:
        """Show everything again in the colours of a new theme."""
        self.model.refresh()
        self.show_selected()
        if self._figures is not None:
            self._show_figures(self._figures)

    def _start(self, job: Job) -> None:
        """Run `job`, keeping it alive until it ends; its failure is shown in a dialog."""
        job.failed.connect(self.show_error)
        job.finished.connect(lambda: self.jobs.discard(job))
        self.jobs.add(job)
        job.start()

    def show_error(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "factcheck", message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.errorShown.emit(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        for job in list(self.jobs):
            job.wait()
        save_geometry(self, self.settings, "audit")
        super().closeEvent(event)


def _date_edit(any_text: str, name: str) -> QDateEdit:
    """A date picker whose lowest value means "any date"."""
    edit = QDateEdit()
    edit.setAccessibleName(name)
    for field in edit.findChildren(QLineEdit):  # the keyboard goes to its field: name it too
        field.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setSpecialValueText(any_text)
    edit.setDate(edit.minimumDate())
    return edit


def _day(edit: QDateEdit, start: bool) -> str | None:
    if edit.date() == edit.minimumDate():
        return None
    day = edit.date().toString("yyyy-MM-dd")
    return f"{day}T00:00:00.000000Z" if start else f"{day}T23:59:59.999999Z"
