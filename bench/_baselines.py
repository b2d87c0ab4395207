"""Plain baselines the evidence assistant is measured against, in the same run and on the same
sentences: scikit-learn's TF-IDF with its defaults, and Okapi BM25 (rank-bm25) over the same
lowercased words. Bench-only dependencies: `pip install -e ".[bench]"`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

TOP = 3


def _top(scores: np.ndarray) -> list[tuple[int, float]]:
    order = np.argsort(-scores, kind="stable")[:TOP]
    return [(int(i), float(scores[i])) for i in order if scores[i] > 0]


def tfidf(source: Sequence[str], claim: Sequence[str]) -> list[list[tuple[int, float]]]:
    """scikit-learn's TfidfVectorizer as it comes, fitted on the source's sentences; cosine."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        vectoriser = TfidfVectorizer().fit(source)
    except ValueError:  # no word at all in the source
        return [[] for _ in claim]
    scores = (vectoriser.transform(claim) @ vectoriser.transform(source).T).toarray()
    return [_top(row) for row in scores]


def bm25(source: Sequence[str], claim: Sequence[str]) -> list[list[tuple[int, float]]]:
    """Okapi BM25 (k1 = 1.5, b = 0.75) over scikit-learn's lowercased word tokens."""
    from rank_bm25 import BM25Okapi
    from sklearn.feature_extraction.text import CountVectorizer

    words = CountVectorizer().build_analyzer()
    model = BM25Okapi([words(s) or ["\0"] for s in source])
    return [_top(np.asarray(model.get_scores(words(c)))) for c in claim]


def best_scores(source: Sequence[str], claim: Sequence[str]) -> list[float]:
    """The TF-IDF cosine of each claim sentence's best source sentence (for "best match ≥ t")."""
    return [row[0][1] if row else 0.0 for row in tfidf(source, claim)]
