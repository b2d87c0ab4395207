"""Evidence candidates: for each rewrite sentence, the source sentences it most likely comes from.

Sentences are compared by TF-IDF over their comparable words (`tokens.features`: case,
punctuation, inflection and common abbreviations ignored, stopwords left out): sublinear term
frequency, smoothed inverse document frequency learnt from the source's sentences, and pivoted
length normalisation of the source's sentences (see `scoring`), so that short headings do not
outrank the sentence that states the claim. A word the source never uses still counts in the
rewrite sentence's length, so a sentence that adds a lot scores lower. Identical source sentences
are one candidate. Measured against scikit-learn's TF-IDF and BM25 on WiCE and on the demo
(bench/evidence_quality.py); computed with numpy, which aligns 10,000 × 10,000 sentences in
under a second (bench/alignment.py).
"""

import difflib
import functools
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from factcheck.core.assist.tokens import STOPWORDS, first_copies, words

COVERED_FROM = 0.3
"""A source sentence is covered when it is among the first three matches of some rewrite sentence
with at least this score; the others are the rewrite's omissions. On the seeds, sentences that
retell a source sentence score 0.3–0.9 against it, and commentary stays below 0.3."""

COVERAGE_RANK = 3
"""How many of each rewrite sentence's best matches can cover a source sentence."""


@dataclass(frozen=True, slots=True)
class Match:
    """A source sentence that may be the evidence for a rewrite sentence."""

    source_index: int
    """Position of the source sentence in the sequence given to `align`."""
    score: float
    """Similarity in [0, 1]: 1 for the same words, 0 for no word in common."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """Evidence candidates for every rewrite sentence, and the source sentences none of them retells."""

    matches: tuple[tuple[Match, ...], ...]
    """For each rewrite sentence, in order, its best source sentences, best first (ties: the earlier
    source sentence first), each text once (the first of identical sentences stands for them
    all); sentences with no word in common are left out, so it may be empty."""
    omitted: tuple[int, ...]
    """Source sentence indices, in source order, that no rewrite sentence covers (see `COVERED_FROM`)."""


def align(
    source: Sequence[str], rewrite: Sequence[str], top_k: int = 3, firsts: Sequence[int] | None = None
) -> Alignment:
    """The `top_k` best source sentences for each rewrite sentence, and the omitted source sentences.

    Deterministic: the same sentences give the same alignment. Empty sequences, empty sentences,
    punctuation and any length of text are fine (only a sentence's first 2,000 characters count).
    """
    if top_k < 1:
        raise ValueError(f"top_k must be at least 1, not {top_k}")
    keep = max(top_k, COVERAGE_RANK)
    from factcheck.core.assist.scoring import (
        best_matches,  # numpy: loaded when first aligning, not at start-up
    )

    firsts = first_copies(source) if firsts is None else firsts
    ranked = best_matches(source, rewrite, keep, firsts)
    best = [tuple(Match(i, score) for i, score in row) for row in ranked]
    return Alignment(matches=tuple(row[:top_k] for row in best), omitted=uncovered(best, source, firsts))


def uncovered(
    matches: Sequence[Sequence[Match]], source: Sequence[str], firsts: Sequence[int] | None = None
) -> tuple[int, ...]:
    """The source sentences (in order) that none of these rewrite sentences' matches covers; a
    sentence retold once is covered wherever the source repeats it."""
    covered = {m.source_index for row in matches for m in row[:COVERAGE_RANK] if m.score >= COVERED_FROM}
    firsts = first_copies(source) if firsts is None else firsts
    return tuple(i for i, first in enumerate(firsts) if first not in covered)


PAIR_SHARE = 0.6
"""Two candidates are shown as a pair only when the second scores at least this share of the
first (a sentence that combines two source sentences has two good matches)."""


def is_pair(
    sentence_terms: Collection[str],
    first_terms: Collection[str],
    second_terms: Collection[str],
    first_score: float,
    second_score: float,
) -> bool:
    """Whether the two best candidates are the evidence together: each has at least two of the
    sentence's content words the other lacks, and together they have most of them ("Cyclists get
    their own lane, 3.5 metres wide, and tolls for cars stay at 2 euros" retells two sentences).
    Sentences are given as their terms (`tokens.all_terms`)."""
    if second_score < PAIR_SHARE * first_score:
        return False
    own = set(sentence_terms) - STOPWORDS
    a, b = own.intersection(first_terms), own.intersection(second_terms)
    return len(a - b) >= 2 and len(b - a) >= 2 and len(a | b) >= 0.6 * len(own)


@functools.lru_cache(maxsize=512)  # the window asks again each time a sentence is shown
def word_diff(rewrite_sentence: str, source_sentence: str) -> tuple[tuple[int, int], ...]:
    """Spans `(start, end)` of `rewrite_sentence` whose words the rewrite added or changed relative
    to `source_sentence`, in order. Words are compared as `tokens.term`s (case, punctuation and
    inflection ignored); stopwords alone never make a span, negations ("not", "no") always do."""
    rewritten = words(rewrite_sentence)
    original = [w.term for w in words(source_sentence)]
    matcher = difflib.SequenceMatcher(None, [w.term for w in rewritten], original, autojunk=False)
    spans: list[tuple[int, int]] = []
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete") and any(w.term not in STOPWORDS for w in rewritten[i1:i2]):
            start, end = rewritten[i1].start, rewritten[i2 - 1].end
            if spans and _only_space_between(rewrite_sentence, spans[-1][1], start):
                start = spans.pop()[0]
            spans.append((start, end))
    return tuple(spans)


def _only_space_between(text: str, end: int, start: int) -> bool:
    return not text[end:start].strip(" ,")
