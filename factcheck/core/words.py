"""Whole words: an evidence passage never starts or ends inside a word ("…said its T").

A word is a run of letters and digits, with the joiners that belong inside one: an apostrophe
or hyphen between letters ("MicroPort's", "CE-marked") and a comma or point between digits
("2,400", "3.5"). Offsets are code points, like every offset in an article.
"""

Span = tuple[int, int]

_JOINERS = "'’‐‑-"
_NUMBER_JOINERS = ",."


def in_word(text: str, i: int) -> bool:
    """Whether the character at `i` belongs to a word."""
    if not 0 <= i < len(text):
        return False
    ch = text[i]
    if ch.isalnum():
        return True
    if not 0 < i < len(text) - 1:
        return False
    before, after = text[i - 1], text[i + 1]
    if ch in _JOINERS:
        return before.isalnum() and after.isalnum()
    if ch in _NUMBER_JOINERS:
        return before.isdigit() and after.isdigit()
    return False


def inside_word(text: str, position: int) -> bool:
    """Whether `position` (between two characters) cuts a word in two."""
    return in_word(text, position - 1) and in_word(text, position)


def word_start(text: str, position: int) -> int:
    """`position`, moved back to the start of the word it cuts (if it cuts one)."""
    if not inside_word(text, position):
        return position
    while position > 0 and in_word(text, position - 1):
        position -= 1
    return position


def word_end(text: str, position: int) -> int:
    """`position`, moved on to the end of the word it cuts (if it cuts one)."""
    if not inside_word(text, position):
        return position
    while position < len(text) and in_word(text, position):
        position += 1
    return position


def snap_to_words(text: str, start: int, end: int) -> Span:
    """`[start, end)` widened to whole words at both ends."""
    return word_start(text, start), word_end(text, end)


def snap_selection(text: str, anchor: int, position: int, forward: bool) -> Span:
    """A selection being extended from `anchor` to `position` (moved `forward` or back), as
    (anchor, position) on word boundaries: the anchor widens away from the selection, the
    moving end goes on in the direction it moved, so the selection can grow and shrink."""
    if anchor == position:
        return anchor, position
    anchor = word_start(text, anchor) if anchor < position else word_end(text, anchor)
    position = word_end(text, position) if forward else word_start(text, position)
    return anchor, position


def trimmed(text: str, start: int, end: int) -> Span | None:
    """`[start, end)` without the spaces around it, or None if nothing else is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
