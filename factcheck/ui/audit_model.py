"""The audit table as a lazy Qt model: it knows the filtered, sorted sentence ids and fetches the
rows of a page only when the view shows them, so a project with a million events costs the memory
of its ids, not of its history.

A page is small (about a screenful: reading it takes well under a millisecond) and is put into
words once, when it is read: painting asks for a dozen roles of every cell, and each answer is
then one lookup."""

from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from factcheck.core.labels import Verdict
from factcheck.store.audit_table import Agreement, AuditRow, SortKey
from factcheck.ui import palette

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
PAGE = 32
_PAGES_KEPT = 64

SentenceIdRole = Qt.ItemDataRole.UserRole + 1


class AuditTableModel(QAbstractTableModel):
    """Columns: rewrite, sentence number, sentence, one per reviewer, agreement, final verdict."""

    sortRequested = Signal(object, bool, str)  # SortKey, descending, reviewer

    def __init__(self, fetch: Callable[[Sequence[str]], list[AuditRow]], parent=None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._ids: list[str] = []
        self.reviewers: list[str] = []
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self._last: tuple[int, _Page] = (-1, ([], []))

    def set_rows(self, ids: list[str], reviewers: list[str]) -> None:
        self.beginResetModel()
        self._ids = ids
        self.reviewers = reviewers
        self._forget()
        self.endResetModel()

    def refresh(self) -> None:
        """Fetch the shown rows again (after an adjudication) without losing the selection."""
        self._forget()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1))

    def _forget(self) -> None:
        self._pages.clear()
        self._last = (-1, ([], []))

    def sentence_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, sentence_id: str) -> int | None:
        try:
            return self._ids.index(sentence_id)
        except ValueError:
            return None

    def audit_row(self, row: int) -> AuditRow | None:
        rows, _ = self._page(row)
        offset = row % PAGE
        return rows[offset] if offset < len(rows) else None

    def _page(self, row: int) -> "_Page":
        page = row // PAGE
        if page == self._last[0]:  # painting asks cell after cell of the same page
            return self._last[1]
        found = self._pages.get(page)
        if found is None:
            rows = self._fetch(self._ids[page * PAGE : (page + 1) * PAGE])
            found = self._pages[page] = (rows, [self._cells(r) for r in rows])
            while len(self._pages) > _PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        self._last = (page, found)
        return found

    def _cells(self, row: AuditRow) -> tuple["_Cell", ...]:
        """The row in words and colours, column by column."""
        agreement = {
            Agreement.AGREE: self.tr("agree"),
            Agreement.DISAGREE: self.tr("⚠ disagree"),
            Agreement.SINGLE: "—",
        }[row.agreement]
        warning = palette.WARNING if row.agreement is Agreement.DISAGREE else None
        return (
            (row.rewrite_title, None, None, None),
            (row.index + 1, None, None, None),
            (row.text, row.text, None, None),
            *(_verdict_cell(row.labels.get(reviewer)) for reviewer in self.reviewers),
            (agreement, None, warning, None),
            _verdict_cell(row.adjudicated),
        )

    # ----------------------------------------------------------------- QAbstractTableModel
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 5 + len(self.reviewers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        fixed = [self.tr("Rewrite"), self.tr("#"), self.tr("Sentence")]
        if section < 3:
            return fixed[section]
        if section < 3 + len(self.reviewers):
            return self.reviewers[section - 3]
        return [self.tr("Agreement"), self.tr("Final verdict")][section - 3 - len(self.reviewers)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        # Painting asks for a dozen roles per cell; most are none of ours (a third of a scroll).
        slot = _SLOTS.get(role)
        if slot is None or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._ids):
            return None
        if role == SentenceIdRole:
            return self._ids[row]
        cells = self._page(row)[1]
        offset = row % PAGE
        return cells[offset][index.column()][slot] if offset < len(cells) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask for the rows in another order; the window computes it off the UI thread."""
        descending = order == Qt.SortOrder.DescendingOrder
        reviewer_columns = len(self.reviewers)
        if column in (0, 1):
            self.sortRequested.emit(SortKey.ARTICLE, descending, "")
        elif column == 2:
            self.sortRequested.emit(SortKey.TEXT, descending, "")
        elif column < 3 + reviewer_columns:
            self.sortRequested.emit(SortKey.REVIEWER, descending, self.reviewers[column - 3])
        elif column == 3 + reviewer_columns:
            self.sortRequested.emit(SortKey.DISAGREEMENT, descending, "")
        else:
            self.sortRequested.emit(SortKey.ADJUDICATED, descending, "")


_Cell = tuple[object, str | None, QColor | None, QColor | None]
"""What a cell shows: its text (or number), tooltip, text colour and background."""
_Page = tuple[list[AuditRow], list[tuple[_Cell, ...]]]
_SLOTS = {
    Qt.ItemDataRole.DisplayRole: 0,
    Qt.ItemDataRole.ToolTipRole: 1,
    Qt.ItemDataRole.ForegroundRole: 2,
    Qt.ItemDataRole.BackgroundRole: 3,
    SentenceIdRole: -1,
}
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EMPTY: _Cell = ("", None, None, None)


def _verdict_cell(label: Verdict | None) -> _Cell:
    if label is None:
        return _EMPTY
    look = palette.LOOKS[label]
    return (f"{look.glyph} {look.name}", look.name, None, look.tint)  # tint under the table's text colour
