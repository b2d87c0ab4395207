"""The audit table as a lazy Qt model: it knows the filtered, sorted sentence ids and fetches the
rows of a page only when the view shows them, so a project with a million events costs the memory
of its ids, not of its history."""

from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from factcheck.core.labels import Verdict
from factcheck.store.audit_table import Agreement, AuditRow, SortKey
from factcheck.ui import palette

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
PAGE = 100
_PAGES_KEPT = 30

SentenceIdRole = Qt.ItemDataRole.UserRole + 1


class AuditTableModel(QAbstractTableModel):
    """Columns: rewrite, sentence number, sentence, one per reviewer, agreement, final verdict."""

    sortRequested = Signal(object, bool, str)  # SortKey, descending, reviewer

    def __init__(self, fetch: Callable[[Sequence[str]], list[AuditRow]], parent=None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._ids: list[str] = []
        self.reviewers: list[str] = []
        self._pages: OrderedDict[int, list[AuditRow]] = OrderedDict()

    def set_rows(self, ids: list[str], reviewers: list[str]) -> None:
        self.beginResetModel()
        self._ids = ids
        self.reviewers = reviewers
        self._pages.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """Fetch the shown rows again (after an adjudication) without losing the selection."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1))

    def sentence_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, sentence_id: str) -> int | None:
        try:
            return self._ids.index(sentence_id)
        except ValueError:
            return None

    def audit_row(self, row: int) -> AuditRow | None:
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(self._ids[page * PAGE : (page + 1) * PAGE])
            self._pages[page] = rows
            while len(self._pages) > _PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        offset = row - page * PAGE
        return rows[offset] if offset < len(rows) else None

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
        if role not in _ANSWERED or not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == SentenceIdRole:
            return self._ids[index.row()]
        row = self.audit_row(index.row())
        if row is None:
            return None
        column = index.column()
        reviewer_columns = len(self.reviewers)
        if column < 3:
            if role == Qt.ItemDataRole.DisplayRole:
                return [row.rewrite_title, row.index + 1, row.text][column]
            if role == Qt.ItemDataRole.ToolTipRole and column == 2:
                return row.text
            return None
        if column < 3 + reviewer_columns:
            return _verdict_cell(row.labels.get(self.reviewers[column - 3]), role)
        if column == 3 + reviewer_columns:
            if role == Qt.ItemDataRole.DisplayRole:
                return {
                    Agreement.AGREE: self.tr("agree"),
                    Agreement.DISAGREE: self.tr("⚠ disagree"),
                    Agreement.SINGLE: "—",
                }[row.agreement]
            if role == Qt.ItemDataRole.ForegroundRole and row.agreement is Agreement.DISAGREE:
                return palette.WARNING
            return None
        return _verdict_cell(row.adjudicated, role)

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


_ANSWERED = frozenset(
    (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        SentenceIdRole,
    )
)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _verdict_cell(label: Verdict | None, role: int):
    if label is None:
        return "" if role == Qt.ItemDataRole.DisplayRole else None
    look = palette.LOOKS[label]
    if role == Qt.ItemDataRole.DisplayRole:
        return f"{look.glyph} {look.name}"
    if role == Qt.ItemDataRole.BackgroundRole:  # under the table's own text colour
        return look.tint
    if role == Qt.ItemDataRole.ToolTipRole:
        return look.name
    return None
