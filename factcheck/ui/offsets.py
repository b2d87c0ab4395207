"""Our offsets count code points; Qt's text positions count UTF-16 units. This maps between them.

Characters outside the Basic Multilingual Plane (emoji, some CJK) take two UTF-16 units, so every
offset after one of them is shifted by one in Qt. Text without them maps one to one.
"""

import re
from bisect import bisect_left, bisect_right

_WIDE = re.compile("[\U00010000-\U0010ffff]")


class QtPositions:
    def __init__(self, text: str) -> None:
        # Code-point offsets of the characters that take two UTF-16 units.
        self._wide = [m.start() for m in _WIDE.finditer(text)] if not text.isascii() else []
        # ... and where each of them starts in Qt's positions.
        self._wide_qt = [offset + n for n, offset in enumerate(self._wide)]

    def to_qt(self, offset: int) -> int:
        """The Qt position of a code-point offset."""
        return offset + bisect_left(self._wide, offset) if self._wide else offset

    def from_qt(self, position: int) -> int:
        """The code-point offset of a Qt position (one inside a surrogate pair rounds down)."""
        if not self._wide:
            return position
        # Wide characters that end at or before `position` each took one extra unit.
        before = bisect_right(self._wide_qt, position - 2)
        offset = position - before
        if before < len(self._wide_qt) and self._wide_qt[before] == position - 1:
            offset -= 1  # between the two halves of a pair
        return offset
