"""`export --format xlsx|claimreview`, `export --bom` and `factcheck settings`, through the
installed console script."""

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.cli.conftest import run_factcheck
from tests.conftest import REWRITES, SOURCE


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with three verdicts and a note without one, each test working on a copy."""
    path = tmp_path_factory.mktemp("template") / "review.db"
    assert (
        run_factcheck("import", "--db", str(path), "--source", str(SOURCE), *map(str, REWRITES)).returncode
        == 0
    )
    rewrite = next(
        json.loads(line)
        for line in run_factcheck("articles", "--db", str(path), "--json").stdout.splitlines()
        if json.loads(line)["role"] == "rewrite"
    )
    sentences = [
        json.loads(line)
        for line in run_factcheck("sentences", "--db", str(path), rewrite["id"], "--json").stdout.splitlines()
    ]
    for sentence, label in zip(sentences, ["supported", "contradicted", "unverifiable"], strict=False):
        marking = ("mark", "--db", str(path), "--reviewer", "alice", sentence["id"], label)
        assert run_factcheck(*marking, "--note", "=1+1 is not a formula").returncode == 0
    noting = ("mark", "--db", str(path), "--reviewer", "alice", sentences[3]["id"], "clear")
    assert run_factcheck(*noting, "--note", "Café “owner” unsure").returncode == 0
    return path


@pytest.fixture
def db(tmp_path: Path, marked: Path) -> str:
    path = tmp_path / "review.db"
    shutil.copyfile(marked, path)
    return str(path)


def test_export_writes_a_workbook(db: str, run, tmp_path: Path) -> None:
    out = tmp_path / "verdicts.xlsx"
    result = run("export", "--db", db, "--format", "xlsx", "-o", str(out))
    assert result.returncode == 0 and f"wrote 4 verdicts to {out}" in result.stderr
    book = openpyxl.load_workbook(out)
    rows = list(book["Verdicts"].iter_rows(min_row=2, values_only=True))
    assert [r[5] for r in rows] == ["supported", "contradicted", "unverifiable", None]
    assert rows[0][8] == "=1+1 is not a formula" and rows[3][8] == "Café “owner” unsure"
    final = tmp_path / "final.xlsx"
    assert run("export", "--db", db, "--format", "xlsx", "--adjudicated", "-o", str(final)).returncode == 0
    assert openpyxl.load_workbook(final).sheetnames == ["Final verdicts", "Summary"]
    history = tmp_path / "history.xlsx"
    assert run("export", "--db", db, "--format", "xlsx", "--history", "-o", str(history)).returncode == 0
    assert openpyxl.load_workbook(history)["History"].max_row == 5


def test_csv_for_excel_begins_with_a_byte_order_mark(db: str, run, tmp_path: Path) -> None:
    out = tmp_path / "excel.csv"
    assert run("export", "--db", db, "--bom", "-o", str(out)).returncode == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfsentence_id,") and raw.endswith(b"\r\n")
    assert "Café “owner” unsure".encode() in raw
    fresh = str(tmp_path / "fresh.db")
    run("import", "--db", fresh, "--source", str(SOURCE), *map(str, REWRITES))
    assert "imported 4 verdicts; skipped 0" in run("import-verdicts", "--db", fresh, str(out)).stdout
    assert run("export", "--db", fresh).stdout == run("export", "--db", db).stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--format", "xlsx"), "a workbook is a binary file: give the file to write with -o FILE"),
        (("--format", "jsonl", "--bom"), "--bom is for CSV"),
        (("--format", "claimreview", "--history"), "ClaimReview publishes verdicts, not the history"),
    ],
)
def test_export_options_that_do_not_go_together_are_usage_errors(db: str, run, args, fragment) -> None:
    result = run("export", "--db", db, *args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().startswith("factcheck: export: ") and fragment in result.stderr


def test_settings_are_kept_in_the_project_and_used_by_claimreview(db: str, run, tmp_path: Path) -> None:
    shown = run("settings", "--db", db)
    assert shown.returncode == 0 and "organisation: (not set)" in shown.stdout
    bare = run("export", "--db", db, "--format", "claimreview")
    assert bare.returncode == 0
    assert "warning: no base URL is set, so the reviews have no url" in bare.stderr
    assert all("url" not in review for review in json.loads(bare.stdout))
    changed = run(
        "settings", "--db", db, "--organisation", "Example Checks", "--base-url", "https://fc.example/"
    )
    assert changed.returncode == 0 and "https://fc.example/#claim-SENTENCE_ID" in changed.stdout
    out = tmp_path / "reviews.jsonld"
    published = run("export", "--db", db, "--format", "claimreview", "-o", str(out))
    assert published.returncode == 0 and "warning" not in published.stderr
    assert f"wrote 3 reviews to {out}" in published.stderr
    reviews = json.loads(out.read_text(encoding="utf-8"))
    assert [r["reviewRating"]["ratingValue"] for r in reviews] == [3, 1, 2]
    assert {r["author"]["name"] for r in reviews} == {"Example Checks"}
    assert all(r["url"].startswith("https://fc.example/#claim-") for r in reviews)
    assert "organisation: Example Checks" in run("settings", "--db", db).stdout


def test_a_bad_base_url_is_refused_and_changes_nothing(db: str, run) -> None:
    before = Path(db).read_bytes()
    result = run("settings", "--db", db, "--base-url", "fc.example/checks")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "factcheck: 'fc.example/checks' is not a web address: give one like https://example.org/fact-checks/"
    )
    assert Path(db).read_bytes() == before
