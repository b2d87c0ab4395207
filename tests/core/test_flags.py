"""Discrepancy flags on the labelled cases and the seeds' known distortions."""

import json
from pathlib import Path

import pytest

from factcheck.core.assist.evidence import align
from factcheck.core.assist.flags import FlagKind, flags

DATA = Path(__file__).parent.parent / "data" / "alignment"
CASES = json.loads((DATA / "cases.json").read_text("utf-8"))


def _flags(source, rewrite):
    return flags(rewrite, source, align(source, [rewrite]).matches[0])


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["rewrite"][:40])
def test_flags_match_the_gold_flags(case):
    found = _flags(CASES["sources"][case["source"]], case["rewrite"])
    texts = [f.text for f in found]
    for gold in case.get("flags", []):
        assert any(gold in t or t in gold for t in texts), (gold, texts)
    allowed = case.get("flags", []) + case.get("may_flag", [])
    assert all(any(a in t or t in a for a in allowed) for t in texts), texts
    for f in found:
        assert case["rewrite"][f.start : f.end] == f.text and f.reason


FLAG_CASES = json.loads((DATA / "flag_cases.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", FLAG_CASES, ids=lambda c: c["what"])
def test_flag_cases(case):
    found = _flags(case["source"], case["rewrite"])
    assert [f.text for f in found] == case["flags"]
    if "reasons" in case:
        assert [f.reason for f in found] == case["reasons"]


def test_a_changed_number_names_the_source_value():
    (flag,) = _flags(CASES["sources"]["bridge"], "The repair of the bridge cost 84 million euros.")
    assert flag.kind is FlagKind.NUMBER and flag.contradicts
    assert flag.reason == "'84 million euros' where the source has '48 million euros'"


@pytest.mark.parametrize(
    ("rewrite", "source"),
    [
        ("It is 2400 kilometres away.", "It is some 2,400 kilometres away."),
        ("Revenue was $2.3bn.", "Revenue was $2.3 billion."),
        ("It happened on monday.", "It happened on Monday."),
        ("It opened on Monday.", "It opened on 22 June 2026."),
        ("Shares rose 15 percent.", "Shares rose 15%."),
        ("The Chinese robot won in Europe.", "China's robot won in the European Union."),
    ],
)
def test_equal_values_written_differently_are_not_flagged(rewrite, source):
    assert _flags([source], rewrite) == ()


def _seed(name):
    from factcheck.core.formats import read_articles
    from factcheck.core.sentences import split_article

    article = read_articles(Path(__file__).parent.parent.parent / "seeds" / name)[0]
    return [article.text[s.start : s.end] for s in split_article(article.text, article.blocks, article.lang)]


@pytest.mark.parametrize(
    ("rewrite", "find", "expected"),
    [
        (
            "001_815e82a371ecc808.txt",
            "Now add the second headline",
            "'MicroPort MedBot' where the source has 'Baichuan-M4'",
        ),
        ("002_d42a958ccc1595c9.txt", "benchmark for medical image analysis", "'medical image analysis'"),
        (
            "002_d42a958ccc1595c9.txt",
            "Medical Device Regulation",
            "'Medical Device Regulation' does not appear in the source",
        ),
    ],
)
def test_the_seeds_distortions_are_flagged(rewrite, find, expected):
    source = _seed("000_141659a25003a937.txt")
    sentence = next(s for s in _seed(rewrite) if find in s)
    assert any(f.reason.startswith(expected) for f in _flags(source, sentence))


def test_a_whole_source_text_works_without_matches():
    found = flags("Mount Kilimanjaro is in Kenya.", "Mount Kilimanjaro is a volcano in Tanzania.")
    assert [f.text for f in found] == ["Kenya"]


@pytest.mark.parametrize(
    "rewrite", ["", "...", "42", "x" * 100_000, "“" * 5000, "图迈机器人获得欧盟CE认证。"]
)
def test_bad_input_is_flagged_without_error(rewrite):
    flags(rewrite, ["A source sentence with 42 words."], ())
