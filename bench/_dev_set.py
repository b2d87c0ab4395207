"""The evidence assistant on people-labelled public data: WiCE and SummEdits (see
`../shared/eval/README.md`, which defines every figure computed here).

Each case is fed to the assistant as a user would: the source as an article whose paragraphs are
the data set's source sentences (SummEdits: the source text as it is), the claim as a
one-paragraph rewrite, both read and segmented by the app's own reader and segmenter. The data
stay outside the project: the folder is `$FACTCHECK_EVAL`, else `<repository>/../shared/eval/`.

Cases are split into two halves by a stable hash of their id: thresholds are chosen on the
"tune" half and reported on the "held-out" half (and on the whole set, for reference).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.core.article import Article, prepare
from factcheck.core.assist.assistant import Hints, assess
from factcheck.core.document import Role
from factcheck.core.formats import articles_from_text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = ROOT.parent / "shared" / "eval"
FILES = ("wice_evidence_dev.jsonl", "wice_unsupported_tokens_dev.jsonl", "summedits_dev.jsonl")


def folder(option: str | None) -> Path:
    """Where the data are: the option, else `$FACTCHECK_EVAL`, else beside the repository."""
    return Path(option or os.environ.get("FACTCHECK_EVAL") or DEFAULT_FOLDER)


def missing(where: Path) -> list[str]:
    return [name for name in FILES if not (where / name).is_file()]


def half(case_id: str) -> str:
    """ "tune" or "held-out", the same on every machine and in every run."""
    return "tune" if hashlib.sha256(case_id.encode()).digest()[0] % 2 == 0 else "held-out"


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _article(text: str, role: Role, name: str) -> Article:
    return prepare(articles_from_text(text, name, name)[0], role, name)


@dataclass(frozen=True, slots=True)
class Fed:
    """One case as the assistant saw it."""

    id: str
    source: Article
    claim: Article
    hints: tuple[Hints, ...]
    """One per sentence of the claim."""


def feed(case_id: str, source_text: str, claim: str) -> Fed:
    source = _article(source_text, Role.SOURCE, f"{case_id}-source")
    rewrite = _article(claim, Role.REWRITE, f"{case_id}-claim")
    assessment = assess(
        [s.text for s in source.sentences],
        [s.text for s in rewrite.sentences],
        [not s.boilerplate for s in rewrite.sentences],
    )
    return Fed(case_id, source, rewrite, assessment.hints)


# Evidence recall@k (WiCE evidence).

_BLOCK_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d{1,9}[.)]\s+)+")
_INLINE_MARKER = re.compile(r"[*_`]+")


def normalised(text: str) -> str:
    """Text as the data set's sentences are compared: whitespace, case and Markdown markers aside."""
    return " ".join(_INLINE_MARKER.sub("", _BLOCK_MARKER.sub("", text)).split()).casefold()


@dataclass(frozen=True, slots=True)
class EvidenceCase:
    id: str
    claim: str
    source_sentences: tuple[str, ...]
    gold: frozenset[int]
    """Every index of every gold evidence set."""
    label: str


def evidence_cases(where: Path) -> list[EvidenceCase]:
    return [
        EvidenceCase(
            row["id"],
            row["claim"],
            tuple(row["source_sentences"]),
            frozenset(i for group in row["gold_evidence_sets"] for i in group),
            row["label"],
        )
        for row in _rows(where / FILES[0])
        if any(row["gold_evidence_sets"])
    ]


class SentenceMap:
    """Candidates back to the data set's sentence indices, by text."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self._texts = [normalised(s) for s in sentences]
        self._exact: dict[str, int] = {}
        for i, text in enumerate(self._texts):
            self._exact.setdefault(text, i)

    def index(self, candidate: str) -> int | None:
        text = normalised(candidate)
        if text in self._exact:
            return self._exact[text]
        if not text:
            return None
        return next((i for i, s in enumerate(self._texts) if text in s or (s and s in text)), None)


Ranked = Sequence[Sequence[tuple[int, float]]]
"""Per claim sentence, (source sentence index, score) pairs, best first."""


def pooled(ranked: Ranked, source: Article) -> list[str]:
    """The claim's candidates, all its sentences pooled, best score first, each text once."""
    flat = sorted(
        ((score, n, i) for n, row in enumerate(ranked) for i, score in row), key=lambda x: (-x[0], x[1])
    )
    texts: list[str] = []
    seen: set[str] = set()
    for _, _, i in flat:
        text = source.sentences[i].text
        if normalised(text) not in seen:
            seen.add(normalised(text))
            texts.append(text)
    return texts


def hit_at(candidates: Sequence[str], mapping: SentenceMap, gold: frozenset[int], k: int) -> bool:
    return any(mapping.index(text) in gold for text in candidates[:k])


Ranker = Callable[[Sequence[str], Sequence[str]], Ranked]
"""(source sentences, claim sentences) → for each claim sentence its best source sentences."""


def recall(
    cases: Iterable[EvidenceCase], fed: dict[str, Fed], rankers: dict[str, Ranker]
) -> dict[str, dict[str, list[tuple[bool, bool]]]]:
    """Per ranker ("factcheck" and each baseline), per half, the (hit@1, hit@3) of every claim."""
    found: dict[str, dict[str, list[tuple[bool, bool]]]] = {}
    for case in cases:
        f = fed[case.id]
        mapping = SentenceMap(case.source_sentences)
        source_texts = [s.text for s in f.source.sentences]
        claim_texts = [s.text for s in f.claim.sentences]
        every: dict[str, Ranked] = {
            "factcheck": [[(m.source_index, m.score) for m in h.matches] for h in f.hints]
        }
        every |= {name: rank(source_texts, claim_texts) for name, rank in rankers.items()}
        for name, ranked in every.items():
            candidates = pooled(ranked, f.source)
            hits = (hit_at(candidates, mapping, case.gold, 1), hit_at(candidates, mapping, case.gold, 3))
            found.setdefault(name, {}).setdefault(half(case.id), []).append(hits)
    return found


# Unsupported numbers (WiCE tokens).

NUMBER_TOKEN = re.compile(r"\d[\d,.:]*")


@dataclass(frozen=True, slots=True)
class NumberCase:
    id: str
    claim: str
    source_sentences: tuple[str, ...]
    numbers: tuple[tuple[str, bool], ...]
    """The claim's number tokens, each with whether the annotators marked it unsupported."""


def number_cases(where: Path) -> list[NumberCase]:
    cases = []
    for row in _rows(where / FILES[1]):
        numbers = tuple(
            (token, bool(flag))
            for token, flag in zip(row["claim_tokens"], row["non_supported_token_flags"], strict=True)
            if NUMBER_TOKEN.fullmatch(token)
        )
        cases.append(NumberCase(row["id"], row["claim"], tuple(row["source_sentences"]), numbers))
    return cases


def _whole_number(token: str) -> re.Pattern[str]:
    number = re.escape(token.replace(",", "").rstrip(".,:"))
    return re.compile(rf"(?<![\d])(?<!\d[.:]){number}(?![\d])(?![.:,]\d)")


def contains_number(text: str, token: str) -> bool:
    """Whether `text` contains the whole number `token` (commas ignored), not merely part of one."""
    return bool(_whole_number(token).search(text.replace(",", "")))


def flagged_numbers(case: NumberCase, fed: Fed) -> list[tuple[bool, bool]]:
    """(unsupported, flagged) for each number token of the claim."""
    texts = [f.text for h in fed.hints for f in h.flags]
    return [
        (unsupported, any(contains_number(t, token) for t in texts)) for token, unsupported in case.numbers
    ]


def absent_numbers(case: NumberCase) -> list[tuple[bool, bool]]:
    """The baseline: a number is flagged when the source does not contain it."""
    source = "\n".join(case.source_sentences)
    return [(unsupported, not contains_number(source, token)) for token, unsupported in case.numbers]


def number_rates(pairs: Iterable[tuple[bool, bool]]) -> tuple[float, float, int, int]:
    """Recall of unsupported numbers, false-alarm rate on supported ones, and the two counts."""
    pairs = list(pairs)
    unsupported = [flagged for bad, flagged in pairs if bad]
    supported = [flagged for bad, flagged in pairs if not bad]
    return (
        sum(unsupported) / len(unsupported) if unsupported else float("nan"),
        sum(supported) / len(supported) if supported else float("nan"),
        len(unsupported),
        len(supported),
    )


# Suggestion balanced accuracy (SummEdits).


@dataclass(frozen=True, slots=True)
class SummaryCase:
    id: str
    domain: str
    source: str
    claim: str
    consistent: bool
    edits: tuple[str, ...]


def summary_cases(where: Path) -> list[SummaryCase]:
    return [
        SummaryCase(
            row["id"],
            row["domain"],
            row["source"],
            row["claim"],
            row["label"] == "consistent",
            tuple(row.get("edit_types") or ()),
        )
        for row in _rows(where / FILES[2])
    ]


def balanced_accuracy(pairs: Iterable[tuple[bool, bool]]) -> float:
    """Mean of the share of consistent claims said supported and of inconsistent ones not."""
    pairs = list(pairs)
    good = [said for consistent, said in pairs if consistent]
    bad = [not said for consistent, said in pairs if not consistent]
    if not good or not bad:
        return float("nan")
    return (sum(good) / len(good) + sum(bad) / len(bad)) / 2


def best_threshold(scored: Sequence[tuple[bool, float]]) -> float:
    """The t for which "supported when the score ≥ t" has the best balanced accuracy (ties: the
    middle of the best run of thresholds, so the choice does not sit on one case's score)."""
    values = sorted({s for _, s in scored})
    candidates = [values[0] - 1e-9] + [(a + b) / 2 for a, b in itertools.pairwise(values)]
    candidates.append(values[-1] + 1e-9)
    accuracy = [balanced_accuracy((c, s >= t) for c, s in scored) for t in candidates]
    top = max(accuracy)
    best = [t for t, a in zip(candidates, accuracy, strict=True) if a == top]
    return best[len(best) // 2]
