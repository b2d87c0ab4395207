"""File → Export Verdicts…: what to export (the format and which rows), and, for ClaimReview, who
publishes the fact checks and where (kept in the project, so they are set once)."""

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from factcheck.core.claimreview import Publisher, check_base_url, missing_settings, review_url
from factcheck.core.errors import BadInput
from factcheck.core.export import ExportContent, ExportFormat
from factcheck.ui.style import styled


@dataclass(frozen=True, slots=True)
class ExportKind:
    """One entry of the format list."""

    key: str
    format: ExportFormat
    bom: bool
    suffix: str
    filter: str


KINDS = (
    ExportKind("csv-excel", ExportFormat.CSV, True, ".csv", "CSV for Excel (*.csv)"),
    ExportKind("xlsx", ExportFormat.XLSX, False, ".xlsx", "Excel workbook (*.xlsx)"),
    ExportKind("csv", ExportFormat.CSV, False, ".csv", "CSV (*.csv)"),
    ExportKind("jsonl", ExportFormat.JSONL, False, ".jsonl", "JSON Lines (*.jsonl)"),
    ExportKind(
        "claimreview", ExportFormat.CLAIMREVIEW, False, ".jsonld", "ClaimReview JSON-LD (*.jsonld *.json)"
    ),
)
_KIND = {kind.key: kind for kind in KINDS}

_FILE_NAMES = {
    ExportContent.VERDICTS: "verdicts",
    ExportContent.ADJUDICATED: "final-verdicts",
    ExportContent.HISTORY: "history",
}


@dataclass(frozen=True, slots=True)
class ExportChoice:
    kind: ExportKind
    content: ExportContent
    publisher: Publisher

    @property
    def file_name(self) -> str:
        stem = "claimreview" if self.kind.format is ExportFormat.CLAIMREVIEW else _FILE_NAMES[self.content]
        return stem + self.kind.suffix


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None, kind: str, publisher: Publisher) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export verdicts"))
        self.setMinimumWidth(520)
        self.format = QComboBox()
        names = {
            "csv-excel": self.tr("CSV for Excel (UTF-8 with a byte-order mark)"),
            "xlsx": self.tr("Excel workbook (.xlsx), with a summary sheet"),
            "csv": self.tr("CSV (UTF-8, for scripts and other tools)"),
            "jsonl": self.tr("JSON Lines"),
            "claimreview": self.tr("ClaimReview JSON-LD, for publishing"),
        }
        for entry in KINDS:
            # Plain strings as item data: Qt hands them back as they went in.
            self.format.addItem(names[entry.key], entry.key)
        self.format.setCurrentIndex(max(0, self.format.findData(kind)))
        self.rows = QComboBox()
        self.rows.addItem(self.tr("Every reviewer's current verdicts"), ExportContent.VERDICTS.value)
        self.rows.addItem(self.tr("The final verdict of each sentence"), ExportContent.ADJUDICATED.value)
        self.rows.addItem(self.tr("The whole decision history"), ExportContent.HISTORY.value)

        self.publishing = QGroupBox(self.tr("Publishing (kept in the project)"))
        self.organisation = QLineEdit(publisher.organisation)
        self.organisation.setPlaceholderText(self.tr("Your organisation, the author of the fact checks"))
        self.base_url = QLineEdit(publisher.base_url)
        self.base_url.setPlaceholderText("https://example.org/fact-checks/{rewrite}")
        self.publishing_note = QLabel()
        self.publishing_note.setWordWrap(True)
        styled(self.publishing_note, "hint")
        publishing = QFormLayout(self.publishing)
        publishing.addRow(self.tr("Organisation:"), self.organisation)
        publishing.addRow(self.tr("Base URL:"), self.base_url)
        publishing.addRow(self.publishing_note)

        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("Rows:"), self.rows)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            self.tr("Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.publishing)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._update)
        self.rows.currentIndexChanged.connect(self._update)
        self.organisation.textChanged.connect(self._update)
        self.base_url.textChanged.connect(self._update)
        self._update()

    def kind(self) -> ExportKind:
        return _KIND[self.format.currentData()]

    def choice(self) -> ExportChoice:
        return ExportChoice(self.kind(), ExportContent(self.rows.currentData()), self._publisher())

    def _publisher(self) -> Publisher:
        return Publisher(" ".join(self.organisation.text().split()), self.base_url.text().strip())

    def _update(self) -> None:
        publishing = self.kind().format is ExportFormat.CLAIMREVIEW
        self.publishing.setVisible(publishing)
        history = self.rows.model().item(self.rows.findData(ExportContent.HISTORY.value))
        history.setEnabled(not publishing)  # ClaimReview publishes verdicts, not their history
        if publishing and self.rows.currentData() == ExportContent.HISTORY.value:
            self.rows.setCurrentIndex(self.rows.findData(ExportContent.VERDICTS.value))
        self.export_button.setEnabled(True)
        if not publishing:
            self.adjustSize()
            return
        chosen = self._publisher()
        try:
            check_base_url(chosen.base_url)
        except BadInput as error:
            self.publishing_note.setText(str(error))
            self.export_button.setEnabled(False)
            return
        lines = (
            [self.tr("Each review's address: %s") % review_url(chosen.base_url, "REWRITE", "SENTENCE")]
            if chosen.base_url
            else []
        )
        lines += [self.tr("Note: %s.") % line for line in missing_settings(chosen)]
        self.publishing_note.setText("\n".join(lines))
        self.adjustSize()
