"""Swapped words: what in a rewrite sentence that closely retells a source sentence says the
opposite of it ("fell" where the source has "rose"), negates it ("not approved" where the
source has "approved"), or puts another content word in its place.

Names and numbers have their own checks (`flags`); these are the ordinary words that turn a
faithful sentence into a wrong one while it still shares almost every word with its source. A
list of opposites (below) and the word difference against the best candidate find them; each
says what the two words are, so the reviewer can judge at a glance.
"""

import difflib
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from factcheck.core.assist.source_index import SourceIndex
from factcheck.core.assist.tokens import STOPWORDS, Word, sentence_words, term

CLOSE_FROM = 0.6
"""A source sentence retells a rewrite sentence closely when at least this share of the rewrite
sentence's content words stand in the same order in it (runs the word difference leaves alone);
below that, a different word is as likely a paraphrase as a swap."""

_OPPOSITE_PAIRS = """
rise fall; rose fell; risen fallen; increase decrease; increased decreased; increase cut;
grow shrink; gain loss; gained lost; win lose; won lost; winner loser; victory defeat;
higher lower; high low; highest lowest; more less; more fewer; most least; larger smaller;
largest smallest; bigger smaller; biggest smallest; greater lesser; maximum minimum;
majority minority; above below; over under; before after; earlier later; early late;
first last; begin end; start finish; start stop; open close; opened closed; inside outside;
north south; east west; northern southern; eastern western; left right; up down; upper lower;
buy sell; bought sold; buyer seller; import export; imports exports; borrow lend; lender borrower;
accept reject; accepted rejected; approve reject; approved rejected; allow ban; allowed banned;
allow forbid; legal illegal; include exclude; included excluded; add remove; added removed;
support oppose; supported opposed; for against; pro anti; agree disagree; agreed disagreed;
success failure; succeeded failed; pass fail; passed failed; true false; right wrong;
correct incorrect; positive negative; strong weak; stronger weaker; strengthen weaken;
easy hard; easy difficult; easier harder; simple complex; simple complicated; cheap expensive;
cheaper costlier; rich poor; richer poorer; young old; younger older; new old; modern ancient;
public private; internal external; domestic foreign; national international; local global;
urban rural; male female; men women; man woman; boy girl; husband wife; father mother;
son daughter; brother sister; king queen; offense defense; offensive defensive; attack defend;
encoder decoder; input output; online offline; manual automatic; manually automatically;
teacher student; parent child; guilty innocent; convicted acquitted;
arrive depart; arrival departure; entrance exit; enter leave; hire fire; hired fired;
join leave; joined left; promote demote; raise lower; raised lowered; heat cool; hot cold;
warm cool; wet dry; full empty; heavy light; fast slow; faster slower; quick slow; long short;
longer shorter; wide narrow; thick thin; deep shallow; near far; always never; all none;
everyone nobody; everything nothing; often rarely; frequent rare; common rare; likely unlikely;
possible impossible; able unable; safe dangerous; safe unsafe; healthy unhealthy; alive dead;
live die; birth death; born died; peace war; friend enemy; ally enemy; love hate; like dislike;
happy sad; optimistic pessimistic; optimism pessimism; praise criticise; praise criticize;
praised criticised; praised criticized; reward punish; profit loss; surplus deficit; credit debit;
asset liability; expand contract; expansion contraction; inflation deflation;
boom bust; bull bear; bullish bearish; upgrade downgrade; upgraded downgraded; overestimate
underestimate; overweight underweight; encourage discourage; encouraged discouraged; enable
disable; enabled disabled; include omit; confirm deny; confirmed denied; admit deny; admitted
denied; remember forget; find lose; presence absence; visible
invisible; known unknown; certain uncertain; clear unclear; complete incomplete; completed
unfinished; finished unfinished; formal informal; official unofficial; permanent temporary;
free paid; paid unpaid; employed unemployed; employment unemployment;
agreement disagreement; stable unstable; stability instability; sufficient insufficient;
adequate inadequate; relevant irrelevant; useful useless; efficient inefficient; effective
ineffective; accurate inaccurate; reliable unreliable; fair unfair; happy unhappy;
supervised unsupervised; linear nonlinear; explicit implicit; direct indirect; directly indirectly;
dense sparse; static dynamic; generative discriminative;
""".replace("\n", " ")

NEGATIONS = frozenset(["not", "no", "never", "nor", "neither", "without", "none", "cannot"])
"""Words that turn a statement into its opposite (left out of the stopwords for that reason);
so does any word ending in "n't"."""


def negates(word: Word) -> bool:
    return word.term in NEGATIONS or word.text.casefold().endswith(("n't", "n’t"))


def _opposites() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for pair in _OPPOSITE_PAIRS.split(";"):
        if pair.strip():
            a, b = (term(w) for w in pair.split())
            found.setdefault(a, set()).add(b)
            found.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in found.items()}


OPPOSITES = _opposites()
"""Term → the terms that mean its opposite (stemmed, as `tokens.term` gives them)."""


class SwapKind(StrEnum):
    OPPOSITE = "opposite"
    """The rewrite has a word whose opposite the source has in its place."""
    NEGATION = "negation"
    """One of them negates what the other says."""
    WORD = "word"
    """Another content word in the place of the source's, one the source never uses."""


@dataclass(frozen=True, slots=True)
class Swap:
    """A word of a rewrite sentence that its closest source sentence has differently."""

    kind: SwapKind
    start: int
    """Offset of the rewrite's word in the rewrite sentence (for a dropped negation, of the
    word the source negates)."""
    end: int
    text: str
    """The rewrite's word (or words) as written."""
    source_text: str
    """The source's word (or words) in its place; for a negation the source does not make, ""."""

    @property
    def reason(self) -> str:
        """What the reviewer reads: "'fell' where the source has 'rose'"."""
        if self.kind is SwapKind.NEGATION and not self.source_text:
            return f"'{self.text}' where the source does not say so"
        if self.kind is SwapKind.NEGATION:
            return f"the source says '{self.source_text}' where the rewrite has '{self.text}'"
        return f"'{self.text}' where the source has '{self.source_text}'"


def swaps(rewrite_sentence: str, source: SourceIndex, candidates: Sequence[int]) -> tuple[Swap, ...]:
    """The swapped words of `rewrite_sentence` against its candidates (indices of source
    sentences, best first), in order.

    Against the best candidate, when it retells the sentence closely (see `CLOSE_FROM`): every
    opposite, negation and other content word in the place of the source's. Against the others
    too: a word the source never uses whose opposite the candidate has ("decreased" where the
    source only ever says "increased").
    """
    if not candidates:
        return ()
    mine = sentence_words(rewrite_sentence)
    found = _against(mine, source, candidates[0])
    taken = {(s.start, s.end) for s in found}
    unknown = [
        w
        for w in mine
        if w.term in OPPOSITES and w.term not in source.vocabulary and (w.start, w.end) not in taken
    ]
    for index in candidates if unknown else ():
        theirs = source.words(index)
        for w in unknown:
            opposite = next((t for t in theirs if t.term in OPPOSITES[w.term]), None)
            if opposite is not None and (w.start, w.end) not in taken:
                found.append(Swap(SwapKind.OPPOSITE, w.start, w.end, w.text, opposite.text))
                taken.add((w.start, w.end))
    return tuple(sorted(found, key=lambda s: s.start))


def _against(mine: Sequence[Word], source: SourceIndex, index: int) -> list[Swap]:
    a, b = [w.term for w in mine], source.terms[index]
    content = [i for i, w in enumerate(mine) if w.term not in STOPWORDS and not negates(w)]
    if not content or _in_order(a, content, b) < CLOSE_FROM * len(content):
        return []  # too few words in common, in the same order, to be close
    theirs = source.words(index)
    shared = set(b)
    matcher = difflib.SequenceMatcher(None, a, list(b), autojunk=False)
    kept = {i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}
    if sum(i in kept for i in content) < CLOSE_FROM * len(content):
        return []
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "insert":  # words only the source has: name the rewrite's word beside them
            i1, i2 = (i1, i1 + 1) if i1 < len(mine) else (i1 - 1, i1)
        if tag != "equal":
            found += _swapped(mine[i1:i2], theirs[j1:j2], set(a), shared, source.vocabulary)
    return found


def _in_order(a: Sequence[str], content: Sequence[int], b: Sequence[str]) -> int:
    """How many of the content words `a[i]` (i in `content`) the source `b` has in the same order
    (a longest increasing run of their first positions in `b`): at least what the word
    difference keeps, found in a fraction of its time."""
    first: dict[str, int] = {}
    for position, t in enumerate(b):
        first.setdefault(t, position)
    tails: list[int] = []
    for i in content:
        position = first.get(a[i])
        if position is not None:
            k = bisect_left(tails, position)
            tails[k : k + 1] = [position]
    return len(tails)


def _swapped(
    mine: Sequence[Word],
    theirs: Sequence[Word],
    all_mine: set[str],
    all_theirs: set[str],
    vocabulary: frozenset[str],
) -> list[Swap]:
    """The swaps in one changed run of a close match: `mine` in the rewrite, `theirs` in its place."""
    found = []
    negated = [w for w in mine if negates(w) and w.term not in all_theirs]
    dropped = [w for w in theirs if negates(w) and w.term not in all_mine]
    if negated:
        w = negated[0]
        found.append(Swap(SwapKind.NEGATION, w.start, w.end, w.text, ""))
    elif dropped and mine:
        found.append(Swap(SwapKind.NEGATION, mine[0].start, mine[-1].end, _text(mine), dropped[0].text))
    for w in mine:
        opposite = next((t for t in theirs if t.term in OPPOSITES.get(w.term, ())), None)
        if opposite is not None and w.term not in all_theirs:
            found.append(Swap(SwapKind.OPPOSITE, w.start, w.end, w.text, opposite.text))
    if found or not (0 < len(mine) <= 2 and 0 < len(theirs) <= 2):
        return found
    # Ordinary words only: numbers, dates and names have their own flags.
    new = [w for w in mine if _ordinary(w) and w.term not in vocabulary]
    old = [w for w in theirs if _ordinary(w) and w.term not in all_mine]
    if new and old:
        found.append(Swap(SwapKind.WORD, new[0].start, new[-1].end, _text(new), _text(old)))
    return found


def _ordinary(word: Word) -> bool:
    return word.term not in STOPWORDS and word.text.isalpha() and word.text.islower()


def _text(run: Sequence[Word]) -> str:
    return " ".join(w.text for w in run)
