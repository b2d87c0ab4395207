"""File → Import…: pick a canonical source and any number of its rewrites.

Import asks for the import and stays open: a file that is refused is named in the dialog, and
everything picked is still there to correct.
"""

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from factcheck.ui import palette
from factcheck.ui.style import styled

_FILTER = QT_TRANSLATE_NOOP("files", "Articles (*.json *.jsonl *.md *.markdown *.txt);;All files (*)")


def _filter() -> str:
    return QCoreApplication.translate("files", _FILTER)


class ImportDialog(QDialog):
    importRequested = Signal(object, object)  # source Path, list of rewrite Paths
    problemShown = Signal(str)

    def __init__(self, parent: QWidget | None = None, folder: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import articles"))
        self.setMinimumWidth(560)
        self._folder = folder
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("The canonical article the rewrites are checked against"))
        self.source.setAccessibleName(self.tr("Source file"))
        browse = QPushButton(self.tr("&Choose…"))
        browse.clicked.connect(self._choose_source)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addWidget(browse)

        self.rewrites = QListWidget()
        self.rewrites.setAccessibleName(self.tr("Rewrite files"))
        self.rewrites.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        add = QPushButton(self.tr("&Add…"))
        add.clicked.connect(self._add_rewrites)
        remove = QPushButton(self.tr("&Remove"))
        remove.clicked.connect(self.remove_selected_rewrites)
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
        styled(hint, "hint")

        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()

        form = QFormLayout()
        source_label = QLabel(self.tr("&Source:"))
        source_label.setBuddy(self.source)
        rewrites_label = QLabel(self.tr("Re&writes:"))
        rewrites_label.setBuddy(self.rewrites)
        form.addRow(source_label, source_row)
        form.addRow(rewrites_label, rewrites_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self._requested)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.source.textChanged.connect(self._update)
        self._update()

    def _requested(self) -> None:
        self.problem.hide()
        self.importRequested.emit(*self.chosen())

    def set_busy(self, busy: bool) -> None:
        """While the import runs, nothing can be changed or asked twice."""
        for widget in (self.source, self.rewrites, self.buttons):
            widget.setEnabled(not busy)
        if not busy:
            self._update()

    def show_problem(self, message: str) -> None:
        """Say why the import was refused; everything picked stays as it was."""
        self.problem.setText(message)
        self.problem.setStyleSheet(f"color: {palette.WARNING.name()};")
        self.problem.show()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import articles"), message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.problemShown.emit(message)

    def chosen(self) -> tuple[Path, list[Path]]:
        rewrites = [Path(self.rewrites.item(i).text()) for i in range(self.rewrites.count())]
        return Path(self.source.text().strip()), rewrites

    def add_rewrite_paths(self, paths: list[str]) -> None:
        present = {self.rewrites.item(i).text() for i in range(self.rewrites.count())}
        for path in paths:
            if path not in present:
                self.rewrites.addItem(path)

    def _choose_source(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the source"), self._folder, _filter())
        if path:
            self.source.setText(path)
            self._folder = str(Path(path).parent)

    def _add_rewrites(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose rewrites"), self._folder, _filter())
        if paths:
            self.add_rewrite_paths(paths)
            self._folder = str(Path(paths[0]).parent)

    def remove_selected_rewrites(self) -> None:
        for item in self.rewrites.selectedItems():
            self.rewrites.takeItem(self.rewrites.row(item))

    def _update(self) -> None:
        self.import_button.setEnabled(bool(self.source.text().strip()))
        self.import_button.setDefault(True)
