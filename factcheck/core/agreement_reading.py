"""What an agreement figure means, in the words a team lead reads.

κ is read on the scale of Landis & Koch (1977), α on Krippendorff's (2004) thresholds, each
compared at the precision its authors wrote it (two and three decimals) so that the words agree
with the printed number.
"""

MIN_SENTENCES = 30
"""Below this many sentences a figure gets a warning: chance alone moves it a lot."""

LANDIS_KOCH = "Landis & Koch 1977"
KRIPPENDORFF = "Krippendorff 2004"

_KAPPA_BANDS = (
    (0.20, "slight agreement"),
    (0.40, "fair agreement"),
    (0.60, "moderate agreement"),
    (0.80, "substantial agreement"),
)


def kappa_reading(kappa: float) -> str:
    """Cohen's or Fleiss' κ on the Landis & Koch (1977) scale."""
    shown = round(kappa, 2)
    if shown < 0:
        return f"poor agreement: less than chance would give ({LANDIS_KOCH})"
    for upper, words in _KAPPA_BANDS:
        if shown <= upper:
            return f"{words} ({LANDIS_KOCH})"
    return f"almost perfect agreement ({LANDIS_KOCH})"


def alpha_reading(alpha: float) -> str:
    """Krippendorff's α against the thresholds its author recommends for drawing conclusions."""
    shown = round(alpha, 3)
    if shown >= 0.8:
        return f"reliable: α ≥ 0.800 ({KRIPPENDORFF})"
    if shown >= 0.667:
        return f"good enough only for tentative conclusions: 0.667 ≤ α < 0.800 ({KRIPPENDORFF})"
    return f"too unreliable to draw conclusions from: α < 0.667 ({KRIPPENDORFF})"


def percent_reading(share: float, pairs: int) -> str:
    return (
        f"the same label in {share:.0%} of {pairs:,} {_plural(pairs, 'pair')} of verdicts"
        " (not corrected for chance)"
    )


def pair_percent_reading(share: float, sentences: int) -> str:
    return (
        f"the same label on {share:.0%} of {sentences:,} shared "
        f"{_plural(sentences, 'sentence')} (not corrected for chance)"
    )


def small_sample_warning(sentences: int) -> str | None:
    if sentences >= MIN_SENTENCES:
        return None
    return (
        f"only {sentences} {_plural(sentences, 'sentence')}: too few for a dependable figure"
        f" ({MIN_SENTENCES} or more recommended)"
    )


def basis(sentences: int, which: str) -> str:
    """Which sentences a figure rests on: "the 812 sentences all 5 reviewers decided"."""
    if sentences == 0:
        return f"no sentence {which}"
    return f"the {sentences:,} {_plural(sentences, 'sentence')} {which}"


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


NEEDS_TWO_REVIEWERS = "undefined: needs at least two reviewers"
NO_SHARED_BY_PAIR = "undefined: no sentence was decided by both reviewers"
NO_SHARED = "undefined: no sentence was decided by two or more reviewers"
ONE_LABEL_BY_PAIR = "undefined: both reviewers gave the same label to every sentence"
ONE_LABEL = "undefined: every reviewer gave the same label to every sentence"


def no_sentence_by_all(reviewers: int) -> str:
    return f"undefined: no sentence was decided by all {reviewers} reviewers"
