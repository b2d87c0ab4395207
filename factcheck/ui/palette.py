"""How verdicts look: a colour *and* a glyph and letter each, readable by colour-blind users.

Blue, vermillion and grey (from Okabe & Ito's palette) were chosen by simulating deuteranomaly,
protanomaly and tritanomaly with colorspacious: of the sets tried, they keep the largest smallest
distance between any two verdicts (CAM02-UCS ΔE ≥ 8.6 even as light tints, ≥ 23 as solid colours).
"""

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from factcheck.core.labels import Verdict


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


def _tint(colour: str, strength: float = 0.28) -> QColor:
    solid = QColor(colour)
    return QColor.fromRgbF(*(1 - (1 - c) * strength for c in (solid.redF(), solid.greenF(), solid.blueF())))


def _tr(text: str) -> str:
    return QCoreApplication.translate("verdict", text)


LOOKS: dict[Verdict, VerdictLook] = {
    Verdict.SUPPORTED: VerdictLook(QColor("#0072B2"), _tint("#0072B2"), "✓", "S", _tr("Supported")),
    Verdict.CONTRADICTED: VerdictLook(QColor("#D55E00"), _tint("#D55E00"), "✗", "C", _tr("Contradicted")),
    Verdict.UNVERIFIABLE: VerdictLook(QColor("#7A7A7A"), _tint("#8C8C8C"), "?", "U", _tr("Unverifiable")),
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
