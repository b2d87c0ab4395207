"""Export and import-verdicts: the CSV round trip, all-or-nothing reading, no half-written files."""

import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest

from factcheck.core.errors import BadInput
from factcheck.core.export import ADJUDICATED_COLUMNS, COLUMNS, HISTORY_COLUMNS, ExportContent, ExportFormat
from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.decisions import adjudicate, decide
from factcheck.store.export import ExportCancelled, export, export_verdicts
from factcheck.store.importing import import_demo
from factcheck.store.project import Project
from factcheck.store.settings import set_publisher
from factcheck.store.verdict_import import import_verdicts
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
    assert list(rows[0])[13:15] == ["evidence_spans", "adjudicated_verdict"]
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
    assert export(project, out, ExportContent.ADJUDICATED).rows == 5
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
    assert export(project, out, ExportContent.HISTORY).rows == total
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
    count = export(project, out, ExportContent.HISTORY, ExportFormat.JSONL).rows
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == count and set(rows[0]) == set(HISTORY_COLUMNS)
    assert rows[0]["seq"] == 1 and rows[0]["included"] is None
    project.close()


def _note_without_verdict(path: Path) -> tuple[Project, str]:
    """Alice notes a sentence without deciding it; and marks another, with evidence."""
    project = Project.open(path)
    rewrite = next(a for a in list_articles(project, "alice") if a.source_id and a.to_review > 25)
    first, second, third = load_article(project, rewrite.id).sentences[:3]
    decide(project, first.id, "alice", lambda s: s.with_note("ask the desk: which regulator?"), Via.WINDOW)
    decide(project, second.id, "alice", lambda s: s.with_evidence(((0, 20),)), Via.WINDOW)
    decide(project, third.id, "alice", lambda s: s.with_label(Verdict.SUPPORTED), Via.WINDOW)
    return project, first.id


def test_a_note_or_evidence_without_a_verdict_is_exported_with_an_empty_verdict(
    demo_path: Path, tmp_path: Path
) -> None:
    project, noted = _note_without_verdict(demo_path)
    out = tmp_path / "verdicts.csv"
    assert export_verdicts(project, out) == 3
    rows = {r["sentence_id"]: r for r in _read(out)}
    assert rows[noted]["verdict"] == "" and rows[noted]["note"] == "ask the desk: which regulator?"
    assert sorted(r["verdict"] for r in rows.values()) == ["", "", "supported"]
    assert any(r["evidence_spans"] == "0-20" and not r["verdict"] for r in rows.values())
    jsonl = tmp_path / "verdicts.jsonl"
    export_verdicts(project, jsonl, ExportFormat.JSONL)
    by_id = {r["sentence_id"]: r for r in map(json.loads, jsonl.read_text(encoding="utf-8").splitlines())}
    assert by_id[noted]["verdict"] is None and by_id[noted]["note"].startswith("ask the desk")
    book = tmp_path / "verdicts.xlsx"
    export(project, book, format=ExportFormat.XLSX)
    sheet = openpyxl.load_workbook(book)["Verdicts"]
    cells = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells[noted][COLUMNS.index("verdict")] is None
    assert cells[noted][COLUMNS.index("note")] == "ask the desk: which regulator?"
    # ... and reads back as it was: a note, evidence, no verdict.
    fresh = Project.open(tmp_path / "fresh.db")
    import_demo(fresh)
    assert import_verdicts(fresh, out).imported == 3
    assert _current(fresh) == _current(project)
    assert import_verdicts(fresh, out).skipped == 3
    project.close()
    fresh.close()


def test_a_row_with_no_verdict_note_or_evidence_is_refused(demo_path: Path, tmp_path: Path) -> None:
    project = Project.open(demo_path)
    rewrite = next(a for a in list_articles(project, "alice") if a.source_id)
    sentence = load_article(project, rewrite.id).sentences[0]
    path = tmp_path / "empty.csv"
    path.write_text(f"sentence_id,verdict,reviewer,note\r\n{sentence.id},,alice,\r\n", encoding="utf-8")
    with pytest.raises(BadInput, match="row 2: the verdict is empty, and the row has no note or evidence"):
        import_verdicts(project, path)
    project.close()


def test_csv_for_excel_has_a_bom_and_crlf_and_reads_back(demo_path: Path, tmp_path: Path) -> None:
    project = _reviewed(demo_path)
    out = tmp_path / "excel.csv"
    assert export(project, out, bom=True).rows == 10
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfsentence_id,")
    assert raw.count(b"\r\n") >= 11  # the header and every record end in CR LF
    assert b'Says ""2,400 km"", not 1,490\nsecond line' in raw  # a note's own line break kept
    fresh = Project.open(tmp_path / "fresh.db")
    import_demo(fresh)
    assert import_verdicts(fresh, out).imported == 10
    assert _current(fresh) == _current(project)
    project.close()
    fresh.close()


def test_the_workbook_holds_the_csv_rows_as_strings_and_numbers(demo_path: Path, tmp_path: Path) -> None:
    project = _reviewed(demo_path)
    csv_out, book_out = tmp_path / "v.csv", tmp_path / "v.xlsx"
    export(project, csv_out, raw=True)
    assert export(project, book_out, format=ExportFormat.XLSX).rows == 10
    book = openpyxl.load_workbook(book_out)
    assert book.sheetnames == ["Verdicts", "Summary"]
    sheet = book["Verdicts"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    expected = _read(csv_out)
    for got, want in zip(rows[1:], expected, strict=True):
        assert [("" if v is None else str(v)) for v in got] == [want[c] for c in COLUMNS]
    assert all(isinstance(row[COLUMNS.index("sentence_index")], int) for row in rows[1:])
    assert not any(c.data_type == "f" for s in book.worksheets for r in s.iter_rows() for c in r)
    assert '=HYPERLINK("http://x")' in {row[COLUMNS.index("note")] for row in rows}
    project.close()


def test_the_final_verdicts_and_the_history_export_as_workbooks(demo_path: Path, tmp_path: Path) -> None:
    project, sentences = _team(demo_path)
    final, history = tmp_path / "final.xlsx", tmp_path / "history.xlsx"
    assert export(project, final, ExportContent.ADJUDICATED, ExportFormat.XLSX).rows == 5
    sheet = openpyxl.load_workbook(final)["Final verdicts"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    settled = rows[sentences[4].id]
    assert settled[ADJUDICATED_COLUMNS.index("final_verdict")] == "contradicted"
    assert settled[ADJUDICATED_COLUMNS.index("reason")] == "=the source, para 4"
    assert settled[ADJUDICATED_COLUMNS.index("reviewers")] == 2
    events = project.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert export(project, history, ExportContent.HISTORY, ExportFormat.XLSX).rows == events
    sheet = openpyxl.load_workbook(history)["History"]
    assert [r[2] for r in sheet.iter_rows(min_row=2, values_only=True)] == list(range(1, events + 1))
    project.close()


def test_the_summary_sheet_counts_each_rewrite_and_reviewer(demo_path: Path, tmp_path: Path) -> None:
    project, _ = _team(demo_path)
    out = tmp_path / "v.xlsx"
    export(project, out, format=ExportFormat.XLSX)
    rows = list(openpyxl.load_workbook(out)["Summary"].iter_rows(min_row=2, values_only=True))
    rewrite = next(a for a in list_articles(project, "x") if a.source_id and a.to_review > 25)
    rewrite = load_article(project, rewrite.id)
    mine = [r for r in rows if r[2] == rewrite.id]
    in_review = sum(not s.boilerplate for s in rewrite.sentences)
    # Reviewed sentences 0-4: ana S S U - C, ben C S - - S, cy - S - - -; the lead settled 3 and 4.
    assert mine[0][3:] == ("All reviewers", in_review, 4, 4 / in_review, 5, 2, 1, 2, 1)
    assert [r[3:6] for r in mine[1:]] == [("ana", in_review, 4), ("ben", in_review, 3), ("cy", in_review, 1)]
    assert [r[7:10] for r in mine[1:]] == [(2, 1, 1), (2, 1, 0), (1, 0, 0)]
    others = [r for r in rows if r[2] != rewrite.id]
    assert others and all(r[3] == "All reviewers" and r[5] == 0 for r in others)
    project.close()


def test_claim_reviews_from_a_project_use_its_publishing_settings(demo_path: Path, tmp_path: Path) -> None:
    project, sentences = _team(demo_path)
    out = tmp_path / "reviews.jsonld"
    bare = export(project, out, format=ExportFormat.CLAIMREVIEW)
    assert any("no base URL is set" in w for w in bare.warnings)
    assert any("several reviewers" in w for w in bare.warnings)
    assert all("url" not in r and "author" not in r for r in json.loads(out.read_text(encoding="utf-8")))
    set_publisher(project, "lead", "Example Fact Check", "https://fc.example.org/{rewrite}")
    final = export(project, out, ExportContent.ADJUDICATED, ExportFormat.CLAIMREVIEW)
    reviews = json.loads(out.read_text(encoding="utf-8"))
    # One per final verdict: unanimous, one reviewer, two adjudicated; the open split is left out.
    assert final.rows == len(reviews) == 4
    assert final.warnings == (
        "1 sentence left out: the reviewers disagree and no lead has given a final verdict",
    )
    by_claim = {r["claimReviewed"]: r for r in reviews}
    settled = by_claim[sentences[4].text]
    assert settled["reviewRating"]["alternateName"] == "Contradicted by the source"
    assert settled["reviewBody"] == "=the source, para 4"
    rewrite = next(a for a in list_articles(project, "x") if a.source_id and a.to_review > 25)
    assert settled["url"] == f"https://fc.example.org/{rewrite.id}#claim-{sentences[4].id}"
    assert settled["author"] == {"@type": "Organization", "name": "Example Fact Check"}
    appearance = settled["itemReviewed"]["appearance"][0]
    assert appearance["name"].endswith(".txt") and appearance["headline"]
    with pytest.raises(BadInput, match="not the decision history"):
        export(project, out, ExportContent.HISTORY, ExportFormat.CLAIMREVIEW)
    project.close()


def test_claim_reviews_carry_the_evidence_passage(demo_path: Path, tmp_path: Path) -> None:
    project = _reviewed(demo_path)
    out = tmp_path / "reviews.jsonld"
    exported = export(project, out, format=ExportFormat.CLAIMREVIEW)
    reviews = json.loads(out.read_text(encoding="utf-8"))
    assert exported.rows == len(reviews) == 10
    with_evidence = [r for r in reviews if "says: “" in r.get("reviewBody", "")]
    source = next(a for a in list_articles(project, "alice") if a.source_id is None)
    text = load_article(project, source.id).text
    assert len(with_evidence) == 1
    assert f"“{text[0:20]} … {text[30:44]}”" in with_evidence[0]["reviewBody"]
    project.close()
