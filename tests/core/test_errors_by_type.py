"""Errors counted by type, and how well reviewers agree on the type of the errors both found."""

from factcheck.core.error_types import ErrorType
from factcheck.core.errors_by_type import count_types, type_agreement

NAME, NUMBER, INVENTED = ErrorType.WRONG_NAME, ErrorType.WRONG_NUMBER, ErrorType.INVENTED_DETAIL


def test_a_sentence_counts_once_per_type_and_each_reviewer_once_per_flag() -> None:
    typed, counts = count_types(
        [("s1", "ana", (NAME,)), ("s1", "ben", (NAME, INVENTED)), ("s2", "ana", (NUMBER,)), ("s3", "ana", ())]
    )
    by_type = {c.error_type: (c.sentences, c.flags) for c in counts}
    assert typed == 2
    assert by_type[NAME] == (1, 2) and by_type[INVENTED] == (1, 1) and by_type[NUMBER] == (1, 1)
    assert [c.error_type for c in counts] == list(ErrorType) and by_type[ErrorType.OTHER] == (0, 0)


def test_agreement_on_type_uses_the_sentences_two_reviewers_typed() -> None:
    rows = [
        ("s1", "ana", (NAME,)),
        ("s1", "ben", (NAME,)),  # the same types
        ("s2", "ana", (NAME,)),
        ("s2", "ben", (NAME, INVENTED)),  # half the types shared
        ("s3", "ana", (NUMBER,)),
        ("s3", "ben", (INVENTED,)),  # nothing shared
        ("s4", "ana", (NUMBER,)),  # one reviewer: says nothing about agreement
    ]
    found = type_agreement(rows)
    assert found.sentences == 3
    assert found.exact.value == 1 / 3 and found.exact.n == 3
    assert abs(found.overlap.value - (1 + 0.5 + 0) / 3) < 1e-12
    assert [t for t, _ in found.per_type] == [NUMBER, NAME, INVENTED]
    assert found.exact.warning is not None  # three sentences are too few to depend on
    assert "pairs of reviewers" in found.exact.reading


def test_without_two_reviewers_on_one_sentence_agreement_on_type_is_undefined() -> None:
    found = type_agreement([("s1", "ana", (NAME,)), ("s2", "ben", (NAME,))])
    assert found.sentences == 0 and found.exact.value is None and found.per_type == ()
    assert found.exact.reading.startswith("undefined")
