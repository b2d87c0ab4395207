"""File → Import…: pick a canonical source and any number of its rewrites."""

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_FILTER = "Articles (*.json *.jsonl *.md *.markdown *.txt);;All files (*)"


class ImportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, folder: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import articles"))
        self.setMinimumWidth(560)
        self._folder = folder
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("The canonical article the rewrites are checked against"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_source)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addWidget(browse)

        self.rewrites = QListWidget()
        self.rewrites.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        add = QPushButton(self.tr("Add…"))
        add.clicked.connect(self._add_rewrites)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_rewrites)
        buttons_column = QVBoxLayout()
        buttons_column.addWidget(add)
        buttons_column.addWidget(remove)
        buttons_column.addStretch(1)
        rewrites_row = QHBoxLayout()
        rewrites_row.addWidget(self.rewrites, 1)
        rewrites_row.addLayout(buttons_column)

        hint = QLabel(
            self.tr(
                "Files are recognised by their content: a JSON record with a Markdown body, JSON Lines of "
                "such records, Markdown or plain text. Nothing is fetched from the network."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")

        form = QFormLayout()
        form.addRow(self.tr("Source:"), source_row)
        form.addRow(self.tr("Rewrites:"), rewrites_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.source.textChanged.connect(self._update)
        self._update()

    def chosen(self) -> tuple[Path, list[Path]]:
        rewrites = [Path(self.rewrites.item(i).text()) for i in range(self.rewrites.count())]
        return Path(self.source.text().strip()), rewrites

    def add_rewrite_paths(self, paths: list[str]) -> None:
        present = {self.rewrites.item(i).text() for i in range(self.rewrites.count())}
        for path in paths:
            if path not in present:
                self.rewrites.addItem(path)

    def _choose_source(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the source"), self._folder, _FILTER)
        if path:
            self.source.setText(path)
            self._folder = str(Path(path).parent)

    def _add_rewrites(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose rewrites"), self._folder, _FILTER)
        if paths:
            self.add_rewrite_paths(paths)
            self._folder = str(Path(paths[0]).parent)

    def _remove_rewrites(self) -> None:
        for item in self.rewrites.selectedItems():
            self.rewrites.takeItem(self.rewrites.row(item))

    def _update(self) -> None:
        self.import_button.setEnabled(bool(self.source.text().strip()))
        self.import_button.setDefault(True)
