"""The kinds of error a fact-checker records on a contradicted or unverifiable sentence.

The list is the short one fact-checkers use (close to FRANK's typology, in newsroom words). Each
type has a stable lowercase id, used in the database, the CSV and on the command line, and the
words people read. The list's order is the order types are shown and stored in.
"""

from collections.abc import Iterable
from enum import StrEnum

from factcheck.core.errors import BadInput


class ErrorType(StrEnum):
    WRONG_NUMBER = "wrong-number"
    WRONG_NAME = "wrong-name"
    WRONG_DATE = "wrong-date"
    MISQUOTE = "misquote"
    INVENTED_DETAIL = "invented-detail"
    EXAGGERATION = "exaggeration"
    MISSING_CONTEXT = "missing-context"
    OTHER = "other"

    @property
    def words(self) -> str:
        """What people read: "wrong name or attribution"."""
        return _WORDS[self]

    @classmethod
    def parse(cls, given: str) -> "ErrorType":
        """The type named by its id or its words (case, spaces, `_` and `-` alike), or BadInput."""
        key = _key(given)
        found = _BY_KEY.get(key)
        if found is None:
            shown = given if len(given) <= 40 else f"{given[:40]}…"
            choices = ", ".join(t.value for t in cls)
            raise BadInput(f"unknown error type {shown!r}: use one of {choices}")
        return found


_WORDS = {
    ErrorType.WRONG_NUMBER: "wrong number",
    ErrorType.WRONG_NAME: "wrong name or attribution",
    ErrorType.WRONG_DATE: "wrong date",
    ErrorType.MISQUOTE: "misquote",
    ErrorType.INVENTED_DETAIL: "invented detail",
    ErrorType.EXAGGERATION: "exaggeration or overclaim",
    ErrorType.MISSING_CONTEXT: "missing context",
    ErrorType.OTHER: "other",
}


def _key(text: str) -> str:
    return "-".join(text.strip().casefold().replace("_", " ").replace("-", " ").split())


_BY_KEY = {_key(t.value): t for t in ErrorType} | {_key(words): t for t, words in _WORDS.items()}
_BY_KEY |= {"wrong-attribution": ErrorType.WRONG_NAME, "overclaim": ErrorType.EXAGGERATION}


def ordered(types: Iterable[ErrorType]) -> tuple[ErrorType, ...]:
    """Each type once, in the list's order: the one form a set of types is stored and compared in."""
    chosen = set(types)
    if len(chosen) < 2:  # none or one (nearly always): nothing to order
        return tuple(chosen)
    return tuple(t for t in ErrorType if t in chosen)


def parse_list(text: str) -> tuple[ErrorType, ...]:
    """Types written as a CSV cell writes them (ids joined by `;`, or by `,`), or BadInput."""
    if not text:
        return ()
    parts = [part for part in text.replace(",", ";").split(";") if part.strip()]
    return ordered(ErrorType.parse(part) for part in parts)


def cell(types: Iterable[ErrorType]) -> str:
    """Types as one CSV cell: their ids joined by `;`."""
    return ";".join(t.value for t in types)


_FROM_FLAG = {
    "number": ErrorType.WRONG_NUMBER,
    "date": ErrorType.WRONG_DATE,
    "name": ErrorType.WRONG_NAME,
    "quote": ErrorType.MISQUOTE,
}


def from_flag(kind: str, contradicts: bool) -> ErrorType:
    """The type the assistant suggests for one of its flags (by the flag kind's value): what the
    source says differently is a wrong number, date or name, or a misquote; what the source never
    says at all is an invented detail (a quotation is a misquote either way)."""
    if kind == "quote":
        return ErrorType.MISQUOTE
    return _FROM_FLAG.get(kind, ErrorType.OTHER) if contradicts else ErrorType.INVENTED_DETAIL
