"""Matching a revised rewrite's sentences to the version it revises: how often each way is right on
edits like the seeds' (tests/data/revisions/cases.json: reordered paragraphs, a sentence split in
two, two joined, small word edits, a heading reworded in place, sentences deleted and added), and
how long it takes on a 10,000-sentence article.

    python bench/revisions.py [--runs 3] [--size 10000]

The ways compared:

- `offsets`: sentence i of the revision against sentence i of the previous version (what matching
  by position alone gives), the floor of what a matcher must beat;
- `difflib`: `core.revisions` as shipped (the standard library's SequenceMatcher);
- `rapidfuzz`: the same algorithm with RapidFuzz's Indel distance (an exact longest common
  subsequence in C) in place of SequenceMatcher everywhere, when RapidFuzz is installed
  (`pip install rapidfuzz`).

The large article is real English prose (the standard library's docstrings, as bench/alignment.py
reads them); its revision has 5 % of sentences with a word changed, 1 % split in two, 1 % deleted,
1 % added and a block of 200 moved (fixed seed). The floor for speed, measured in the same run, is
splitting the revised text into sentences, which every import does anyway.
"""

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.core import revisions
from factcheck.core.revisions import RevisionMatch, RevisionStatus, SentenceMatch, match_sentences
from factcheck.core.segment import split

CASES = json.loads((ROOT / "tests/data/revisions/cases.json").read_text(encoding="utf-8"))["cases"]

Matcher = Callable[[Sequence[str], Sequence[str]], RevisionMatch]


def by_offsets(previous: Sequence[str], revised: Sequence[str]) -> RevisionMatch:
    found = []
    for j, text in enumerate(revised):
        if j < len(previous):
            status = RevisionStatus.CARRIED if previous[j] == text else RevisionStatus.CHANGED
            found.append(SentenceMatch(j, status, (j,)))
        else:
            found.append(SentenceMatch(j, RevisionStatus.NEW, ()))
    return RevisionMatch(tuple(found), tuple(range(len(revised), len(previous))))


class _RapidFuzzMatcher:
    """SequenceMatcher's interface, answered by RapidFuzz's Indel (longest common subsequence)."""

    def __init__(self, junk, a, b, autojunk=False) -> None:
        from rapidfuzz.distance import Indel

        self._opcodes = Indel.opcodes(list(a), list(b))

    def get_matching_blocks(self):
        from difflib import Match

        return [Match(m.a, m.b, m.size) for m in self._opcodes.as_matching_blocks()]

    def get_opcodes(self):
        return [(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end) for op in self._opcodes]


def with_rapidfuzz(previous: Sequence[str], revised: Sequence[str]) -> RevisionMatch:
    shipped = revisions.SequenceMatcher
    revisions.SequenceMatcher = _RapidFuzzMatcher
    try:
        return match_sentences(previous, revised)
    finally:
        revisions.SequenceMatcher = shipped


def matchers() -> dict[str, Matcher]:
    found: dict[str, Matcher] = {"offsets": by_offsets, "difflib": match_sentences}
    try:
        import rapidfuzz  # noqa: F401

        found["rapidfuzz"] = with_rapidfuzz
    except ImportError:
        print("(rapidfuzz is not installed: pip install rapidfuzz to compare it)")
    return found


def accuracy(matcher: Matcher) -> tuple[int, int, int, int]:
    """(cases entirely right, cases, sentences right, sentences) on the fixture's cases."""
    cases_right = sentences_right = sentences = 0
    for case in CASES:
        match = matcher(case["previous"], case["revised"])
        got = [[m.status.value, list(m.previous)] for m in match.sentences]
        right = [g == e for g, e in zip(got, case["expected"], strict=True)]
        sentences_right += sum(right) + (list(match.deleted) == case["deleted"])
        sentences += len(right) + 1
        cases_right += all(right) and list(match.deleted) == case["deleted"]
    return cases_right, len(CASES), sentences_right, sentences


Expected = list[tuple[str, tuple[int, ...]]]


def article(size: int) -> tuple[list[str], list[str], Expected]:
    """A previous version, its revision, and what must become of each revised sentence."""
    sys.path.insert(0, str(ROOT / "bench"))
    from alignment import prose

    rng = random.Random(11)
    sentences = prose()
    rng.shuffle(sentences)
    previous = sentences[:size]
    revised: list[tuple[str, str, tuple[int, ...]]] = []
    for i, text in enumerate(previous):
        roll = rng.random()
        words = text.split()
        if roll < 0.05:
            words[rng.randrange(len(words))] = "revised"
            revised.append((" ".join(words), "changed", (i,)))
        elif roll < 0.06 and len(words) >= 8:
            half = len(words) // 2
            revised += [
                (" ".join(words[:half]) + ".", "changed", (i,)),
                (" ".join(words[half:]), "changed", (i,)),
            ]
        elif roll < 0.07:
            continue
        elif roll < 0.08:
            revised += [(text, "carried", (i,)), (rng.choice(sentences[size:]), "new", ())]
        else:
            revised.append((text, "carried", (i,)))
    start = rng.randrange(len(revised) - 400)
    block = revised[start : start + 200]
    del revised[start : start + 200]
    revised[start + 150 : start + 150] = block
    return previous, [text for text, _, _ in revised], [(status, found) for _, status, found in revised]


def share_right(match: RevisionMatch, expected: Expected) -> float:
    pairs = zip(match.sentences, expected, strict=True)
    return sum((m.status.value, m.previous) == e for m, e in pairs) / len(expected)


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    ways = matchers()
    previous, revised, expected = article(args.size)
    text = "\n".join(revised)
    floor = median_seconds(lambda: split(text, "en"), args.runs)
    print(f"$ python bench/revisions.py --runs {args.runs} --size {args.size}")
    heading = ("way", "cases right", "their sentences", "large article right", "time", "× floor")
    print("{:10} {:>12} {:>16} {:>20} {:>9} {:>8}".format(*heading))
    for name, matcher in ways.items():
        cases_right, cases, right, total = accuracy(matcher)
        seconds = median_seconds(lambda m=matcher: m(previous, revised), args.runs)
        large = share_right(matcher(previous, revised), expected)
        print(
            f"{name:10} {cases_right:>5} of {cases:<5} {right:>7} of {total:<6} {large:>20.1%}"
            f" {seconds:>7.3f} s {seconds / floor:>7.1f}×"
        )
    print(f"floor: splitting the revision into sentences, {floor:.3f} s ({len(revised):,} sentences)")


if __name__ == "__main__":
    main()
