"""The audit window's figures: agreement between reviewers (overall, per pair, per rewrite) and
each reviewer's statistics, with plain-language readings and warnings, never a bare NaN."""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from factcheck.core.agreement import AgreementReport, PairAgreement, Statistic
from factcheck.core.reviewers import ReviewerStats
from factcheck.store.audit import AgreementFigures
from factcheck.ui import palette
from factcheck.ui.audit_detail import titled
from factcheck.ui.style import styled

_OVERALL_READING, _PAIR_READING, _REWRITE_ALPHA, _QUICK = 3, 4, 3, 5
"""The cell of each table that carries a row's warning (the rest of the row reads as usual)."""


class AgreementView(QWidget):
    """Overall figures, every pair of reviewers (click one for its confusion matrix), per rewrite."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel(self.tr("Computing agreement…"))
        styled(self.status, "hint")
        self.overall = _table([self.tr("Figure"), self.tr("Value"), self.tr("Sentences"), self.tr("Reading")])
        self.pairs = _table(
            [
                self.tr("Reviewers"),
                self.tr("Cohen's κ"),
                self.tr("Agreement"),
                self.tr("Sentences"),
                self.tr("Reading"),
            ]
        )
        self.overall.setAccessibleName(self.tr("Agreement of all reviewers"))
        self.pairs.setAccessibleName(self.tr("Agreement of each pair of reviewers"))
        self.pairs.itemSelectionChanged.connect(self._show_confusion)
        self.pairs.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.pairs.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.confusion_caption = QLabel()
        styled(self.confusion_caption, "caption")
        self.confusion = _table([])
        self.confusion.setAccessibleName(self.tr("Confusion matrix of the selected pair"))
        self.rewrites = _table(
            [
                self.tr("Rewrite"),
                self.tr("Agreement"),
                self.tr("Fleiss' κ"),
                self.tr("Krippendorff's α"),
                self.tr("Sentences"),
            ]
        )
        self.rewrites.setAccessibleName(self.tr("Agreement per rewrite"))
        self._pairs: tuple[PairAgreement, ...] = ()
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(titled(self.tr("All reviewers"), self.overall))
        top.addWidget(titled(self.tr("Pairs of reviewers (select one for its confusion matrix)"), self.pairs))
        confusion_box = QWidget()
        confusion_layout = QVBoxLayout(confusion_box)
        confusion_layout.setContentsMargins(6, 6, 6, 0)
        confusion_layout.addWidget(self.confusion_caption)
        confusion_layout.addWidget(self.confusion, 1)
        top.addWidget(confusion_box)
        bottom = titled(self.tr("Per rewrite"), self.rewrites)
        top.setSizes([500, 520, 340])  # the readings need the width; split in proportion
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

    def show_figures(self, figures: AgreementFigures) -> None:
        overall = figures.overall
        self.status.setText(
            self.tr("%d reviewers, %d sentences with at least one verdict that counts.")
            % (len(overall.reviewers), overall.sentences)
        )
        rows = [
            (self.tr("Percent agreement"), overall.percent, True),
            (self.tr("Fleiss' κ"), overall.fleiss_kappa, False),
            (self.tr("Krippendorff's α (nominal)"), overall.krippendorff_alpha, False),
        ]
        self.overall.setRowCount(len(rows))
        for row, (name, statistic, share) in enumerate(rows):
            cells = [name, *_statistic_cells(statistic, share)]
            _fill(self.overall, row, cells, statistic.warning, _OVERALL_READING)
        self._pairs = overall.pairs
        self.pairs.setRowCount(len(overall.pairs))
        for row, pair in enumerate(overall.pairs):
            kappa, n, reading = _statistic_cells(pair.kappa, False)
            percent = _value(pair.percent, True)
            _fill(
                self.pairs,
                row,
                [f"{pair.first} · {pair.second}", kappa, percent, n, reading],
                pair.kappa.warning,
                _PAIR_READING,
            )
        self.rewrites.setRowCount(len(figures.rewrites))
        for row, rewrite in enumerate(figures.rewrites):
            report: AgreementReport = rewrite.agreement
            cells = [
                rewrite.title if rewrite.version == 1 else f"{rewrite.title} (v{rewrite.version})",
                _value(report.percent, True),
                _value(report.fleiss_kappa, False),
                _value(report.krippendorff_alpha, False),
                f"{report.sentences:,}",
            ]
            _fill(self.rewrites, row, cells, report.krippendorff_alpha.warning, _REWRITE_ALPHA)
        for table in (self.overall, self.pairs, self.rewrites):
            table.resizeRowsToContents()
        if overall.pairs:
            self.pairs.selectRow(0)
        else:
            self.confusion_caption.setText(self.tr("Confusion matrices need two reviewers."))
            self.confusion.setRowCount(0)
            self.confusion.setColumnCount(0)

    def _show_confusion(self) -> None:
        rows = self.pairs.selectionModel().selectedRows()
        if not rows:
            return
        pair = self._pairs[rows[0].row()]
        matrix = pair.confusion
        self.confusion_caption.setText(self.tr("%s (rows) against %s (columns)") % (pair.first, pair.second))
        self.confusion.setRowCount(len(matrix.labels))
        self.confusion.setColumnCount(len(matrix.labels))
        self.confusion.setHorizontalHeaderLabels(list(matrix.labels))
        self.confusion.setVerticalHeaderLabels(list(matrix.labels))
        self.confusion.verticalHeader().show()
        for r, counts in enumerate(matrix.counts):
            for c, count in enumerate(counts):
                item = QTableWidgetItem(f"{count:,}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if r == c:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.confusion.setItem(r, c, item)


class ReviewersView(QWidget):
    """One row per reviewer: how much, how fast, how often overturned, how often following the assistant."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = _table(
            [
                self.tr("Reviewer"),
                self.tr("Decisions"),
                self.tr("Sentences"),
                self.tr("Label mix"),
                self.tr("Median s between"),
                self.tr("Under 2 s"),
                self.tr("Overturned"),
                self.tr("Took the suggestion"),
                self.tr("Agrees with final"),
            ]
        )
        self.table.setObjectName("reviewerStats")
        self.table.setAccessibleName(self.tr("Statistics of each reviewer"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def show_statistics(self, statistics: list[ReviewerStats]) -> None:
        self.table.setRowCount(len(statistics))
        for row, stats in enumerate(statistics):
            mix = "  ".join(f"{palette.LOOKS[label].glyph} {count:,}" for label, count in stats.label_mix)
            quick = (
                "—"
                if stats.quick_share is None
                else self.tr("%s (%s of %s)")
                % (f"{stats.quick_share:.0%}", f"{stats.quick:,}", f"{stats.timed:,}")
            )
            cells = [
                stats.reviewer,
                f"{stats.decisions:,}",
                f"{stats.sentences_reviewed:,}",
                mix,
                "—" if stats.median_seconds is None else f"{stats.median_seconds:.1f}",
                quick,
                self.tr("%d of %d") % (stats.overturned, stats.adjudicated)
                if stats.adjudicated
                else self.tr("none adjudicated"),
                self.tr("%d of %d") % (stats.suggestions_accepted, stats.suggestions_seen)
                if stats.suggestions_seen
                else self.tr("no suggestions seen"),
                _share(stats.with_adjudications),
            ]
            _fill(self.table, row, cells, stats.rubber_stamp, _QUICK)
        self.table.resizeRowsToContents()


def _value(statistic: Statistic, share: bool) -> str:
    if statistic.value is None:
        return statistic.reading  # says in words why there is no figure
    return f"{statistic.value:.1%}" if share else f"{statistic.value:.3f}"


def _share(statistic: Statistic) -> str:
    """A share with the count it is a share of: "0.0% of 3", never a bare "0.0%"."""
    if statistic.value is None:
        return statistic.reading
    return QCoreApplication.translate("ReviewersView", "%s of %s") % (
        f"{statistic.value:.1%}",
        f"{statistic.n:,}",
    )


def _statistic_cells(statistic: Statistic, share: bool) -> list[str]:
    reading = statistic.reading if statistic.value is not None else ""
    if statistic.warning:
        reading = f"{reading} ⚠ {statistic.warning}".strip()
    return [_value(statistic, share), f"{statistic.n:,}", reading]


def _fill(table: QTableWidget, row: int, cells: list[str], warning: str | None, warned: int) -> None:
    """One row; a warning colours and marks only the `warned` cell, and every cell's tooltip
    tells it, so that a row of small figures does not turn all orange."""
    for column, text in enumerate(cells):
        if warning and column == warned and "⚠" not in text:
            text = f"⚠ {text}"
        item = QTableWidgetItem(text)
        item.setToolTip(f"{cells[column]}\n⚠ {warning}" if warning else text)
        if warning and column == warned:
            item.setForeground(palette.WARNING)
        table.setItem(row, column, item)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    if headers:
        table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    # Wrapped readings take the height they need at whatever width the splitters give.
    header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
    return table
