"""How long every agreement figure takes on a large project, against a floor from the same run.

The target (issue "Agreement"): 100,000 sentences × 5 reviewers, about 10% of verdicts missing,
all figures (percent, 10 pairs of Cohen's κ with confusion matrices, Fleiss' κ, Krippendorff's α)
in at most 1 s. The floor is the least any implementation must do: read every triple into a dict.

A second case gives every sentence its own rating pattern (many labels, random verdicts): the
worst case for the pattern counting that `agreement` relies on; real verdicts have 3 labels.

    python bench/agreement.py [--sentences N] [--reviewers R] [--runs K]
"""

import argparse
import random
import shlex
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

try:
    from factcheck.core.agreement import agreement
except ModuleNotFoundError:  # run from a checkout that is not installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from factcheck.core.agreement import agreement

Triple = tuple[str, str, str]
VERDICTS = ("supported", "contradicted", "unverifiable")


def verdicts(sentences: int, reviewers: int, missing: float, seed: int) -> list[Triple]:
    """Reviewers who give the sentence's hidden verdict 70% of the time, else any verdict."""
    rng = random.Random(seed)
    names = [f"reviewer{r}" for r in range(reviewers)]
    triples = []
    for s in range(sentences):
        truth = rng.choice(VERDICTS)
        sentence = f"sentence-{s:08d}"
        for name in names:
            if rng.random() >= missing:
                label = truth if rng.random() < 0.7 else rng.choice(VERDICTS)
                triples.append((sentence, name, label))
    return triples


def distinct_patterns(sentences: int, reviewers: int, missing: float, seed: int) -> list[Triple]:
    """Random labels out of 40: nearly every sentence has a rating pattern of its own."""
    rng = random.Random(seed)
    labels = [f"label{i}" for i in range(40)]
    return [
        (f"sentence-{s:08d}", f"reviewer{r}", rng.choice(labels))
        for s in range(sentences)
        for r in range(reviewers)
        if rng.random() >= missing
    ]


def floor(triples: list[Triple]) -> None:
    _ = {(sentence, reviewer): label for sentence, reviewer, label in triples}


def median_seconds(work: Callable[[list[Triple]], object], triples: list[Triple], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work(triples)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--reviewers", type=int, default=5)
    parser.add_argument("--missing", type=float, default=0.10, help="share of verdicts not given")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    cases = {
        "3 verdicts, reviewers 70% on the truth": verdicts,
        "40 labels at random (worst case)": distinct_patterns,
    }
    print(f"{'case':<40} {'ratings':>9} {'floor s':>8} {'agreement s':>12} {'× floor':>8}")
    for name, make in cases.items():
        triples = make(args.sentences, args.reviewers, args.missing, args.seed)
        base = median_seconds(floor, triples, args.runs)
        full = median_seconds(agreement, triples, args.runs)
        print(f"{name:<40} {len(triples):>9,} {base:>8.3f} {full:>12.3f} {full / base:>8.1f}")
    report = agreement(verdicts(args.sentences, args.reviewers, args.missing, args.seed))
    print(
        f"\n{args.sentences:,} sentences × {args.reviewers} reviewers, {args.missing:.0%} missing,"
        f" median of {args.runs} runs; Fleiss' κ {report.fleiss_kappa.value:.3f} on"
        f" {report.fleiss_kappa.n:,} sentences, α {report.krippendorff_alpha.value:.3f},"
        f" {len(report.pairs)} pairs"
    )
    print("command: python " + shlex.join([f"bench/{Path(__file__).name}", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
