"""Problem spans: selections snapped to whole words, kept in one form, and the assistant's flags
offered as problems."""

import json
from enum import StrEnum
from types import SimpleNamespace

import pytest

from factcheck.core.error_types import ErrorType
from factcheck.core.errors import BadInput
from factcheck.core.problems import normalised, problem_text, snap_to_words, suggestions
from tests.conftest import DATA

CASES = json.loads((DATA / "problems" / "snapping.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_a_selection_snaps_to_whole_words(case: dict) -> None:
    text = case["text"]
    start, end = case["span"]
    if "error" in case:
        with pytest.raises(BadInput, match=case["error"]):
            snap_to_words(text, start, end, (0, len(text)))
        return
    snapped = snap_to_words(text, start, end, (0, len(text)))
    assert text[snapped[0] : snapped[1]] == case["snapped"]


def test_snapping_never_leaves_the_sentence() -> None:
    text = "First one. Second sentence here."
    assert snap_to_words(text, 11, 14, (11, len(text))) == (11, 17)
    assert snap_to_words(text, 6, 9, (0, 10)) == (6, 9)  # "one", the full stop outside


def test_spans_are_kept_in_text_order_merged_where_they_overlap_or_touch() -> None:
    assert normalised([(20, 25), (3, 8), (6, 10), (10, 12)]) == ((3, 12), (20, 25))


def test_the_problem_text_is_cut_from_the_text_the_spans_point_into() -> None:
    sentence = "Now MicroPort MedBot says it topped OpenAI's benchmark."
    assert problem_text(sentence, [(104, 120), (136, 142)], offset=100) == "MicroPort MedBot … OpenAI"


class FlagKind(StrEnum):
    NAME = "name"


def _flag(start: int, end: int, text: str, reason: str, source_text: str = "") -> SimpleNamespace:
    """What `suggestions` reads of one of the assistant's flags (`core.flags.Flag`)."""
    return SimpleNamespace(
        kind=FlagKind.NAME, start=start, end=end, text=text, reason=reason, source_text=source_text
    )


def test_the_assistants_flags_become_problems_with_a_type_and_a_correction() -> None:
    flags = [
        _flag(
            4, 20, "MicroPort MedBot", "'MicroPort MedBot' where the source has 'Baichuan-M4'", "Baichuan-M4"
        ),
        _flag(30, 52, "medical image analysis", "'medical image analysis' does not appear in the source"),
    ]
    first, second = suggestions(flags, sentence_start=1000)
    assert (first.span, first.error_type, first.correction) == (
        (1004, 1020),
        ErrorType.WRONG_NAME,
        "Baichuan-M4",
    )
    assert (second.span, second.error_type, second.correction) == (
        (1030, 1052),
        ErrorType.INVENTED_DETAIL,
        "",
    )
    assert first.reason.startswith("'MicroPort MedBot' where")
