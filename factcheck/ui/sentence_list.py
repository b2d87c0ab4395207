"""The sentence list: every sentence of the open rewrite with its number, my verdict, the
assistant's flags and a note marker (in a revised rewrite, also whether it changed since the
previous version), filtered by what it shows and by words; Enter makes a sentence current. A
revised rewrite's deleted sentences are listed below it.

The model is a thin adapter over the open article: it keeps the indices of the sentences that
pass the filter and reads everything else from the article when a row is painted, so a
20,000-sentence rewrite is listed as fast as a short one and a new verdict changes one row.
"""

from __future__ import annotations

from bisect import bisect_left
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from factcheck.core.article import Sentence
from factcheck.core.labels import Verdict
from factcheck.core.revisions import RevisionStatus
from factcheck.store.session import OpenArticle, SentenceFilter, Show
from factcheck.ui import palette
from factcheck.ui.hints_box import FLAG_GLYPH
from factcheck.ui.keys import LIST_KEYS, escape_key, keep_combo_keys, keep_keys, start_at_the_first_row
from factcheck.ui.problem_box import quoted, words_of
from factcheck.ui.sidebar import paint_placeholder
from factcheck.ui.style import styled

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

FOLLOW_MS = 40
"""How soon the list follows a decision or a move: one frame or two, too soon to notice."""

SentenceIndexRole = Qt.ItemDataRole.UserRole + 1
"""The sentence's index in the rewrite."""

NOTE_MARK = "✎"


class Column(IntEnum):
    NUMBER = 0
    REVISION = 1
    """Changed (~) or new (+) since the previous version; hidden unless the rewrite is a revision."""
    VERDICT = 2
    FLAGS = 3
    NOTE = 4
    TEXT = 5


REVISION_GLYPH = {RevisionStatus.CHANGED: "~", RevisionStatus.NEW: "+", RevisionStatus.CARRIED: ""}


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.AccessibleTextRole,
        SentenceIndexRole,
    }
)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_CENTRED = Qt.AlignmentFlag.AlignCenter
_NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class SentenceListModel(QAbstractTableModel):
    """The sentences of one open rewrite that pass `filter`. A current sentence that stops
    passing (marked while the list shows the unreviewed ones) stays listed while it is current,
    so the row is not pulled away from under the reviewer; it goes when another one is."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.article: OpenArticle | None = None
        self.filter = SentenceFilter()
        self.current: int | None = None
        self._rows: list[int] = []
        self._kept: int | None = None
        """The current sentence, listed although it no longer passes."""
        self._italic = QFont()
        self._italic.setItalic(True)

    # ----------------------------------------------------------------- what is listed
    def show_article(self, article: OpenArticle | None) -> None:
        self.article = article
        self.current = None
        self.refilter()

    def set_filter(self, sentence_filter: SentenceFilter) -> None:
        self.filter = sentence_filter
        self.refilter()

    def refilter(self) -> None:
        """List again from the article (its verdicts were reloaded, its hints arrived)."""
        self.beginResetModel()
        self._rows = self.filter.matching(self.article) if self.article else []
        self._kept = None
        self.endResetModel()

    def set_current(self, index: int | None) -> None:
        self.current = index
        kept, self._kept = self._kept, None
        if kept is not None and kept != index:
            self._remove(kept)
        elif kept is not None:
            self._kept = kept

    def sentence_changed(self, index: int) -> None:
        """One sentence's verdict, note or scope changed: update, add or drop its row."""
        row = self.row_of(index)
        passes = self._passes(index)
        if row is None and passes:
            self._insert(index)
        elif row is not None and not passes and index != self.current:
            self._remove(index)
        elif row is not None:
            self._kept = None if passes else index
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def flags_changed(self) -> None:
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, Column.FLAGS), self.index(last, Column.FLAGS))

    def row_of(self, index: int) -> int | None:
        row = bisect_left(self._rows, index)
        return row if row < len(self._rows) and self._rows[row] == index else None

    def first_row_from(self, index: int) -> int:
        """The row of the first listed sentence at or after `index`."""
        return bisect_left(self._rows, index)

    def sentence_index(self, row: int) -> int:
        return self._rows[row]

    def passing(self) -> int:
        """How many listed sentences pass the filter (the current one may be listed without)."""
        return len(self._rows) - (self._kept is not None)

    def _passes(self, index: int) -> bool:
        article = self.article
        return article is not None and self.filter.matches(article, article.rewrite.sentences[index])

    def _insert(self, index: int) -> None:
        row = bisect_left(self._rows, index)
        self.beginInsertRows(_ROOT, row, row)
        self._rows.insert(row, index)
        self.endInsertRows()

    def _remove(self, index: int) -> None:
        row = self.row_of(index)
        if row is not None:
            self.beginRemoveRows(_ROOT, row, row)
            del self._rows[row]
            self.endRemoveRows()

    # ----------------------------------------------------------------- QAbstractTableModel
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return ["#", "", "", "", "", self.tr("Sentence")][section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return [
                self.tr("The sentence's number in the rewrite"),
                self.tr("Changed (~) or new (+) since the previous version"),
                self.tr("Your verdict"),
                self.tr("What the evidence assistant flags in it"),
                self.tr("Whether you wrote a note"),
                self.tr("The sentence"),
            ][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        # Painting asks for a dozen roles per cell; answer only ours, and quickly.
        if role not in _ROLES or not index.isValid() or self.article is None:
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        sentence = self.article.rewrite.sentences[self._rows[row]]
        if role == SentenceIndexRole:
            return sentence.index
        column = index.column()
        if column == Column.TEXT:
            return self._text(sentence, role)
        if column == Column.NUMBER:
            return self._number(sentence, role)
        if column == Column.VERDICT:
            return self._verdict(sentence, role)
        if column == Column.REVISION:
            return self._revision(sentence, role)
        if column == Column.FLAGS:
            return self._flags(sentence, role)
        return self._note(sentence, role)

    def _text(self, sentence: Sentence, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(sentence.text.split())
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return sentence.text
        assert self.article is not None
        left_out = not self.article.in_review(sentence)
        if role == Qt.ItemDataRole.ForegroundRole and left_out:
            return palette.BOILERPLATE_TEXT
        if role == Qt.ItemDataRole.FontRole and left_out:
            return self._italic
        return None

    def _number(self, sentence: Sentence, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return str(sentence.index + 1)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("Sentence %d") % (sentence.index + 1)
        return None

    def _verdict(self, sentence: Sentence, role: int):
        assert self.article is not None
        label = self.article.state(sentence).label
        look = palette.LOOKS[label] if label is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            return look.glyph if look else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRED
        if role == Qt.ItemDataRole.ForegroundRole:
            return look.colour if look else None
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if look is not None:
                return look.name + self._what_is_wrong(sentence)
            in_review = self.article.in_review(sentence)
            return self.tr("Not reviewed") if in_review else self.tr("Left out of the review")
        return None

    def _what_is_wrong(self, sentence: Sentence) -> str:
        """ ": wrong name or attribution; should read ‘Baichuan-M4’", or nothing."""
        assert self.article is not None
        state = self.article.state(sentence)
        parts = [", ".join(words_of(t) for t in state.error_types)] if state.error_types else []
        if state.correction:
            parts.append(self.tr("should read %s") % quoted(state.correction, 80))
        return ": " + "; ".join(parts) if parts else ""

    def _revision(self, sentence: Sentence, role: int):
        assert self.article is not None
        status = self.article.revision_status(sentence)
        if status is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return REVISION_GLYPH[status]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRED
        if role == Qt.ItemDataRole.ForegroundRole:
            return palette.REVISED
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            revision = self.article.revision
            assert revision is not None
            before = revision.previous_version
            if status is RevisionStatus.CHANGED:
                return self.tr("Changed since v%d; it read: %s") % (
                    before,
                    self.article.previous_text(sentence),
                )
            if status is RevisionStatus.NEW:
                return self.tr("New since v%d") % before
            return self.tr("Unchanged since v%d: its verdicts were carried over") % before
        return None

    def _flags(self, sentence: Sentence, role: int):
        assert self.article is not None
        hints = self.article.hints(sentence)
        # As in the pane: boilerplate left out of the review is not read for errors.
        flags = hints.flags if hints is not None and self.article.in_review(sentence) else ()
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(dict.fromkeys(FLAG_GLYPH.get(f.kind.value, "!") for f in flags))
        if role == Qt.ItemDataRole.ForegroundRole:
            return palette.FLAG if flags else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRED
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f.reason for f in flags) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("%d flags") % len(flags) if flags else self.tr("No flags")
        return None

    def _note(self, sentence: Sentence, role: int):
        assert self.article is not None
        note = self.article.state(sentence).note.strip()
        if role == Qt.ItemDataRole.DisplayRole:
            return NOTE_MARK if note else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRED
        if role == Qt.ItemDataRole.ToolTipRole:
            return note or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("Note: %s") % note if note else self.tr("No note")
        return None


class SentenceTable(QTableView):
    """The rows; Up/Down/Home/End/PgUp/PgDown move in the list while it has the focus, Enter or
    a click makes the sentence current. A table view, not a tree:
    with one fixed row height it places 20,000 rows by arithmetic, without laying any out."""

    chosen = Signal(int)

    def __init__(self, model: SentenceListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sentenceList")
        self.setAccessibleName(self.tr("Sentences of the rewrite"))
        self.setModel(model)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)  # Tab leaves the list, as it leaves every other one
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(8)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.size_columns()
        keep_keys(self, LIST_KEYS)
        start_at_the_first_row(self)
        self.activated.connect(self._chosen)
        self.clicked.connect(self._chosen)
        self.placeholder = ""

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """A list moves by rows: Home and End go to the first and last sentence, and Left and
        Right stay where they are."""
        Move = QAbstractItemView.CursorAction
        rows = self.model().rowCount()
        if action in (Move.MoveHome, Move.MoveEnd) and rows:
            return self.model().index(0 if action == Move.MoveHome else rows - 1, Column.TEXT)
        if action in (Move.MoveLeft, Move.MoveRight):
            return self.currentIndex()
        return super().moveCursor(action, modifiers)

    def size_columns(self, sentences: int = 0) -> None:
        """Narrow fixed columns (no row is measured), the sentence taking the rest."""
        metrics = self.fontMetrics()
        pad = 10
        digits = "0" * max(3, len(str(sentences)))
        header = self.horizontalHeader()
        header.resizeSection(Column.NUMBER, metrics.horizontalAdvance(digits) + pad)
        header.resizeSection(Column.REVISION, metrics.horizontalAdvance("~") + pad)
        header.resizeSection(Column.VERDICT, metrics.horizontalAdvance("✓") + pad)
        header.resizeSection(Column.FLAGS, metrics.horizontalAdvance("# Aa") + pad)
        header.resizeSection(Column.NOTE, metrics.horizontalAdvance(NOTE_MARK) + pad)

    def _chosen(self, index: QModelIndex) -> None:
        value = index.data(SentenceIndexRole)
        if value is not None:
            self.chosen.emit(int(value))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model().rowCount() == 0 and self.placeholder:
            paint_placeholder(self, self.placeholder)


class SentenceList(QWidget):
    """The list with its filters above it: what to show, and words to look for."""

    sentenceChosen = Signal(int)
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pending_current: int | None = None
        self._pending_changes: set[int] = set()
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(FOLLOW_MS)
        self._follow.timeout.connect(self._catch_up)
        self.model = SentenceListModel(self)
        self.table = SentenceTable(self.model)
        self.show_choice = QComboBox()
        self.show_choice.setObjectName("sentenceShow")
        self.show_choice.setAccessibleName(self.tr("Show which sentences"))
        looks = palette.LOOKS
        choices = [
            (Show.ALL, self.tr("All sentences")),
            (Show.NOT_REVIEWED, self.tr("Not reviewed")),
            (Show.SUPPORTED, f"{looks[Verdict.SUPPORTED].glyph} {looks[Verdict.SUPPORTED].name}"),
            (Show.CONTRADICTED, f"{looks[Verdict.CONTRADICTED].glyph} {looks[Verdict.CONTRADICTED].name}"),
            (Show.UNVERIFIABLE, f"{looks[Verdict.UNVERIFIABLE].glyph} {looks[Verdict.UNVERIFIABLE].name}"),
            (Show.FLAGGED, self.tr("Flagged by the assistant")),
            (Show.WITH_NOTE, self.tr("With a note")),
            (Show.BOILERPLATE, self.tr("Boilerplate")),
            (Show.CHANGED, self.tr("Changed since the previous version")),
        ]
        for show, text in choices:
            self.show_choice.addItem(text, show.value)
        # Not as wide as its longest choice: the list keeps to a narrow dock on a small screen.
        self.show_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.show_choice.setMinimumContentsLength(14)
        keep_combo_keys(self.show_choice)
        self.words = _WordsEdit()
        keep_keys(self.words, (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Return, Qt.Key.Key_Enter))
        self.words.setObjectName("sentenceWords")
        self.words.setAccessibleName(self.tr("Filter the sentences by words"))
        self.words.setPlaceholderText(self.tr("Filter by words"))
        self.words.setClearButtonEnabled(True)
        self.count = QLabel()
        styled(self.count, "hint")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.show_choice, 1)
        row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        self.deleted_caption = QLabel()
        styled(self.deleted_caption, "caption")
        self.deleted = QListWidget()
        self.deleted.setObjectName("deletedSentences")
        self.deleted.setAccessibleName(self.tr("Sentences deleted since the previous version"))
        self.deleted.setWordWrap(True)
        self.deleted.setMaximumHeight(self.fontMetrics().height() * 5)
        self.deleted.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        keep_keys(self.deleted, LIST_KEYS)
        escape_key(self.deleted).connect(self.escaped)
        layout.addLayout(row)
        layout.addWidget(self.words)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.deleted_caption)
        layout.addWidget(self.deleted)
        self.show_choice.currentIndexChanged.connect(self._filter_changed)
        self.words.textChanged.connect(self._filter_changed)
        self.words.down.connect(lambda: self.table.setFocus(Qt.FocusReason.TabFocusReason))
        escape_key(self.words).connect(self.escaped)
        self.table.chosen.connect(self.sentenceChosen)
        escape_key(self.table).connect(self.escaped)
        self.model.modelReset.connect(self._show_count)
        self.model.rowsInserted.connect(self._show_count)
        self.model.rowsRemoved.connect(self._show_count)
        self.model.dataChanged.connect(self._show_count)
        self.setTabOrder(self.show_choice, self.words)
        self.setTabOrder(self.words, self.table)
        self.table.placeholder = self.tr("No rewrite is open.")

    # ----------------------------------------------------------------- what the window tells it
    def show_article(self, article: OpenArticle | None) -> None:
        self._pending_current, self._pending_changes = None, set()
        self._follow.stop()
        self.model.show_article(article)
        self.table.size_columns(len(article.rewrite.sentences) if article else 0)
        self._show_revision(article)
        self._show_count()

    def _show_revision(self, article: OpenArticle | None) -> None:
        """A revision shows its changes: the column, the filter named by the version, the
        sentences it deleted; a first version hides them."""
        revision = article.revision if article is not None else None
        self.table.setColumnHidden(Column.REVISION, revision is None)
        changed = self.show_choice.findData(Show.CHANGED.value)
        item = self.show_choice.model().item(changed)
        item.setEnabled(revision is not None)
        item.setText(
            self.tr("Changed since v%d") % revision.previous_version
            if revision is not None
            else self.tr("Changed since the previous version")
        )
        if revision is None and self.show_choice.currentIndex() == changed:
            self.show_choice.setCurrentIndex(0)
        self.deleted.clear()
        deleted = revision.deleted if revision is not None else ()
        self.deleted_caption.setText(
            self.tr("Deleted since v%d (%d)") % (revision.previous_version, len(deleted))
            if deleted and revision
            else ""
        )
        self.deleted_caption.setVisible(bool(deleted))
        self.deleted.setVisible(bool(deleted))
        strike = QFont(self.deleted.font())
        strike.setStrikeOut(True)
        for sentence in deleted:
            number = f"v{revision.previous_version} · {sentence.index + 1}" if revision else ""
            item = QListWidgetItem(f"{number}  {' '.join(sentence.text.split())}")
            item.setFont(strike)
            verdicts = revision.states.verdicts.get(sentence.id, ()) if revision else ()
            said = [
                f"{reviewer}: {palette.LOOKS[state.label].name}"
                for reviewer, state, _ in verdicts
                if state.label
            ]
            item.setToolTip("\n".join([sentence.text, *said]))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, self.tr("Deleted: %s") % sentence.text)
            self.deleted.addItem(item)

    def follow(self, index: int | None) -> None:
        """The current sentence is now `index`: select its row a moment later."""
        self._pending_current = index
        self._catch_up_soon()

    def sentence_changed(self, index: int) -> None:
        """A sentence's verdict, note or scope changed: show it a moment later."""
        self._pending_changes.add(index)
        self._catch_up_soon()

    def _catch_up_soon(self) -> None:
        if not self._follow.isActive():  # not restarted: a run of keys is shown as it goes
            self._follow.start()

    def pending(self) -> bool:
        return self._follow.isActive()

    def _catch_up(self) -> None:
        """Show what changed in the last moment, all at once: the list is painted after the
        rewrite pane has shown the decision, not before it (a mark must not wait for a second
        view to paint), and keys pressed in quick succession update it once per FOLLOW_MS."""
        changes, self._pending_changes = self._pending_changes, set()
        for index in sorted(changes):
            self.model.sentence_changed(index)
        self.set_current(self._pending_current)

    def set_current(self, index: int | None) -> None:
        """Select the current sentence's row now (without making anything current)."""
        self._pending_current = index
        self.model.set_current(index)
        row = self.model.row_of(index) if index is not None else None
        if row is None:
            self.table.clearSelection()
            return
        model_index = self.model.index(row, 0)
        # Centred first when out of view: the list then scrolls once in half a page of marking,
        # not at every sentence (each scroll repaints the whole list); selecting it after that
        # finds it in view and scrolls no more.
        if not self.table.viewport().rect().contains(self.table.visualRect(model_index)):
            self.table.scrollTo(model_index, QAbstractItemView.ScrollHint.PositionAtCenter)
        flags = self.table.selectionModel().SelectionFlag
        self.table.selectionModel().setCurrentIndex(model_index, flags.ClearAndSelect | flags.Rows)

    def refresh(self) -> None:
        """Every verdict may have changed (they were read again)."""
        self._relist(self.model.filter)

    def hints_arrived(self) -> None:
        """The assistant's flags are here: only the flagged filter lists anything new."""
        if self.model.filter.show is Show.FLAGGED:
            self.refresh()
        else:
            self.model.flags_changed()
        self._show_count()

    def choose(self, show: Show, words: str = "") -> None:
        self.show_choice.setCurrentIndex(self.show_choice.findData(show.value))
        self.words.setText(words)

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_words(self) -> None:
        self.words.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.words.selectAll()

    def _filter_changed(self) -> None:
        show = Show(self.show_choice.currentData())  # Qt hands the value back as a plain str
        self._relist(SentenceFilter(show, self.words.text()))

    def _relist(self, sentence_filter: SentenceFilter) -> None:
        """List anew: whatever was waiting to be shown is in the new list already."""
        self._follow.stop()
        self._pending_changes = set()
        self.model.set_filter(sentence_filter)
        self.set_current(self._pending_current)
        if self.model.row_of(self._pending_current or 0) is None and self.model.rowCount():
            # The current sentence does not pass: show the matches that follow it.
            row = min(self.model.first_row_from(self._pending_current or 0), self.model.rowCount() - 1)
            self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    def _show_count(self, *_: object) -> None:
        model, article = self.model, self.model.article
        total = len(article.rewrite.sentences) if article else 0
        shown = model.passing()
        everything = model.filter == SentenceFilter()
        if article is None:
            self.count.setText("")
        elif everything and article.revision is not None:
            _, changed = article.recheck_progress()
            self.count.setText(self.tr("%d sentences · %d changed") % (total, changed))
        elif everything:
            self.count.setText(self.tr("%d sentences") % total)
        else:
            self.count.setText(self.tr("%d of %d") % (shown, total))
        if article is None:
            placeholder = self.tr("No rewrite is open.")
        elif model.filter.show is Show.FLAGGED and article.assessment is None:
            placeholder = self.tr("The evidence assistant is still reading this rewrite…")
        else:
            placeholder = self.tr("No sentence matches.")
        if placeholder != self.table.placeholder:
            self.table.placeholder = placeholder
            if not model.rowCount():
                self.table.viewport().update()


class _WordsEdit(QLineEdit):
    """The words field: Down or Enter goes into the list."""

    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.down.emit()
        elif event.key() != Qt.Key.Key_Up:
            super().keyPressEvent(event)
