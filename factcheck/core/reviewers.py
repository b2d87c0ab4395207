"""How each reviewer works: how much they decided, at what pace, and how their verdicts hold up.

`reviewer_statistics(decisions, verdicts, adjudicated)` takes plain rows from the store:

- `decisions`: every event as `(reviewer, kind, via, label, suggestion, decided_at)`, in any order;
- `verdicts`: the current verdicts that count, as `(sentence_id, reviewer, label)` (the same
  triples the agreement figures use: a label given, the sentence in that reviewer's review);
- `adjudicated`: sentence id → the label a lead adjudicated.

What the figures are computed on, and why:

- **Decisions** are every event of the reviewer (verdicts, changes, clears, evidence, notes,
  scope) except adjudications: a lead's final verdict is not a reviewer's own decision.
- **Pace** is measured on the verdicts a reviewer gave by hand: events that set or change a label
  (kinds mark and change), in time order. Evidence and note edits are left out because a careful
  reviewer attaches evidence a second after marking, and counting that as haste would flag
  exactly the reviewers who work well. Verdicts read in by import-verdicts are left out too: they
  carry the time of the import (or of another file), not of a decision made here.
- A gap of more than `BREAK_SECONDS` (30 minutes) between two verdicts is a break, not time spent
  on the sentence: it counts neither in the median nor in the share of quick verdicts.
- A verdict is **quick** when it came less than `QUICK_SECONDS` (2 s) after the previous one:
  too little time to read a sentence against its source. When at least `RUBBER_STAMP_SHARE` of
  at least `RUBBER_STAMP_MIN_TIMED` timed verdicts are quick, the statistics carry a warning.
"""

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import pairwise

from factcheck.core import agreement_reading as words
from factcheck.core.agreement import Statistic, agreement
from factcheck.core.labels import Verdict
from factcheck.core.review import DecisionKind, Via

QUICK_SECONDS = 2.0
BREAK_SECONDS = 30 * 60.0
RUBBER_STAMP_SHARE = 0.25
"""One verdict in four given in under 2 s is more than headings and one-word sentences explain."""
RUBBER_STAMP_MIN_TIMED = 20
"""Below this many timed verdicts a share is too noisy to warn about."""

DecisionRow = tuple[str, str, str, str | None, str | None, str]
"""`(reviewer, kind, via, label, suggestion, decided_at)` of one event, as stored."""

_ADJUDICATIONS = "\x00adjudicated"
"""The adjudications as a rater for agreement(); no reviewer's name can hold a control character."""
_PACED_KINDS = frozenset({DecisionKind.MARK.value, DecisionKind.CHANGE.value})
_ADJUDICATE = DecisionKind.ADJUDICATE.value
_IMPORT = Via.IMPORT.value


@dataclass(frozen=True, slots=True)
class ReviewerStats:
    """One reviewer's work as the team lead audits it."""

    reviewer: str
    decisions: int
    """Events by the reviewer, adjudications excluded."""
    sentences_reviewed: int
    """Sentences with a current verdict of theirs that counts (label given, sentence in review)."""
    label_mix: tuple[tuple[Verdict, int], ...]
    """How many of those verdicts carry each label, in the order of `Verdict`."""
    timed: int
    """Verdicts timed against the reviewer's previous verdict (the first one and breaks excluded)."""
    median_seconds: float | None
    """Median seconds between consecutive verdicts, or None when none could be timed."""
    quick: int
    """Timed verdicts given less than QUICK_SECONDS after the previous one."""
    adjudicated: int
    """Their sentences (with a verdict that counts) that a lead has adjudicated."""
    overturned: int
    """Of those, how many were adjudicated to a label other than theirs."""
    suggestions_seen: int
    """Verdicts given while the evidence assistant showed a suggested verdict."""
    suggestions_accepted: int
    """Of those, how many gave the suggested label."""
    with_adjudications: Statistic
    """Share of their adjudicated sentences where their label is the adjudicated one."""
    kappa_with_adjudications: Statistic
    """Cohen's κ between their labels and the adjudicated ones."""
    per_day: tuple[tuple[str, int], ...]
    """Decisions per UTC day (`YYYY-MM-DD`), oldest first."""

    @property
    def quick_share(self) -> float | None:
        return self.quick / self.timed if self.timed else None

    @property
    def rubber_stamp(self) -> str | None:
        """A warning when too many verdicts came too quickly to have been checked."""
        share = self.quick_share
        if share is None or self.timed < RUBBER_STAMP_MIN_TIMED or share < RUBBER_STAMP_SHARE:
            return None
        return (
            f"possible rubber-stamping: {share:.0%} of {self.timed:,} timed verdicts came less than"
            f" {QUICK_SECONDS:g} s after the previous one"
        )

    def pace_reading(self) -> str:
        if self.median_seconds is None:
            return "pace unknown: fewer than two verdicts given without a break"
        share = self.quick_share or 0.0
        return (
            f"median {self.median_seconds:.1f} s between verdicts; {share:.0%} under"
            f" {QUICK_SECONDS:g} s ({self.quick:,} of {self.timed:,} timed)"
        )

    def overturned_reading(self) -> str:
        if not self.adjudicated:
            return "none of their verdicts has been adjudicated"
        return (
            f"overturned {self.overturned:,} of {self.adjudicated:,} adjudicated"
            f" ({self.overturned / self.adjudicated:.0%})"
        )

    def suggestion_reading(self) -> str:
        if not self.suggestions_seen:
            return "no suggestions seen"
        return (
            f"accepted the assistant's suggestion {self.suggestions_accepted:,} of"
            f" {self.suggestions_seen:,} times ({self.suggestions_accepted / self.suggestions_seen:.0%})"
        )


class _Activity:
    """What one pass over the events gathers for one reviewer (kept as raw text: parsing and
    counting happen once per reviewer, in C, after the pass)."""

    __slots__ = ("accepted", "decided_at", "seen", "verdicts_at")

    def __init__(self) -> None:
        self.decided_at: list[str] = []
        """The time of every decision."""
        self.verdicts_at: list[str] = []
        """The time of every verdict that counts for pace."""
        self.seen = 0
        self.accepted = 0


def reviewer_statistics(
    decisions: Iterable[DecisionRow],
    verdicts: Iterable[tuple[str, str, str]],
    adjudicated: Mapping[str, str],
) -> list[ReviewerStats]:
    """Statistics for every reviewer with a decision or a verdict, sorted by name."""
    activity: dict[str, _Activity] = {}
    for reviewer, kind, via, label, suggestion, decided_at in decisions:
        if kind == _ADJUDICATE:
            continue
        mine = activity.get(reviewer)
        if mine is None:
            mine = activity[reviewer] = _Activity()
        mine.decided_at.append(decided_at)
        if label is None:
            continue
        if suggestion is not None:
            mine.seen += 1
            mine.accepted += label == suggestion
        if kind in _PACED_KINDS and via != _IMPORT:
            mine.verdicts_at.append(decided_at)
    by_reviewer: dict[str, list[tuple[str, str]]] = {}
    for sentence_id, reviewer, label in verdicts:
        by_reviewer.setdefault(reviewer, []).append((sentence_id, label))
    return [
        _stats(reviewer, activity.get(reviewer) or _Activity(), by_reviewer.get(reviewer, []), adjudicated)
        for reviewer in sorted(activity.keys() | by_reviewer.keys())
    ]


def _stats(
    reviewer: str, activity: _Activity, verdicts: list[tuple[str, str]], adjudicated: Mapping[str, str]
) -> ReviewerStats:
    mix = Counter(label for _, label in verdicts)
    gaps = _gaps(activity.verdicts_at)
    theirs = [(sentence_id, label) for sentence_id, label in verdicts if sentence_id in adjudicated]
    percent, kappa = _with_adjudications(reviewer, theirs, adjudicated)
    return ReviewerStats(
        reviewer=reviewer,
        decisions=len(activity.decided_at),
        sentences_reviewed=len(verdicts),
        label_mix=tuple((verdict, mix[verdict.value]) for verdict in Verdict),
        timed=len(gaps),
        median_seconds=statistics.median(gaps) if gaps else None,
        quick=sum(gap < QUICK_SECONDS for gap in gaps),
        adjudicated=len(theirs),
        overturned=sum(label != adjudicated[sentence_id] for sentence_id, label in theirs),
        suggestions_seen=activity.seen,
        suggestions_accepted=activity.accepted,
        with_adjudications=percent,
        kappa_with_adjudications=kappa,
        per_day=tuple(sorted(Counter(moment[:10] for moment in activity.decided_at).items())),
    )


def _gaps(verdicts_at: list[str]) -> list[float]:
    """Seconds between consecutive verdicts, breaks left out (any order in: merged files interleave)."""
    times = sorted(map(datetime.timestamp, map(datetime.fromisoformat, verdicts_at)))
    return [gap for earlier, later in pairwise(times) if (gap := later - earlier) <= BREAK_SECONDS]


def _with_adjudications(
    reviewer: str, theirs: list[tuple[str, str]], adjudicated: Mapping[str, str]
) -> tuple[Statistic, Statistic]:
    """Percent agreement and Cohen's κ with the adjudications taken as one more rater."""
    if not theirs:
        none = Statistic(
            None, 0, "no sentence of theirs adjudicated", "undefined: none of their verdicts was adjudicated"
        )
        return none, none
    ratings = [(s, reviewer, label) for s, label in theirs]
    ratings += [(s, _ADJUDICATIONS, adjudicated[s]) for s, _ in theirs]
    pair = agreement(ratings, tuple(Verdict)).pair(reviewer, _ADJUDICATIONS)
    basis = words.basis(len(theirs), "of theirs that a lead adjudicated")
    kappa = replace(pair.kappa, basis=basis)
    if kappa.value is None and kappa.n:
        kappa = replace(
            kappa, reading="undefined: they and the adjudications used one single label throughout"
        )
    return replace(pair.percent, basis=basis), kappa
