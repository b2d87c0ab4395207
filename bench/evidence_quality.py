"""How good the evidence assistant is on the labelled evaluation set in tests/data/alignment/.

Prints recall@1 and recall@3 of the evidence candidates (a rewrite sentence counts as a hit when any
of its gold source sentences is among the first k), precision and recall of the discrepancy flags
(a flag on a `may_flag` substring counts neither way), and the suggested verdict's accuracy per gold
class. The seeds are read and segmented by the app's own reader and segmenter. `--compare` also ranks
with the alternatives that were measured against the chosen method (needs scikit-learn and
rank-bm25, which the app itself does not use).

    python bench/evidence_quality.py [--compare] [--verbose]
"""

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.core.assist.evidence import align
from factcheck.core.assist.flags import flags
from factcheck.core.assist.suggestion import suggest
from factcheck.core.formats import read_articles
from factcheck.core.sentences import split_article

DATA = ROOT / "tests" / "data" / "alignment"


@dataclass(frozen=True, slots=True)
class Case:
    group: str
    source: tuple[str, ...]
    rewrite: str
    verdict: str
    evidence: frozenset[int]
    flags: tuple[str, ...]
    may_flag: tuple[str, ...]


def sentences(path: Path) -> list[str]:
    article = read_articles(path)[0]
    spans = split_article(article.text, article.blocks, article.lang)
    return [article.text[s.start : s.end] for s in spans if not s.boilerplate]


def load_cases() -> list[Case]:
    cases = []
    gold = json.loads((DATA / "seed_gold.json").read_text(encoding="utf-8"))
    source = tuple(sentences(ROOT / "seeds" / gold["source"]))
    for rewrite in gold["rewrites"]:
        found = sentences(ROOT / "seeds" / rewrite["file"])
        for item in rewrite["sentences"]:
            text = next(s for s in found if item["find"] in s)
            evidence = frozenset(i for i, s in enumerate(source) if any(e in s for e in item["evidence"]))
            cases.append(
                Case(
                    "seeds",
                    source,
                    text,
                    item["verdict"],
                    evidence,
                    tuple(item.get("flags", ())),
                    tuple(item.get("may_flag", ())),
                )
            )
    own = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))
    for item in own["cases"]:
        cases.append(
            Case(
                item["source"],
                tuple(own["sources"][item["source"]]),
                item["rewrite"],
                item["verdict"],
                frozenset(item["evidence"]),
                tuple(item.get("flags", ())),
                tuple(item.get("may_flag", ())),
            )
        )
    return cases


Ranker = Callable[[Sequence[str], Sequence[str]], list[list[int]]]


def chosen(source: Sequence[str], rewrite: Sequence[str]) -> list[list[int]]:
    return [[m.source_index for m in row] for row in align(source, rewrite, top_k=3).matches]


def recall(cases: list[Case], rank: Ranker) -> tuple[float, float, int]:
    by_source: dict[tuple[str, ...], list[Case]] = {}
    for case in cases:
        if case.evidence:
            by_source.setdefault(case.source, []).append(case)
    hits1 = hits3 = total = 0
    for source, group in by_source.items():
        for case, ranked in zip(group, rank(source, [c.rewrite for c in group]), strict=True):
            total += 1
            hits1 += bool(ranked[:1] and ranked[0] in case.evidence)
            hits3 += bool(set(ranked[:3]) & case.evidence)
    return hits1 / total, hits3 / total, total


def alternatives() -> dict[str, Ranker]:
    import numpy as np
    from rank_bm25 import BM25Okapi
    from sklearn.feature_extraction.text import TfidfVectorizer

    from factcheck.core.assist.tokens import features

    def sk(**options: object) -> Ranker:
        def rank(source: Sequence[str], rewrite: Sequence[str]) -> list[list[int]]:
            vectoriser = TfidfVectorizer(sublinear_tf=True, **options).fit(source)
            scores = (vectoriser.transform(rewrite) @ vectoriser.transform(source).T).toarray()
            return [list(np.argsort(-row, kind="stable")[:3]) for row in scores]

        return rank

    def bm25(source: Sequence[str], rewrite: Sequence[str]) -> list[list[int]]:
        model = BM25Okapi([features(s) or ["\0"] for s in source])
        return [list(np.argsort(-model.get_scores(features(r)), kind="stable")[:3]) for r in rewrite]

    return {
        "sklearn TF-IDF, words": sk(),
        "sklearn TF-IDF, words, English stopwords": sk(stop_words="english"),
        "sklearn TF-IDF, word 1-2-grams": sk(stop_words="english", ngram_range=(1, 2)),
        "sklearn TF-IDF, char_wb 2-4": sk(analyzer="char_wb", ngram_range=(2, 4)),
        "sklearn TF-IDF, char_wb 3-5": sk(analyzer="char_wb", ngram_range=(3, 5)),
        "rank-bm25 Okapi, stemmed terms": bm25,
    }


def flag_scores(cases: list[Case], verbose: bool) -> tuple[int, int, int, int]:
    """True positives, false positives, gold flags found, gold flags."""
    tp = fp = found = wanted = 0
    for case in cases:
        matches = align(case.source, [case.rewrite]).matches[0]
        got = [f.text for f in flags(case.rewrite, case.source, matches)]
        for text in got:
            if any(g in text or text in g for g in case.flags):
                tp += 1
            elif not any(g in text or text in g for g in case.may_flag):
                fp += 1
                if verbose:
                    print(f"  extra flag {text!r} in {case.rewrite[:60]!r}")
        for g in case.flags:
            wanted += 1
            hit = any(g in text or text in g for text in got)
            found += hit
            if verbose and not hit:
                print(f"  missed flag {g!r} in {case.rewrite[:60]!r}")
    return tp, fp, found, wanted


def verdicts(cases: list[Case], verbose: bool) -> tuple[Counter, Counter, Counter]:
    right, total, confusion = Counter(), Counter(), Counter()
    for case in cases:
        matches = align(case.source, [case.rewrite]).matches[0]
        hint = suggest(matches, flags(case.rewrite, case.source, matches))
        total[case.verdict] += 1
        right[case.verdict] += hint.verdict == case.verdict
        confusion[case.verdict, hint.verdict.value] += 1
        if verbose and hint.verdict != case.verdict:
            print(f"  {case.verdict:>12} → {hint.verdict:<12} {hint.reason[:50]!r:52} {case.rewrite[:50]!r}")
    return right, total, confusion


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="also rank with the alternatives")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    cases = load_cases()
    groups = {
        "all": cases,
        "seeds": [c for c in cases if c.group == "seeds"],
        "own cases": [c for c in cases if c.group != "seeds"],
    }
    print(f"command: python bench/evidence_quality.py{' --compare' if args.compare else ''}")
    print(
        f"{len(cases)} rewrite sentences ({len(groups['seeds'])} from the seeds), "
        f"{sum(bool(c.evidence) for c in cases)} with gold evidence\n"
    )
    rankers = {"chosen: TF-IDF cosine, stemmed terms (numpy)": chosen}
    if args.compare:
        rankers |= alternatives()
    print(f"{'evidence candidates':48} {'group':10} {'n':>3} {'R@1':>6} {'R@3':>6}")
    for name, rank in rankers.items():
        for group, members in groups.items():
            r1, r3, n = recall(members, rank)
            print(f"{name:48} {group:10} {n:>3} {r1:6.3f} {r3:6.3f}")
    print()
    for group, members in groups.items():
        tp, fp, found, wanted = flag_scores(members, args.verbose and group == "all")
        precision = tp / (tp + fp) if tp + fp else 1.0
        print(
            f"flags {group:10} precision {precision:.3f} ({tp}/{tp + fp})   "
            f"recall {found / wanted if wanted else 1.0:.3f} ({found}/{wanted})"
        )
    print()
    right, total, confusion = verdicts(cases, args.verbose)
    print(
        f"{'suggestion (all)':18} {'n':>3} {'accuracy':>9}   suggested as supported/contradicted/unverifiable"
    )
    for verdict in ("supported", "contradicted", "unverifiable"):
        row = "/".join(str(confusion[verdict, v]) for v in ("supported", "contradicted", "unverifiable"))
        print(f"{verdict:18} {total[verdict]:>3} {right[verdict] / total[verdict]:9.3f}   {row}")
    print(f"{'overall':18} {sum(total.values()):>3} {sum(right.values()) / sum(total.values()):9.3f}")


if __name__ == "__main__":
    main()
