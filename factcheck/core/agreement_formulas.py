"""The agreement statistics as formulas over rating patterns.

Every statistic here depends only on how many sentences share each *pattern* (which label each
reviewer gave, or none), so sentences are counted per pattern first and the formulas loop over
the few distinct patterns (at most (labels + 1) ** reviewers) instead of over every sentence.

A formula returns `(value, n)`: `value` is None when the statistic is undefined, and `n` then
says why: 0 when no sentence qualified, otherwise every qualifying rating carried one label.
"""

from collections.abc import Iterable
from dataclasses import dataclass

MISSING = -1
"""The label index standing for "this reviewer gave no verdict on the sentence"."""


@dataclass(frozen=True, slots=True)
class RatingPattern:
    """Sentences on which every reviewer gave the same labels."""

    labels: tuple[int, ...]
    """Per reviewer (in report order), the index of the label given, or MISSING."""
    sentences: int
    """How many sentences have exactly this pattern."""
    counts: tuple[tuple[int, int], ...]
    """(label index, how many reviewers gave it) for each label given at least once."""
    rated: int
    """How many reviewers gave a label."""
    squares: int
    """Σ over labels of count²: what the pair counts of every formula are made of."""


def rating_pattern(labels: tuple[int, ...], sentences: int) -> RatingPattern:
    # Only the labels present are kept: with many labels a dense vector per pattern would make
    # every formula loop over all labels for every pattern.
    counts: dict[int, int] = {}
    for label in labels:
        if label != MISSING:
            counts[label] = counts.get(label, 0) + 1
    return RatingPattern(
        labels,
        sentences,
        tuple(counts.items()),
        sum(counts.values()),
        sum(c * c for c in counts.values()),
    )


def pairwise_percent(patterns: Iterable[RatingPattern]) -> tuple[float | None, int, int]:
    """Share of agreeing pairs among all pairs of ratings given to the same sentence.

    Returns (value, sentences with two or more ratings, pairs of ratings).
    """
    agreeing = pairs = sentences = 0
    for p in patterns:
        if p.rated < 2:
            continue
        sentences += p.sentences
        pairs += p.sentences * p.rated * (p.rated - 1) // 2
        agreeing += p.sentences * (p.squares - p.rated) // 2
    return (agreeing / pairs if pairs else None), sentences, pairs


def confusion_counts(
    patterns: Iterable[RatingPattern], first: int, second: int, label_count: int
) -> list[list[int]]:
    """Rows: the label `first` gave; columns: the label `second` gave; sentences both rated."""
    matrix = [[0] * label_count for _ in range(label_count)]
    for p in patterns:
        a, b = p.labels[first], p.labels[second]
        if a != MISSING and b != MISSING:
            matrix[a][b] += p.sentences
    return matrix


def cohen_kappa(matrix: list[list[int]]) -> tuple[float | None, int]:
    """Cohen (1960): (p_o - p_e) / (1 - p_e) with p_e from the two reviewers' own marginals."""
    n = sum(map(sum, matrix))
    agreeing = sum(matrix[i][i] for i in range(len(matrix)))
    rows = [sum(row) for row in matrix]
    columns = [sum(column) for column in zip(*matrix, strict=True)]
    chance = sum(r * c for r, c in zip(rows, columns, strict=True))
    # Scaled by n²: the same ratio in integers, so "undefined" is an exact test, not a float one.
    denominator = n * n - chance
    if n == 0 or denominator == 0:
        return None, n
    return (n * agreeing - chance) / denominator, n


def fleiss_kappa(
    patterns: Iterable[RatingPattern], reviewer_count: int, label_count: int
) -> tuple[float | None, int]:
    """Fleiss (1971) over the sentences every reviewer rated: it needs equal raters per item."""
    sentences = 0
    same_pairs = 0  # Σ over sentences and labels of n_ij², before subtracting the m per sentence
    totals = [0] * label_count
    for p in patterns:
        if p.rated != reviewer_count:
            continue
        sentences += p.sentences
        same_pairs += p.sentences * p.squares
        for label, c in p.counts:
            totals[label] += p.sentences * c
    if sentences == 0 or sum(1 for t in totals if t) < 2:
        return None, sentences
    m = reviewer_count
    observed = (same_pairs - sentences * m) / (sentences * m * (m - 1))
    ratings = sentences * m
    expected = sum(t * t for t in totals) / (ratings * ratings)
    return (observed - expected) / (1 - expected), sentences


def krippendorff_alpha(patterns: Iterable[RatingPattern], label_count: int) -> tuple[float | None, int]:
    """Krippendorff's α for nominal data with missing ratings, in coincidence-matrix form.

    Only sentences with two or more ratings are pairable (Krippendorff 2011, step B). With o_ck
    the coincidences, n_c their marginals and n.. the pairable values,
    α = 1 - (n.. - 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
    """
    sentences = 0
    values = 0  # n..
    # Σ_{c≠k} o_ck = Σ_u (m_u² - Σ_c n_uc²) / (m_u - 1), summed in integers per m_u and divided
    # once per m_u, so the result does not depend on the order the patterns come in.
    unlike_by_rated: dict[int, int] = {}
    marginals = [0] * label_count  # n_c
    for p in patterns:
        if p.rated < 2:
            continue
        sentences += p.sentences
        values += p.sentences * p.rated
        unlike = p.sentences * (p.rated * p.rated - p.squares)
        unlike_by_rated[p.rated] = unlike_by_rated.get(p.rated, 0) + unlike
        for label, c in p.counts:
            marginals[label] += p.sentences * c
    expected = values * values - sum(n * n for n in marginals)
    if sentences == 0 or expected == 0:
        return None, sentences
    disagreeing = sum(unlike_by_rated[m] / (m - 1) for m in sorted(unlike_by_rated))
    return 1 - (values - 1) * disagreeing / expected, sentences
