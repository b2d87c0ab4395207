"""Export and import-verdicts: the CSV round trip, all-or-nothing reading, no half-written files."""

import csv
import io
import json
import re
from pathlib import Path

import pytest

from factcheck.core.errors import BadInput
from factcheck.core.export import ADJUDICATED_COLUMNS, COLUMNS, HISTORY_COLUMNS, ExportContent, ExportFormat
from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.decisions import adjudicate, decide
from factcheck.store.export import ExportCancelled, export, export_verdicts, import_verdicts
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
    source_sentence = load_article(project, rewrite.source_id).sentences[0]
    path = tmp_path / "bad.csv"
    text = case["text"].replace("{sentence}", sentence.id).replace("{source_sentence}", source_sentence.id)
    path.write_text(text, encoding="utf-8", newline="")
    before = project.conn.execute("SELECT count(*) FROM events").fetchone()
    with pytest.raises(BadInput, match=re.escape(case["error"])):
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


def _read(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _team(path: Path) -> tuple[Project, list]:
    """Three reviewers on four sentences: split, unanimous, one reviewer only, split and settled."""
    project = Project.open(path)
    rewrite = next(a for a in list_articles(project, "alice") if a.source_id and a.to_review > 25)
    sentences = [s for s in load_article(project, rewrite.id).sentences if not s.boilerplate]
    table = {"ana": "SSU-C", "ben": "CS--S", "cy": "-S---"}
    for reviewer, letters in table.items():
        for sentence, letter in zip(sentences, letters, strict=False):
            if letter != "-":
                label = {"S": Verdict.SUPPORTED, "C": Verdict.CONTRADICTED, "U": Verdict.UNVERIFIABLE}[letter]
                decide(project, sentence.id, reviewer, lambda s, label=label: s.with_label(label), Via.WINDOW)
    adjudicate(
        project, sentences[4].id, "lead", Verdict.CONTRADICTED, "=the source, para 4", Via.COMMAND_LINE
    )
    adjudicate(project, sentences[3].id, "lead", Verdict.UNVERIFIABLE, "nobody decided it", Via.COMMAND_LINE)
    return project, sentences


def test_each_verdict_row_carries_the_adjudicated_verdict(demo_path: Path, tmp_path: Path) -> None:
    project, sentences = _team(demo_path)
    out = tmp_path / "verdicts.csv"
    export_verdicts(project, out)
    rows = _read(out)
    assert list(rows[0])[-2:] == ["evidence_spans", "adjudicated_verdict"]
    final = {(r["sentence_id"], r["reviewer"]): r["adjudicated_verdict"] for r in rows}
    assert final[(sentences[4].id, "ana")] == final[(sentences[4].id, "ben")] == "contradicted"
    assert final[(sentences[0].id, "ana")] == ""
    fresh = Project.open(tmp_path / "fresh.db")  # the extra column does not disturb import-verdicts
    import_demo(fresh)
    assert import_verdicts(fresh, out).imported == len(rows)
    project.close()
    fresh.close()


def test_the_adjudicated_export_has_one_final_verdict_per_sentence(demo_path: Path, tmp_path: Path) -> None:
    project, sentences = _team(demo_path)
    out = tmp_path / "final.csv"
    assert export(project, out, ExportContent.ADJUDICATED) == 5
    rows = _read(out)
    assert tuple(rows[0]) == ADJUDICATED_COLUMNS
    by_id = {r["sentence_id"]: r for r in rows}
    expected = [
        ("", "disagreement", "2", "1", "1", "0", ""),
        ("supported", "unanimous", "3", "3", "0", "0", ""),
        ("unverifiable", "one reviewer", "1", "0", "0", "1", ""),
        ("unverifiable", "adjudicated", "0", "0", "0", "0", "nobody decided it"),
        ("contradicted", "adjudicated", "2", "1", "1", "0", "'=the source, para 4"),
    ]
    columns = ("final_verdict", "status", "reviewers", "supported", "contradicted", "unverifiable", "reason")
    for sentence, row in zip(sentences, expected, strict=False):
        got = by_id[sentence.id]
        assert tuple(got[c] for c in columns) == row, sentence.index
    assert by_id[sentences[4].id]["lead"] == "lead" and by_id[sentences[4].id]["adjudicated_at"]
    assert by_id[sentences[0].id]["sentence_text"] == sentences[0].text
    assert [int(r["sentence_index"]) for r in rows] == sorted(int(r["sentence_index"]) for r in rows)
    project.close()


def test_the_history_export_has_every_event_in_chain_order(demo_path: Path, tmp_path: Path) -> None:
    project, sentences = _team(demo_path)
    decide(project, sentences[0].id, "ana", lambda s: s.with_evidence(((0, 20), (30, 44))), Via.WINDOW)
    out, raw = tmp_path / "history.csv", tmp_path / "raw.csv"
    total = project.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert export(project, out, ExportContent.HISTORY) == total
    export(project, raw, ExportContent.HISTORY, raw=True)
    rows = _read(out)
    assert tuple(rows[0]) == HISTORY_COLUMNS
    assert [int(r["seq"]) for r in rows] == list(range(1, total + 1))
    assert all(r["prev_hash"] == (rows[i - 1]["hash"] if i else "") for i, r in enumerate(rows))
    adjudications = [r for r in rows if r["kind"] == "adjudicate"]
    assert [r["note"] for r in adjudications] == ["'=the source, para 4", "nobody decided it"]
    unchanged = {r["id"]: r["note"] for r in _read(raw)}
    assert unchanged[adjudications[0]["id"]] == "=the source, para 4"
    assert rows[-1]["evidence_spans"] == "0-20;30-44" and rows[-1]["article_id"]
    project.close()


def test_the_history_exports_as_json_lines(demo_path: Path, tmp_path: Path) -> None:
    project, _ = _team(demo_path)
    out = tmp_path / "history.jsonl"
    count = export(project, out, ExportContent.HISTORY, ExportFormat.JSONL)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == count and set(rows[0]) == set(HISTORY_COLUMNS)
    assert rows[0]["seq"] == 1 and rows[0]["included"] is None
    project.close()
