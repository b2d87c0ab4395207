"""Error types: stable ids for files and the command line, words for people, one stored order."""

import pytest

from factcheck.core.error_types import ErrorType, cell, from_flag, ordered, parse_list
from factcheck.core.errors import BadInput


def test_the_list_is_the_one_fact_checkers_use_in_its_order() -> None:
    assert [t.words for t in ErrorType] == [
        "wrong number",
        "wrong name or attribution",
        "wrong date",
        "misquote",
        "invented detail",
        "exaggeration or overclaim",
        "missing context",
        "other",
    ]
    assert all(t.value == t.value.lower() and " " not in t.value for t in ErrorType)


@pytest.mark.parametrize(
    "given",
    [
        "wrong-name",
        "WRONG_NAME",
        " wrong name or attribution ",
        "Wrong Name Or Attribution",
        "wrong-attribution",
    ],
)
def test_a_type_is_named_by_its_id_or_its_words(given: str) -> None:
    assert ErrorType.parse(given) is ErrorType.WRONG_NAME


def test_an_unknown_type_is_refused_with_the_choices() -> None:
    with pytest.raises(BadInput, match="unknown error type 'typo': use one of wrong-number, wrong-name"):
        ErrorType.parse("typo")


def test_types_are_kept_once_each_in_the_lists_order() -> None:
    chosen = [ErrorType.OTHER, ErrorType.WRONG_NUMBER, ErrorType.OTHER]
    assert ordered(chosen) == (ErrorType.WRONG_NUMBER, ErrorType.OTHER)
    assert parse_list("other; wrong-number,other") == (ErrorType.WRONG_NUMBER, ErrorType.OTHER)
    assert cell(ordered(chosen)) == "wrong-number;other"
    assert parse_list("") == ()


@pytest.mark.parametrize(
    ("kind", "contradicts", "expected"),
    [
        ("name", True, ErrorType.WRONG_NAME),
        ("number", True, ErrorType.WRONG_NUMBER),
        ("date", True, ErrorType.WRONG_DATE),
        ("quote", False, ErrorType.MISQUOTE),
        ("name", False, ErrorType.INVENTED_DETAIL),
    ],
)
def test_the_assistant_suggests_a_type_from_its_flag(
    kind: str, contradicts: bool, expected: ErrorType
) -> None:
    assert from_flag(kind, contradicts) is expected
