"""A suggested verdict for a rewrite sentence, with a short reason: a hint, the reviewer decides."""

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.core.assist.evidence import Match
from factcheck.core.assist.flags import Flag
from factcheck.core.assist.swaps import Swap, SwapKind
from factcheck.core.labels import Verdict

UNVERIFIABLE_BELOW = 0.25
"""Below this best score no source sentence makes the same claim. Chosen on the tune half of
SummEdits (0.1–0.4 all lie within a few points of chance there: whether a summary is consistent
is not a matter of how closely it matches) and on the demo's labelled cases, where every
commentary sentence scores under it (bench/evidence_quality.py)."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What the evidence assistant would answer, and why."""

    verdict: Verdict
    reason: str
    """One line: "best match 0.91, no unsupported names or numbers"."""


def suggest(matches: Sequence[Match], flags: Sequence[Flag], swaps: Sequence[Swap] = ()) -> Suggestion:
    """The suggested verdict for a sentence given its best matches (best first), its flags and the
    words its closest source sentence has differently.

    A flag where the source says something else, an opposite word or a negation the source does
    not make → contradicted; no good match, or a flag the source is silent about → unverifiable;
    a good match and no flag → supported, naming any other word to check.
    """
    best = matches[0].score if matches else 0.0
    contradicting = [f.reason for f in flags if f.contradicts]
    contradicting += [s.reason for s in swaps if s.kind is not SwapKind.WORD]
    if contradicting:
        return Suggestion(Verdict.CONTRADICTED, _first(contradicting))
    if best < UNVERIFIABLE_BELOW:
        return Suggestion(Verdict.UNVERIFIABLE, f"no source sentence above {UNVERIFIABLE_BELOW}")
    if flags:
        return Suggestion(Verdict.UNVERIFIABLE, _first([f.reason for f in flags]))
    reason = f"best match {best:.2f}, no unsupported names or numbers"
    words = [s.reason for s in swaps]
    return Suggestion(Verdict.SUPPORTED, f"{reason}; check {_first(words)}" if words else reason)


def _first(reasons: Sequence[str]) -> str:
    more = f" (and {len(reasons) - 1} more)" if len(reasons) > 1 else ""
    return reasons[0] + more
