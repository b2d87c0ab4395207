"""File → Export Verdicts…: the format and rows chosen in a dialog, the publishing settings kept in
the project, the workbook and ClaimReview written on a worker, warnings said in a dialog."""

import json
from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from factcheck.core.claimreview import Publisher
from factcheck.core.export import ExportContent, ExportFormat
from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.decisions import decide
from factcheck.store.settings import publisher
from factcheck.ui import dialogs
from factcheck.ui.export_dialog import ExportDialog
from factcheck.ui.main_window import MainWindow


def _mark(window: MainWindow, count: int = 3) -> None:
    labels = list(Verdict)
    for i, sentence in enumerate(window.review.article.rewrite.sentences[:count]):
        decide(
            window.session.project,
            sentence.id,
            "alice",
            lambda s, i=i: s.with_label(labels[i % 3]),
            Via.WINDOW,
        )


def test_the_dialog_offers_csv_for_excel_the_workbook_and_claimreview(window: MainWindow, qtbot) -> None:
    dialog = ExportDialog(window, "csv-excel", Publisher())
    qtbot.addWidget(dialog)
    names = [dialog.format.itemText(i) for i in range(dialog.format.count())]
    assert names[0].startswith("CSV for Excel") and any("workbook" in n for n in names)
    choice = dialog.choice()
    assert (choice.kind.format, choice.kind.bom, choice.file_name) == (ExportFormat.CSV, True, "verdicts.csv")
    assert dialog.publishing.isHidden()
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    dialog.rows.setCurrentIndex(dialog.rows.findData(ExportContent.HISTORY.value))
    assert dialog.choice().file_name == "history.xlsx"


def test_claimreview_asks_for_the_publishing_settings_and_checks_the_base_url(
    window: MainWindow, qtbot
) -> None:
    dialog = ExportDialog(window, "claimreview", Publisher())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.publishing.isVisible()
    history = dialog.rows.model().item(dialog.rows.findData(ExportContent.HISTORY.value))
    assert not history.isEnabled()  # ClaimReview publishes verdicts, not their history
    assert "no base URL is set" in dialog.publishing_note.text()
    dialog.base_url.setText("factcheck.example.org")
    assert "is not a web address" in dialog.publishing_note.text()
    assert not dialog.export_button.isEnabled()
    dialog.base_url.setText("https://factcheck.example.org/{rewrite}")
    dialog.organisation.setText("  Example   Checks ")
    assert dialog.export_button.isEnabled()
    assert "https://factcheck.example.org/REWRITE#claim-SENTENCE" in dialog.publishing_note.text()
    assert dialog.choice().publisher == Publisher("Example Checks", "https://factcheck.example.org/{rewrite}")


def test_export_verdicts_keeps_the_settings_and_writes_the_file(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    _mark(window)
    out = tmp_path / "reviews.jsonld"

    class Chosen(ExportDialog):
        def exec(self) -> int:
            self.format.setCurrentIndex(self.format.findData("claimreview"))
            self.organisation.setText("Example Checks")
            self.base_url.setText("https://fc.example/")
            return QDialog.DialogCode.Accepted

    offered = []

    def save_as(parent, title, suggested, filter):
        offered.append((Path(suggested).name, filter))
        return str(out), filter

    monkeypatch.setattr(dialogs, "ExportDialog", Chosen)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    dialogs.ask_export(window)
    assert offered == [("claimreview.jsonld", "ClaimReview JSON-LD (*.jsonld *.json)")]
    assert publisher(window.session.project) == Publisher("Example Checks", "https://fc.example/")
    qtbot.waitUntil(lambda: "Exported 3 reviews" in window.statusBar().currentMessage(), timeout=10_000)
    reviews = json.loads(out.read_text(encoding="utf-8"))
    assert [r["author"]["name"] for r in reviews] == ["Example Checks"] * 3
    assert window.settings.value("exportKind") == "claimreview"


def test_the_workbook_is_written_on_a_worker(window: MainWindow, tmp_path: Path, qtbot) -> None:
    _mark(window)
    out = tmp_path / "verdicts.xlsx"
    job = dialogs.run_export(window, out, ExportFormat.XLSX)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    rows = list(openpyxl.load_workbook(out)["Verdicts"].iter_rows(min_row=2, values_only=True))
    assert [r[5] for r in rows] == ["supported", "contradicted", "unverifiable"]
    assert "Exported 3 rows" in window.statusBar().currentMessage()


def test_what_search_engines_will_miss_is_said_after_the_export(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:
    _mark(window, 1)
    job = dialogs.run_export(window, tmp_path / "reviews.jsonld", ExportFormat.CLAIMREVIEW)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "exportWarnings") is not None)
    box = window.findChild(QMessageBox, "exportWarnings")
    qtbot.waitUntil(box.isVisible)
    assert "No base URL is set" in box.text() and "No organisation is set" in box.text()
    box.close()
