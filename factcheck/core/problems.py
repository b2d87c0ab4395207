"""Problem spans: the wrong words of a rewrite sentence, as `[start, end)` offsets into the
rewrite's stored text, and the one form they are kept in (whole words, in text order, merged)."""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from factcheck.core.error_types import ErrorType, from_flag
from factcheck.core.errors import BadInput
from factcheck.core.review import Span

_INSIDE_WORDS = frozenset("'’-.,%$€£¥_")
"""Characters that belong to a word when they stand between its letters or digits ("2.3bn",
"Baichuan-M4", "company’s", "84%")."""
_TRIMMED = frozenset(' \t\n\u00a0,;:!?"“”‘’()[]{}«».…—–')
"""What a selection loses at either end: spaces, quotes, brackets and sentence punctuation."""


def _in_word(character: str) -> bool:
    return character.isalnum() or character in _INSIDE_WORDS


def snap_to_words(text: str, start: int, end: int, within: Span) -> Span:
    """`[start, end)` widened to the whole words it touches and trimmed of spaces and punctuation
    at its ends, inside `within` (the sentence); BadInput when it holds no word or lies outside."""
    low, high = within
    if not (low <= start < end <= high):
        raise BadInput(
            f"problem {start}-{end} is not inside the sentence (its text is at {low}-{high} of the rewrite)"
        )
    while start > low and _in_word(text[start - 1]) and _in_word(text[start]):
        start -= 1
    while end < high and _in_word(text[end - 1]) and _in_word(text[end]):
        end += 1
    while start < end and text[start] in _TRIMMED:
        start += 1
    while end > start and text[end - 1] in _TRIMMED:
        end -= 1
    if start == end:
        raise BadInput(f"problem {start}-{end} holds no word of the sentence")
    return (start, end)


def normalised(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Spans in text order, overlapping or touching ones merged into one."""
    if not spans:
        return ()
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)


GAP = " … "
"""Joins the texts of several problem spans (as the evidence's passages are joined)."""


def problem_text(text: str, spans: Iterable[Span], offset: int = 0) -> str:
    """The words the spans cover, cut from `text` (which starts at `offset` of the rewrite)."""
    return GAP.join(text[start - offset : end - offset] for start, end in spans)


class FlagLike(Protocol):
    """What a suggestion needs of one of the assistant's flags (`Flag`)."""

    @property
    def kind(self) -> StrEnum: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def source_text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class ProblemSuggestion:
    """The assistant's offer of what is wrong in a sentence, taken with one key."""

    span: Span
    """The flagged words, as offsets into the rewrite's text."""
    text: str
    error_type: ErrorType
    correction: str
    """What the source has in their place ("Baichuan-M4"); empty when it says nothing there."""
    reason: str


def suggestions(flags: Iterable[FlagLike], sentence_start: int) -> tuple[ProblemSuggestion, ...]:
    """The assistant's flags on a sentence (offsets from its start) as problem suggestions."""
    return tuple(
        ProblemSuggestion(
            span=(sentence_start + flag.start, sentence_start + flag.end),
            text=flag.text,
            error_type=from_flag(flag.kind.value, bool(flag.source_text)),
            correction=flag.source_text,
            reason=flag.reason,
        )
        for flag in flags
    )
