"""Swapped words: opposites, negations and other content words against the closest source sentence."""

import json
from pathlib import Path

import pytest

from factcheck.core.assist.source_index import SourceIndex
from factcheck.core.assist.swaps import OPPOSITES, swaps
from factcheck.core.assist.tokens import term

CASES = json.loads(
    (Path(__file__).parent.parent / "data" / "alignment" / "swap_cases.json").read_text("utf-8")
)


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["what"])
def test_swap_cases(case):
    found = swaps(case["rewrite"], SourceIndex(case["source"]), range(len(case["source"])))
    assert [s.reason for s in found] == case["reasons"]
    for s in found:
        assert case["rewrite"][s.start : s.end] == s.text


def test_opposites_go_both_ways():
    assert term("rose") in OPPOSITES[term("fell")] and term("fell") in OPPOSITES[term("rose")]


def test_no_candidate_means_nothing_to_compare():
    assert swaps("Prices fell.", SourceIndex(["Prices rose."]), []) == ()
