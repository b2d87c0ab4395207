"""How each verdict looks wherever it is shown: a colour *and* a glyph and a letter, readable by
colour-blind users. The window (`ui/palette.py`) and the workbook export share these values.

Blue, vermillion and grey (from Okabe & Ito's palette) were chosen by simulating deuteranomaly,
protanomaly and tritanomaly with colorspacious: of the sets tried, they keep the largest smallest
distance between any two verdicts (CAM02-UCS ΔE ≥ 8.6 even as light tints, ≥ 23 as solid colours).
"""

from dataclasses import dataclass

from factcheck.core.labels import Verdict

TINT_STRENGTH = 0.28
"""How much of the solid colour a tint keeps (the rest is white)."""


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


def tint(colour: str, strength: float = TINT_STRENGTH) -> str:
    """`colour` (`#rrggbb`) mixed with white, keeping `strength` of it."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 * (1 - (1 - c) * strength)):02x}" for c in channels)


STYLES: dict[Verdict, VerdictStyle] = {
    Verdict.SUPPORTED: VerdictStyle("#0072b2", tint("#0072b2"), "✓", "S", "Supported"),
    Verdict.CONTRADICTED: VerdictStyle("#d55e00", tint("#d55e00"), "✗", "C", "Contradicted"),
    # The grey's tint is lighter than its solid colour's would be: #7a7a7a reads better as a
    # badge, #8c8c8c's tint better behind text.
    Verdict.UNVERIFIABLE: VerdictStyle("#7a7a7a", tint("#8c8c8c"), "?", "U", "Unverifiable"),
}
