"""How verdicts look in the window: the shared colours, glyphs and letters (`core/verdict_style.py`,
where the palette's choice is explained) as Qt colours, and the window's other highlight colours.
"""

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from factcheck.core.labels import Verdict
from factcheck.core.verdict_style import STYLES


@dataclass(frozen=True, slots=True)
class VerdictLook:
    colour: QColor
    """Solid: badges and buttons."""
    tint: QColor
    """Light: the background of a reviewed sentence."""
    glyph: str
    letter: str
    """The key that gives this verdict, shown on its badge."""
    name: str


def _tr(text: str) -> str:
    return QCoreApplication.translate("verdict", text)


# Literal strings, so that Qt's translation tools find them.
_NAMES = {
    Verdict.SUPPORTED: _tr("Supported"),
    Verdict.CONTRADICTED: _tr("Contradicted"),
    Verdict.UNVERIFIABLE: _tr("Unverifiable"),
}

LOOKS: dict[Verdict, VerdictLook] = {
    verdict: VerdictLook(QColor(style.colour), QColor(style.tint), style.glyph, style.letter, _NAMES[verdict])
    for verdict, style in STYLES.items()
}

EVIDENCE = QColor(240, 228, 66, 150)
"""Okabe & Ito's yellow, translucent: an evidence passage in the source, like a highlighter."""
EVIDENCE_OUTLINE = QColor("#B8A200")
CURRENT_OUTLINE = QColor("#1B1B1B")
"""The frame around the current sentence: dark enough to stand out on every tint."""
CURRENT_FILL = QColor(255, 244, 179, 110)
"""A faint wash on the current sentence while it has no verdict."""
FIND_MATCH = QColor(255, 150, 50, 90)
BOILERPLATE_TEXT = QColor("#9A9A9A")
LINK_TEXT = QColor("#1A5FB4")
FLAG = QColor("#C0392B")
"""Wavy underline of a discrepancy flag (a shape as well as a colour: readable without colour)."""
DIFF = QColor("#5B6B7A")
"""Dotted underline of words the rewrite added or changed relative to the shown candidate."""
CANDIDATE = QColor(86, 180, 233, 70)
"""Okabe & Ito's sky blue, faint: the source sentence the assistant shows for the current one."""
CANDIDATE_OUTLINE = QColor("#3A8DC0")
