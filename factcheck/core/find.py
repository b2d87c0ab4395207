"""Finding text in an article the way a reader expects: case, curly quotes and dash styles ignored."""

import re
import unicodedata

# Same-length replacements only, so offsets in the folded text are offsets in the original.
_FOLD = str.maketrans(
    {"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "\u00a0": " "}
)

MAX_MATCHES = 10_000
"""Enough for any real search; bounds the work on a one-letter query over a huge article."""


def fold(text: str) -> str:
    return text.translate(_FOLD)


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Every `[start, end)` where `query` occurs in `text`, ignoring case, quote and dash styles."""
    query = fold(unicodedata.normalize("NFC", query))
    if not query.strip():
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    matches = []
    for match in pattern.finditer(fold(text)):
        matches.append(match.span())
        if len(matches) == MAX_MATCHES:
            break
    return matches
