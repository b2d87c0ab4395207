"""`factcheck align` through the installed console script: files in, hints out, no project."""

import json
from pathlib import Path

import pytest

from tests.conftest import DATA, REWRITES, SOURCE


def _align(run, *args: str) -> dict:
    result = run("align", *args, "--json")
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    return json.loads(line)


def test_align_json_gives_sentences_matches_flags_suggestions_and_omissions(run) -> None:
    data = _align(run, "--source", str(SOURCE), str(REWRITES[0]), "--top", "2")
    assert set(data) == {"source", "rewrite", "omitted"}
    source = data["source"]
    assert [s["index"] for s in source] == list(range(len(source)))
    medbot = next(s for s in data["rewrite"] if "MicroPort MedBot says its clinical-grade" in s["text"])
    assert len(medbot["matches"]) <= 2
    assert medbot["matches"] == sorted(medbot["matches"], key=lambda m: -m["score"])
    best = source[medbot["matches"][0]["index"]]
    assert (medbot["matches"][0]["start"], medbot["matches"][0]["end"]) == (best["start"], best["end"])
    flag = next(f for f in medbot["flags"] if f["text"] == "MicroPort MedBot")
    assert flag["kind"] == "name" and "Baichuan-M4" in flag["reason"]
    assert medbot["start"] <= flag["start"] < flag["end"] <= medbot["end"]
    assert medbot["suggestion"]["verdict"] == "contradicted"
    assert data["omitted"] == sorted(data["omitted"]) and data["omitted"]


def test_align_flags_the_invented_benchmark_and_regulation(run) -> None:
    data = _align(run, "--source", str(SOURCE), str(REWRITES[1]))
    flagged = [f["text"] for s in data["rewrite"] for f in s["flags"]]
    assert any("medical image analysis" in text for text in flagged)
    assert "Medical Device Regulation" in flagged


def test_align_prints_a_readable_report(run) -> None:
    result = run("align", "--source", str(SOURCE), str(REWRITES[0]))
    assert result.returncode == 0
    assert "suggestion: contradicted" in result.stdout and "omitted:" in result.stdout


@pytest.mark.parametrize(
    ("name", "text", "sentences"),
    [
        ("punctuation.txt", "!!! ... ???\n", 0),  # no words: nothing to check
        ("number.txt", "2,400 units\n", 1),  # a bare 2400 is a JSON number: refused
        ("no_spaces.txt", "x" * 100_000 + "\n", 1),
        ("chinese.txt", "中国医疗机器人获得欧盟批准。该系统已在六十多个市场部署！这是第一次吗？\n", 3),
    ],
)
def test_odd_rewrites_get_a_hint_for_every_sentence(
    run, tmp_path: Path, name: str, text: str, sentences: int
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    data = _align(run, "--source", str(SOURCE), str(path))
    assert len(data["rewrite"]) == sentences
    assert all(
        s["suggestion"]["verdict"] in {"supported", "contradicted", "unverifiable"} for s in data["rewrite"]
    )


@pytest.mark.parametrize(
    ("name", "fragment"), [("empty.txt", "empty file"), ("truncated.json", "not valid JSON")]
)
def test_unreadable_files_give_one_line(run, name: str, fragment: str) -> None:
    result = run("align", "--source", str(SOURCE), str(DATA / "bad_input" / name))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and fragment in result.stderr


def test_a_missing_source_gives_one_line(run, tmp_path: Path) -> None:
    result = run("align", "--source", str(tmp_path / "nope.json"), str(REWRITES[0]))
    assert result.returncode == 1 and "nope.json" in result.stderr and "Traceback" not in result.stderr


def test_a_sentence_retelling_two_source_sentences_shows_them_as_a_pair(run, tmp_path: Path) -> None:
    cases = json.loads((DATA / "alignment" / "cases.json").read_text("utf-8"))
    source = tmp_path / "bridge.txt"
    source.write_text("Harbour Bridge\n\n" + "\n\n".join(cases["sources"]["bridge"][1:]) + "\n", "utf-8")
    rewrite = tmp_path / "rewrite.txt"
    rewrite.write_text(
        "Bridge news\n\nCyclists get their own lane, 3.5 metres wide, and tolls for cars stay at 2 euros. "
        "The Green Party criticised the cost, which fell 15% below the original budget.\n",
        "utf-8",
    )
    data = _align(run, "--source", str(source), str(rewrite))
    lane = next(s for s in data["rewrite"] if s["text"].startswith("Cyclists"))
    assert lane["pair"] is True
    texts = {data["source"][m["index"]]["text"][:20] for m in lane["matches"][:2]}
    assert texts == {"Cyclists will get a ", "Tolls will stay at 2"}
    cost = next(s for s in data["rewrite"] if s["text"].startswith("The Green Party"))
    assert cost["pair"] is False
    assert cost["suggestion"]["verdict"] == "contradicted"
    assert cost["suggestion"]["reason"] == "'fell' where the source has 'rose' (and 1 more)"
