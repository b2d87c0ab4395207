"""Export and import-verdicts: the CSV round trip, all-or-nothing reading, no half-written files."""

import csv
import io
import json
from pathlib import Path

import pytest

from factcheck.core.errors import BadInput
from factcheck.core.export import COLUMNS, ExportFormat
from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.decisions import decide
from factcheck.store.export import ExportCancelled, export_verdicts, import_verdicts
from factcheck.store.importing import import_demo
from factcheck.store.project import Project
from tests.conftest import DATA

NOTES = ['=HYPERLINK("http://x")', 'Says "2,400 km", not 1,490\nsecond line', "+44 tip", "@alice", ""]


def _reviewed(path: Path) -> Project:
    project = Project.open(path)
    rewrite = next(a for a in list_articles(project, "alice") if a.source_id and a.to_review > 25)
    article = load_article(project, rewrite.id)
    labels = list(Verdict)
    for i, sentence in enumerate(article.sentences[:10]):

        def change(state, i=i):
            state = state.with_label(labels[i % 3]).with_note(NOTES[i % len(NOTES)])
            return state.with_evidence(((0, 20), (30, 44))) if i == 1 else state

        decide(project, sentence.id, "alice" if i % 2 else "bob", change, Via.WINDOW)
    return project


def _current(project: Project) -> list:
    return project.conn.execute(
        "SELECT sentence_id, reviewer, label, note, evidence, decided_at FROM verdicts ORDER BY 1, 2"
    ).fetchall()


def test_export_then_import_into_a_fresh_project_gives_the_same_verdicts(
    demo_path: Path, tmp_path: Path
) -> None:
    project = _reviewed(demo_path)
    out = tmp_path / "verdicts.csv"
    assert export_verdicts(project, out) == 10
    fresh = Project.open(tmp_path / "fresh.db")
    import_demo(fresh)
    result = import_verdicts(fresh, out)
    assert (result.imported, result.skipped) == (10, 0)
    assert _current(fresh) == _current(project)
    again = import_verdicts(fresh, out)
    assert (again.imported, again.skipped) == (0, 10)
    project.close()
    fresh.close()


def test_the_csv_has_the_contract_columns_and_safe_cells(demo_path: Path, tmp_path: Path) -> None:
    project = _reviewed(demo_path)
    out = tmp_path / "verdicts.csv"
    export_verdicts(project, out)
    raw = out.read_bytes()
    assert raw.startswith(b"sentence_id,article_id,") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert tuple(rows[0].keys()) == COLUMNS
    notes = {r["note"] for r in rows}
    assert '\'=HYPERLINK("http://x")' in notes and "'+44 tip" in notes and "'@alice" in notes
    with_evidence = next(r for r in rows if r["evidence_spans"])
    source = load_article(project, with_evidence["source_id"])
    assert with_evidence["evidence_text"] == f"{source.text[0:20]} … {source.text[30:44]}"
    assert with_evidence["evidence_spans"] == "0-20;30-44"
    assert rows[0]["source_url"].startswith("https://www.scmp.com/")
    project.close()


def test_jsonl_export_has_one_object_per_verdict(demo_path: Path, tmp_path: Path) -> None:
    project = _reviewed(demo_path)
    out = tmp_path / "verdicts.jsonl"
    export_verdicts(project, out, ExportFormat.JSONL)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 10 and set(rows[0]) == set(COLUMNS)
    assert {r["note"] for r in rows} >= {'=HYPERLINK("http://x")'}  # not neutralised: not for spreadsheets
    project.close()


def test_a_cancelled_export_leaves_no_file(demo_path: Path, tmp_path: Path) -> None:
    project = _reviewed(demo_path)
    out = tmp_path / "verdicts.csv"
    out.write_text("the previous export\n")
    with pytest.raises(ExportCancelled):
        export_verdicts(project, out, progress=lambda done, total: False)
    assert out.read_text() == "the previous export\n"
    assert list(tmp_path.glob("*.part")) == []
    project.close()


BAD = json.loads((DATA / "csv" / "bad_files.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", BAD, ids=lambda c: c["name"])
def test_a_bad_csv_imports_nothing(demo_path: Path, tmp_path: Path, case: dict) -> None:
    project = Project.open(demo_path)
    rewrite = next(a for a in list_articles(project, "alice") if a.source_id)
    sentence = load_article(project, rewrite.id).sentences[0]
    path = tmp_path / "bad.csv"
    path.write_text(case["text"].replace("{sentence}", sentence.id), encoding="utf-8", newline="")
    before = project.conn.execute("SELECT count(*) FROM events").fetchone()
    with pytest.raises(BadInput, match=case["error"].replace("(", r"\(")):
        import_verdicts(project, path)
    assert project.conn.execute("SELECT count(*) FROM events").fetchone() == before
    project.close()


def test_a_csv_that_is_not_utf8_is_refused(demo_path: Path, tmp_path: Path) -> None:
    project = Project.open(demo_path)
    path = tmp_path / "latin1.csv"
    path.write_bytes("sentence_id,verdict,reviewer\r\nx,supported,Jos\xe9\r\n".encode("latin-1"))
    with pytest.raises(BadInput, match="not UTF-8"):
        import_verdicts(project, path)
    project.close()
