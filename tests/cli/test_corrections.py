"""The correction loop through the installed console script: marking what is wrong and what it
should say, importing the revised rewrite, and re-checking only what changed."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import run_factcheck
from tests.conftest import REWRITES, SOURCE

WRONG = "MicroPort MedBot says its clinical-grade model"
OTHER = (
    "The CE mark is essentially the product’s passport.",
    "The CE mark is, in effect, the product’s passport.",
)


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def _ok(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def _one_clear_line(result, fragment: str) -> None:
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("factcheck: ") and fragment in lines[0], result.stderr


def _medbot(run) -> tuple[dict, dict, tuple[int, int]]:
    """On the demo (the default project): the MedBot rewrite, its sentence and the wrong name's offsets."""
    rewrite = next(a for a in _json_lines(_ok(run("articles", "--json"))) if a["name"] == REWRITES[0].name)
    sentences = _json_lines(_ok(run("sentences", rewrite["id"], "--json")))
    sentence = next(s for s in sentences if WRONG in s["text"])
    start = sentence["start"] + sentence["text"].index(WRONG)
    return rewrite, sentence, (start, start + len("MicroPort MedBot"))


def test_the_demo_correction_loop_marks_revises_and_rechecks_only_what_changed(run, tmp_path: Path) -> None:
    rewrite, sentence, (start, end) = _medbot(run)
    # A sloppy selection ("croPort MedB") is widened to the words.
    marked = _ok(
        run(
            "mark",
            sentence["id"],
            "contradicted",
            "--problem",
            f"{start + 2}-{end - 2}",
            "--error-type",
            "wrong name or attribution",
            "--correction",
            "Baichuan-M4",
            "--note",
            "the source credits Baichuan-M4",
        )
    )
    assert "contradicted (saved" in marked and f"problem: 'MicroPort MedBot' ({start}-{end})" in marked
    untouched = [
        s for s in _json_lines(_ok(run("sentences", rewrite["id"], "--json"))) if not s["boilerplate"]
    ][:3]
    for s in untouched:
        _ok(run("mark", s["id"], "supported", "--evidence", "0-40"))
    _ok(
        run(
            "mark", untouched[0]["id"], "unverifiable", "--reviewer", "bob", "--error-type", "missing-context"
        )
    )

    edited = tmp_path / REWRITES[0].name
    text = REWRITES[0].read_text(encoding="utf-8")
    edited.write_text(
        text.replace(WRONG, "Baichuan-M4 says its clinical-grade model").replace(*OTHER), encoding="utf-8"
    )
    imported = _ok(run("import", "--source", str(SOURCE), str(edited)))
    assert "new version 2" in imported
    assert f"revises v1 [{rewrite['id']}] (found by the same file name)" in imported
    total = rewrite["sentences"]
    assert f"{total - 2} unchanged, 2 changed, 0 new, 0 deleted; 4 decisions carried over" in imported
    assert "alice's correction 'Baichuan-M4': applied; 'MicroPort MedBot' is gone" in imported

    articles = {a["id"]: a for a in _json_lines(_ok(run("articles", "--json")))}
    (newer,) = [a for a in articles.values() if a["revises"] == rewrite["id"]]
    assert (newer["version"], newer["latest"], articles[rewrite["id"]]["latest"]) == (2, True, False)
    assert (newer["reviewed"], newer["to_recheck"], newer["rechecked"]) == (3, 2, 0)
    listed = _ok(run("articles"))
    assert f"(v2, revises v1 [{rewrite['id']}]: 0 of 2 changed or new sentences checked)" in listed

    changes = _json_lines(_ok(run("diff", rewrite["id"], newer["id"], "--json")))
    assert [c["status"] for c in changes] == ["changed", "changed"]
    corrected = next(c for c in changes if c["corrections"])
    assert corrected["corrections"] == [
        {
            "reviewer": "alice",
            "correction": "Baichuan-M4",
            "problem_text": "MicroPort MedBot",
            "applied": True,
            "problem_remains": False,
        }
    ]
    assert ["-", "MicroPort MedBot"] in corrected["diff"] and ["+", "Baichuan-M4"] in corrected["diff"]
    shown = _ok(run("diff", rewrite["id"][:6], newer["id"][:6]))
    assert "[-MicroPort MedBot-]{+Baichuan-M4+}" in shown and "[- essentially-]{+, in effect,+}" in shown

    # The untouched sentences carry every verdict, evidence and error type; the changed ones are to check.
    rows = [r for r in _json_lines(_ok(run("export", "--format", "jsonl"))) if r["article_id"] == newer["id"]]
    carried = {(r["sentence_index"], r["reviewer"]): r for r in rows}
    assert {key for key in carried} == {(s["index"], "alice") for s in untouched} | {
        (untouched[0]["index"], "bob")
    }
    assert carried[(untouched[0]["index"], "bob")]["error_types"] == "missing-context"
    assert all(r["evidence_spans"] == "0-40" for r in rows if r["reviewer"] == "alice")
    history = _json_lines(_ok(run("export", "--format", "jsonl", "--history")))
    assert {h["via"] for h in history if h["article_id"] == newer["id"]} == {"carried"}
    assert _ok(run("verify")).strip() == "ok"


def test_marking_what_is_wrong_refuses_what_cannot_be(run) -> None:
    _, sentence, (start, end) = _medbot(run)
    cases = [
        (["supported", "--problem", f"{start}-{end}"], "give them with contradicted or unverifiable"),
        (["contradicted", "--error-type", "typo"], "unknown error type 'typo'"),
        (["contradicted", "--problem", f"{end}-{start}"], "is not START-END with START < END"),
        (["contradicted", "--problem", f"{start}-{sentence['end'] + 30}"], "is not inside the sentence"),
        (["contradicted", "--problem", "a-b"], "problem 'a-b' is not START-END"),
    ]
    for arguments, fragment in cases:
        _one_clear_line(run("mark", sentence["id"], *arguments), fragment)
    assert _ok(run("export", "--format", "jsonl")) == ""  # nothing was recorded


def test_a_revision_named_with_revises_and_the_errors_it_refuses(run, tmp_path: Path) -> None:
    rewrite, _, _ = _medbot(run)
    edited = tmp_path / "medbot-final.txt"
    edited.write_text(REWRITES[0].read_text(encoding="utf-8").replace(*OTHER), encoding="utf-8")
    data = tmp_path / "data" / "factcheck" / "factcheck.db"  # the default project (no process has it open)
    before = hashlib.sha256(data.read_bytes()).hexdigest()
    _one_clear_line(
        run("import", "--source", str(SOURCE), str(edited), "--revises", "ffff"), "no article with id"
    )
    source = next(a for a in _json_lines(_ok(run("articles", "--json"))) if a["role"] == "source")
    _one_clear_line(
        run("import", "--source", str(SOURCE), str(edited), "--revises", source["id"]), "is a source"
    )
    _one_clear_line(run("diff", source["id"], rewrite["id"]), "a source was given")
    assert hashlib.sha256(data.read_bytes()).hexdigest() == before  # the project as it was
    imported = _ok(run("import", "--source", str(SOURCE), str(edited), "--revises", rewrite["id"][:8]))
    assert "(found by --revises)" in imported and "1 changed" in imported


@pytest.fixture
def run(tmp_path: Path):
    """The console script on the default project (the demo) in this test's own data folder."""
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "FACTCHECK_REVIEWER": "alice"}

    def run(*args: str):
        return run_factcheck(*args, env=env)

    run("articles")  # creates the default project with the demo
    yield run
    shutil.rmtree(tmp_path / "data", ignore_errors=True)
