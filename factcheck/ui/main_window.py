"""The main window: the article list, the rewrite beside its source, and the verdict panel."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QTextCursor
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from factcheck.core.errors import FactcheckError
from factcheck.core.labels import Verdict
from factcheck.store.articles import ArticleSummary
from factcheck.store.project import describe
from factcheck.store.session import OpenArticle, ReviewSession
from factcheck.ui import dialogs, team_files
from factcheck.ui.actions import Actions, build_actions, build_menus
from factcheck.ui.find_bar import FindBar
from factcheck.ui.finder import Finder
from factcheck.ui.headers import PaneHeader, rewrite_details, source_details
from factcheck.ui.omissions import OmissionsList
from factcheck.ui.review import ReviewController
from factcheck.ui.rewrite_view import RewriteView
from factcheck.ui.sidebar import ArticleRole, ArticleTreeModel, Sidebar
from factcheck.ui.source_view import SourceView
from factcheck.ui.verdict_panel import VerdictPanel

if TYPE_CHECKING:
    from factcheck.ui.audit_window import AuditWindow


class MainWindow(QMainWindow):
    errorShown = Signal(str)
    """Emitted with the one line shown in an error dialog (tests wait on it)."""

    def __init__(self, session: ReviewSession, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.session = session
        self.jobs: set = set()
        """Background jobs under way, kept alive until they finish."""
        self.audit: AuditWindow | None = None
        self.setObjectName("mainWindow")
        self.setMinimumSize(720, 480)

        self.tree = ArticleTreeModel(self)
        self.sidebar = Sidebar(self.tree)
        self.rewrite_view = RewriteView()
        self.rewrite_view.setObjectName("rewriteView")
        self.source_view = SourceView()
        self.source_view.setObjectName("sourceView")
        self.rewrite_header = PaneHeader(self.tr("Rewrite"))
        self.source_header = PaneHeader(self.tr("Canonical source"))
        self.panel = VerdictPanel()
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.review = ReviewController(session, self.rewrite_view, self.source_view, self.panel, self)
        self.finder = Finder(self.find_bar, self.review, self)

        self.panes = QSplitter(Qt.Orientation.Horizontal)
        self.panes.setObjectName("panes")
        self.panes.addWidget(_column(self.rewrite_header, self.rewrite_view))
        self.panes.addWidget(_column(self.source_header, self.source_view))
        self.panes.setChildrenCollapsible(False)
        self.work = QSplitter(Qt.Orientation.Vertical)
        self.work.setObjectName("work")
        self.work.addWidget(self.panes)
        self.work.addWidget(self.panel)
        self.work.setStretchFactor(0, 1)
        self.work.setChildrenCollapsible(False)
        self.empty = self._empty_page()
        self.pages = QStackedWidget()
        self.pages.addWidget(_column(self.work, self.find_bar, stretch=0))
        self.pages.addWidget(self.empty)
        self.omissions = OmissionsList()
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.setObjectName("left")
        self.left.addWidget(self.sidebar)
        self.left.addWidget(self.omissions)
        self.left.setSizes([420, 380])
        self.main = QSplitter(Qt.Orientation.Horizontal)
        self.main.setObjectName("main")
        self.main.addWidget(self.left)
        self.main.addWidget(self.pages)
        self.main.setStretchFactor(1, 1)
        self.setCentralWidget(self.main)
        self.main.setSizes([250, 1190])
        self.work.setSizes([690, 180])

        self.actions = build_actions(
            self,
            self.review.undo_stack.createUndoAction(self, self.tr("&Undo")),
            self.review.undo_stack.createRedoAction(self, self.tr("&Redo")),
        )
        build_menus(self.menuBar(), self.actions)
        self._connect(self.actions)
        self._build_status_bar()
        self._restore_settings()
        self.setTabOrder(self.rewrite_view, self.panel.note)
        self.setTabOrder(self.panel.note, self.source_view)

    # ----------------------------------------------------------------- building
    def _empty_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(self.tr("No articles in this project yet"))
        title.setObjectName("emptyTitle")
        text = QLabel(
            self.tr(
                "Import a canonical source and its rewrites to start reviewing, "
                "or add the demo: one source and two rewrites with real distortions."
            )
        )
        text.setWordWrap(True)
        importing = QPushButton(self.tr("Import Articles…"))
        importing.clicked.connect(lambda: self.actions.import_articles.trigger())
        demo = QPushButton(self.tr("Add the Demo Articles"))
        demo.clicked.connect(lambda: self.actions.import_demo.trigger())
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        for widget in (title, text, importing, demo):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def _connect(self, a: Actions) -> None:
        review = self.review
        for verdict in Verdict:
            a.label_action(verdict).triggered.connect(lambda _=False, v=verdict: review.mark(v))
        a.clear.triggered.connect(lambda: review.mark(None))
        a.next_sentence.triggered.connect(lambda: review.step(1))
        a.previous_sentence.triggered.connect(lambda: review.step(-1))
        a.next_unreviewed.triggered.connect(review.next_unreviewed)
        a.attach_evidence.triggered.connect(review.attach_evidence)
        a.next_candidate.triggered.connect(lambda: review.step_candidate(1))
        a.previous_candidate.triggered.connect(lambda: review.step_candidate(-1))
        a.attach_candidate.triggered.connect(review.attach_candidate)
        a.accept_suggestion.triggered.connect(review.accept_suggestion)
        a.remove_evidence.triggered.connect(lambda: review.remove_evidence(-1))
        a.write_note.triggered.connect(self.panel.focus_note)
        a.toggle_review.triggered.connect(review.toggle_review)
        a.advance.toggled.connect(lambda on: setattr(review, "advance_after_marking", on))
        a.find.triggered.connect(lambda: self.find_bar.open())
        a.find_next.triggered.connect(lambda: self.finder.step(1))
        a.find_previous.triggered.connect(lambda: self.finder.step(-1))
        a.zoom_in.triggered.connect(lambda: self._zoom(1))
        a.zoom_out.triggered.connect(lambda: self._zoom(-1))
        a.zoom_reset.triggered.connect(lambda: self._zoom(0))
        a.toggle_sidebar.toggled.connect(self.left.setVisible)
        a.reviewer.triggered.connect(self.ask_reviewer)
        a.audit.triggered.connect(self.open_audit)
        a.quit.triggered.connect(self.close)
        a.import_articles.triggered.connect(lambda: dialogs.ask_import(self))
        a.import_demo.triggered.connect(lambda: dialogs.import_demo(self))
        a.export_verdicts.triggered.connect(lambda: dialogs.ask_export(self))
        a.merge_files.triggered.connect(lambda: team_files.ask_merge(self))
        a.export_audit_report.triggered.connect(self.ask_audit_report)
        a.open_project.triggered.connect(lambda: dialogs.choose_project(self, new=False))
        a.new_project.triggered.connect(lambda: dialogs.choose_project(self, new=True))
        a.shortcuts.triggered.connect(lambda: dialogs.show_shortcuts(self))
        a.about.triggered.connect(lambda: dialogs.show_about(self))
        self.sidebar.articleChosen.connect(self.open_article)
        self.panel.escaped.connect(lambda: self.rewrite_view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        review.articleOpened.connect(self._article_opened)
        review.assessed.connect(
            lambda article: self.omissions.show_omissions(article.source, article.assessment)
        )
        self.omissions.sentenceChosen.connect(self.show_in_source)
        review.progressChanged.connect(self._progress_changed)
        review.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        review.failed.connect(self.show_error)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress_label = QLabel()
        self.reviewer_button = QPushButton()
        self.reviewer_button.setFlat(True)
        self.reviewer_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reviewer_button.setToolTip(self.tr("You review as this name (Review → Reviewer…)"))
        self.reviewer_button.clicked.connect(self.ask_reviewer)
        self.project_label = QLabel()
        bar.addPermanentWidget(self.progress_label)
        bar.addPermanentWidget(self.reviewer_button)
        bar.addPermanentWidget(self.project_label)
        self._show_identity()

    def _show_identity(self) -> None:
        self.reviewer_button.setText(self.tr("Reviewer: %s") % self.session.reviewer)
        path = self.session.project.path
        self.project_label.setText(path.name if path else self.tr("(in memory)"))
        self.project_label.setToolTip(str(path) if path else "")

    # ----------------------------------------------------------------- articles
    def reload_articles(self, open_id: str | None = None) -> None:
        """Refill the article list; open `open_id`, else the last article, else the first rewrite."""
        try:
            summaries = self.session.articles()
        except (FactcheckError, sqlite3.Error) as error:
            self.show_error(describe(error) if isinstance(error, sqlite3.Error) else str(error))
            summaries = []
        self.tree.set_articles(summaries)
        self.sidebar.expandAll()
        self.pages.setCurrentIndex(0 if summaries else 1)
        rewrites = {s.id for s in summaries if s.source_id is not None}
        wanted = open_id or self.settings.value(self._last_article_key(), "", str)
        if wanted not in rewrites:
            first = self.tree.first_rewrite()
            wanted = first.data(ArticleRole).id if first.isValid() else None
        if wanted:
            self.open_article(wanted)
        else:
            self.review.close_article()
            self.rewrite_header.show_article(None)
            self.source_header.show_article(None)
            self.progress_label.setText("")
            self._update_title(None)

    def open_article(self, article_id: str) -> None:
        index = self.tree.index_of(article_id)
        summary: ArticleSummary | None = index.data(ArticleRole) if index.isValid() else None
        if self.review.open_article(article_id, summary):
            self.sidebar.setCurrentIndex(index)
            self.settings.setValue(self._last_article_key(), article_id)
            self.rewrite_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _article_opened(self, article: OpenArticle) -> None:
        reviewed, to_review = article.progress()
        self.rewrite_header.show_article(
            article.rewrite, rewrite_details(article.rewrite, reviewed, to_review)
        )
        self.source_header.show_article(article.source, source_details(article.source))
        self.omissions.show_omissions(article.source, article.assessment)
        self.progress_label.setText(self.tr("%d / %d reviewed") % (reviewed, to_review))
        self._update_title(article)

    def show_in_source(self, start: int, end: int) -> None:
        """Select a passage of the source (ready to attach with E) and bring it into view."""
        view = self.source_view
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.positions.to_qt(start))
        cursor.setPosition(view.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        view.scroll_to(start, end)

    def _progress_changed(self, summary: ArticleSummary) -> None:
        self.tree.update_article(summary)
        self.progress_label.setText(self.tr("%d / %d reviewed") % (summary.reviewed, summary.to_review))
        article = self.review.article
        if article is not None:
            self.rewrite_header.details.setText(
                rewrite_details(article.rewrite, summary.reviewed, summary.to_review)
            )

    def _update_title(self, article: OpenArticle | None) -> None:
        path = self.session.project.path
        parts = [article.rewrite.title] if article else []
        parts.append(path.name if path else "factcheck")
        self.setWindowTitle(" — ".join(parts))

    def _last_article_key(self) -> str:
        path = self.session.project.path
        return f"lastArticle/{path.resolve() if path else 'memory'}".replace("\\", "/")

    # ----------------------------------------------------------------- reviewer, project
    def ask_reviewer(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            self.tr("Reviewer"),
            self.tr("Review as (each reviewer sees and edits only their own verdicts):"),
            text=self.session.reviewer,
        )
        if ok:
            self.set_reviewer(name)

    def set_reviewer(self, name: str) -> None:
        self.panel.commit_note()
        try:
            self.session.set_reviewer(name)
        except FactcheckError as error:
            self.show_error(str(error))
            return
        self.review.undo_stack.clear()  # undo history belongs to the reviewer who made it
        self._show_identity()
        current = self.review.article.rewrite.id if self.review.article else None
        self.reload_articles(current)

    def open_audit(self) -> AuditWindow:
        """The team lead's audit of this project, in a window of its own."""
        from factcheck.ui.audit_window import AuditWindow  # loaded when a lead first asks for it

        if self.audit is None or self.audit.project is not self.session.project:
            self.audit = AuditWindow(self.session.project, self.session.reviewer, self.settings)
        else:
            self.audit.reload()
        self.audit.show()
        self.audit.raise_()
        self.audit.activateWindow()
        return self.audit

    def ask_audit_report(self) -> None:
        chosen = team_files.ask_report(self, self.settings)
        if chosen is not None:
            team_files.export_report(self, *chosen)

    def switch_session(self, session: ReviewSession) -> None:
        """Work on another project file from now on."""
        self.review.close_article()
        self.review.undo_stack.clear()
        if self.audit is not None:
            self.audit.close()
            self.audit = None
        self.session.project.close()
        self.session = session
        self.review.session = session
        self._show_identity()
        self.reload_articles()

    # ----------------------------------------------------------------- view
    def _zoom(self, steps: int) -> None:
        for view in (self.rewrite_view, self.source_view):
            if steps:
                view.zoom(steps)
            else:
                view.set_point_size(default_text_size())
        self.settings.setValue("textSize", self.rewrite_view.point_size())

    def show_error(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "factcheck", message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, without blocking: the loop (and tests) go on
        self.errorShown.emit(message)

    # ----------------------------------------------------------------- settings
    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 880)
        for name, splitter in self._splitters():
            state = s.value(f"splitters/{name}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        size = s.value("textSize", 0.0, float)
        if size:
            for view in (self.rewrite_view, self.source_view):
                view.set_point_size(size)
        self.actions.advance.setChecked(s.value("advanceAfterMarking", True, bool))
        self.actions.toggle_sidebar.setChecked(s.value("showArticles", True, bool))
        self.left.setVisible(self.actions.toggle_sidebar.isChecked())

    def _splitters(self) -> list[tuple[str, QSplitter]]:
        return [("main", self.main), ("left", self.left), ("panes", self.panes), ("work", self.work)]

    def _save_settings(self) -> None:
        s = self.settings
        s.setValue("geometry", self.saveGeometry())
        for name, splitter in self._splitters():
            s.setValue(f"splitters/{name}", splitter.saveState())
        s.setValue("advanceAfterMarking", self.actions.advance.isChecked())
        s.setValue("showArticles", self.actions.toggle_sidebar.isChecked())
        s.sync()

    # ----------------------------------------------------------------- events
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.review.reload()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.panel.commit_note()  # a note typed a moment ago is saved before the window goes
        self.review.stop_jobs()
        if self.audit is not None:
            self.audit.close()
        self._save_settings()
        super().closeEvent(event)


def default_text_size() -> float:
    """The text panes read a little larger than the interface around them."""
    return QFont().pointSizeF() + 1.5


def _column(*widgets: QWidget, stretch: int = -1) -> QWidget:
    """Widgets stacked top to bottom; the one at `stretch` takes the spare height."""
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.setStretch(stretch % len(widgets), 1)
    return column
