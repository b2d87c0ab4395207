"""Matching a revised rewrite's sentences to the version it revises, the word diff of a changed
sentence, and whether a correction made it in."""

import json

import pytest

from factcheck.core.revisions import (
    DiffOp,
    RevisionStatus,
    check_correction,
    contains,
    inline_diff,
    match_sentences,
    word_diff,
)
from tests.conftest import DATA

CASES = json.loads((DATA / "revisions" / "cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_each_sentence_of_a_revision_is_carried_changed_or_new(case: dict) -> None:
    match = match_sentences(case["previous"], case["revised"])
    assert [[m.status.value, list(m.previous)] for m in match.sentences] == case["expected"]
    assert list(match.deleted) == case["deleted"]


def test_only_the_same_text_is_carried() -> None:
    match = match_sentences(
        ["The robot got a CE mark.", "It was Monday."], ["The robot got a CE mark!", "It was Monday."]
    )
    assert [m.status for m in match.sentences] == [RevisionStatus.CHANGED, RevisionStatus.CARRIED]


def test_offsets_play_no_part_a_sentence_added_above_moves_nothing() -> None:
    previous = ["One claim here.", "Another claim there.", "A third claim."]
    revised = ["A brand new opening line about something else.", *previous]
    match = match_sentences(previous, revised)
    assert [(m.status.value, m.previous) for m in match.sentences] == [
        ("new", ()),
        ("carried", (0,)),
        ("carried", (1,)),
        ("carried", (2,)),
    ]


def test_an_empty_version_on_either_side() -> None:
    assert match_sentences([], ["New."]).sentences[0].status is RevisionStatus.NEW
    assert match_sentences(["Old."], []).deleted == (0,)


@pytest.mark.parametrize(
    ("before", "after", "inline"),
    [
        (
            "the filing: MicroPort MedBot says its model",
            "the filing: Baichuan-M4 says its model",
            "the filing: [-MicroPort MedBot-]{+Baichuan-M4+} says its model",
        ),
        (
            "It is essentially a passport.",
            "It is, in effect, a passport.",
            "It is[- essentially-]{+, in effect,+} a passport.",
        ),
        ("Same words.", "Same words.", "Same words."),
        ("", "All new.", "{+All new.+}"),
    ],
)
def test_the_word_diff_reads_as_words(before: str, after: str, inline: str) -> None:
    pieces = word_diff(before, after)
    assert inline_diff(pieces) == inline
    assert "".join(p.text for p in pieces if p.op is not DiffOp.INSERT) == before
    assert "".join(p.text for p in pieces if p.op is not DiffOp.DELETE) == after


def test_a_correction_is_applied_when_the_revision_contains_it() -> None:
    revised = "Now add the second headline: Baichuan-M4 says its model topped a benchmark."
    check = check_correction("alice", revised, "baichuan-m4", "MicroPort MedBot")
    assert check.applied and not check.problem_remains
    unchanged = "Now add the second headline: MicroPort MedBot says its model topped a benchmark."
    check = check_correction("alice", unchanged, "Baichuan-M4", "MicroPort MedBot")
    assert not check.applied and check.problem_remains


def test_containment_ignores_case_curly_quotes_and_spacing() -> None:
    assert contains("the company’s  “CE mark”", 'company\'s "CE mark"')
    assert not contains("anything", "   ")
