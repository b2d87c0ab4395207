"""How each verdict looks wherever it is shown: a colour *and* a glyph and a letter, readable by
colour-blind users. The window (`ui/palette.py`, in every theme) and the exports (the workbook, on
paper-white cells) share the glyphs, letters and names; the exports take the light theme's
colours (`core/themes.py`, where the hues are chosen and every pair is checked for contrast).
"""

from dataclasses import dataclass

from factcheck.core.labels import Verdict
from factcheck.core.themes import LIGHT


@dataclass(frozen=True, slots=True)
class VerdictStyle:
    colour: str
    """Solid, `#rrggbb`: badges and buttons."""
    tint: str
    """Light, `#rrggbb`: the background of a reviewed sentence, or of a verdict cell."""
    glyph: str
    letter: str
    """The key that gives this verdict, shown on its badge."""
    name: str
    """The verdict's name in English (the window translates it)."""


_MARKS = {
    Verdict.SUPPORTED: ("✓", "S", "Supported"),
    Verdict.CONTRADICTED: ("✗", "C", "Contradicted"),
    Verdict.UNVERIFIABLE: ("?", "U", "Unverifiable"),
}

STYLES: dict[Verdict, VerdictStyle] = {
    verdict: VerdictStyle(LIGHT.verdicts[verdict].solid.lower(), LIGHT.verdicts[verdict].tint.lower(), *marks)
    for verdict, marks in _MARKS.items()
}
