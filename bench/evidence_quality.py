"""How good the evidence assistant is: on its labelled demo cases, and on people-labelled public
data (WiCE, SummEdits) beside plain baselines measured in the same run.

The demo (tests/data/alignment/): recall@1 and @3 of the evidence candidates (a rewrite sentence
counts as a hit when any of its gold source sentences is among the first k), precision and
recall of the discrepancy flags (a flag on a `may_flag` substring counts neither way), and the
suggested verdict's accuracy per gold class. The seeds are read and segmented by the app's own
reader and segmenter.

The development set (`../shared/eval/`, or `--eval DIR`, or `$FACTCHECK_EVAL`; never copied into
the project): the figures its README defines (see bench/_dev_set.py), on the held-out half (any
threshold is chosen on the tune half) and on the whole set. Baselines: scikit-learn's TF-IDF and
Okapi BM25 for the evidence, "the number is absent from the source" for numbers, "best match
≥ t" for the suggestion. They need the bench extra: `pip install -e ".[bench]"`.

    python bench/evidence_quality.py [--eval DIR] [--verbose]
"""

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _dev_set as dev

from factcheck.core.assist.assistant import Hints, assess
from factcheck.core.formats import read_articles
from factcheck.core.labels import Verdict
from factcheck.core.sentences import split_article

DATA = ROOT / "tests" / "data" / "alignment"

GOALS = {
    "evidence recall@1": "≥ 0.90",
    "evidence recall@3": "≥ 0.97",
    "unsupported-number recall": "≥ 0.75",
    "number false-alarm rate": "≤ 0.05",
    "suggestion balanced accuracy": "≥ 0.72",
}


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


# The demo.

Ranker = Callable[[Sequence[str], Sequence[str]], dev.Ranked]


def recall(cases: list[Case], hints: dict[int, Hints], rank: Ranker | None) -> tuple[float, float, int]:
    hits1 = hits3 = total = 0
    for n, case in enumerate(cases):
        if not case.evidence:
            continue
        if rank is None:
            ranked = [m.source_index for m in hints[n].matches]
        else:
            ranked = [i for i, _ in rank(case.source, [case.rewrite])[0]]
        total += 1
        hits1 += bool(ranked[:1] and ranked[0] in case.evidence)
        hits3 += bool(set(ranked[:3]) & case.evidence)
    return hits1 / total, hits3 / total, total


def flag_scores(cases: list[Case], hints: dict[int, Hints], verbose: bool) -> tuple[int, int, int, int]:
    """True positives, false positives, gold flags found, gold flags."""
    tp = fp = found = wanted = 0
    for n, case in enumerate(cases):
        got = [f.text for f in hints[n].flags]
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


def demo(baselines: dict[str, Ranker], verbose: bool) -> None:
    cases = load_cases()
    hints = {n: assess(case.source, [case.rewrite]).hints[0] for n, case in enumerate(cases)}
    groups = {
        "all": list(range(len(cases))),
        "seeds": [n for n, c in enumerate(cases) if c.group == "seeds"],
        "own cases": [n for n, c in enumerate(cases) if c.group != "seeds"],
    }
    print(
        f"The demo: {len(cases)} rewrite sentences ({len(groups['seeds'])} from the seeds), "
        f"{sum(bool(c.evidence) for c in cases)} with gold evidence\n"
    )
    print(f"{'evidence candidates':40} {'group':10} {'n':>3} {'R@1':>6} {'R@3':>6}")
    for name, rank in {"factcheck": None, **baselines}.items():
        for group, members in groups.items():
            subset = [cases[n] for n in members]
            r1, r3, n = recall(subset, {i: hints[m] for i, m in enumerate(members)}, rank)
            print(f"{name:40} {group:10} {n:>3} {r1:6.3f} {r3:6.3f}")
    print()
    for group, members in groups.items():
        subset = [cases[n] for n in members]
        tp, fp, found, wanted = flag_scores(
            subset, {i: hints[m] for i, m in enumerate(members)}, verbose and group == "all"
        )
        precision = tp / (tp + fp) if tp + fp else 1.0
        print(
            f"flags {group:10} precision {precision:.3f} ({tp}/{tp + fp})   "
            f"recall {found / wanted if wanted else 1.0:.3f} ({found}/{wanted})"
        )
    print()
    right, total, confusion = Counter(), Counter(), Counter()
    for n, case in enumerate(cases):
        suggestion = hints[n].suggestion
        total[case.verdict] += 1
        right[case.verdict] += suggestion.verdict == case.verdict
        confusion[case.verdict, suggestion.verdict.value] += 1
        if verbose and suggestion.verdict != case.verdict:
            print(
                f"  {case.verdict:>12} → {suggestion.verdict:<12} {suggestion.reason[:50]!r:52} "
                f"{case.rewrite[:50]!r}"
            )
    print(
        f"{'suggestion (all)':18} {'n':>3} {'accuracy':>9}   suggested as supported/contradicted/unverifiable"
    )
    for verdict in ("supported", "contradicted", "unverifiable"):
        row = "/".join(str(confusion[verdict, v]) for v in ("supported", "contradicted", "unverifiable"))
        print(f"{verdict:18} {total[verdict]:>3} {right[verdict] / total[verdict]:9.3f}   {row}")
    print(f"{'overall':18} {sum(total.values()):>3} {sum(right.values()) / sum(total.values()):9.3f}")


# The development set.


def _row(figure: str, half: str, n: int, ours: float, baselines: str) -> None:
    goal = GOALS.get(figure, "") if half == "held-out" else ""
    print(f"{figure:30} {half:9} {n:>4} {ours:10.3f}   {baselines:46} {goal}")


def _halves(values: dict[str, list]) -> list[tuple[str, list]]:
    return [("held-out", values.get("held-out", [])), ("all", [v for h in values.values() for v in h])]


def dev_set(where: Path, baselines: dict[str, Ranker], verbose: bool) -> None:
    started = time.perf_counter()
    evidence = dev.evidence_cases(where)
    numbers = dev.number_cases(where)
    summaries = dev.summary_cases(where)
    print(
        f"The development set ({where}): {len(evidence)} WiCE claims with gold evidence, "
        f"{sum(len(c.numbers) for c in numbers)} numbers in {len(numbers)} WiCE claims, "
        f"{len(summaries)} SummEdits summaries; halves by a hash of the case id\n"
    )
    print(f"{'figure':30} {'half':9} {'n':>4} {'factcheck':>10}   {'baseline, same run':46} goal (held-out)")

    fed = {c.id: dev.feed(c.id, "\n\n".join(c.source_sentences), c.claim) for c in evidence}
    found = dev.recall(evidence, fed, baselines)
    for k, figure in ((0, "evidence recall@1"), (1, "evidence recall@3")):
        for half, ours in _halves(found["factcheck"]):
            others = " · ".join(
                f"{name} {sum(h[k] for h in dict(_halves(found[name]))[half]) / len(ours):.3f}"
                for name in baselines
            )
            _row(figure, half, len(ours), sum(h[k] for h in ours) / len(ours), others)
    if verbose:
        _evidence_misses(evidence, fed)

    ours_numbers: dict[str, list[tuple[bool, bool]]] = {}
    absent: dict[str, list[tuple[bool, bool]]] = {}
    for case in numbers:
        f = dev.feed(case.id, "\n\n".join(case.source_sentences), case.claim)
        ours_numbers.setdefault(dev.half(case.id), []).extend(dev.flagged_numbers(case, f))
        absent.setdefault(dev.half(case.id), []).extend(dev.absent_numbers(case))
    for half, pairs in _halves(ours_numbers):
        r, fa, n_bad, n_good = dev.number_rates(pairs)
        br, bfa, _, _ = dev.number_rates(dict(_halves(absent))[half])
        _row("unsupported-number recall", half, n_bad, r, f"number absent from the source {br:.3f}")
        _row("number false-alarm rate", half, n_good, fa, f"number absent from the source {bfa:.3f}")

    said: dict[str, list[tuple[bool, bool]]] = {}
    scored: dict[str, list[tuple[bool, float]]] = {}
    for case in summaries:
        f = dev.feed(case.id, case.source, case.claim)
        reviewed = [h for h, s in zip(f.hints, f.claim.sentences, strict=True) if not s.boilerplate]
        said.setdefault(dev.half(case.id), []).append(
            (case.consistent, all(h.suggestion.verdict is Verdict.SUPPORTED for h in reviewed))
        )
        if "TF-IDF" in baselines:
            from _baselines import best_scores

            best = best_scores([s.text for s in f.source.sentences], [s.text for s in f.claim.sentences])
            scored.setdefault(dev.half(case.id), []).append((case.consistent, min(best, default=0.0)))
    t = dev.best_threshold(scored["tune"]) if scored else None
    for half, pairs in _halves(said):
        baseline = ""
        if t is not None:
            base = dev.balanced_accuracy((c, s >= t) for c, s in dict(_halves(scored))[half])
            baseline = f"TF-IDF best match ≥ {t:.3f} (tune half) {base:.3f}"
        _row("suggestion balanced accuracy", half, len(pairs), dev.balanced_accuracy(pairs), baseline)
    print(f"\n({time.perf_counter() - started:.0f} s)")


def _evidence_misses(cases: list[dev.EvidenceCase], fed: dict[str, dev.Fed]) -> None:
    for case in cases:
        f = fed[case.id]
        ranked = [[(m.source_index, m.score) for m in h.matches] for h in f.hints]
        candidates = dev.pooled(ranked, f.source)
        if not dev.hit_at(candidates, dev.SentenceMap(case.source_sentences), case.gold, 1):
            print(f"  R@1 miss {case.id}: {case.claim[:70]!r} → {candidates[0][:60]!r}" if candidates else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", metavar="DIR", help="the evaluation data (default: ../shared/eval/)")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    command = "python bench/evidence_quality.py" + (f" --eval {args.eval}" if args.eval else "")
    print(f"command: {command}\n")
    baselines: dict[str, Ranker] = {}
    if all(importlib.util.find_spec(m) for m in ("sklearn", "rank_bm25")):
        from _baselines import bm25, tfidf

        baselines = {"TF-IDF": tfidf, "BM25": bm25}
    else:
        print('baselines skipped: scikit-learn and rank-bm25 are missing (pip install -e ".[bench]")\n')
    demo(baselines, args.verbose)
    print()
    where = dev.folder(args.eval)
    if dev.missing(where):
        absent = ", ".join(dev.missing(where))
        print(f"development-set figures skipped: no evaluation data in {where} ({absent})")
        return
    dev_set(where, baselines, args.verbose)


if __name__ == "__main__":
    main()
