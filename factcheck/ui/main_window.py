"""The main window: the rewrite beside its source, the verdict panel, and docks for the articles,
the sentences of the rewrite and what it leaves out. Everything is reachable from the keyboard:
F6 goes round the panes, and the pane with the keyboard is framed."""

from __future__ import annotations

import sqlite3
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QRectF, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from factcheck.core.errors import FactcheckError
from factcheck.core.labels import Verdict
from factcheck.core.themes import Theme
from factcheck.store.articles import ArticleSummary
from factcheck.store.project import describe
from factcheck.store.session import OpenArticle, ReviewSession, latest_version
from factcheck.ui import palette
from factcheck.ui.actions import Actions, build_actions, build_menus, show_every_key
from factcheck.ui.collector import consider_everything_again
from factcheck.ui.find_bar import FindBar, Pane
from factcheck.ui.finder import Finder
from factcheck.ui.headers import PaneHeader, rewrite_details, source_details
from factcheck.ui.jobs import AfterFirstPaint
from factcheck.ui.keys import escape_key
from factcheck.ui.omissions import OmissionsList
from factcheck.ui.review import ReviewController
from factcheck.ui.rewrite_view import RewriteView
from factcheck.ui.screens import restore_geometry, save_geometry
from factcheck.ui.sentence_list import SentenceList
from factcheck.ui.sidebar import ArticleRole, ArticleTreeModel, Sidebar
from factcheck.ui.source_view import SourceView
from factcheck.ui.style import styled
from factcheck.ui.themes import ThemeSwitcher
from factcheck.ui.verdict_panel import VerdictPanel

if TYPE_CHECKING:
    from types import ModuleType

    from factcheck.ui.audit_window import AuditWindow
    from factcheck.ui.go_to import GoToSentence

PREFERRED_SIZE = (1440, 900)
"""The first size on a screen with room for it; a smaller screen gets the window maximized."""
_STATE_VERSION = 2
"""Of the docks' saved layout (1 had no docks): a layout from another version is not restored."""


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
        self.setMinimumSize(640, 400)
        self.themes = ThemeSwitcher(settings, self)  # before any widget, so none paints twice

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
        self.sentence_list = SentenceList()
        self.omissions = OmissionsList()

        self.rewrite_frame = PaneFrame(self.rewrite_header, self.rewrite_view)
        self.source_frame = PaneFrame(self.source_header, self.source_view)
        self.panes = QSplitter(Qt.Orientation.Horizontal)
        self.panes.setObjectName("panes")
        self.panes.addWidget(self.rewrite_frame)
        self.panes.addWidget(self.source_frame)
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
        self.setCentralWidget(self.pages)
        self.work.setSizes([640, 220])

        self.articles_dock = self._dock("articlesDock", self.tr("Articles"), self.sidebar)
        self.sentences_dock = self._dock("sentencesDock", self.tr("Sentences"), self.sentence_list)
        self.omissions_dock = self._dock("omissionsDock", self.tr("Left Out"), self.omissions)
        area = Qt.DockWidgetArea.LeftDockWidgetArea
        for dock in (self.articles_dock, self.sentences_dock):
            self.addDockWidget(area, dock)
        self.tabifyDockWidget(self.sentences_dock, self.omissions_dock)
        self.sentences_dock.raise_()
        self.resizeDocks([self.articles_dock, self.sentences_dock], [150, 450], Qt.Orientation.Vertical)

        self.actions = build_actions(
            self,
            self.review.undo_stack.createUndoAction(self, self.tr("&Undo")),
            self.review.undo_stack.createRedoAction(self, self.tr("&Redo")),
        )
        # Redo has two keys, and the stack renames it after every change.
        show_every_key(self.actions.redo, self.review.undo_stack.redoTextChanged)
        panels = [self.articles_dock, self.sentences_dock, self.omissions_dock]
        names = [self.tr("&Articles"), self.tr("&Sentences"), self.tr("What the Rewrite &Leaves Out")]
        toggles = [dock.toggleViewAction() for dock in panels]
        for toggle, name in zip(toggles, names, strict=True):
            toggle.setText(name)
        build_menus(self.menuBar(), self.actions, toggles)
        self._connect(self.actions)
        self._build_status_bar()
        self._restore_settings()
        self._chain_tabs()
        QApplication.instance().focusChanged.connect(self._focus_moved)

    # ----------------------------------------------------------------- building
    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    def _empty_page(self) -> QWidget:
        page = QWidget()
        card = QWidget()
        card.setMaximumWidth(560)
        title = QLabel(self.tr("No articles in this project yet"))
        styled(title, "emptyTitle")
        title.setWordWrap(True)
        text = QLabel(
            self.tr(
                "Import a canonical source and its rewrites to start reviewing (Ctrl+I), or add the "
                "demo: one source and two rewrites with real distortions. A team lead can merge "
                "the reviewers' project files into this one (Ctrl+Shift+M)."
            )
        )
        text.setWordWrap(True)
        buttons = []
        for label, act in (
            (self.tr("&Import Articles…"), lambda: self.actions.import_articles),
            (self.tr("Add the &Demo Articles"), lambda: self.actions.import_demo),
            (self.tr("&Merge Project Files…"), lambda: self.actions.merge_files),
            (self.tr("&Open Another Project…"), lambda: self.actions.open_project),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, act=act: act().trigger())
            buttons.append(button)
        self.empty_buttons = buttons
        card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(card)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(8)
        for button in buttons:
            layout.addWidget(button)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card, 3)
        middle.addStretch(1)
        outer = QVBoxLayout(page)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        return page

    def _connect(self, a: Actions) -> None:
        review = self.review
        for verdict in Verdict:
            a.label_action(verdict).triggered.connect(lambda _=False, v=verdict: review.mark(v))
        a.clear.triggered.connect(lambda: review.mark(None))
        a.next_sentence.triggered.connect(lambda: review.step(1))
        a.previous_sentence.triggered.connect(lambda: review.step(-1))
        a.next_unreviewed.triggered.connect(review.next_unreviewed)
        a.go_to_sentence.triggered.connect(self.ask_sentence)
        a.next_article.triggered.connect(lambda: review.step_article(1))
        a.previous_article.triggered.connect(lambda: review.step_article(-1))
        a.next_pane.triggered.connect(lambda: self.cycle_panes(1))
        a.previous_pane.triggered.connect(lambda: self.cycle_panes(-1))
        a.focus_rewrite.triggered.connect(self.focus_rewrite)
        a.focus_source.triggered.connect(self.focus_source)
        a.focus_sentences.triggered.connect(self.focus_sentences)
        a.filter_sentences.triggered.connect(lambda: self.focus_sentences(words=True))
        a.focus_articles.triggered.connect(self.focus_articles)
        a.attach_evidence.triggered.connect(review.attach_evidence)
        a.next_candidate.triggered.connect(lambda: review.step_candidate(1))
        a.previous_candidate.triggered.connect(lambda: review.step_candidate(-1))
        a.attach_candidate.triggered.connect(review.attach_candidate)
        a.accept_suggestion.triggered.connect(review.accept_suggestion)
        a.remove_evidence.triggered.connect(lambda: review.remove_evidence(-1))
        a.keep_problem.triggered.connect(review.keep_problem)
        a.remove_problem.triggered.connect(lambda: review.remove_problem())
        a.take_flag.triggered.connect(review.take_flag)
        for error_type, act in a.error_type_actions().items():
            act.triggered.connect(lambda _=False, t=error_type: review.toggle_error_type(t))
        self.panel.problems.set_type_actions(a.error_type_actions())
        a.write_correction.triggered.connect(review.write_correction)
        a.write_note.triggered.connect(self.panel.focus_note)
        a.toggle_review.triggered.connect(review.toggle_review)
        a.advance.toggled.connect(lambda on: setattr(review, "advance_after_marking", on))
        a.find.triggered.connect(self.open_find)
        a.find_in_source.triggered.connect(lambda: self.find_bar.open(Pane.SOURCE))
        a.find_next.triggered.connect(lambda: self.finder.step(1))
        a.find_previous.triggered.connect(lambda: self.finder.step(-1))
        a.zoom_in.triggered.connect(lambda: self._zoom(1))
        a.zoom_out.triggered.connect(lambda: self._zoom(-1))
        a.zoom_reset.triggered.connect(lambda: self._zoom(0))
        for theme in Theme:
            a.theme_action(theme).triggered.connect(lambda _=False, t=theme: self.themes.choose(t))
        a.theme_action(self.themes.theme).setChecked(True)
        self.themes.changed.connect(self._theme_changed)
        a.reviewer.triggered.connect(self.ask_reviewer)
        a.audit.triggered.connect(self.open_audit)
        a.quit.triggered.connect(self.close)
        a.import_articles.triggered.connect(lambda: _files().ask_import(self))
        a.import_demo.triggered.connect(lambda: _files().import_demo(self))
        a.export_verdicts.triggered.connect(lambda: _files().ask_export(self))
        a.merge_files.triggered.connect(lambda: _team_files().ask_merge(self))
        a.export_audit_report.triggered.connect(self.ask_audit_report)
        a.open_project.triggered.connect(lambda: _files().choose_project(self, new=False))
        a.new_project.triggered.connect(lambda: _files().choose_project(self, new=True))
        a.shortcuts.triggered.connect(lambda: _files().show_shortcuts(self))
        a.about.triggered.connect(lambda: _files().show_about(self))
        self.sidebar.articleChosen.connect(self.open_article)
        escape_key(self.sidebar).connect(self.focus_rewrite)
        self.panel.escaped.connect(self.focus_rewrite)
        escape_key(self.source_view).connect(self.focus_rewrite)
        self.sentence_list.sentenceChosen.connect(review.go_to)
        self.sentence_list.escaped.connect(self.focus_rewrite)
        self.omissions.escaped.connect(self.focus_rewrite)
        review.articleOpened.connect(self._article_opened)
        review.currentChanged.connect(self.sentence_list.follow)
        review.sentenceChanged.connect(self.sentence_list.sentence_changed)
        review.verdictsReloaded.connect(self.sentence_list.refresh)
        review.assessed.connect(self._assessed)
        self.omissions.sentenceChosen.connect(self.show_in_source)
        review.progressChanged.connect(self._progress_changed)
        review.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        review.failed.connect(self.show_error)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress_label = QLabel()
        self.reviewer_button = QPushButton()
        self.reviewer_button.setFlat(True)
        self.reviewer_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reviewer_button.setToolTip(self.tr("You review as this name (Review → Reviewer…, Ctrl+R)"))
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

    def _chain_tabs(self) -> None:
        """Tab goes round: rewrite, note, correction, evidence, source, sentence list, articles,
        left out."""
        chain = [
            self.rewrite_view,
            self.panel.note,
            self.panel.correction,
            self.panel.evidence,
            self.source_view,
            self.sentence_list.show_choice,
            self.sentence_list.words,
            self.sentence_list.table,
            self.sentence_list.deleted,
            self.sidebar,
            self.omissions.list,
        ]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)

    # ----------------------------------------------------------------- the keyboard between panes
    def pane_stops(self) -> list[QWidget]:
        """Where F6 goes, in turn: the panes and lists that are on show."""
        stops: list[QWidget] = [self.rewrite_view, self.source_view]
        if self.panel.note.isEnabled():
            stops.append(self.panel.note)
        for dock, widget in (
            (self.sentences_dock, self.sentence_list.table),
            (self.articles_dock, self.sidebar),
        ):
            if not dock.isHidden():
                stops.append(widget)
        return stops

    def cycle_panes(self, step: int) -> None:
        stops = self.pane_stops()
        focus = QApplication.focusWidget()
        here = next((i for i, w in enumerate(stops) if w is focus or w.isAncestorOf(focus)), None)
        # From elsewhere (a filter field, the find bar), F6 starts again at the rewrite.
        start = -1 if step > 0 else 0
        self._focus(stops[((start if here is None else here) + step) % len(stops)])

    def _focus(self, widget: QWidget) -> None:
        if widget is self.sentence_list.table:
            self.focus_sentences()
        elif widget is self.sidebar:
            self.focus_articles()
        elif widget is self.source_view:
            self.focus_source()
        elif widget is self.panel.note:
            self.panel.focus_note()
        else:
            self.focus_rewrite()

    def assist_after_first_paint(self) -> None:
        """Start the evidence assistant once the window has painted its first frame (start-up)."""
        self.review.hold_assessment()
        AfterFirstPaint(self, self.review.release_assessment)

    def focus_rewrite(self) -> None:
        self.rewrite_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_source(self) -> None:
        """The keyboard to the source, its caret at the passage on show, ready to select."""
        self.source_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.source_view.place_caret()

    def focus_sentences(self, words: bool = False) -> None:
        self.sentences_dock.show()
        self.sentences_dock.raise_()
        if words:
            self.sentence_list.focus_words()
        else:
            self.sentence_list.focus_list()

    def focus_articles(self) -> None:
        self.articles_dock.show()
        self.articles_dock.raise_()
        self.sidebar.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_find(self) -> None:
        """Ctrl+F finds in the source when the source has the keyboard, else where it last did."""
        focus = QApplication.focusWidget()
        pane = (
            Pane.SOURCE if focus is self.source_view else Pane.REWRITE if focus is self.rewrite_view else None
        )
        self.find_bar.open(pane)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        for frame, view in ((self.rewrite_frame, self.rewrite_view), (self.source_frame, self.source_view)):
            frame.set_focused(new is view)

    def ask_sentence(self) -> GoToSentence | None:
        """Ctrl+G: ask for a sentence number (window-modal, without blocking the loop)."""
        article = self.review.article
        if article is None or not article.rewrite.sentences:
            return None
        from factcheck.ui.go_to import GoToSentence

        current = self.rewrite_view.current
        dialog = GoToSentence(len(article.rewrite.sentences), None if current is None else current + 1, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.review.go_to((dialog.number or 1) - 1))
        dialog.finished.connect(self._back_from_dialog)
        dialog.open()
        return dialog

    def _back_from_dialog(self) -> None:
        """The keys go back to this window (some desktops leave no window active)."""
        self.activateWindow()
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            self.focus_rewrite()

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
        wanted = open_id
        if wanted is None:  # the rewrite last open, or the version that has replaced it since
            last = latest_version(summaries, self.settings.value(self._last_article_key(), "", str))
            wanted = last.id if last is not None else None
        if wanted not in rewrites:
            first = self.tree.first_rewrite()
            wanted = first.data(ArticleRole).id if first.isValid() else None
        if wanted:
            self.open_article(wanted)
        else:
            self.review.close_article()
            self.rewrite_header.show_article(None)
            self.source_header.show_article(None)
            self.sentence_list.show_article(None)
            self.progress_label.setText("")
            self._update_title(None)
            if not summaries:
                self.empty_buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def open_article(self, article_id: str) -> None:
        index = self.tree.index_of(article_id)
        summary: ArticleSummary | None = index.data(ArticleRole) if index.isValid() else None
        if self.review.open_article(article_id, summary):
            self.focus_rewrite()

    def _article_opened(self, article: OpenArticle) -> None:
        reviewed, to_review = article.progress()
        recheck = article.recheck_progress() if article.revision is not None else (0, 0)
        self.rewrite_header.show_article(article.rewrite, self._details(reviewed, to_review, recheck))
        self.source_header.show_article(article.source, source_details(article.source))
        self.omissions.show_omissions(article.source, article.assessment)
        self.sentence_list.show_article(article)
        self.progress_label.setText(self._progress_text(reviewed, to_review, recheck))
        self.sidebar.setCurrentIndex(self.tree.index_of(article.rewrite.id))
        self.settings.setValue(self._last_article_key(), article.rewrite.id)
        self._update_title(article)

    def _assessed(self, article: OpenArticle) -> None:
        self.omissions.show_omissions(article.source, article.assessment)
        self.sentence_list.hints_arrived()

    def show_in_source(self, start: int, end: int) -> None:
        """Select a passage of the source (ready to attach with E) and bring it into view."""
        self.source_view.select(start, end)
        self.source_view.scroll_to(start, end)

    def _progress_changed(self, summary: ArticleSummary) -> None:
        self.tree.update_article(summary)
        recheck = (summary.rechecked, summary.to_recheck)
        self.progress_label.setText(self._progress_text(summary.reviewed, summary.to_review, recheck))
        if self.review.article is not None:
            self.rewrite_header.details.setText(self._details(summary.reviewed, summary.to_review, recheck))

    def _details(self, reviewed: int, to_review: int, recheck: tuple[int, int]) -> str:
        article = self.review.article
        assert article is not None
        revision = article.revision
        revises = revision.previous_version if revision is not None else None
        return rewrite_details(article.rewrite, reviewed, to_review, revises, recheck)

    def _progress_text(self, reviewed: int, to_review: int, recheck: tuple[int, int]) -> str:
        """ "41 / 43 reviewed · 0 / 2 changed checked": a revision counts what changed apart."""
        text = self.tr("%d / %d reviewed") % (reviewed, to_review)
        article = self.review.article
        if article is not None and article.revision is not None:
            text += " · " + self.tr("%d / %d changed checked") % recheck
        return text

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
        chosen = _team_files().ask_report(self, self.settings)
        if chosen is not None:
            _team_files().export_report(self, *chosen)

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

    def _theme_changed(self) -> None:
        self.actions.theme_action(self.themes.theme).setChecked(True)
        for frame in (self.rewrite_frame, self.source_frame):
            frame.header.show_focus(frame.focused)  # restyled as unfocused with the other headers
        self.panel.restyle()
        self.review.show_again()
        for widget in (self.sentence_list.table, self.sidebar, self.omissions.list):
            widget.viewport().update()
        if self.audit is not None:
            self.audit.show_again()

    def show_error(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "factcheck", message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, without blocking: the loop (and tests) go on
        self.errorShown.emit(message)

    # ----------------------------------------------------------------- settings
    def _restore_settings(self) -> None:
        s = self.settings
        restore_geometry(self, s, "window", PREFERRED_SIZE)
        state = s.value("windowState")
        if not isinstance(state, QByteArray) or not self.restoreState(state, _STATE_VERSION):
            # A quarter of the window for the lists, within what reads well.
            width = min(max(self.width() // 4, 240), 400)
            self.resizeDocks([self.articles_dock], [width], Qt.Orientation.Horizontal)
        for name, splitter in self._splitters():
            saved = s.value(f"splitters/{name}")
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)
        size = s.value("textSize", 0.0, float)
        if size:
            for view in (self.rewrite_view, self.source_view):
                view.set_point_size(size)
        self.actions.advance.setChecked(s.value("advanceAfterMarking", True, bool))

    def _splitters(self) -> list[tuple[str, QSplitter]]:
        return [("panes", self.panes), ("work", self.work)]

    def _save_settings(self) -> None:
        s = self.settings
        save_geometry(self, s, "window")
        s.setValue("windowState", self.saveState(_STATE_VERSION))
        for name, splitter in self._splitters():
            s.setValue(f"splitters/{name}", splitter.saveState())
        s.setValue("advanceAfterMarking", self.actions.advance.isChecked())
        s.sync()

    # ----------------------------------------------------------------- events
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.review.reload()
            self._articles_written_elsewhere()

    def _articles_written_elsewhere(self) -> None:
        """Articles imported, or progress made, by another program since the window last looked:
        list them; a newer version of the open rewrite, imported meanwhile, opens."""
        if self.panel.typing_is_unsaved():
            return
        try:
            if not self.session.written_elsewhere():
                return
            summaries = self.session.articles()
        except (FactcheckError, sqlite3.Error):
            return  # busy now; the next activation tries again
        known = self.tree.ids()
        if not known:  # the first articles of the project
            self.reload_articles()
            return
        if {s.id for s in summaries} == known:
            for summary in summaries:
                self.tree.update_article(summary)
            return
        article = self.review.article
        newer = latest_version(summaries, article.rewrite.id) if article is not None else None
        if newer is not None and newer.id in known:  # not imported just now
            newer = None
        self.tree.set_articles(summaries)
        self.sidebar.expandAll()
        if newer is not None:
            self.open_article(newer.id)
            self.statusBar().showMessage(
                self.tr(
                    "Version %d of this rewrite was imported: it is open, with %d sentences to check again."
                )
                % (newer.version, newer.to_recheck - newer.rechecked),
                10_000,
            )
        elif article is not None:
            self.sidebar.setCurrentIndex(self.tree.index_of(article.rewrite.id))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.panel.commit_note()  # a note typed a moment ago is saved before the window goes
        self.review.stop_jobs()
        consider_everything_again()  # the window's articles may be garbage from now on
        if self.audit is not None:
            self.audit.close()
        self._save_settings()
        QApplication.instance().focusChanged.disconnect(self._focus_moved)
        super().closeEvent(event)


def _files() -> ModuleType:
    """The file commands and dialogs, loaded when first asked for: not on the way to the
    first frame (they and what they import took a tenth of the start-up)."""
    from factcheck.ui import dialogs

    return dialogs


def _team_files() -> ModuleType:
    from factcheck.ui import team_files

    return team_files


def default_text_size() -> float:
    """The text panes read a little larger than the interface around them."""
    return QFont().pointSizeF() + 1.5


class PaneFrame(QFrame):
    """A pane under its header, framed in the focus colour while the pane has the keyboard.

    The frame paints itself: restyling it through the style sheet would hand its children a
    new palette, and the text pane would lay out its whole article again at every move."""

    def __init__(self, header: PaneHeader, view: QWidget) -> None:
        super().__init__()
        self.setObjectName("paneFrame")
        self.header = header
        self.focused = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(_RING, _RING, _RING, _RING)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(view, 1)

    def set_focused(self, focused: bool) -> None:
        if focused != self.focused:
            self.focused = focused
            self.header.show_focus(focused)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        colour = palette.FOCUS if self.focused else self.palette().window().color()
        painter.setPen(QPen(colour, _RING))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = _RING / 2
        painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))
        painter.end()


_RING = 2
"""The width of the focus frame around a pane."""


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
