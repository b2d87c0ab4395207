"""The sidebar: every source with its rewrites and my progress on each ("12 / 40 reviewed"); each
version of a rewrite after the first says so ("(v2)"), and a revision what is left to re-check."""

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from factcheck.core.document import Role
from factcheck.store.articles import ArticleSummary
from factcheck.store.session import rewrite_order
from factcheck.ui import palette
from factcheck.ui.keys import keep_keys, start_at_the_first_row

ArticleRole = Qt.ItemDataRole.UserRole + 1
"""The ArticleSummary behind a row."""

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(slots=True)
class _Node:
    summary: ArticleSummary
    parent: "_Node | None" = None
    children: list["_Node"] = field(default_factory=list)


class ArticleTreeModel(QAbstractItemModel):
    """A thin, read-only adapter over the list of article summaries: sources, then their rewrites."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sources: list[_Node] = []
        self._by_id: dict[str, _Node] = {}

    def set_articles(self, summaries: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self._sources = []
        self._by_id = {}
        for summary in summaries:
            if summary.role is Role.SOURCE:
                node = _Node(summary)
                self._sources.append(node)
                self._by_id[summary.id] = node
        for summary in summaries:
            parent = self._by_id.get(summary.source_id or "")
            if summary.role is Role.REWRITE and parent is not None:
                node = _Node(summary, parent)
                parent.children.append(node)
                self._by_id[summary.id] = node
        for source in self._sources:
            # The latest version of each rewrite first; superseded versions after it.
            source.children.sort(key=lambda n: rewrite_order(n.summary))
        self.endResetModel()

    def update_article(self, summary: ArticleSummary) -> None:
        """Show new progress for one article without resetting the view."""
        node = self._by_id.get(summary.id)
        if node is None or node.summary == summary:
            return  # a verdict changed on a sentence already reviewed: the same progress
        node.summary = summary
        index = self._index_of(node)
        self.dataChanged.emit(index, index)

    def ids(self) -> set[str]:
        return set(self._by_id)

    def index_of(self, article_id: str) -> QModelIndex:
        node = self._by_id.get(article_id)
        return self._index_of(node) if node else QModelIndex()

    def first_rewrite(self) -> QModelIndex:
        for source in self._sources:
            if source.children:
                return self._index_of(source.children[0])
        return QModelIndex()

    def _index_of(self, node: _Node) -> QModelIndex:
        siblings = node.parent.children if node.parent else self._sources
        return self.createIndex(siblings.index(node), 0, node)

    # ----------------------------------------------------------------- QAbstractItemModel
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        children = self._children(parent)
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(self._sources.index(node.parent), 0, node.parent)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def _children(self, parent: Index) -> list[_Node]:
        if not parent.isValid():
            return self._sources
        node: _Node = parent.internalPointer()
        return node.children

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        summary = index.internalPointer().summary
        if role == Qt.ItemDataRole.DisplayRole:
            version = f"  (v{summary.version})" if summary.version > 1 or not summary.latest else ""
            return summary.title + version
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(summary)
        if role == ArticleRole:
            return summary
        return None

    def _tooltip(self, summary: ArticleSummary) -> str:
        if summary.role is Role.SOURCE:
            return self.tr("Source: %s\n%d sentences") % (summary.title, summary.sentences)
        note = "" if summary.latest else self.tr("\nAn edited version of this rewrite was imported later.")
        if summary.revises is not None:
            note = (
                self.tr("\nVersion %d, revising v%d: %d of %d sentences changed or new since checked")
                % (summary.version, summary.revises_version or 0, summary.rechecked, summary.to_recheck)
                + note
            )
        return self.tr("Rewrite: %s\n%d of %d sentences reviewed by you%s") % (
            summary.title,
            summary.reviewed,
            summary.to_review,
            note,
        )


class ProgressDelegate(QStyledItemDelegate):
    """Paints a rewrite's row as its title over a thin progress bar with "12 / 40"."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        summary: ArticleSummary = index.data(ArticleRole)
        height = option.fontMetrics.height()
        if summary.role is Role.REWRITE:
            return QSize(size.width(), height * 2 + 14)
        return QSize(size.width(), height + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        summary: ArticleSummary = index.data(ArticleRole)
        widget = option.widget
        style = widget.style() if widget else None
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pen = option.palette.highlightedText().color() if selected else option.palette.text().color()
        rect = option.rect.adjusted(6, 3, -6, -3)
        painter.save()
        font = QFont(option.font)
        if summary.role is Role.SOURCE:
            font.setBold(True)
        painter.setFont(font)
        painter.setPen(pen if summary.latest or selected else palette.MUTED)
        metrics = painter.fontMetrics()
        line = QRect(rect.left(), rect.top(), rect.width(), metrics.height())
        painter.drawText(
            line,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, line.width()),
        )
        if summary.role is Role.REWRITE:
            self._paint_progress(painter, option, summary, rect, line, selected)
        painter.restore()

    def _paint_progress(self, painter, option, summary: ArticleSummary, rect, line, selected: bool) -> None:
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        metrics = painter.fontMetrics()
        label = f"{summary.reviewed} / {summary.to_review}"
        left = summary.to_recheck - summary.rechecked
        if summary.revises is not None and left:
            label = self.tr("%d to re-check · %s") % (left, label)
        label_width = metrics.horizontalAdvance(label) + 8
        row = QRect(rect.left(), line.bottom() + 4, rect.width(), metrics.height())
        bar = QRect(row.left(), row.center().y() - 2, max(10, row.width() - label_width), 5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(option.palette.mid().color().lighter(130))
        painter.drawRoundedRect(bar, 2, 2)
        if summary.to_review:
            done = QRect(
                bar.left(), bar.top(), round(bar.width() * summary.reviewed / summary.to_review), bar.height()
            )
            complete = summary.reviewed == summary.to_review
            painter.setBrush(palette.PROGRESS_DONE if complete else palette.PROGRESS)
            painter.drawRoundedRect(done, 2, 2)
        painter.setPen(
            option.palette.highlightedText().color() if selected else option.palette.text().color()
        )
        painter.drawText(row, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)


class Sidebar(QTreeView):
    """Arrow keys move in the list while it has the focus (elsewhere they move between
    sentences); Enter opens the rewrite."""

    articleChosen = Signal(str)

    def __init__(self, model: ArticleTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleList")
        self.setAccessibleName(self.tr("Articles"))
        self.setAccessibleDescription(
            self.tr("Every source with its rewrites and your progress; Enter opens a rewrite")
        )
        self.setModel(model)
        self.setHeaderHidden(True)
        self.setItemDelegate(ProgressDelegate(self))
        self.setUniformRowHeights(False)
        self.setIndentation(14)
        self.setExpandsOnDoubleClick(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.activated.connect(self._chosen)
        self.clicked.connect(self._chosen)
        keep_keys(self)
        start_at_the_first_row(self)

    def _chosen(self, index: QModelIndex) -> None:
        summary: ArticleSummary | None = index.data(ArticleRole)
        if summary is not None and summary.role is Role.REWRITE:
            self.articleChosen.emit(summary.id)
        elif summary is not None:
            self.setExpanded(index, not self.isExpanded(index))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model().rowCount() == 0:
            paint_placeholder(
                self,
                self.tr("No articles yet.\nFile → Import Articles… (Ctrl+I) adds a source and its rewrites."),
            )


def paint_placeholder(view: QAbstractItemView, text: str) -> None:
    """A hint in the middle of an empty list, in the theme's muted colour."""
    painter = QPainter(view.viewport())
    painter.setPen(palette.MUTED)
    rect = view.viewport().rect().adjusted(12, 12, -12, -12)
    flags = Qt.AlignmentFlag.AlignCenter.value | Qt.TextFlag.TextWordWrap.value
    painter.drawText(rect, flags, text)
    painter.end()
