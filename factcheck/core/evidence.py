"""Evidence candidates: for each rewrite sentence, the source sentences it most likely comes from.

Sentences are compared by TF-IDF cosine over their comparable words (`tokens.features`: case,
punctuation and inflection ignored, stopwords left out): sublinear term frequency, smoothed inverse
document frequency learnt from the source's sentences, unit-length vectors. A word the source never
uses still counts in the rewrite sentence's length, so a sentence that adds a lot scores lower.
Chosen by measurement against character n-grams, word n-grams and BM25 (see bench/evidence_quality.py)
and computed with numpy, which aligns 10,000 × 10,000 sentences in about a second (bench/alignment.py).
"""

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from factcheck.core.tokens import STOPWORDS, features, words

COVERED_FROM = 0.3
"""A source sentence is covered when it is among the first three matches of some rewrite sentence
with at least this score; the others are the rewrite's omissions. On the seeds, sentences that
retell a source sentence score 0.3–0.9 against it, and commentary stays below 0.3."""

COVERAGE_RANK = 3
"""How many of each rewrite sentence's best matches can cover a source sentence."""

_CELLS_PER_CHUNK = 4_000_000
"""Scores are computed for this many (rewrite, source) pairs at a time: 32 MB of float64."""


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
    source sentence first); sentences with no word in common are left out, so it may be empty."""
    omitted: tuple[int, ...]
    """Source sentence indices, in source order, that no rewrite sentence covers (see `COVERED_FROM`)."""


def align(source: Sequence[str], rewrite: Sequence[str], top_k: int = 3) -> Alignment:
    """The `top_k` best source sentences for each rewrite sentence, and the omitted source sentences.

    Deterministic: the same sentences give the same alignment. Empty sequences, empty sentences,
    punctuation and any length of text are fine (only a sentence's first 2,000 characters count).
    """
    if top_k < 1:
        raise ValueError(f"top_k must be at least 1, not {top_k}")
    keep = max(top_k, COVERAGE_RANK)
    best = _best_matches(source, rewrite, keep)
    return Alignment(matches=tuple(row[:top_k] for row in best), omitted=uncovered(best, len(source)))


def uncovered(matches: Sequence[Sequence[Match]], source_count: int) -> tuple[int, ...]:
    """The source sentences (in order) that none of these rewrite sentences' matches covers."""
    covered = {m.source_index for row in matches for m in row[:COVERAGE_RANK] if m.score >= COVERED_FROM}
    return tuple(i for i in range(source_count) if i not in covered)


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


def _best_matches(source: Sequence[str], rewrite: Sequence[str], keep: int) -> list[tuple[Match, ...]]:
    if not source or not rewrite:
        return [() for _ in rewrite]
    scorer = _Scorer(source)
    rows_per_chunk = max(1, _CELLS_PER_CHUNK // len(source))
    keep = min(keep, len(source))
    found: list[tuple[Match, ...]] = []
    for first in range(0, len(rewrite), rows_per_chunk):
        last = min(first + rows_per_chunk, len(rewrite))
        found.extend(_top(scorer.scores(rewrite, first, last), keep))
    return found


def _top(scores: np.ndarray, keep: int) -> list[tuple[Match, ...]]:
    """The best `keep` columns of each row, best first; `argmax` takes the first of equal scores,
    so ties go to the earlier source sentence."""
    rows = np.arange(scores.shape[0])
    picked, values = [], []
    for _ in range(keep):
        column = scores.argmax(axis=1)
        picked.append(column)
        values.append(scores[rows, column].copy())
        scores[rows, column] = -1.0
    columns, best = np.stack(picked, axis=1).tolist(), np.stack(values, axis=1).tolist()
    return [
        tuple(Match(c, round(min(s, 1.0), 4)) for c, s in zip(cs, ss, strict=True) if s > 0)
        for cs, ss in zip(columns, best, strict=True)
    ]


class _Scorer:
    """The source's sentences as an inverted index of unit-length TF-IDF weights."""

    def __init__(self, source: Sequence[str]) -> None:
        self._vocabulary: dict[str, int] = {}
        rows, columns = self._ids([features(s) for s in source])
        self._sentences = len(source)
        sentence_terms = np.unique(rows * (len(self._vocabulary) + 1) + columns)
        df = np.bincount(sentence_terms % (len(self._vocabulary) + 1), minlength=len(self._vocabulary))
        self._df = df
        rows, columns, weights = self._weigh(rows, columns, len(source))
        order = np.argsort(columns, kind="stable")
        self._posting_sentence = rows[order].astype(np.int32)
        self._posting_weight = weights[order]
        self._posting_start = np.concatenate(([0], np.cumsum(df)))

    def _idf(self, columns: np.ndarray) -> np.ndarray:
        df = np.zeros(len(self._vocabulary), dtype=np.int64)
        df[: len(self._df)] = self._df  # words the source never uses get the highest weight
        return np.log((1 + self._sentences) / (1 + df[columns])) + 1

    def _ids(self, sentences: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        vocabulary = self._vocabulary
        ids = [vocabulary.setdefault(t, len(vocabulary)) for t in chain.from_iterable(sentences)]
        rows = np.repeat(np.arange(len(sentences)), [len(s) for s in sentences])
        return rows, np.array(ids, dtype=np.int64)

    def _weigh(
        self, rows: np.ndarray, columns: np.ndarray, count: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        width = len(self._vocabulary) + 1
        cells, counts = np.unique(rows * width + columns, return_counts=True)
        rows, columns = cells // width, cells % width
        weights = (1 + np.log(counts)) * self._idf(columns)
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=count))
        return rows, columns, weights / np.where(norms > 0, norms, 1.0)[rows]

    def scores(self, rewrite: Sequence[str], first: int, last: int) -> np.ndarray:
        """Cosine scores of rewrite sentences `first`…`last - 1` against every source sentence."""
        rows, columns = self._ids([features(s) for s in rewrite[first:last]])
        rows, columns, weights = self._weigh(rows, columns, last - first)
        known = columns < len(self._df)
        rows, columns, weights = rows[known], columns[known], weights[known]
        # Pair every (rewrite sentence, word) with the source sentences that use the word; int32
        # indices are enough, as a chunk has at most `_CELLS_PER_CHUNK` cells.
        lengths = self._df[columns]
        ends = np.cumsum(lengths)
        posting = np.arange(ends[-1] if len(ends) else 0, dtype=np.int32)
        posting += np.repeat((self._posting_start[columns] - ends + lengths).astype(np.int32), lengths)
        cells = np.repeat((rows * self._sentences).astype(np.int32), lengths)
        cells += self._posting_sentence[posting]
        products = np.repeat(weights, lengths) * self._posting_weight[posting]
        summed = np.bincount(cells, weights=products, minlength=(last - first) * self._sentences)
        return summed.reshape(last - first, self._sentences)
