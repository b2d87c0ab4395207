"""`factcheck audit` and `factcheck export --adjudicated / --history` through the console script."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.decisions import adjudicate
from factcheck.store.project import Project
from tests.cli.conftest import run_factcheck
from tests.conftest import REWRITES, SOURCE
from tests.core.test_report import html_structure

# Each reviewer's labels on the first eight sentences of the MicroPort rewrite ("-": none).
TEAM = {"ana": "SSCUSSC-", "ben": "SCCUSUC-", "cy": "SSCCS-S-"}
NOTE = "<script>alert('x')</script> =1+1"


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def _sentences(db: Path) -> list[dict]:
    articles = _json_lines(run_factcheck("articles", "--db", str(db), "--json").stdout)
    medbot = next(a for a in articles if a["title"].startswith("MicroPort"))
    rows = _json_lines(run_factcheck("sentences", "--db", str(db), medbot["id"], "--json").stdout)
    return [r for r in rows if not r["boilerplate"]]


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed case reviewed by three reviewers, each reading their verdicts in from a CSV."""
    folder = tmp_path_factory.mktemp("team")
    db = folder / "team.db"
    assert (
        run_factcheck("import", "--db", str(db), "--source", str(SOURCE), *map(str, REWRITES)).returncode == 0
    )
    sentences = _sentences(db)
    words = {"S": "supported", "C": "contradicted", "U": "unverifiable"}
    for reviewer, letters in TEAM.items():
        path = folder / f"{reviewer}.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(["sentence_id", "verdict", "reviewer", "note", "decided_at"])
            for i, (sentence, letter) in enumerate(zip(sentences, letters, strict=False)):
                if letter != "-":
                    note = NOTE if (reviewer, i) == ("ben", 1) else ""
                    writer.writerow(
                        [sentence["id"], words[letter], reviewer, note, f"2026-11-2{i}T09:00:00Z"]
                    )
        result = run_factcheck("import-verdicts", "--db", str(db), str(path))
        assert result.returncode == 0, result.stderr
    return db, [s["id"] for s in sentences]


@pytest.fixture
def db(tmp_path: Path, reviewed: tuple[Path, list[str]]) -> Path:
    path = tmp_path / "team.db"
    shutil.copyfile(reviewed[0], path)
    return path


@pytest.fixture
def ids(reviewed: tuple[Path, list[str]]) -> list[str]:
    return reviewed[1]


def _adjudicate(db: Path, sentence: str, label: Verdict, reason: str) -> str:
    project = Project.open(db)
    adjudicate(project, sentence, "lead", label, reason, Via.COMMAND_LINE)
    project.close()
    return sentence


def test_audit_prints_agreement_reviewers_and_disagreements(db: Path, ids: list[str], run) -> None:
    settled = _adjudicate(db, ids[3], Verdict.CONTRADICTED, "the source says so in paragraph 4")
    result = run("audit", "--db", str(db))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "3 reviewers, 7 rewrite sentences with a verdict" in text
    for heading in (
        "AGREEMENT, ALL REWRITES",
        "AGREEMENT, MicroPort",
        "REVIEWERS",
        "DISAGREEMENTS: 4 sentences",
    ):
        assert heading in text
    assert "Fleiss' κ" in text and "κ ana / ben" in text and "only 7 sentences" in text
    assert f"ben says contradicted: {NOTE}" in text
    listed = text.split("DISAGREEMENTS")[1]
    assert listed.index("not yet adjudicated") < listed.index(settled)  # the unsettled come first
    assert "adjudicated contradicted by lead" in listed


def test_audit_writes_json_and_a_self_contained_html_file(db: Path, tmp_path: Path, run) -> None:
    data = json.loads(run("audit", "--db", str(db), "--format", "json").stdout)
    assert [r["reviewer"] for r in data["reviewers"]] == ["ana", "ben", "cy"]
    assert data["overall"]["fleiss_kappa"]["n"] == 6  # sentence 6 has two verdicts, 7 none
    out = tmp_path / "audit.html"
    result = run("audit", "--db", str(db), "--format", "html", "-o", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert f"to {out}" in result.stderr
    parsed = html_structure(out.read_text(encoding="utf-8"))
    assert NOTE in "".join(parsed.text) and parsed.tags["svg"] == 3


def test_audit_can_list_only_the_first_disagreements(db: Path, run) -> None:
    text = run("audit", "--db", str(db), "--disagreements", "1").stdout
    assert "DISAGREEMENTS: 4 sentences, not yet adjudicated first (the first 1 shown)" in text
    assert "  1. " in text and "  2. " not in text


def test_audit_of_a_single_reviewer_says_why_figures_are_undefined(tmp_path: Path, run) -> None:
    db = tmp_path / "solo.db"
    run("import", "--db", str(db), "--source", str(SOURCE), *map(str, REWRITES))
    for sentence in _sentences(db)[:3]:
        assert run("mark", "--db", str(db), sentence["id"], "supported").returncode == 0
    result = run("audit", "--db", str(db))
    assert result.returncode == 0
    assert result.stdout.count("undefined: needs at least two reviewers") >= 3
    assert "nan" not in result.stdout.lower()


def test_export_adjudicated_writes_the_final_verdict_of_each_sentence(
    db: Path, ids: list[str], tmp_path: Path, run
) -> None:
    settled = _adjudicate(db, ids[1], Verdict.SUPPORTED, "=the source, paragraph 2")
    out = tmp_path / "final.csv"
    result = run("export", "--db", str(db), "--adjudicated", "-o", str(out))
    assert result.returncode == 0 and "wrote 7 sentences" in result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    by_id = {r["sentence_id"]: r for r in rows}
    assert (by_id[settled]["final_verdict"], by_id[settled]["status"]) == ("supported", "adjudicated")
    assert by_id[settled]["reason"] == "'=the source, paragraph 2"  # neutralised for spreadsheets
    unanimous = ids[2]
    assert (by_id[unanimous]["final_verdict"], by_id[unanimous]["reviewers"]) == ("contradicted", "3")


def test_export_history_writes_every_event(db: Path, ids: list[str], run) -> None:
    _adjudicate(db, ids[1], Verdict.SUPPORTED, "=the source, paragraph 2")
    neutralised = run("export", "--db", str(db), "--history")
    raw = run("export", "--db", str(db), "--history", "--raw")
    rows = list(csv.DictReader(io.StringIO(neutralised.stdout, newline="")))
    assert len(rows) == sum(len(labels.replace("-", "")) for labels in TEAM.values()) + 1
    assert [r["kind"] for r in rows].count("adjudicate") == 1
    assert {r["via"] for r in rows} == {"import", "command-line"}
    as_written = list(csv.DictReader(io.StringIO(raw.stdout, newline="")))
    notes = [
        (r["note"], w["note"]) for r, w in zip(rows, as_written, strict=True) if r["kind"] == "adjudicate"
    ]
    assert notes == [("'=the source, paragraph 2", "=the source, paragraph 2")]


def test_export_takes_one_of_adjudicated_or_history(db: Path, run) -> None:
    result = run("export", "--db", str(db), "--adjudicated", "--history")
    assert result.returncode == 2 and "not allowed with argument" in result.stderr


def test_audit_of_a_missing_project_is_one_clear_line(tmp_path: Path, run) -> None:
    result = run("audit", "--db", str(tmp_path / "nothing.db"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("factcheck: ") and len(result.stderr.strip().splitlines()) == 1
