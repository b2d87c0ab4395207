"""Evidence passages start and end on whole words, however they were selected."""

import json

import pytest

from factcheck.core.words import snap_selection, snap_to_words, trimmed
from tests.conftest import DATA

CASES = json.loads((DATA / "words" / "snap.json").read_text(encoding="utf-8"))["outward"]


def unmark(marked: str) -> tuple[str, tuple[int, int], tuple[int, int]]:
    """The text without its marks, the selection as made ([ ]) and as expected ({ })."""
    text, where = [], {}
    for ch in marked:
        if ch in "[]{}":
            where[ch] = len(text)
        else:
            text.append(ch)
    return "".join(text), (where["["], where["]"]), (where["{"], where["}"])


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_a_selection_snaps_out_to_whole_words(case: dict) -> None:
    text, made, expected = unmark(case["text"])
    assert snap_to_words(text, *made) == expected
    assert snap_to_words(text, *expected) == expected  # snapping twice changes nothing


TEXT = "Shanghai MicroPort MedBot said"


def test_extending_forwards_takes_whole_words_and_back_gives_them_up() -> None:
    # Shift+Right from the caret before "MicroPort": one step takes the whole word.
    assert snap_selection(TEXT, 9, 10, forward=True) == (9, 18)
    # One more step takes the space, the next one the following word.
    assert snap_selection(TEXT, 9, 19, forward=True) == (9, 19)
    assert snap_selection(TEXT, 9, 20, forward=True) == (9, 25)
    # Shift+Left from the end of "MedBot" gives the whole word back.
    assert snap_selection(TEXT, 9, 24, forward=False) == (9, 19)
    # An anchor inside a word widens away from the selection, either way round.
    assert snap_selection(TEXT, 12, 20, forward=True) == (9, 25)
    assert snap_selection(TEXT, 12, 2, forward=False) == (18, 0)
    assert snap_selection(TEXT, 5, 5, forward=True) == (5, 5)


def test_trimming_spaces() -> None:
    assert trimmed("  said  ", 0, 8) == (2, 6)
    assert trimmed("   ", 0, 3) is None
