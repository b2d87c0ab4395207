"""Every theme keeps text readable: WCAG contrast ratios of what the window draws on what."""

import pytest

from factcheck.core.labels import Verdict
from factcheck.core.themes import AA_GRAPHICS, AA_TEXT, THEMES, Colours, Theme, colours_for, contrast


def text_pairs(c: Colours) -> list[tuple[str, str, str]]:
    """(what, foreground, background) for every text the window writes on a background."""
    pairs = [
        ("text on a pane", c.text, c.base),
        ("text on the window", c.window_text, c.window),
        ("text on a button", c.window_text, c.button),
        ("text on alternate rows", c.text, c.alternate_base),
        ("selected text", c.highlighted_text, c.highlight),
        ("selected text without the keyboard", c.text, c.highlight_inactive),
        ("captions and hints on the window", c.muted, c.window),
        ("captions and hints on a pane", c.muted, c.base),
        ("the current sentence", c.text, c.current_fill),
        ("an evidence passage", c.text, c.evidence),
        ("the assistant's candidate", c.text, c.candidate),
        ("a find match", c.text, c.find_match),
        ("the find match stepped to", c.text, c.find_current),
        ("boilerplate on a pane", c.boilerplate, c.base),
        ("boilerplate while current", c.boilerplate, c.current_fill),
        ("boilerplate in a find match", c.boilerplate, c.find_match),
        ("boilerplate in the find match stepped to", c.boilerplate, c.find_current),
        ("a link on a pane", c.link, c.base),
        ("a link in an evidence passage", c.link, c.evidence),
        ("a link in the candidate", c.link, c.candidate),
        ("a quotation on a pane", c.quote, c.base),
        ("a quotation in an evidence passage", c.quote, c.evidence),
        ("a quotation in the candidate", c.quote, c.candidate),
        ("a flag's mark in the panel", c.flag, c.window),
        ("a warning in a table", c.warning, c.base),
        ("a warning on the window", c.warning, c.window),
        ("'Saved' on the window", c.saved, c.window),
        ("the review-scope banner", c.scope, c.window),
        ("words marked wrong (a problem span)", c.text, c.problem_fill),
        ("a link marked wrong", c.link, c.problem_fill),
        ("a quotation marked wrong", c.quote, c.problem_fill),
        ("'what is wrong' written on the window", c.problem, c.window),
        ("words a revision inserted, in the pane", c.text, c.inserted),
        ("a link a revision inserted", c.link, c.inserted),
        ("words a revision inserted, in the panel", c.window_text, c.inserted),
        ("words a revision deleted, struck in the panel", c.deleted, c.window),
    ]
    for verdict, look in c.verdicts.items():
        name = verdict.value
        pairs += [
            (f"text on a {name} sentence", c.text, look.tint),
            (f"a link on a {name} sentence", c.link, look.tint),
            (f"a quotation on a {name} sentence", c.quote, look.tint),
            (f"{name} written on the window", look.solid, c.window),
            (f"{name} written on a pane or button", look.solid, c.base),
            (f"the glyph on a {name} badge", look.on_solid, look.solid),
        ]
    return pairs


def graphic_pairs(c: Colours) -> list[tuple[str, str, str]]:
    """(what, line, background) for outlines and underlines that carry meaning."""
    pairs = [
        ("the current sentence's frame on a pane", c.current_outline, c.base),
        ("the current sentence's frame on its fill", c.current_outline, c.current_fill),
        ("an evidence outline", c.evidence_outline, c.base),
        ("the candidate's outline", c.candidate_outline, c.base),
        ("a flag under text on a pane", c.flag, c.base),
        ("a flag under the current sentence", c.flag, c.current_fill),
        ("a difference under the current sentence", c.diff, c.current_fill),
        ("a difference on a pane", c.diff, c.base),
        ("the focus ring", c.focus, c.base),
        ("the focus ring on the window", c.focus, c.window),
        ("a selection with the keyboard against one without", c.highlight, c.highlight_inactive),
        ("progress on the list", c.progress, c.base),
        ("finished progress on the list", c.progress_done, c.base),
        ("a problem span's underline on its fill", c.problem, c.problem_fill),
        ("a problem span's underline under the current sentence", c.problem, c.current_fill),
        ("a problem span's underline on a pane", c.problem, c.base),
        ("the changed-since bar in the gutter", c.revised, c.window),
    ]
    for verdict, look in c.verdicts.items():
        pairs += [
            (f"a problem span's underline on a {verdict.value} sentence", c.problem, look.tint),
            (f"a flag on a {verdict.value} sentence", c.flag, look.tint),
            (f"a difference on a {verdict.value} sentence", c.diff, look.tint),
            (f"the current frame on a {verdict.value} sentence", c.current_outline, look.tint),
            (f"a {verdict.value} badge on the gutter", look.solid, c.window),
        ]
    return pairs


CASES = [
    pytest.param(theme, what, fg, bg, minimum, id=f"{theme.value}: {what}")
    for theme, colours in THEMES.items()
    for pairs, minimum in ((text_pairs(colours), AA_TEXT), (graphic_pairs(colours), AA_GRAPHICS))
    for what, fg, bg in pairs
]


@pytest.mark.parametrize(("theme", "what", "foreground", "background", "minimum"), CASES)
def test_contrast_meets_wcag_aa(theme: Theme, what: str, foreground: str, background: str, minimum: float):
    ratio = contrast(foreground, background)
    assert ratio >= minimum, f"{what}: {foreground} on {background} is {ratio:.2f}:1, below {minimum}:1"


def test_high_contrast_reaches_aaa_for_body_text() -> None:
    c = THEMES[Theme.HIGH_CONTRAST]
    for verdict, look in c.verdicts.items():
        assert contrast(c.text, look.tint) >= 7, verdict
    assert contrast(c.text, c.base) == pytest.approx(21)


def test_the_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # the classic near miss
    assert contrast("#0072B2", "#FFFFFF") == contrast("#FFFFFF", "#0072B2")


def test_every_theme_has_all_three_verdicts_and_system_follows_the_desktop() -> None:
    for colours in THEMES.values():
        assert set(colours.verdicts) == set(Verdict)
    assert colours_for(Theme.SYSTEM, system_is_dark=True) is THEMES[Theme.DARK]
    assert colours_for(Theme.SYSTEM, system_is_dark=False) is THEMES[Theme.LIGHT]
    assert colours_for(Theme.HIGH_CONTRAST, system_is_dark=False) is THEMES[Theme.HIGH_CONTRAST]


def test_verdicts_stay_apart_in_lightness_within_each_theme() -> None:
    """Colour-blind readers tell verdicts apart by glyph and by lightness as well as by hue."""
    from factcheck.core.themes import relative_luminance

    for theme, colours in THEMES.items():
        tints = sorted(relative_luminance(look.tint) for look in colours.verdicts.values())
        assert len(set(tints)) == 3, theme
