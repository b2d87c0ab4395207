"""How well reviewers agree on their verdicts: the figures a team lead audits.

`agreement(ratings)` takes current verdicts as `(sentence_id, reviewer, label)` triples (call it
once per rewrite for per-rewrite figures, once with everything for the overall ones) and returns
every figure at once. What each is computed on:

- **Percent agreement** (`percent`): over the sentences that two or more reviewers decided, take
  every pair of verdicts two different reviewers gave the same sentence; the figure is the share
  of those pairs with the same label. A sentence decided by m reviewers contributes m(m-1)/2
  pairs, so with every reviewer on every sentence it equals Fleiss' observed agreement P̄.
  It is not corrected for chance.
- **Cohen's κ** per pair of reviewers (`pairs`): over the sentences both decided, with the pair's
  confusion matrix (rows: the first reviewer's label, columns: the second's).
- **Fleiss' κ** (`fleiss_kappa`): it needs the same number of ratings on every sentence, so it
  is computed on the sentences that *every* reviewer decided; the others are left out and its
  `n` and `basis` say how many remain.
- **Krippendorff's α**, nominal (`krippendorff_alpha`): the coincidence-matrix form, which uses
  every sentence decided by two or more reviewers, whoever they are.

A figure that cannot be computed (one reviewer, no shared sentence, a single label everywhere)
has `value` None and a `reading` that says why in words.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from factcheck.core import agreement_reading as words
from factcheck.core.agreement_formulas import (
    MISSING,
    RatingPattern,
    cohen_kappa,
    confusion_counts,
    fleiss_kappa,
    krippendorff_alpha,
    pairwise_percent,
    rating_pattern,
)
from factcheck.core.errors import BadInput


@dataclass(frozen=True, slots=True)
class Statistic:
    """One agreement figure as the team lead reads it."""

    value: float | None
    """The figure (percent agreement as a share from 0 to 1), or None when it is undefined."""
    n: int
    """How many sentences it is computed on."""
    basis: str
    """Which sentences those are, in words ("the 812 sentences all 5 reviewers decided")."""
    reading: str
    """What the value means ("moderate agreement (Landis & Koch 1977)"), or why it is undefined."""
    warning: str | None = None
    """Set when a value rests on fewer than 30 sentences."""


@dataclass(frozen=True, slots=True)
class ConfusionMatrix:
    """How two reviewers' labels line up over the sentences both decided."""

    labels: tuple[str, ...]
    """Row and column order: the report's label order."""
    counts: tuple[tuple[int, ...], ...]
    """`counts[i][j]`: sentences the first reviewer labelled `labels[i]` and the second
    `labels[j]`."""

    def count(self, first_label: str, second_label: str) -> int:
        """Sentences the first reviewer labelled `first_label` and the second `second_label`."""
        return self.counts[self.labels.index(first_label)][self.labels.index(second_label)]


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """Agreement between two reviewers on the sentences both decided."""

    first: str
    """The reviewer whose labels are the confusion matrix's rows."""
    second: str
    """The reviewer whose labels are its columns."""
    percent: Statistic
    """Share of shared sentences on which both gave the same label."""
    kappa: Statistic
    """Cohen's κ."""
    confusion: ConfusionMatrix


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """Every agreement figure for one set of verdicts (a rewrite, or a whole project)."""

    reviewers: tuple[str, ...]
    """Everyone who gave at least one verdict, sorted by name."""
    labels: tuple[str, ...]
    """The label order used in confusion matrices."""
    sentences: int
    """Sentences with at least one verdict."""
    percent: Statistic
    """Pairwise percent agreement over sentences decided by two or more reviewers."""
    fleiss_kappa: Statistic
    """Fleiss' κ over the sentences every reviewer decided."""
    krippendorff_alpha: Statistic
    """Krippendorff's α (nominal) over sentences decided by two or more reviewers."""
    pairs: tuple[PairAgreement, ...]
    """Cohen's κ for each pair of reviewers, in the order of `reviewers`."""

    def pair(self, one: str, other: str) -> PairAgreement:
        """The figures for two reviewers, given in either order."""
        wanted = {one, other}
        for pair in self.pairs:
            if {pair.first, pair.second} == wanted:
                return pair
        raise KeyError((one, other))


def agreement(ratings: Iterable[tuple[str, str, str]], labels: Sequence[str] = ()) -> AgreementReport:
    """Every agreement figure for `(sentence_id, reviewer, label)` triples.

    `labels` fixes the order of labels in confusion matrices, and includes labels nobody used
    (pass the Verdict values for a steady 3 × 3); labels seen but not listed follow, sorted.
    One reviewer giving two verdicts on the same sentence is BadInput: pass current verdicts.
    """
    by_sentence = _verdicts_by_sentence(ratings)
    reviewers = tuple(sorted(set().union(*by_sentence.values())))
    shapes = Counter(tuple(map(verdicts.get, reviewers)) for verdicts in by_sentence.values())
    seen = {str(label) for shape in shapes for label in shape if label is not None}
    listed = tuple(dict.fromkeys(map(str, labels)))  # str(): Verdict members become plain words
    order = listed + tuple(sorted(seen.difference(listed)))
    codes: dict[str | None, int] = {label: i for i, label in enumerate(order)}
    codes[None] = MISSING
    patterns = [
        rating_pattern(tuple(map(codes.__getitem__, shape)), count) for shape, count in shapes.items()
    ]
    return AgreementReport(
        reviewers=reviewers,
        labels=order,
        sentences=len(by_sentence),
        percent=_percent(patterns, len(reviewers)),
        fleiss_kappa=_fleiss(patterns, len(reviewers), len(order)),
        krippendorff_alpha=_krippendorff(patterns, len(reviewers), len(order)),
        pairs=tuple(
            _pair(patterns, reviewers, first, second, order)
            for first, second in combinations(range(len(reviewers)), 2)
        ),
    )


def _verdicts_by_sentence(ratings: Iterable[tuple[str, str, str]]) -> dict[str, dict[str, str]]:
    by_sentence: dict[str, dict[str, str]] = {}
    for sentence, reviewer, label in ratings:
        verdicts = by_sentence.get(sentence)
        if verdicts is None:
            by_sentence[sentence] = {reviewer: label}
        elif reviewer in verdicts:
            raise BadInput(
                f"reviewer {reviewer!r} has two verdicts on sentence {sentence!r}:"
                " agreement needs one current verdict per reviewer and sentence"
            )
        else:
            verdicts[reviewer] = label
    return by_sentence


def _percent(patterns: list[RatingPattern], reviewer_count: int) -> Statistic:
    basis = "sentences decided by two or more reviewers"
    if reviewer_count < 2:
        return _undefined(basis, words.NEEDS_TWO_REVIEWERS)
    value, n, pairs = pairwise_percent(patterns)
    basis = words.basis(n, "decided by two or more reviewers")
    if value is None:
        return _undefined(basis, words.NO_SHARED)
    return _defined(value, n, basis, words.percent_reading(value, pairs))


def _fleiss(patterns: list[RatingPattern], reviewer_count: int, label_count: int) -> Statistic:
    if reviewer_count < 2:
        return _undefined("sentences decided by every reviewer", words.NEEDS_TWO_REVIEWERS)
    value, n = fleiss_kappa(patterns, reviewer_count, label_count)
    basis = words.basis(n, f"all {reviewer_count} reviewers decided")
    if value is None:
        reason = words.ONE_LABEL if n else words.no_sentence_by_all(reviewer_count)
        return _undefined(basis, reason, n)
    return _defined(value, n, basis, words.kappa_reading(value))


def _krippendorff(patterns: list[RatingPattern], reviewer_count: int, label_count: int) -> Statistic:
    basis = "sentences decided by two or more reviewers"
    if reviewer_count < 2:
        return _undefined(basis, words.NEEDS_TWO_REVIEWERS)
    value, n = krippendorff_alpha(patterns, label_count)
    basis = words.basis(n, "decided by two or more reviewers")
    if value is None:
        return _undefined(basis, words.ONE_LABEL if n else words.NO_SHARED, n)
    return _defined(value, n, basis, words.alpha_reading(value))


def _pair(
    patterns: list[RatingPattern],
    reviewers: tuple[str, ...],
    first: int,
    second: int,
    labels: tuple[str, ...],
) -> PairAgreement:
    matrix = confusion_counts(patterns, first, second, len(labels))
    kappa, n = cohen_kappa(matrix)
    basis = words.basis(n, f"both {reviewers[first]} and {reviewers[second]} decided")
    if n == 0:
        percent = kappa_figure = _undefined(basis, words.NO_SHARED_BY_PAIR)
    else:
        share = sum(matrix[i][i] for i in range(len(labels))) / n
        percent = _defined(share, n, basis, words.pair_percent_reading(share, n))
        kappa_figure = (
            _undefined(basis, words.ONE_LABEL_BY_PAIR, n)
            if kappa is None
            else _defined(kappa, n, basis, words.kappa_reading(kappa))
        )
    return PairAgreement(
        first=reviewers[first],
        second=reviewers[second],
        percent=percent,
        kappa=kappa_figure,
        confusion=ConfusionMatrix(labels, tuple(map(tuple, matrix))),
    )


def _defined(value: float, n: int, basis: str, reading: str) -> Statistic:
    return Statistic(value, n, basis, reading, words.small_sample_warning(n))


def _undefined(basis: str, reason: str, n: int = 0) -> Statistic:
    return Statistic(None, n, basis, reason)
