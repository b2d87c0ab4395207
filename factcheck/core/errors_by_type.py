"""The errors reviewers recorded, counted by type, and how well reviewers agree on the type.

Both take the error types of verdicts that count and say something is wrong (contradicted or
unverifiable) as `(sentence_id, reviewer, types)` rows.

- **Errors by type** (`count_types`): for each type, the sentences at least one reviewer gave it
  (`sentences`) and the reviewers' verdicts that gave it (`flags`); a sentence two reviewers
  typed differently counts under both types.
- **Agreement on error type** (`type_agreement`) is computed on the sentences that two or more
  reviewers flagged with error types (a reviewer who typed nothing said nothing about the type):
  the share of pairs of such reviewers who gave exactly the same types; the mean overlap of their
  types (Jaccard: shared ÷ given by either), which gives credit for a partial match; and, for each
  type, Krippendorff's α (nominal) on whether it applies.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from factcheck.core import agreement_reading as words
from factcheck.core.agreement import Statistic, agreement
from factcheck.core.error_types import ErrorType

TypedVerdict = tuple[str, str, tuple[ErrorType, ...]]
"""`(sentence_id, reviewer, error types)` of one verdict that counts."""


@dataclass(frozen=True, slots=True)
class TypeCount:
    error_type: ErrorType
    sentences: int
    """Sentences at least one reviewer gave this type."""
    flags: int
    """Reviewers' verdicts that gave it."""


@dataclass(frozen=True, slots=True)
class ErrorCounts:
    """Errors by type in one rewrite version, or in a source's rewrites."""

    article_id: str
    title: str
    version: int | None
    """The rewrite's version; None for a source."""
    source_title: str
    sentences: int
    """Sentences with at least one error type."""
    types: tuple[TypeCount, ...]
    """Every type in the list's order, those nobody gave included (with zeros)."""


def count_types(rows: Iterable[TypedVerdict]) -> tuple[int, tuple[TypeCount, ...]]:
    """(sentences with an error type, the count of each type)."""
    sentences: dict[ErrorType, set[str]] = {t: set() for t in ErrorType}
    flags = dict.fromkeys(ErrorType, 0)
    typed: set[str] = set()
    for sentence_id, _, types in rows:
        if types:
            typed.add(sentence_id)
        for error_type in types:
            sentences[error_type].add(sentence_id)
            flags[error_type] += 1
    return len(typed), tuple(TypeCount(t, len(sentences[t]), flags[t]) for t in ErrorType)


@dataclass(frozen=True, slots=True)
class TypeAgreement:
    """How well reviewers agree on the type of the errors they both found."""

    sentences: int
    """Sentences two or more reviewers flagged with error types."""
    exact: Statistic
    """Share of pairs of those reviewers who gave exactly the same types."""
    overlap: Statistic
    """Mean Jaccard overlap of the pairs' types."""
    per_type: tuple[tuple[ErrorType, Statistic], ...]
    """Krippendorff's α on whether each type applies, for the types given at least once."""


_BASIS = "flagged with error types by two or more reviewers"


def type_agreement(rows: Iterable[TypedVerdict]) -> TypeAgreement:
    by_sentence: dict[str, dict[str, frozenset[ErrorType]]] = {}
    for sentence_id, reviewer, types in rows:
        if types:
            by_sentence.setdefault(sentence_id, {})[reviewer] = frozenset(types)
    shared = {s: typed for s, typed in by_sentence.items() if len(typed) >= 2}
    n = len(shared)
    basis = words.basis(n, _BASIS)
    pairs = [(a, b) for typed in shared.values() for a, b in combinations(typed.values(), 2)]
    if not pairs:
        undefined = Statistic(
            None, 0, basis, "undefined: no sentence was flagged with error types by two reviewers"
        )
        return TypeAgreement(0, undefined, undefined, ())
    same = sum(a == b for a, b in pairs) / len(pairs)
    jaccard = sum(len(a & b) / len(a | b) for a, b in pairs) / len(pairs)
    warning = words.small_sample_warning(n)
    count = f"{len(pairs):,} pair{'s' if len(pairs) != 1 else ''} of reviewers"
    exact = Statistic(
        same, n, basis, f"the same error types in {same:.0%} of {count} (not corrected for chance)", warning
    )
    overlap = Statistic(
        jaccard,
        n,
        basis,
        f"on average {jaccard:.0%} of the types either reviewer gave are shared (Jaccard)",
        warning,
    )
    given = [t for t in ErrorType if any(t in types for typed in shared.values() for types in typed.values())]
    per_type = []
    for error_type in given:
        ratings = [
            (sentence_id, reviewer, "yes" if error_type in types else "no")
            for sentence_id, typed in shared.items()
            for reviewer, types in typed.items()
        ]
        alpha = agreement(ratings, ("yes", "no")).krippendorff_alpha
        per_type.append((error_type, Statistic(alpha.value, n, basis, alpha.reading, alpha.warning)))
    return TypeAgreement(n, exact, overlap, tuple(per_type))


NO_TYPE_AGREEMENT = type_agreement(())


@dataclass(frozen=True, slots=True)
class ErrorsReport:
    """The audit report's errors by type, and the agreement on type."""

    rewrites: tuple[ErrorCounts, ...]
    """Per rewrite version with at least one error type, sources and rewrites in title order."""
    sources: tuple[ErrorCounts, ...]
    """Per source, over the latest version of each of its rewrites (an older version's errors
    are those a revision may have corrected)."""
    agreement: TypeAgreement


NO_ERRORS = ErrorsReport((), (), NO_TYPE_AGREEMENT)


def described(counts: ErrorCounts) -> str:
    """ "3 sentences: wrong name or attribution 2, invented detail 1" (types nobody gave left out)."""
    given = [f"{c.error_type.words} {c.sentences:,}" for c in counts.types if c.sentences]
    sentences = f"{counts.sentences:,} sentence{'s' if counts.sentences != 1 else ''} with an error type"
    return f"{sentences}: {', '.join(given)}" if given else sentences
