"""The audit window's lower half: everything about the selected sentence, and adjudicating it.

What the pane shows is read and put into words off the UI thread (`load_detail`, plain data);
the pane then only fills its widgets, measuring the few rows whose text wraps."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from factcheck.core.article import Article
from factcheck.core.events import Event, stored_time
from factcheck.core.labels import Verdict
from factcheck.core.review import DecisionKind
from factcheck.store.articles import load_article
from factcheck.store.audit_table import ReviewerView, SentenceDetail, detail
from factcheck.store.project import Project
from factcheck.ui import palette
from factcheck.ui.problem_box import quoted, words_of
from factcheck.ui.source_view import SourceView
from factcheck.ui.style import styled

HistoryLine = tuple[str, str, str, str, str, str]
"""One event of a sentence's history in words: when, who, what, evidence, note, how."""


@dataclass(frozen=True, slots=True)
class LoadedDetail:
    """What the pane shows about one sentence, read and put into words on a worker."""

    sentence_id: str
    detail: SentenceDetail | None
    """None when the sentence is not in the project (any more)."""
    source: Article | None
    """The source the sentence is checked against (the one handed in when it was that one)."""
    history: tuple[HistoryLine, ...] = ()


def load_detail(project: Project, sentence_id: str, known: Mapping[str, Article]) -> LoadedDetail:
    """Everything the pane shows about `sentence_id`; `known` holds sources already loaded (by
    id), used again rather than read again. Touches no widget, so it may run on any thread."""
    found = detail(project, sentence_id)
    if found is None:
        return LoadedDetail(sentence_id, None, None)
    source = known.get(found.source_id) or load_article(project, found.source_id)
    return LoadedDetail(sentence_id, found, source, history_lines(found.history, source.text))


def history_lines(events: tuple[Event, ...], source_text: str) -> tuple[HistoryLine, ...]:
    return tuple(
        (
            _when(event.decided_at),
            event.reviewer,
            _what(event),
            _quotes(event.state.evidence, source_text),
            event.state.note,
            event.via.value,
        )
        for event in events
    )


class SentenceDetailView(QWidget):
    adjudicateRequested = Signal()
    shown = Signal()
    """Emitted when a sentence's detail is in, its history included."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: SentenceDetail | None = None
        self.sentence = QLabel()
        self.sentence.setObjectName("auditSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where = QLabel()
        styled(self.where, "hint")
        self.where.setWordWrap(True)
        self.decisions = QTableWidget(0, 4)
        self.decisions.setObjectName("decisions")
        self.decisions.setAccessibleName(self.tr("Each reviewer's decision"))
        self.decisions.setHorizontalHeaderLabels(
            [self.tr("Reviewer"), self.tr("Verdict"), self.tr("Note"), self.tr("Evidence")]
        )
        self._decision_columns = TextColumns(self.decisions, wide=(2, 3))
        # Under the table, not a fifth column: the pane is narrow, and a note must stay readable.
        self.errors = QLabel()
        self.errors.setObjectName("errorsFound")
        self.errors.setWordWrap(True)
        self.errors.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.errors.setAccessibleName(self.tr("What each reviewer found wrong"))
        self.final = QLabel()
        self.final.setObjectName("finalVerdict")
        self.final.setWordWrap(True)
        self.adjudicate = QPushButton(self.tr("Adjudicate…"))
        self.adjudicate.setToolTip(
            self.tr("Set the final verdict of this sentence, with your reason (Ctrl+J)")
        )
        self.adjudicate.clicked.connect(self.adjudicateRequested)
        final_row = QHBoxLayout()
        final_row.addWidget(self.final, 1)
        final_row.addWidget(self.adjudicate, 0, Qt.AlignmentFlag.AlignTop)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 6, 8, 6)
        left_layout.addWidget(self.sentence)
        left_layout.addWidget(self.where)
        left_layout.addWidget(self.decisions, 1)
        left_layout.addWidget(self.errors)
        left_layout.addLayout(final_row)

        self.source = SourceView()
        self.source.setObjectName("auditSource")
        self.history = QTableWidget(0, 6)
        self.history.setObjectName("history")
        self.history.setAccessibleName(self.tr("History of this sentence"))
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("When (UTC)"),
                self.tr("Who"),
                self.tr("What"),
                self.tr("Evidence"),
                self.tr("Note"),
                self.tr("How"),
            ]
        )
        self._history_columns = TextColumns(self.history, wide=(3, 4))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(titled(self.tr("Evidence in the source"), self.source))
        splitter.addWidget(titled(self.tr("History of this sentence"), self.history))
        splitter.setSizes([330, 330, 340])  # in proportion, whatever the window's width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        # The history (a hundred rows, some of them wrapping) is filled in a turn of its own, so
        # that neither half of the pane holds the UI thread for a frame.
        self._history_due: tuple[HistoryLine, ...] | None = None
        self._history_timer = QTimer(self)
        self._history_timer.setSingleShot(True)
        self._history_timer.setInterval(0)
        self._history_timer.timeout.connect(self._show_due_history)
        self.show_detail(None, None)

    def show_detail(
        self,
        detail: SentenceDetail | None,
        source: Article | None,
        history: tuple[HistoryLine, ...] | None = None,
    ) -> None:
        """Show `detail` checked against `source`; `history` is its history in words when it
        has been put into words already (on a worker)."""
        self.detail = detail
        self.adjudicate.setEnabled(detail is not None)
        if detail is None:
            self.sentence.setText(self.tr("Select a sentence to see who decided what, and why."))
            self.where.setText("")
            self.final.setText("")
            self.errors.setText("")
            self.decisions.setRowCount(0)
            self._history_due = None
            self.history.setRowCount(0)
            self.source.show_article(None)
            self.shown.emit()
            return
        self.sentence.setText(detail.text)
        self.where.setText(
            self.tr("In “%s”, checked against “%s”") % (detail.rewrite_title, detail.source_title)
        )
        text = source.text if source else ""
        self._show_decisions(detail, text)
        self._show_final(detail)
        if source is not None and self.source.article is not source:
            self.source.show_article(source)
        evidence = tuple(sorted({span for view in detail.reviewers for span in view.evidence}))
        self.source.set_evidence(evidence, scroll=True)
        self._history_due = history_lines(detail.history, text) if history is None else history
        self._history_timer.start()

    @property
    def history_due(self) -> bool:
        """Whether the shown sentence's history is still to be filled in."""
        return self._history_due is not None

    def _show_due_history(self) -> None:
        if self._history_due is None:
            return
        lines, self._history_due = self._history_due, None
        self._show_history(lines)
        self.shown.emit()

    def _show_decisions(self, detail: SentenceDetail, source_text: str) -> None:
        self._fill_decisions(detail, source_text)
        self._decision_columns.fit()
        self.errors.setText(_errors_found(detail))

    def _fill_decisions(self, detail: SentenceDetail, source_text: str) -> None:
        self.decisions.setRowCount(len(detail.reviewers))
        for row, view in enumerate(detail.reviewers):
            cells = [
                QTableWidgetItem(view.reviewer),
                _verdict_item(view.label),
                QTableWidgetItem(view.note),
                QTableWidgetItem(_quotes(view.evidence, source_text)),
            ]
            for column, item in enumerate(cells):
                item.setToolTip(item.text())
                self.decisions.setItem(row, column, item)

    def _show_final(self, detail: SentenceDetail) -> None:
        final = detail.adjudication
        if final is None:
            self.final.setText(self.tr("<b>Final verdict:</b> not adjudicated"))
            return
        look = palette.LOOKS[final.label]
        self.final.setText(
            self.tr("<b>Final verdict:</b> <span style='color:%s'><b>%s %s</b></span> by %s, %s<br>%s")
            % (
                look.colour.name(),
                look.glyph,
                look.name,
                escape(final.lead),
                _when(final.decided_at),
                escape(final.reason),
            )
        )

    def _show_history(self, lines: tuple[HistoryLine, ...]) -> None:
        self._fill_history(lines)
        self._history_columns.fit(lines)
        self.history.scrollToBottom()

    def _fill_history(self, lines: tuple[HistoryLine, ...]) -> None:
        table = self.history
        table.setUpdatesEnabled(False)
        table.setRowCount(0)  # new rows start at the one-line height; `fit` grows those that wrap
        table.setRowCount(len(lines))
        for row, cells in enumerate(lines):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
        table.setUpdatesEnabled(True)


class AdjudicateDialog(QDialog):
    """Choose the final verdict and give the reason; both are required. 1, 2, 3 (or S, C, U)
    choose while the reason does not have the keyboard, Alt+1/2/3 from anywhere; Ctrl+Enter
    records it."""

    def __init__(self, detail: SentenceDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Adjudicate"))
        self.setMinimumWidth(520)
        sentence = QLabel(detail.text)
        sentence.setWordWrap(True)
        self.choices = QButtonGroup(self)
        row = QHBoxLayout()
        given = {view.label for view in detail.reviewers if view.label}
        keys = {Verdict.SUPPORTED: "1", Verdict.CONTRADICTED: "2", Verdict.UNVERIFIABLE: "3"}
        for verdict, look in palette.LOOKS.items():
            key = keys[verdict]
            button = QRadioButton(f"&{key}  {look.glyph} {look.name}")
            button.setStyleSheet(f"color: {look.colour.name()}; font-weight: 600;")
            tip = self.tr("%s or %s, or Alt+%s from the reason") % (key, look.letter, key)
            if verdict not in given:
                tip = self.tr("No reviewer gave this verdict") + " · " + tip
            button.setToolTip(tip)
            self.choices.addButton(button)
            button.setProperty("verdict", verdict.value)
            row.addWidget(button)
            for sequence in (key, look.letter):
                shortcut = QShortcut(QKeySequence(sequence), self)
                shortcut.activated.connect(lambda b=button: b.setChecked(True))
        current = detail.adjudication.label if detail.adjudication else None
        for button in self.choices.buttons():
            button.setChecked(button.property("verdict") == (current.value if current else None))
        self.reason = QPlainTextEdit(detail.adjudication.reason if detail.adjudication else "")
        self.reason.setPlaceholderText(self.tr("Why is this the final verdict? (required)"))
        self.reason.setAccessibleName(self.tr("Reason for the final verdict"))
        self.reason.setTabChangesFocus(True)
        reason_label = QLabel(self.tr("&Reason:"))
        reason_label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record  (Ctrl+Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel  (Esc)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self).activated.connect(self.accept)
        keys_hint = QLabel(
            self.tr("1, 2, 3 or S, C, U choose the verdict (Alt+1, Alt+2, Alt+3 from the reason).")
        )
        styled(keys_hint, "hint")
        keys_hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(sentence)
        layout.addLayout(row)
        layout.addWidget(keys_hint)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self.choices.buttonToggled.connect(self._update)
        self._update()

    def chosen(self) -> tuple[Verdict, str] | None:
        button = self.choices.checkedButton()
        reason = self.reason.toPlainText().strip()
        if button is None or not reason:
            return None
        return Verdict(button.property("verdict")), reason

    def accept(self) -> None:
        if self.chosen() is not None:  # Ctrl+Enter with a choice or the reason missing: stay
            super().accept()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.chosen() is not None)


def _what(event: Event) -> str:
    def tr(text: str) -> str:
        return QCoreApplication.translate("SentenceDetailView", text)

    def name(label: Verdict | None) -> str:
        return label.value if label else "—"

    if event.kind is DecisionKind.ADJUDICATE:
        return tr("adjudicated: %s") % name(event.state.label)
    if event.kind in (DecisionKind.MARK, DecisionKind.CHANGE, DecisionKind.CLEAR):
        return f"{name(event.previous_label)} → {name(event.state.label)}"
    if event.kind is DecisionKind.SCOPE:
        return tr("taken into the review") if event.state.included else tr("left out of the review")
    return tr("%s edited") % event.kind.value


def _what_is_wrong(view: ReviewerView) -> str:
    """ "‘MicroPort MedBot’ · wrong name or attribution · should read ‘Baichuan-M4’"."""
    parts = [quoted(view.problem_text, 80)] if view.problem_text else []
    if view.error_types:
        parts.append(", ".join(words_of(t) for t in view.error_types))
    if view.correction:
        parts.append(
            QCoreApplication.translate("SentenceDetailView", "should read %s") % quoted(view.correction, 120)
        )
    return " · ".join(parts)


def _errors_found(detail: SentenceDetail) -> str:
    """What each reviewer said is wrong, one line each, and whether those who said what kind of
    error it is said the same; empty when nobody described an error."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("SentenceDetailView", text)

    lines = [
        f"<b>{escape(view.reviewer)}</b> {escape(_what_is_wrong(view))}"
        for view in detail.reviewers
        if view.problem_text or view.error_types or view.correction
    ]
    if not lines:
        return ""
    typed = {view.reviewer: view.error_types for view in detail.reviewers if view.error_types}
    if len(typed) > 1 and len(set(typed.values())) == 1:
        lines.append(escape(tr("Error type: the %d reviewers who gave one agree.") % len(typed)))
    elif len(typed) > 1:
        lines.append(escape(tr("Error type: the reviewers differ.")))
    return f"<b>{escape(tr('What is wrong'))}</b><br>" + "<br>".join(lines)


def _verdict_item(label: Verdict | None) -> QTableWidgetItem:
    if label is None:
        return QTableWidgetItem("—")
    look = palette.LOOKS[label]
    item = QTableWidgetItem(f"{look.glyph} {look.name}")
    item.setBackground(look.tint)  # under the pane's own text colour, which reads on every tint
    return item


def _quotes(evidence, source_text: str) -> str:
    return " … ".join(f"“{' '.join(source_text[a:b].split())}”" for a, b in evidence)


def _when(decided_at: str) -> str:
    return stored_time(decided_at).strftime("%Y-%m-%d %H:%M:%S")


class TextColumns(QObject):
    """Sizes a table's columns: the short ones (names, times, verdicts) to their contents, up
    to a cap, and the `wide` ones (notes, evidence: text that wraps) share the rest, never less
    than a readable width, so a long quotation cannot squeeze a note down to nothing. Columns
    are sized once per fill and on resize, never per cell (measuring a hundred events on every
    `setItem` took two seconds)."""

    def __init__(self, table: QTableWidget, wide: tuple[int, ...]) -> None:
        super().__init__(table)
        self.table = table
        self.wide = wide
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        table.viewport().installEventFilter(self)
        self._lines: Sequence[Sequence[str]] | None = None

    def fit(self, lines: Sequence[Sequence[str]] | None = None) -> None:
        """Size the columns, then the rows. Given the table's texts (`lines`, row by row), the
        columns are measured from the texts and only the rows whose text wraps are laid out; a
        hundred events measured cell by cell through the delegate took a frame and more."""
        if lines is not None:
            self._lines = lines
        elif self._lines is not None and len(self._lines) != self.table.rowCount():
            self._lines = None  # filled some other way since
        table, header = self.table, self.table.horizontalHeader()
        metrics = table.fontMetrics()
        char = metrics.averageCharWidth()
        cap, floor = 24 * char, 18 * char
        # What the item delegate adds around a text (its focus-frame margins, the grid line, and
        # a pixel for the fraction its text layout rounds up).
        pad = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1) + 1
        used = 0
        for column in range(header.count()):
            if column not in self.wide:
                if self._lines is None:
                    content = table.sizeHintForColumn(column)
                else:
                    texts = {row[column] for row in self._lines}
                    content = max(map(metrics.horizontalAdvance, texts), default=-pad) + pad + 1
                width = max(content, header.sectionSizeHint(column))
                header.resizeSection(column, min(width, cap))
                used += header.sectionSize(column)
        room = table.viewport().width() - used
        for column in self.wide:
            header.resizeSection(column, max(floor, room // len(self.wide)))
        if self._lines is None:
            table.resizeRowsToContents()
            return
        widths = [header.sectionSize(column) - pad - 2 for column in range(header.count())]

        def wraps(row: Sequence[str]) -> bool:
            return any(
                "\n" in text or metrics.horizontalAdvance(text) > width
                for text, width in zip(row, widths, strict=False)
                if text
            )

        wrapping = [row for row, texts in enumerate(self._lines) if wraps(texts)]
        grown = set(wrapping)
        single = next((row for row in range(len(self._lines)) if row not in grown), None)
        if single is not None:  # every row one line high, as laid out, then the others grown
            table.resizeRowToContents(single)
            table.verticalHeader().setDefaultSectionSize(table.rowHeight(single))
        for row in wrapping:
            table.resizeRowToContents(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False


def titled(title: str, widget: QWidget) -> QWidget:
    """`widget` under a small caption."""
    box = QWidget()
    caption = QLabel(title)
    styled(caption, "caption")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 0)
    layout.setSpacing(3)
    layout.addWidget(caption)
    layout.addWidget(widget, 1)
    return box
