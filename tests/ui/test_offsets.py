"""Code-point offsets and Qt's UTF-16 positions map both ways, around emoji and astral CJK."""

import pytest

from factcheck.ui.offsets import QtPositions


@pytest.mark.parametrize("text", ["plain ascii", "café “quotes”", "a😀b😀😀c", "𠀀 astral CJK 𠀁", ""])
def test_offsets_map_to_utf16_positions_and_back(text: str) -> None:
    positions = QtPositions(text)
    for offset in range(len(text) + 1):
        qt = len(text[:offset].encode("utf-16-le")) // 2
        assert positions.to_qt(offset) == qt
        assert positions.from_qt(qt) == offset


def test_a_position_inside_a_surrogate_pair_rounds_down() -> None:
    positions = QtPositions("a😀b")
    assert positions.from_qt(2) == 1
