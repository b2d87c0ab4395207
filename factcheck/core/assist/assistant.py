"""The evidence assistant for one rewrite against its source: for every rewrite sentence its best
source sentences, its discrepancy flags and a suggested verdict; and what the rewrite leaves out.

It only points: nothing here is a decision. The result is plain data that round-trips through
JSON, so the window can compute it once per (source, rewrite) pair and keep it in the project.
"""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factcheck.core.assist.evidence import COVERAGE_RANK, Match, align, is_pair, uncovered
from factcheck.core.assist.flags import Flag, FlagKind, flags
from factcheck.core.assist.source_index import SourceIndex
from factcheck.core.assist.suggestion import Suggestion, suggest
from factcheck.core.assist.swaps import swaps
from factcheck.core.assist.tokens import sentence_words
from factcheck.core.errors import FactcheckError
from factcheck.core.labels import Verdict

METHOD = "assistant-2"
"""Names what produced an assessment; change it whenever results would differ, so that assessments
kept in project files by an older version are computed again."""

TOP_K = 3

Progress = Callable[[int, int], bool]
"""Called with (sentences done, all sentences); returning False stops the work."""


class Cancelled(FactcheckError):
    def __init__(self) -> None:
        super().__init__("the evidence assistant was stopped")


@dataclass(frozen=True, slots=True)
class Hints:
    """What the assistant says about one rewrite sentence."""

    matches: tuple[Match, ...]
    """The best source sentences, best first (indices into the source's sentences)."""
    flags: tuple[Flag, ...]
    """Offsets relative to the rewrite sentence's start."""
    suggestion: Suggestion
    pair: bool = False
    """The first two matches are the evidence together: each says a part of the sentence."""


@dataclass(frozen=True, slots=True)
class Assessment:
    """The assistant's view of a whole rewrite."""

    hints: tuple[Hints, ...]
    """One per rewrite sentence, in order."""
    omitted: tuple[int, ...]
    """Source sentences (indices, in order) that no sentence under review retells."""


def assess(
    source: Sequence[str],
    rewrite: Sequence[str],
    in_review: Sequence[bool] | None = None,
    progress: Progress | None = None,
    top_k: int = TOP_K,
) -> Assessment:
    """Assess every rewrite sentence against the source sentences, keeping `top_k` candidates each.

    `in_review` says which rewrite sentences count for omissions (boilerplate retells nothing).
    """
    report = progress or (lambda done, total: True)
    total = len(rewrite)
    if not report(0, total):
        raise Cancelled()
    known = SourceIndex(source)  # read once for the alignment and every sentence's flags and swaps
    alignment = align(known.sentences, rewrite, max(top_k, COVERAGE_RANK), known.first_copies)
    hints = []
    for i, (sentence, matches) in enumerate(zip(rewrite, alignment.matches, strict=True)):
        found = flags(sentence, known, matches)
        swapped = swaps(sentence, known, [m.source_index for m in matches])
        pair = len(matches) > 1 and top_k > 1 and _pair(sentence, known, matches)
        hints.append(Hints(matches[:top_k], found, suggest(matches, found, swapped), pair))
        if i % 200 == 199 and not report(i + 1, total):
            raise Cancelled()
    report(total, total)
    reviewed = [
        m for m, counted in zip(alignment.matches, in_review or [True] * total, strict=True) if counted
    ]
    return Assessment(tuple(hints), uncovered(reviewed, source, known.first_copies))


def _pair(sentence: str, known: SourceIndex, matches: Sequence[Match]) -> bool:
    first, second = matches[0], matches[1]
    return is_pair(
        [w.term for w in sentence_words(sentence)],
        known.term_sets[first.source_index],
        known.term_sets[second.source_index],
        first.score,
        second.score,
    )


def to_json(assessment: Assessment) -> str:
    """A compact JSON form (lists, not objects: an assessment of 20,000 sentences stays small)."""
    return json.dumps(
        {
            "hints": [
                [
                    [[m.source_index, m.score] for m in h.matches],
                    [[f.kind.value, f.start, f.end, f.text, f.reason, f.source_text] for f in h.flags],
                    [h.suggestion.verdict.value, h.suggestion.reason],
                    h.pair,
                ]
                for h in assessment.hints
            ],
            "omitted": list(assessment.omitted),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def from_json(text: str) -> Assessment:
    data = json.loads(text)
    return Assessment(
        hints=tuple(
            Hints(
                matches=tuple(Match(index, score) for index, score in matches),
                flags=tuple(Flag(FlagKind(kind), *rest) for kind, *rest in found),
                suggestion=Suggestion(Verdict(verdict), reason),
                pair=pair,
            )
            for matches, found, (verdict, reason), pair in data["hints"]
        ),
        omitted=tuple(data["omitted"]),
    )
