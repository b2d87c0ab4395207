"""A revised rewrite against the version it revises: which sentences are unchanged (their decisions
are carried over), which changed and from what, which are new, which were deleted; the word diff of
a changed sentence; and whether a correction made it into the revision.

Sentences are matched with the standard library's difflib (bench/revisions.py measures it against
RapidFuzz on edits like the seeds'): first the unchanged sentences, in order, by
`SequenceMatcher` over the two lists of sentence texts; then unchanged sentences that moved
(a reordered paragraph); then each remaining sentence to the remaining previous sentence whose
words it shares most, in order, with a preference for the stretch between the same unchanged
neighbours. A sentence split in two is two changed sentences from one; two sentences joined are
one changed sentence from both. Offsets play no part: an edit above a sentence moves it.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from factcheck.core.problems import GAP

METHOD = "difflib-1"
"""Names the matching; stored with each revision link."""

SIMILAR_FROM = 0.5
"""Dice coefficient of two sentences' words (2 × shared / both) from which one is an edit of the other."""
PART_FROM = 0.6
"""…or the share of a sentence's words found, in order, in the other: a part split off, or joined in."""
PART_WORDS = 3
"""A part must share at least this many words: "It said." is part of too many sentences."""
CANDIDATES = 8
"""Previous sentences compared word by word with each remaining sentence (those sharing most words)."""
COMMON_SHARE = 0.05
"""A word in more than this share of the previous sentences ("the", "said") finds no candidates."""


class RevisionStatus(StrEnum):
    CARRIED = "carried"
    """The same text as a sentence of the previous version: every decision on it was carried over."""
    CHANGED = "changed"
    """An edit of one or more previous sentences: to check again."""
    NEW = "new"
    """Nothing like it in the previous version: to check."""


@dataclass(frozen=True, slots=True)
class SentenceMatch:
    """What became of one sentence of the revision."""

    index: int
    """The sentence's index in the revision."""
    status: RevisionStatus
    previous: tuple[int, ...]
    """Indices of the previous version's sentences it comes from (one when carried; none when new)."""


@dataclass(frozen=True, slots=True)
class RevisionMatch:
    sentences: tuple[SentenceMatch, ...]
    """One per sentence of the revision, in order."""
    deleted: tuple[int, ...]
    """Indices of the previous version's sentences that nothing in the revision comes from."""

    def count(self, status: RevisionStatus) -> int:
        return sum(match.status is status for match in self.sentences)


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def match_sentences(previous: Sequence[str], revised: Sequence[str]) -> RevisionMatch:
    """Match the revision's sentence texts to the previous version's."""
    carried: dict[int, int] = {}  # revised index → previous index
    anchors = SequenceMatcher(None, list(previous), list(revised), autojunk=False).get_matching_blocks()
    for block in anchors:
        for k in range(block.size):
            carried[block.b + k] = block.a + k
    taken = set(carried.values())
    _pair_moved(previous, revised, carried, taken)
    free = [i for i in range(len(previous)) if i not in taken]
    pending = [j for j in range(len(revised)) if j not in carried]
    from_previous = _pair_edits(previous, revised, free, pending, _gaps(anchors, len(revised)))
    used = {i for found in from_previous.values() for i in found}
    _join_parts(previous, revised, [i for i in free if i not in used], from_previous)
    used = {i for found in from_previous.values() for i in found}
    _pair_in_place(anchors, [i for i in free if i not in used], pending, from_previous)
    used = {i for found in from_previous.values() for i in found}
    sentences = []
    for j in range(len(revised)):
        if j in carried:
            sentences.append(SentenceMatch(j, RevisionStatus.CARRIED, (carried[j],)))
        elif from_previous.get(j):
            sentences.append(SentenceMatch(j, RevisionStatus.CHANGED, tuple(sorted(from_previous[j]))))
        else:
            sentences.append(SentenceMatch(j, RevisionStatus.NEW, ()))
    deleted = tuple(i for i in free if i not in used)
    return RevisionMatch(tuple(sentences), deleted)


def _pair_moved(
    previous: Sequence[str], revised: Sequence[str], carried: dict[int, int], taken: set[int]
) -> None:
    """Unchanged sentences out of order (a paragraph moved), paired in order of appearance."""
    waiting: dict[str, list[int]] = {}
    for i, text in enumerate(previous):
        if i not in taken:
            waiting.setdefault(text, []).append(i)
    for j, text in enumerate(revised):
        if j not in carried and waiting.get(text):
            i = waiting[text].pop(0)
            carried[j] = i
            taken.add(i)


def _gaps(anchors, count: int) -> list[tuple[int, int]]:
    """For each revised index, the previous indices between its unchanged neighbours (in order)."""
    gaps = [(0, 0)] * count
    last_a = last_b = 0
    for block in anchors:
        for j in range(last_b, block.b):
            gaps[j] = (last_a, block.a)
        last_a, last_b = block.a + block.size, block.b + block.size
    return gaps


@dataclass(frozen=True, slots=True)
class _Overlap:
    shared: int
    """Words the two sentences have in common, in order."""
    dice: float
    part_of_revised: float
    part_of_previous: float
    covered: frozenset[int]
    """Positions of the previous sentence's words that the revised one shares."""


def _overlap(old: list[str], new: list[str]) -> _Overlap:
    if not old or not new:
        return _Overlap(0, 0.0, 0.0, 0.0, frozenset())
    blocks = SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()
    shared = sum(b.size for b in blocks)
    covered = frozenset(k for b in blocks for k in range(b.a, b.a + b.size))
    return _Overlap(shared, 2 * shared / (len(old) + len(new)), shared / len(new), shared / len(old), covered)


SPLIT_GAIN = 0.25
"""A second revised sentence from the same previous one is a part split off only when it is next
to the first and brings this share of the previous sentence's words that the first lacks."""


def _pair_edits(
    previous: Sequence[str],
    revised: Sequence[str],
    free: list[int],
    pending: list[int],
    gaps: list[tuple[int, int]],
) -> dict[int, set[int]]:
    """Each remaining revised sentence to the remaining previous sentence it is an edit of, the
    likeliest pairs first; several revised sentences side by side may come from one (a split)."""
    words = {i: _words(previous[i]) for i in free}
    postings: dict[str, list[int]] = {}
    for i in free:
        for word in set(words[i]):
            postings.setdefault(word, []).append(i)
    common = max(5, int(COMMON_SHARE * len(free)))
    pairs: list[tuple[float, int, int, _Overlap]] = []
    for j in pending:
        mine = _words(revised[j])
        counts: dict[int, int] = {}
        for word in set(mine):
            listed = postings.get(word, ())
            if len(listed) <= common:
                for i in listed:
                    counts[i] = counts.get(i, 0) + 1
        low, high = gaps[j]
        candidates = sorted(counts, key=lambda i: (-counts[i], not low <= i < high, abs(i - low)))
        for i in candidates[:CANDIDATES]:
            overlap = _overlap(words[i], mine)
            if overlap.dice >= SIMILAR_FROM or (
                overlap.part_of_revised >= PART_FROM and overlap.shared >= PART_WORDS
            ):
                score = overlap.dice + overlap.part_of_revised + (0.1 if low <= i < high else 0.0)
                pairs.append((score, j, i, overlap))
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    found: dict[int, set[int]] = {}
    claims: dict[int, list[tuple[int, _Overlap]]] = {}
    for _, j, i, overlap in pairs:
        if j in found:
            continue
        others = claims.get(i, [])
        if others:
            covered = frozenset().union(*(o.covered for _, o in others))
            gain = len(overlap.covered - covered) / max(1, len(words[i]))
            if gain < SPLIT_GAIN or not any(abs(j - k) == 1 for k, _ in others):
                continue
        found[j] = {i}
        claims.setdefault(i, []).append((j, overlap))
    return found


def _join_parts(
    previous: Sequence[str], revised: Sequence[str], unused: list[int], found: dict[int, set[int]]
) -> None:
    """A previous sentence nothing comes from, most of whose words are in a changed or new
    sentence near where it stood, was joined into it."""
    if not unused:
        return
    for i in unused:
        old = _words(previous[i])
        best: tuple[float, int] | None = None
        for j in _near(i, found, len(revised)):
            overlap = _overlap(old, _words(revised[j]))
            joined = overlap.part_of_previous >= PART_FROM and overlap.shared >= PART_WORDS
            if joined and (best is None or overlap.part_of_previous > best[0]):
                best = (overlap.part_of_previous, j)
        if best is not None:
            found.setdefault(best[1], set()).add(i)


def _pair_in_place(anchors, unused: list[int], pending: list[int], found: dict[int, set[int]]) -> None:
    """Between the same unchanged neighbours, one previous sentence left and one revised sentence
    left: the sentence was rewritten in place (a heading reworded), not deleted and another added."""
    left, waiting = set(unused), [j for j in pending if not found.get(j)]
    last_a = last_b = 0
    for block in anchors:
        olds = [i for i in range(last_a, block.a) if i in left]
        news = [j for j in waiting if last_b <= j < block.b]
        if len(olds) == 1 and len(news) == 1:
            found[news[0]] = {olds[0]}
        last_a, last_b = block.a + block.size, block.b + block.size


def _near(i: int, found: dict[int, set[int]], count: int) -> list[int]:
    """Revised sentences that come from a previous sentence next to `i` (where a join would be)."""
    return sorted({j for j, sources in found.items() if any(abs(s - i) == 1 for s in sources)})


# --- a changed sentence's word diff --------------------------------------------------------


class DiffOp(StrEnum):
    EQUAL = "="
    DELETE = "-"
    INSERT = "+"


@dataclass(frozen=True, slots=True)
class DiffPiece:
    op: DiffOp
    text: str


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def word_diff(before: str, after: str) -> tuple[DiffPiece, ...]:
    """The word diff of `before` into `after`: the pieces that are the same, deleted or inserted.
    Joining the equal and deleted pieces gives `before`, the equal and inserted ones `after`; a
    space between two changed words belongs to the change, so a replaced name reads as one."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    runs: list[tuple[str, str, str]] = []  # (tag, old text, new text)
    for tag, a0, a1, b0, b1 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        runs.append((tag, "".join(old[a0:a1]), "".join(new[b0:b1])))
    for k in range(1, len(runs) - 1):
        tag, text, _ = runs[k]
        if tag == "equal" and text.isspace() and runs[k - 1][0] != "equal" and runs[k + 1][0] != "equal":
            runs[k] = ("replace", text, text)
    pieces: list[DiffPiece] = []
    deleted, inserted = "", ""
    for tag, old_text, new_text in runs:
        if tag == "equal":
            pieces += _change(deleted, inserted)
            deleted = inserted = ""
            pieces.append(DiffPiece(DiffOp.EQUAL, old_text))
        else:
            deleted += old_text
            inserted += new_text
    pieces += _change(deleted, inserted)
    return tuple(pieces)


def _change(deleted: str, inserted: str) -> list[DiffPiece]:
    return [DiffPiece(op, text) for op, text in ((DiffOp.DELETE, deleted), (DiffOp.INSERT, inserted)) if text]


def inline_diff(pieces: Sequence[DiffPiece]) -> str:
    """A word diff on one line, as `git diff --word-diff=plain` writes it: [-deleted-]{+inserted+}."""
    marks = {DiffOp.EQUAL: ("", ""), DiffOp.DELETE: ("[-", "-]"), DiffOp.INSERT: ("{+", "+}")}
    return "".join(f"{marks[p.op][0]}{p.text}{marks[p.op][1]}" for p in pieces)


# --- corrections ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorrectionCheck:
    """Whether one reviewer's correction of a previous sentence made it into the revision."""

    reviewer: str
    correction: str
    problem_text: str
    """The words the reviewer marked as wrong in the previous version (may be empty)."""
    applied: bool
    """The revised sentence now contains the correction text."""
    problem_remains: bool
    """The words marked as wrong are still there."""


def _comparable(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


def contains(text: str, wanted: str) -> bool:
    """Whether `text` contains `wanted`, case, curly quotes and runs of spaces aside."""
    wanted = _comparable(wanted)
    return bool(wanted) and wanted in _comparable(text)


def check_correction(reviewer: str, revised_text: str, correction: str, problem_text: str) -> CorrectionCheck:
    return CorrectionCheck(
        reviewer=reviewer,
        correction=correction,
        problem_text=problem_text,
        applied=contains(revised_text, correction),
        problem_remains=bool(problem_text.strip())
        and all(contains(revised_text, part) for part in problem_text.split(GAP) if part.strip()),
    )
