"""Suggested verdicts and their reasons."""

from factcheck.core.assist.evidence import Match
from factcheck.core.assist.flags import Flag, FlagKind
from factcheck.core.assist.suggestion import suggest
from factcheck.core.assist.swaps import Swap, SwapKind
from factcheck.core.labels import Verdict

SWAP = Flag(FlagKind.NAME, 0, 7, "MedBot", "'MedBot' where the source has 'Baichuan-M4'", "Baichuan-M4")
ABSENT = Flag(FlagKind.NAME, 0, 7, "Nobel Prize", "'Nobel Prize' does not appear in the source")


def test_a_good_match_and_no_flag_is_supported():
    hint = suggest([Match(3, 0.91)], [])
    assert hint.verdict is Verdict.SUPPORTED
    assert hint.reason == "best match 0.91, no unsupported names or numbers"


def test_a_flag_where_the_source_says_otherwise_is_contradicted():
    hint = suggest([Match(3, 0.91)], [SWAP, SWAP])
    assert hint.verdict is Verdict.CONTRADICTED
    assert hint.reason == "'MedBot' where the source has 'Baichuan-M4' (and 1 more)"


def test_no_match_above_the_threshold_is_unverifiable():
    assert suggest([Match(0, 0.12)], []).reason == "no source sentence above 0.25"
    assert suggest([], []).verdict is Verdict.UNVERIFIABLE


def test_a_claim_the_source_never_makes_is_unverifiable():
    hint = suggest([Match(0, 0.8)], [ABSENT])
    assert (hint.verdict, hint.reason) == (Verdict.UNVERIFIABLE, ABSENT.reason)


FELL = Swap(SwapKind.OPPOSITE, 7, 11, "fell", "rose")
AUTUMN = Swap(SwapKind.WORD, 30, 36, "autumn", "spring")


def test_an_opposite_word_in_a_close_retelling_is_contradicted_with_both_words():
    hint = suggest([Match(0, 0.9)], [], [FELL])
    assert (hint.verdict, hint.reason) == (Verdict.CONTRADICTED, "'fell' where the source has 'rose'")


def test_another_word_in_a_close_retelling_is_named_for_the_reviewer_to_check():
    hint = suggest([Match(0, 0.9)], [], [AUTUMN])
    assert hint.verdict is Verdict.SUPPORTED
    assert hint.reason.endswith("check 'autumn' where the source has 'spring'")
