"""How well each rewrite sentence matches each source sentence: TF-IDF with pivoted length
normalisation, computed with numpy.

Plain cosine normalisation divides a source sentence's weights by their length, which lets a
three-word heading or byline that shares one rare word outrank the sentence that actually states
the claim. Pivoted normalisation (Singhal, Buckley and Mitra, 1996) divides by
`(1 - SLOPE) * pivot + SLOPE * length` instead, the pivot being the mean length: short fragments
lose their advantage and long sentences keep some of theirs. Measured on WiCE (claims against the
pages they cite), it lifts the right evidence's recall@1 from 0.76 to 0.84 and recall@3 from 0.94
to 0.97, as BM25 over the same terms does; it keeps the demo's figures, where BM25 lost two
(bench/evidence_quality.py). Identical source sentences (repeated headings, bylines) are indexed
once, under the first of them, so they never take several of a sentence's candidate slots.

Kept apart from `evidence` so that numpy loads when an article is first aligned (on a worker
thread), not when the window starts. It knows sentences only as strings and answers with
(source index, score) pairs, so it imports nothing of the assistant but its words.
"""

from collections.abc import Sequence
from itertools import chain

import numpy as np

from factcheck.core.assist.tokens import features, first_copies

SLOPE = 0.5
"""Pivoted normalisation's slope (1 is plain cosine), chosen on the tune half of WiCE."""

_CELLS_PER_CHUNK = 4_000_000
"""Scores are computed for this many (rewrite, source) pairs at a time: 32 MB of float64."""


Ranked = list[tuple[tuple[int, float], ...]]
"""For each rewrite sentence, its best (source index, score) pairs, best first."""


def best_matches(
    source: Sequence[str], rewrite: Sequence[str], keep: int, firsts: Sequence[int] | None = None
) -> Ranked:
    """The `keep` best source sentences of each rewrite sentence, best first. `firsts`: the
    source's `tokens.first_copies`, when the caller has them already."""
    if not source or not rewrite:
        return [() for _ in rewrite]
    firsts = first_copies(source) if firsts is None else firsts
    distinct = sorted(set(firsts))
    scorer = _Scorer([source[i] for i in distinct])
    rows_per_chunk = max(1, _CELLS_PER_CHUNK // len(distinct))
    keep = min(keep, len(distinct))
    found: Ranked = []
    for first in range(0, len(rewrite), rows_per_chunk):
        last = min(first + rows_per_chunk, len(rewrite))
        found.extend(_top(scorer.scores(rewrite, first, last), keep))
    return [tuple((distinct[c], score) for c, score in row) for row in found]


def _top(scores: np.ndarray, keep: int) -> Ranked:
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
        tuple((c, round(min(s, 1.0), 4)) for c, s in zip(cs, ss, strict=True) if s > 0)
        for cs, ss in zip(columns, best, strict=True)
    ]


class _Scorer:
    """The source's sentences as an inverted index of TF-IDF weights, pivot-normalised."""

    def __init__(self, source: Sequence[str]) -> None:
        self._vocabulary: dict[str, int] = {}
        rows, columns = self._ids([features(s) for s in source])
        self._sentences = len(source)
        sentence_terms = np.unique(rows * (len(self._vocabulary) + 1) + columns)
        df = np.bincount(sentence_terms % (len(self._vocabulary) + 1), minlength=len(self._vocabulary))
        self._df = df
        rows, columns, weights = self._weigh(rows, columns, len(source), pivoted=True)
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
        self, rows: np.ndarray, columns: np.ndarray, count: int, pivoted: bool = False
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        width = len(self._vocabulary) + 1
        cells, counts = np.unique(rows * width + columns, return_counts=True)
        rows, columns = cells // width, cells % width
        weights = (1 + np.log(counts)) * self._idf(columns)
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=count))
        if pivoted and norms.any():
            norms = (1 - SLOPE) * norms[norms > 0].mean() + SLOPE * norms
        return rows, columns, weights / np.where(norms > 0, norms, 1.0)[rows]

    def scores(self, rewrite: Sequence[str], first: int, last: int) -> np.ndarray:
        """Scores of rewrite sentences `first`…`last - 1` against every source sentence: the
        cosine for a source sentence of average length, less for shorter ones, more for longer."""
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
