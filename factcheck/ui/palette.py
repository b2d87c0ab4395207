"""How verdicts and highlights look in the current theme: a colour *and* a glyph and letter for
each verdict, readable by colour-blind users.

Blue, vermillion and grey (from Okabe & Ito's palette) were chosen by simulating deuteranomaly,
protanomaly and tritanomaly with colorspacious: of the sets tried, they keep the largest smallest
distance between any two verdicts. Each theme (core/themes.py) keeps those hues and sets their
lightness so that every text keeps WCAG AA contrast; `use` switches the module to a theme, and
everything that paints reads these names when it paints.
"""

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from factcheck.core.labels import Verdict
from factcheck.core.themes import LIGHT, Colours
from factcheck.core.verdict_style import STYLES


@dataclass(frozen=True, slots=True)
class VerdictLook:
    colour: QColor
    """Solid: badges, buttons, and the verdict's name written on the window."""
    on_colour: QColor
    """The glyph or name on a solid badge or a checked button."""
    tint: QColor
    """The background of a reviewed sentence."""
    glyph: str
    letter: str
    """The key that gives this verdict, shown on its badge."""
    name: str


def _tr(text: str) -> str:
    return QCoreApplication.translate("verdict", text)


# Literal strings, so that Qt's translation tools find them; glyphs and letters are shared with
# the exports (core/verdict_style.py).
_NAMES = {
    Verdict.SUPPORTED: _tr("Supported"),
    Verdict.CONTRADICTED: _tr("Contradicted"),
    Verdict.UNVERIFIABLE: _tr("Unverifiable"),
}

COLOURS: Colours = LIGHT
"""The theme in use."""
LOOKS: dict[Verdict, VerdictLook] = {}
EVIDENCE = EVIDENCE_OUTLINE = CURRENT_OUTLINE = CURRENT_FILL = QColor()
FIND_MATCH = FIND_CURRENT = BOILERPLATE_TEXT = LINK_TEXT = QUOTE_TEXT = QColor()
FLAG = QColor()
"""Wavy underline of a discrepancy flag (a shape as well as a colour: readable without colour)."""
DIFF = QColor()
"""Dotted underline of words the rewrite added or changed relative to the shown candidate."""
CANDIDATE = CANDIDATE_OUTLINE = QColor()
"""The source sentence the assistant shows for the current one."""
MUTED = WARNING = SAVED = SCOPE = PROGRESS = PROGRESS_DONE = FOCUS = QColor()
PROBLEM = PROBLEM_FILL = QColor()
"""Words marked wrong: a fill under them and a solid underline (a third shape beside the flag's
wavy line and the difference's dotted one)."""
INSERTED = DELETED = REVISED = QColor()
"""A revised sentence: words it gained, words it lost, and the bar beside it in the gutter."""


def use(colours: Colours) -> None:
    """Paint in `colours` from now on."""
    global COLOURS, EVIDENCE, EVIDENCE_OUTLINE, CURRENT_OUTLINE, CURRENT_FILL, FIND_MATCH, FIND_CURRENT
    global BOILERPLATE_TEXT, LINK_TEXT, QUOTE_TEXT, FLAG, DIFF, CANDIDATE, CANDIDATE_OUTLINE
    global MUTED, WARNING, SAVED, SCOPE, PROGRESS, PROGRESS_DONE, FOCUS
    global PROBLEM, PROBLEM_FILL, INSERTED, DELETED, REVISED
    COLOURS = colours
    LOOKS.clear()
    for verdict, name in _NAMES.items():
        look, style = colours.verdicts[verdict], STYLES[verdict]
        LOOKS[verdict] = VerdictLook(
            QColor(look.solid), QColor(look.on_solid), QColor(look.tint), style.glyph, style.letter, name
        )
    c = colours
    EVIDENCE, EVIDENCE_OUTLINE = QColor(c.evidence), QColor(c.evidence_outline)
    CURRENT_OUTLINE, CURRENT_FILL = QColor(c.current_outline), QColor(c.current_fill)
    FIND_MATCH, FIND_CURRENT = QColor(c.find_match), QColor(c.find_current)
    BOILERPLATE_TEXT, LINK_TEXT, QUOTE_TEXT = QColor(c.boilerplate), QColor(c.link), QColor(c.quote)
    FLAG, DIFF = QColor(c.flag), QColor(c.diff)
    CANDIDATE, CANDIDATE_OUTLINE = QColor(c.candidate), QColor(c.candidate_outline)
    MUTED, WARNING, SAVED, SCOPE = QColor(c.muted), QColor(c.warning), QColor(c.saved), QColor(c.scope)
    PROGRESS, PROGRESS_DONE, FOCUS = QColor(c.progress), QColor(c.progress_done), QColor(c.focus)
    PROBLEM, PROBLEM_FILL = QColor(c.problem), QColor(c.problem_fill)
    INSERTED, DELETED, REVISED = QColor(c.inserted), QColor(c.deleted), QColor(c.revised)


use(LIGHT)
