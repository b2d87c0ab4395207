"""Evidence candidates, omissions and word differences."""

import json
from pathlib import Path

import pytest

from factcheck.core.assist.evidence import align, is_pair, word_diff
from factcheck.core.assist.tokens import all_terms

CASES = json.loads((Path(__file__).parent.parent / "data" / "alignment" / "cases.json").read_text("utf-8"))
WITH_EVIDENCE = [c for c in CASES["cases"] if c["evidence"]]


@pytest.mark.parametrize("case", WITH_EVIDENCE, ids=lambda c: c["rewrite"][:40])
def test_gold_evidence_is_among_the_three_best_matches(case):
    source = CASES["sources"][case["source"]]
    matches = align(source, [case["rewrite"]]).matches[0]
    assert {m.source_index for m in matches} & set(case["evidence"])
    assert all(0 < m.score <= 1 for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_a_sentence_combining_two_source_sentences_matches_both():
    source = CASES["sources"]["bridge"]
    rewrite = "Cyclists get their own lane, 3.5 metres wide, and tolls for cars stay at 2 euros."
    assert {m.source_index for m in align(source, [rewrite]).matches[0][:2]} == {6, 8}


def test_omissions_are_the_source_sentences_no_rewrite_sentence_retells_in_order():
    source = ["The bridge reopened on Tuesday.", "It cost 48 million euros.", "Cyclists get a lane."]
    alignment = align(source, ["The bridge opened again on Tuesday.", "Cyclists get their own lane."])
    assert alignment.omitted == (1,)


def test_alignment_is_deterministic_and_ties_go_to_the_earlier_sentence():
    source = [
        "the same words here",
        "other things",
        "the same words there",
        "the same words and their meaning",
    ]
    first = align(source, ["same words"], top_k=3)
    assert first == align(source, ["same words"], top_k=3)
    (a, b, c) = first.matches[0]
    assert (a.source_index, b.source_index) == (0, 2) and a.score == b.score > c.score


def test_identical_source_sentences_are_one_candidate_and_covered_together():
    source = ["Reporting by Jane Doe", "The bridge reopened on Tuesday.", "Reporting by  jane doe"]
    alignment = align(source, ["Reporting by Jane Doe and the bridge reopened on Tuesday."])
    assert sorted(m.source_index for m in alignment.matches[0]) == [0, 1]
    assert alignment.omitted == ()


def test_a_short_heading_does_not_outrank_the_sentence_that_states_the_claim():
    source = [
        "Verve Records",
        "Verve Label Group is home to Universal Music Classics, Verve Records, Impulse! and Verve Forecast.",
        "The label was founded in 1956 by Norman Granz, who ran it for five years.",
        "Its catalogue spans jazz, blues and classical recordings from seven decades.",
    ]
    claim = "The group is home to historic imprints including Verve Forecast and Impulse! Records."
    assert align(source, [claim]).matches[0][0].source_index == 1


@pytest.mark.parametrize(
    ("source", "rewrite"),
    [
        ([], ["A sentence."]),
        (["A sentence."], []),
        (["...", "!!!"], ["?", "42"]),
        (["x" * 100_000], ["y" * 100_000, "x" * 100_000]),
        (["该公司已在60多个市场交付了300多台图迈机器人。"], ["该公司已交付300多台图迈机器人。"]),
    ],
    ids=["no source", "no rewrite", "punctuation and numbers", "100,000 characters", "Chinese"],
)
def test_bad_input_gives_an_alignment_not_an_error(source, rewrite):
    alignment = align(source, rewrite)
    assert len(alignment.matches) == len(rewrite)
    assert all(0 <= m.source_index < len(source) for row in alignment.matches for m in row)


def test_chinese_sentences_match_by_their_characters():
    source = [
        "上海微创医疗机器人公司表示，其图迈远程手术机器人获得了欧盟CE认证。",
        "百川智能的模型名列第一。",
    ]
    assert align(source, ["图迈远程手术机器人获得欧盟CE认证。"]).matches[0][0].source_index == 0


def test_word_diff_marks_what_the_rewrite_added_or_changed():
    rewrite = "The Harbour Bridge reopened on Wednesday after a long repair."
    source = "The Harbour Bridge reopened to traffic on Tuesday after a repair."
    assert [rewrite[s:e] for s, e in word_diff(rewrite, source)] == ["Wednesday", "long"]


def test_word_diff_ignores_case_punctuation_and_inflection_but_not_negation():
    assert word_diff("Surgeons TOPPED the benchmark", "the surgeon tops the benchmark.") == ()
    rewrite = "The robot was not approved."
    assert [rewrite[s:e] for s, e in word_diff(rewrite, "The robot was approved.")] == ["not"]


def test_two_candidates_that_each_say_part_of_the_sentence_are_a_pair():
    source = CASES["sources"]["bridge"]
    rewrite = "Cyclists get their own lane, 3.5 metres wide, and tolls for cars stay at 2 euros."
    first, second = align(source, [rewrite]).matches[0][:2]
    terms = [all_terms(s) for s in (rewrite, source[first.source_index], source[second.source_index])]
    assert is_pair(*terms, first.score, second.score)
    one = "Cyclists get a separate lane on the bridge, the council said."
    first, second = align(source, [one]).matches[0][:2]
    terms = [all_terms(s) for s in (one, source[first.source_index], source[second.source_index])]
    assert not is_pair(*terms, first.score, second.score)
