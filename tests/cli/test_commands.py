"""Every subcommand through the installed console script: output, exit status, one-line errors."""

import csv
import io
import itertools
import json
import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import run_factcheck
from tests.conftest import DATA, REWRITES, SOURCE


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo imported once through the command line; each test works on a copy."""
    path = tmp_path_factory.mktemp("template") / "review.db"
    result = run_factcheck("import", "--db", str(path), "--source", str(SOURCE), *map(str, REWRITES))
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def db(tmp_path: Path, imported: Path) -> str:
    path = tmp_path / "review.db"
    shutil.copyfile(imported, path)
    return str(path)


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def _one_clear_line(result, fragment: str) -> None:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("factcheck: ") and fragment in lines[0], lines[0]


def test_import_reports_each_article(tmp_path: Path, run) -> None:
    result = run("import", "--db", str(tmp_path / "p.db"), "--source", str(SOURCE), *map(str, REWRITES))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["source", "rewrite", "rewrite"]
    assert "new;" in lines[0] and "boilerplate" in lines[1]
    again = run("import", "--db", str(tmp_path / "p.db"), "--source", str(SOURCE), *map(str, REWRITES))
    assert all("unchanged" in line for line in again.stdout.splitlines())


def test_articles_lists_roles_titles_and_progress(db: str, run) -> None:
    rows = _json_lines(run("articles", "--db", db, "--json").stdout)
    assert [r["role"] for r in rows] == ["source", "rewrite", "rewrite"]
    source = rows[0]
    assert source["source_id"] is None and source["title"].startswith("China’s medical AI")
    for rewrite in rows[1:]:
        assert rewrite["source_id"] == source["id"]
        assert rewrite["reviewed"] == 0 and rewrite["sentences"] >= rewrite["to_review"] > 10
    text = run("articles", "--db", db).stdout
    assert "0 / " in text and "reviewed" in text


def test_sentences_gives_offsets_into_the_stored_text_and_boilerplate(db: str, run) -> None:
    rewrites = [r for r in _json_lines(run("articles", "--db", db, "--json").stdout) if r["source_id"]]
    medbot = next(r for r in rewrites if r["title"].startswith("MicroPort"))
    rows = _json_lines(run("sentences", "--db", db, medbot["id"], "--json").stdout)
    assert [r["index"] for r in rows] == list(range(len(rows)))
    assert all({"id", "index", "start", "end", "text", "boilerplate"} <= set(r) for r in rows)
    assert rows[0]["text"].startswith("MicroPort MedBot’s Toumai Remote")
    assert any(r["boilerplate"] and r["text"].startswith("Create a free account") for r in rows)
    assert not any(r["boilerplate"] for r in rows[:10])
    for earlier, later in itertools.pairwise(rows):
        assert earlier["end"] <= later["start"]


def _first_rewrite_sentence(db: str, run) -> dict:
    rewrite = next(r for r in _json_lines(run("articles", "--db", db, "--json").stdout) if r["source_id"])
    return _json_lines(run("sentences", "--db", db, rewrite["id"][:8], "--json").stdout)[1]


def test_mark_then_export_then_import_verdicts_round_trip(db: str, tmp_path: Path, run) -> None:
    sentence = _first_rewrite_sentence(db, run)
    result = run(
        "mark",
        "--db",
        db,
        sentence["id"],
        "Contradicted",
        "--note",
        '=2+2, "quoted"\nnext',
        "--evidence",
        "0-20",
        "30-44",
    )
    assert result.returncode == 0 and "saved" in result.stdout
    assert "unchanged" in run("mark", "--db", db, sentence["id"], "contradicted").stdout
    run("mark", "--db", db, "--reviewer", "bob", sentence["id"], "supported")
    exported = run("export", "--db", db)
    rows = list(csv.DictReader(io.StringIO(exported.stdout, newline="")))
    assert {(r["reviewer"], r["verdict"]) for r in rows} == {("alice", "contradicted"), ("bob", "supported")}
    alice = next(r for r in rows if r["reviewer"] == "alice")
    assert alice["note"] == '\'=2+2, "quoted"\nnext' and alice["evidence_spans"] == "0-20;30-44"
    raw = list(csv.DictReader(io.StringIO(run("export", "--db", db, "--raw").stdout, newline="")))
    assert next(r for r in raw if r["reviewer"] == "alice")["note"] == '=2+2, "quoted"\nnext'
    out = tmp_path / "v.csv"
    assert run("export", "--db", db, "-o", str(out)).returncode == 0
    fresh = str(tmp_path / "fresh.db")
    run("import", "--db", fresh, "--source", str(SOURCE), *map(str, REWRITES))
    assert "imported 2 verdicts; skipped 0" in run("import-verdicts", "--db", fresh, str(out)).stdout
    assert "imported 0 verdicts; skipped 2" in run("import-verdicts", "--db", fresh, str(out)).stdout
    again = list(csv.DictReader(io.StringIO(run("export", "--db", fresh).stdout, newline="")))
    assert again == rows


def test_jsonl_export(db: str, run) -> None:
    sentence = _first_rewrite_sentence(db, run)
    run("mark", "--db", db, sentence["id"], "unverifiable")
    rows = _json_lines(run("export", "--db", db, "--format", "jsonl").stdout)
    assert rows[0]["verdict"] == "unverifiable" and rows[0]["sentence_text"] == sentence["text"]


def test_clear_removes_my_verdict(db: str, run) -> None:
    sentence = _first_rewrite_sentence(db, run)
    run("mark", "--db", db, sentence["id"], "supported")
    assert run("mark", "--db", db, sentence["id"], "clear").returncode == 0
    assert run("export", "--db", db).stdout.count("\n") == 1  # the header only


def test_the_project_and_reviewer_come_from_the_environment(tmp_path: Path, db: str, run) -> None:
    sentence = _first_rewrite_sentence(db, run)
    env = {"FACTCHECK_DB": db, "FACTCHECK_REVIEWER": "carol"}
    assert run("mark", sentence["id"], "supported", extra_env=env).returncode == 0
    assert ",carol," in run("export", extra_env=env).stdout


def test_the_default_project_starts_with_the_demo(run) -> None:
    rows = _json_lines(run("articles", "--json").stdout)
    assert len(rows) == 3 and rows[0]["role"] == "source"


def _unchanged(db: str):
    before = Path(db).read_bytes()
    yield
    assert Path(db).read_bytes() == before


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["mark", "0000000000000000", "supported"], "no sentence with id '0000000000000000'"),
        (["mark", "{sentence}", "maybe"], "unknown verdict 'maybe'"),
        (["mark", "{sentence}", "supported", "--evidence", "9-3"], "START < END"),
        (["mark", "{sentence}", "supported", "--evidence", "0-999999"], "not a passage of the source"),
        (["sentences", "nope"], "no article with id 'nope'"),
        (["import-verdicts", "{tmp}/missing.csv"], "no such file"),
        (["import", "--source", "{tmp}"], "a folder"),
        (["import", "--source", "{tmp}/missing.txt"], "missing.txt"),
        (["export", "-o", "{tmp}"], "is a folder"),
    ],
)
def test_bad_input_gives_one_line_and_leaves_the_project_as_it_was(
    db: str, tmp_path: Path, run, args: list[str], fragment: str
) -> None:
    sentence = _first_rewrite_sentence(db, run)
    args = [a.replace("{sentence}", sentence["id"]).replace("{tmp}", str(tmp_path)) for a in args]
    before = Path(db).read_bytes()
    _one_clear_line(run(*args, "--db", db), fragment)
    assert Path(db).read_bytes() == before


BAD_FILES = json.loads((DATA / "bad_input" / "cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize(("name", "fragment"), BAD_FILES.items())
def test_a_bad_article_file_imports_nothing(db: str, run, name: str, fragment: str) -> None:
    before = Path(db).read_bytes()
    result = run("import", "--db", db, "--source", str(SOURCE), str(DATA / "bad_input" / name))
    _one_clear_line(result, fragment)
    assert Path(db).read_bytes() == before


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"hello, not a database", "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\x00" * 4000, "its header is damaged"),
    ],
)
def test_a_project_file_that_is_not_ours_is_refused_untouched(
    tmp_path: Path, run, content: bytes, fragment: str
) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    _one_clear_line(run("articles", "--db", str(path)), fragment)
    assert path.read_bytes() == content


def test_commands_other_than_import_do_not_create_a_project(tmp_path: Path, run) -> None:
    _one_clear_line(run("articles", "--db", str(tmp_path / "new.db")), "no such project file")
    assert not (tmp_path / "new.db").exists()


def test_a_bad_verdict_csv_names_the_row_and_imports_nothing(db: str, tmp_path: Path, run) -> None:
    sentence = _first_rewrite_sentence(db, run)
    path = tmp_path / "v.csv"
    path.write_text(
        f"sentence_id,verdict,reviewer\n{sentence['id']},supported,alice\n{sentence['id']},wrong,alice\n"
    )
    before = Path(db).read_bytes()
    _one_clear_line(run("import-verdicts", "--db", db, str(path)), "row 3: unknown verdict 'wrong'")
    assert Path(db).read_bytes() == before


def test_usage_errors_exit_with_2(run) -> None:
    result = run("mark")
    assert result.returncode == 2 and "usage:" in result.stderr
    assert run("frobnicate").returncode == 2


def test_export_to_a_closed_pipe_is_quiet(db: str, run, tmp_path: Path) -> None:
    if shutil.which("head") is None:
        pytest.skip("needs head")
    import subprocess

    from tests.cli.conftest import SCRIPT

    sentence = _first_rewrite_sentence(db, run)
    run("mark", "--db", db, sentence["id"], "supported")
    result = subprocess.run(
        f"'{SCRIPT}' export --db '{db}' | head -c 10", shell=True, capture_output=True, text=True
    )
    assert "Traceback" not in result.stderr
