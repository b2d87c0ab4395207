"""The team lead's loop in the window: merge reviewers' project files (File → Merge Project
Files…), audit, adjudicate, export the report; bad files are refused in a dialog."""

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from factcheck.core.labels import Verdict
from factcheck.core.report import ReportFormat
from factcheck.ui import team_files
from factcheck.ui.main_window import MainWindow
from factcheck.ui.team_files import MergeReportDialog
from tests.cli.conftest import run_factcheck
from tests.conftest import REWRITES, SOURCE


def _factcheck(*args: str) -> str:
    result = run_factcheck(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def reviewer_files(tmp_path: Path) -> tuple[list[Path], list[str]]:
    """Three reviewers review the seed case in their own project files, through the command line;
    they disagree on the second and third sentences."""
    files = [tmp_path / f"{name}.db" for name in ("alice", "bob", "carol")]
    for db in files:
        _factcheck("import", "--db", str(db), "--source", str(SOURCE), *map(str, REWRITES))
    articles = [
        json.loads(line) for line in _factcheck("articles", "--db", str(files[0]), "--json").splitlines()
    ]
    rewrite = next(a["id"] for a in articles if a["role"] == "rewrite" and a["to_review"] > 20)
    rows = [
        json.loads(line)
        for line in _factcheck("sentences", "--db", str(files[0]), rewrite, "--json").splitlines()
    ]
    s = [row["id"] for row in rows if not row.get("boilerplate")]
    plan = {
        "alice": ("supported", "contradicted", "supported"),
        "bob": ("supported", "supported", "unverifiable"),
        "carol": ("supported", "contradicted", "contradicted"),
    }
    for db, (name, labels) in zip(files, plan.items(), strict=True):
        for sentence, label in zip(s, labels, strict=False):
            _factcheck(
                "mark", "--db", str(db), "--reviewer", name, sentence, label, "--note", f"{name} read it"
            )
    return files, s[:3]


def _dump(path: Path) -> list[str]:
    """The project's content, read through a connection of its own (the window holds one open)."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _report_dialog(window: MainWindow, qtbot) -> MergeReportDialog:
    qtbot.waitUntil(lambda: bool(window.findChildren(MergeReportDialog)), timeout=20_000)
    return window.findChildren(MergeReportDialog)[0]


def test_the_lead_merges_audits_adjudicates_and_exports(
    open_window, reviewer_files, tmp_path: Path, qtbot
) -> None:
    files, sentences = reviewer_files
    team = tmp_path / "team.db"
    window = open_window(team, reviewer="lead")
    assert window.pages.currentIndex() == 1  # an empty project: nothing to review yet

    team_files.run_merge(window, files)
    report = _report_dialog(window, qtbot).text.toPlainText()
    assert report.startswith(f"merged 3 files into {team}: 9 events added")
    assert "reviewers: alice 3, bob 3, carol 3" in report and "conflicts: none" in report
    assert window.pages.currentIndex() == 0 and window.review.article is not None  # articles came along

    audit = window.open_audit()
    qtbot.waitUntil(lambda: audit.model.rowCount() == 3, timeout=10_000)
    first_two = {audit.model.sentence_id(0), audit.model.sentence_id(1)}
    assert first_two == set(sentences[1:3])  # the disagreements come first
    for row, label in ((0, Verdict.CONTRADICTED), (1, Verdict.UNVERIFIABLE)):
        assert audit.record_adjudication(audit.model.sentence_id(row), label, "read the source again")

    out = tmp_path / "audit.html"
    job = team_files.export_report(window, out, ReportFormat.HTML)
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    assert "<svg" in out.read_text(encoding="utf-8")
    audit.close()
    window.close()
    window.session.project.close()

    adjudicated = list(csv.DictReader(io.StringIO(_factcheck("export", "--db", str(team), "--adjudicated"))))
    finals = {row["sentence_id"]: (row["final_verdict"], row["status"]) for row in adjudicated}
    assert finals[sentences[0]] == ("supported", "unanimous")
    assert finals[sentences[1]] == ("contradicted", "adjudicated")
    assert finals[sentences[2]] == ("unverifiable", "adjudicated")
    assert _factcheck("verify", "--db", str(team)) == "ok\n"


def test_merging_the_same_files_again_adds_nothing(
    open_window, reviewer_files, tmp_path: Path, qtbot
) -> None:
    files, _ = reviewer_files
    window = open_window(tmp_path / "team.db", reviewer="lead")
    team_files.run_merge(window, files)
    _report_dialog(window, qtbot).close()
    qtbot.waitUntil(lambda: not window.findChildren(MergeReportDialog))
    before = _dump(tmp_path / "team.db")
    team_files.run_merge(window, files)
    assert "0 events added" in _report_dialog(window, qtbot).text.toPlainText()
    assert _dump(tmp_path / "team.db") == before


def test_a_file_that_is_not_a_project_is_one_line_in_a_dialog(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("shopping list\n")
    path = window.session.project.path
    before = _dump(path)
    with qtbot.waitSignal(window.errorShown, timeout=20_000) as shown:
        team_files.run_merge(window, [junk])
    assert "not a factcheck project file" in shown.args[0] and "\n" not in shown.args[0]
    assert _dump(path) == before


def test_a_file_failing_verify_is_merged_only_when_the_lead_says_so(
    open_window, reviewer_files, tmp_path: Path, qtbot
) -> None:
    files, _ = reviewer_files
    tampered = files[0]
    conn = sqlite3.connect(tampered)  # alice's second note edited behind the app's back
    (broken,) = conn.execute("SELECT id FROM events WHERE seq = 2").fetchone()
    conn.executescript(
        "DROP TRIGGER events_are_append_only_update; UPDATE events SET note = 'edited' WHERE seq = 2;"
    )
    conn.close()
    team = tmp_path / "team.db"
    window = open_window(team, reviewer="lead")
    before = _dump(team)

    team_files.run_merge(window, [tampered])
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)), timeout=20_000)
    question = window.findChildren(QMessageBox)[0]
    assert broken in question.text() and "Nothing was merged" in question.text()
    assert _dump(team) == before

    anyway = next(b for b in question.buttons() if "Anyway" in b.text())
    anyway.click()
    report = _report_dialog(window, qtbot).text.toPlainText()
    assert f"merged although its history fails verify: event {broken}" in report
