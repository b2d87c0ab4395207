"""A suggested verdict for a rewrite sentence, with a short reason: a hint, the reviewer decides."""

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.core.assist.evidence import Match
from factcheck.core.assist.flags import Flag
from factcheck.core.labels import Verdict

UNVERIFIABLE_BELOW = 0.3
"""Below this best score no source sentence makes the same claim: on the evaluation set every
commentary sentence scores under it, and 0.3 gave the best accuracy of 0.3–0.4 (bench/evidence_quality.py)."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What the evidence assistant would answer, and why."""

    verdict: Verdict
    reason: str
    """One line: "best match 0.91, no unsupported names or numbers"."""


def suggest(matches: Sequence[Match], flags: Sequence[Flag]) -> Suggestion:
    """The suggested verdict for a sentence given its best matches (best first) and its flags.

    A flag where the source says something else → contradicted; no good match, or a flag the source
    is silent about → unverifiable; a good match and no flag → supported.
    """
    best = matches[0].score if matches else 0.0
    contradicting = [f for f in flags if f.contradicts]
    if contradicting:
        more = f" (and {len(contradicting) - 1} more)" if len(contradicting) > 1 else ""
        return Suggestion(Verdict.CONTRADICTED, contradicting[0].reason + more)
    if best < UNVERIFIABLE_BELOW:
        return Suggestion(Verdict.UNVERIFIABLE, f"no source sentence above {UNVERIFIABLE_BELOW}")
    if flags:
        more = f" (and {len(flags) - 1} more)" if len(flags) > 1 else ""
        return Suggestion(Verdict.UNVERIFIABLE, flags[0].reason + more)
    return Suggestion(Verdict.SUPPORTED, f"best match {best:.2f}, no unsupported names or numbers")
