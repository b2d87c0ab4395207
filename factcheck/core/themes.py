"""The window's colours in each theme, and the WCAG contrast arithmetic they are checked with.

Every colour here is opaque: a highlight painted under text is exactly the colour the text is
read on, so its contrast can be computed (tests/core/test_themes.py checks each pair the window
draws). The verdict hues stay those of Okabe & Ito's colour-blind-safe palette — blue, vermillion,
grey — in every theme; only their lightness changes so that text keeps at least 4.5:1 (WCAG AA).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from factcheck.core.labels import Verdict

AA_TEXT = 4.5
"""WCAG 2 AA for body text."""
AA_GRAPHICS = 3.0
"""WCAG 2 AA for the parts of graphics needed to understand them (outlines, underlines)."""


class Theme(StrEnum):
    """What View → Theme offers; SYSTEM follows the desktop's light or dark setting."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high-contrast"


@dataclass(frozen=True, slots=True)
class VerdictColours:
    solid: str
    """Badges, button borders, and the verdict's name written on the window or a pane."""
    on_solid: str
    """The glyph or name written on a solid badge or a checked button."""
    tint: str
    """The background of a reviewed sentence, under the pane's text."""


@dataclass(frozen=True, slots=True)
class Colours:
    """One theme: the window's palette, and what the review panes paint."""

    dark: bool
    window: str
    window_text: str
    base: str
    """The panes' and lists' background."""
    alternate_base: str
    text: str
    button: str
    mid: str
    """Borders and separators."""
    highlight: str
    """Selected text and list rows."""
    highlighted_text: str
    highlight_inactive: str
    """Selected rows and text while their list or pane does not have the keyboard."""
    muted: str
    """Captions, hints and details, on the window or a pane."""
    verdicts: Mapping[Verdict, VerdictColours]
    current_fill: str
    """Under the current sentence while it has no verdict."""
    current_outline: str
    evidence: str
    """Under an evidence passage in the source."""
    evidence_outline: str
    candidate: str
    """Under the source sentence the assistant shows for the current sentence."""
    candidate_outline: str
    find_match: str
    find_current: str
    """Under the find match last stepped to."""
    boilerplate: str
    """Text left out of the review (paywall prompts, teaser lists)."""
    link: str
    quote: str
    flag: str
    """Wavy underline of a discrepancy, and its mark in the panel."""
    diff: str
    """Dotted underline of words the rewrite added or changed against the candidate."""
    warning: str
    """A figure to read with care (too few sentences), a disagreement."""
    saved: str
    scope: str
    """The banner that says a sentence is left out of, or taken into, the review."""
    progress: str
    progress_done: str
    focus: str
    """The ring around the pane that has the keyboard."""
    problem: str
    """The solid underline of the words a reviewer marked as wrong (a problem span), and its
    name written on the window."""
    problem_fill: str
    """Under a problem span's words (over the verdict's tint)."""
    inserted: str
    """Under the words a revised sentence gained since the previous version."""
    deleted: str
    """The struck words a revised sentence lost, written on the window."""
    revised: str
    """The bar in the gutter beside a sentence changed or new since the previous version."""
    outlined: bool = False
    """Fields, lists and buttons get a border in `mid` (high contrast: the platform's bevels,
    drawn from the window colour, vanish on black)."""


def _verdicts(supported: VerdictColours, contradicted: VerdictColours, unverifiable: VerdictColours):
    return MappingProxyType(
        {
            Verdict.SUPPORTED: supported,
            Verdict.CONTRADICTED: contradicted,
            Verdict.UNVERIFIABLE: unverifiable,
        }
    )


LIGHT = Colours(
    dark=False,
    window="#EFEFEF",
    window_text="#1B1B1B",
    base="#FFFFFF",
    alternate_base="#F5F5F5",
    text="#1B1B1B",
    button="#E8E8E8",
    mid="#A8A8A8",
    highlight="#1F5FAF",
    highlighted_text="#FFFFFF",
    highlight_inactive="#D5DCE5",
    muted="#55606B",
    verdicts=_verdicts(
        VerdictColours(solid="#0072B2", on_solid="#FFFFFF", tint="#B8D8E9"),
        VerdictColours(solid="#B34A00", on_solid="#FFFFFF", tint="#F3D2B8"),
        VerdictColours(solid="#676767", on_solid="#FFFFFF", tint="#DFDFDF"),
    ),
    current_fill="#FFF8D6",
    current_outline="#1B1B1B",
    evidence="#F6EF90",
    evidence_outline="#8A7900",
    candidate="#D1EAF9",
    candidate_outline="#2F7FB0",
    find_match="#FFE2C6",
    find_current="#FFC892",
    boilerplate="#595959",
    link="#0B4A94",
    quote="#3D3D3D",
    flag="#B8322A",
    diff="#56636F",
    warning="#9A3D00",
    saved="#24692A",
    scope="#5E4900",
    progress="#0072B2",
    progress_done="#2E7D32",
    focus="#1F5FAF",
    problem="#8E2C8A",
    problem_fill="#EAC3E7",
    inserted="#C9EBCF",
    deleted="#A3262A",
    revised="#8A5A00",
)

DARK = Colours(
    dark=True,
    window="#2A2B2E",
    window_text="#E6E6E6",
    base="#1D1E20",
    alternate_base="#25262A",
    text="#E6E6E6",
    button="#35373B",
    mid="#5E6066",
    highlight="#8AB8F0",
    highlighted_text="#101418",
    highlight_inactive="#3A3F47",
    muted="#A9B2BB",
    verdicts=_verdicts(
        VerdictColours(solid="#56B4E9", on_solid="#101418", tint="#1D3B55"),
        VerdictColours(solid="#FF8C4A", on_solid="#101418", tint="#5A2C12"),
        VerdictColours(solid="#B4B4B4", on_solid="#101418", tint="#3D3D3D"),
    ),
    current_fill="#3A3620",
    current_outline="#F2F2F2",
    evidence="#4A4210",
    evidence_outline="#E0CF4A",
    candidate="#1C3A4D",
    candidate_outline="#6CB8E6",
    find_match="#4A3314",
    find_current="#5E3C0C",
    boilerplate="#B0B0B0",
    link="#8CBDF5",
    quote="#D0D0D0",
    flag="#FF7A70",
    diff="#9FAEBB",
    warning="#FFB27A",
    saved="#7BD389",
    scope="#E6C86E",
    progress="#56B4E9",
    progress_done="#7BD389",
    focus="#6CA6F0",
    problem="#E58BDD",
    problem_fill="#4E2249",
    inserted="#1E4A2C",
    deleted="#FF8F8F",
    revised="#E6B450",
)

HIGH_CONTRAST = Colours(
    dark=True,
    window="#000000",
    window_text="#FFFFFF",
    base="#000000",
    alternate_base="#141414",
    text="#FFFFFF",
    button="#000000",
    mid="#D0D0D0",
    highlight="#FFFF00",
    highlighted_text="#000000",
    highlight_inactive="#404040",
    muted="#E6E6E6",
    verdicts=_verdicts(
        VerdictColours(solid="#6CC6FF", on_solid="#000000", tint="#003660"),
        VerdictColours(solid="#FFA15C", on_solid="#000000", tint="#5C2200"),
        VerdictColours(solid="#E0E0E0", on_solid="#000000", tint="#3C3C3C"),
    ),
    current_fill="#262600",
    current_outline="#FFFF00",
    evidence="#4D4600",
    evidence_outline="#FFFF00",
    candidate="#00304A",
    candidate_outline="#6CC6FF",
    find_match="#5C3000",
    find_current="#6E3A00",
    boilerplate="#D2D2D2",
    link="#9AD8FF",
    quote="#FFFFFF",
    flag="#FF8080",
    diff="#FFFFFF",
    warning="#FFC890",
    saved="#8CFF8C",
    scope="#FFE680",
    progress="#6CC6FF",
    progress_done="#8CFF8C",
    focus="#FFFF00",
    problem="#FF7AFF",
    problem_fill="#4A0048",
    inserted="#00461C",
    deleted="#FF9C9C",
    revised="#FFD24D",
    outlined=True,
)

THEMES: Mapping[Theme, Colours] = MappingProxyType(
    {Theme.LIGHT: LIGHT, Theme.DARK: DARK, Theme.HIGH_CONTRAST: HIGH_CONTRAST}
)
"""The themes with colours of their own (SYSTEM picks LIGHT or DARK)."""


def colours_for(theme: Theme, system_is_dark: bool) -> Colours:
    if theme is Theme.SYSTEM:
        return DARK if system_is_dark else LIGHT
    return THEMES[theme]


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a `#RRGGBB` colour (0 black … 1 white)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2's contrast ratio of two `#RRGGBB` colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
