"""Discrepancy flags: the numbers, dates, names and quotations of a rewrite sentence that the source
does not support, each with a one-line reason.

A fact is supported when the source states it anywhere (case, punctuation and simple inflection
ignored; "2,400" = "2400", "$2.3bn" = "$2.3 billion", "Chinese" ~ "China"). An unsupported fact is
flagged as missing ("'Arusha' does not appear in the source"), or as contradicted when the sentence's
evidence says something else in its place ("'Arusha' where the source has 'Moshi'"). A name the
source does use is still flagged when the matching passage credits someone else
("'MicroPort MedBot' where the source has 'Baichuan-M4'"). Rules, not a model: `tokens.facts`
finds the facts; bench/evidence_quality.py measures how often the flags are right.
"""

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from factcheck.core.assist.dates import FIELDS
from factcheck.core.assist.evidence import Match
from factcheck.core.assist.facts import Fact, FactKind, facts, words_around
from factcheck.core.assist.source_index import SourceIndex, index_of, value_key
from factcheck.core.assist.tokens import STOPWORDS, Word, sentence_words

EVIDENCE_FROM = 0.3
"""A matching source sentence below this score is not evidence (it shares words, not a claim)."""

COUNTERPART_FROM = 0.1
"""What the source says instead of an unsupported number, date or name is looked for in the
evidence, then in the other matches down to this score: a short claim with a wrong number
("born in 1851") scores low against the very sentence that has the right one."""

EVIDENCE_SHARE = 0.6
"""…nor is one scoring below this share of the best match: a sentence that combines two source
sentences has two good matches, a sentence about one thing has one."""


class FlagKind(StrEnum):
    NUMBER = "number"
    DATE = "date"
    NAME = "name"
    QUOTE = "quote"


@dataclass(frozen=True, slots=True)
class Flag:
    """Part of a rewrite sentence that the source does not support."""

    kind: FlagKind
    start: int
    """Offset of the flagged text in the rewrite sentence."""
    end: int
    """Offset just past it."""
    text: str
    """The flagged text as the rewrite has it."""
    reason: str
    """One line for the reviewer: "'84 million euros' where the source has '48 million euros'"."""
    source_text: str = ""
    """What the source has in its place; empty when the source simply never says it."""

    @property
    def contradicts(self) -> bool:
        """The source says something else here (rather than nothing at all)."""
        return bool(self.source_text)


_KIND = {
    FactKind.NUMBER: FlagKind.NUMBER,
    FactKind.DATE: FlagKind.DATE,
    FactKind.NAME: FlagKind.NAME,
    FactKind.DESCRIPTION: FlagKind.NAME,
    FactKind.QUOTE: FlagKind.QUOTE,
}


def _anywhere(known: SourceIndex, key: tuple[str, ...]) -> bool:
    """Whether the source says the terms of `key` one after another in some sentence (looked
    up from the key's rarest term)."""
    if not key:
        return True
    n = len(key)
    at = min(range(n), key=lambda k: len(known.positions.get(key[k], ())))
    terms = known.terms
    return any(terms[i][p - at : p - at + n] == key for i, p in known.positions.get(key[at], ()) if p >= at)


def flags(
    rewrite_sentence: str, source: str | Sequence[str] | SourceIndex, best_matches: Sequence[Match] = ()
) -> tuple[Flag, ...]:
    """The flags of `rewrite_sentence` in order of position.

    `source` is the source's sentences (the ones `best_matches` index, as `align` returned them),
    already indexed or not, or its whole text as one string. Without matches, only what the source
    never says is flagged.
    """
    known = source if isinstance(source, SourceIndex) else index_of(source)
    best = best_matches[0].score if best_matches else 0.0
    evidence = [
        m.source_index
        for m in best_matches
        if m.score >= EVIDENCE_FROM
        and m.score >= EVIDENCE_SHARE * best
        and 0 <= m.source_index < len(known.sentences)
    ]
    matched = [
        m.source_index
        for m in best_matches
        if m.score >= COUNTERPART_FROM and 0 <= m.source_index < len(known.sentences)
    ]
    matched = evidence + [i for i in matched if i not in evidence]
    own = sentence_words(rewrite_sentence)
    stated = facts(rewrite_sentence, descriptions_of=_anchors(tuple(w.term for w in own), known))
    own_dates = frozenset(f.key for f in stated if f.kind is FactKind.DATE)
    found: list[Flag] = []
    for fact in stated:
        flag = _check(fact, own, own_dates, known, evidence, matched)
        if flag is not None:
            found.append(flag)
    return tuple(found)


def _anchors(own_terms: tuple[str, ...], known: SourceIndex) -> frozenset[str]:
    """Content words the source also uses: a description attached to one of them ("benchmark for
    medical image analysis") says which of the source's things the sentence is about."""
    return frozenset(t for t in own_terms if t not in STOPWORDS and t in known.vocabulary)


def _check(
    fact: Fact,
    own: tuple[Word, ...],
    own_dates: frozenset[tuple],
    known: SourceIndex,
    evidence: list[int],
    matched: list[int],
) -> Flag | None:
    kind = fact.kind
    if kind is FactKind.NUMBER:
        supported = _number_supported(fact, known, matched)
    elif kind is FactKind.DATE:
        return _check_date(fact, own_dates, known, evidence, matched)
    elif kind is FactKind.DESCRIPTION:
        missing = [t for t in fact.key[1:] if t not in STOPWORDS and t not in known.vocabulary]
        supported = len(missing) < 2
    elif kind is FactKind.NAME:
        exact = _anywhere(known, fact.key)
        # "Ada Lovelace" for "Augusta Ada King, Countess of Lovelace": every word in its evidence.
        spread = any(set(fact.key) - STOPWORDS <= known.term_sets[i] for i in evidence)
        supported = exact or spread or _names_in(fact, known, None)
        if exact and evidence and not _mentioned(fact, known, evidence):
            # Used by the source, but not where the claim comes from: flag it when the source
            # credits another name with the claim ("MicroPort MedBot" for "Baichuan-M4").
            other = _counterpart(fact, own, known, evidence + _claim_sentences(own, fact, known, evidence))
            return _flag(fact, other) if other else None
    else:
        supported = _anywhere(known, fact.key)
    if supported:
        return None
    # Names pair with names by context, which needs the claim's own evidence to be reliable.
    other = _counterpart(fact, own, known, evidence if kind is FactKind.NAME else matched)
    if other is None and fact.spelled:
        return None  # "two developments": too common to flag unless the source has another count
    return _flag(fact, other)


def _number_supported(fact: Fact, known: SourceIndex, matched: list[int]) -> bool:
    """The source has the same value with the same unit (or the rewrite gives none); or the
    sentence's evidence has the value without a unit, or with another unit while the source never
    gives the rewrite's unit another value ("4,500 employees" for "4,500 people" passes, "60 units"
    for "60 markets" does not when the source counts "300 units"). A bare "17" somewhere in the
    source does not support "17 hours"."""
    if fact.value is None:
        return False
    same_value = known.numbers.get(value_key(fact.value), [])
    if any(not fact.unit or f.unit == fact.unit for _, f in same_value):
        return True
    nearby = [f for i, f in same_value if i in matched]
    return any(not f.unit for f in nearby) or (bool(nearby) and fact.unit not in known.units)


def _check_date(
    fact: Fact, own_dates: frozenset[tuple], known: SourceIndex, evidence: list[int], matched: list[int]
) -> Flag | None:
    """Each field of the date is checked on its own ("March 2019" needs March, not only 2019) and
    only the unsupported fields are underlined; the reason names the whole date."""
    missing = known.dates.unsupported(fact.key)
    if not missing:
        return None
    start, end = fact.span_of(missing) if fact.parts else (fact.start, fact.end)
    text = fact.text[start - fact.start : end - fact.start]
    other = _date_counterpart(fact, missing, known, matched, own_dates)
    if other:
        reason = f"'{fact.text}' where the source has '{other}'"
    else:
        kept = " ".join(
            fact.text[a - fact.start : b - fact.start] for f, a, b in fact.parts if f not in missing
        )
        if not kept:
            reason = f"'{fact.text}' does not appear in the source"
        elif any(_has_date_fields(known, i, fact, missing) for i in evidence):
            reason = f"the source dates this to {kept}, not {fact.text}"
        else:
            reason = f"the source never says {fact.text}, only {kept}"
    return Flag(FlagKind.DATE, start, end, text, reason, other or "")


def _has_date_fields(known: SourceIndex, sentence: int, fact: Fact, missing: frozenset[str]) -> bool:
    """Whether a date of `sentence` gives every supported field of `fact` as `fact` does."""
    fields = [i for i, f in enumerate(FIELDS) if fact.key[i] is not None and f not in missing]
    return any(
        theirs.kind is FactKind.DATE and all(theirs.key[i] == fact.key[i] for i in fields)
        for theirs in known.facts(sentence)
    )


def _date_counterpart(
    fact: Fact, missing: frozenset[str], known: SourceIndex, matched: list[int], own_dates: frozenset[tuple]
) -> str:
    """A date of the evidence that gives a field the rewrite's date gets wrong, agrees with the
    fields the source does support and is not one the rewrite sentence states itself ("May 25
    2001" for "16 May 2001"; "1997" for the "98" of "1995–98")."""
    wrong = [i for i, f in enumerate(FIELDS) if f in missing]
    right = [i for i, f in enumerate(FIELDS) if fact.key[i] is not None and f not in missing]
    for index in matched:
        for theirs in known.facts(index):
            if theirs.kind is not FactKind.DATE or theirs.key in own_dates:
                continue
            gives = [i for i in wrong if theirs.key[i] is not None]
            if gives and all(theirs.key[i] in (None, fact.key[i]) for i in right):
                return theirs.text
    return ""


def _mentioned(fact: Fact, known: SourceIndex, sentences: list[int]) -> bool:
    """The sentences have every word of the name, or one of its words other than as part of
    another name ("Lovelace" for "Ada Lovelace"; but "Bank" in "Bank of England" does not mention
    "Bank of America"), or a sentence says "she", "it"… and the name is in the source's first
    sentence, which is usually its subject."""
    mine = set(fact.key) - STOPWORDS
    shared = [(i, mine & known.term_sets[i]) for i in sentences]
    if any(words == mine for _, words in shared):
        return True
    for i, words in shared:
        if words:
            rivals = [f.key for f in known.names(i) if not _same_name(fact, f)]
            if words - {t for key in rivals for t in key}:
                return True
    pronoun = any(_PRONOUNS & known.term_sets[i] for i in sentences)
    return pronoun and bool(known.terms) and bool(mine & known.term_sets[0])


_PRONOUNS = frozenset(["he", "she", "it", "they", "his", "her", "its", "their", "him", "them"])


CLAIM_SENTENCES = 5
"""How many other source sentences a name is looked for in, when the claim's evidence does not
mention it: the ones that share most of the claim's words."""


def _claim_sentences(own: tuple[Word, ...], fact: Fact, known: SourceIndex, evidence: list[int]) -> list[int]:
    """Other source sentences that share at least two of the claim's words (the sentence's words
    that its evidence supports, the name itself left out), the ones that share most first. Words
    used in more than one sentence in two hundred say little about which sentence makes the claim."""
    claim = {w.term for w in own if w.term not in STOPWORDS} - set(fact.key)
    claim &= set().union(*(known.term_sets[i] for i in evidence))
    common = max(20, len(known.sentences) // 200)
    shared: dict[int, int] = {}
    for term in claim:
        sentences = known.sentences_with(term)
        if len(sentences) <= common:
            for i in sentences:
                shared[i] = shared.get(i, 0) + 1
    found = sorted((-count, i) for i, count in shared.items() if count >= 2 and i not in evidence)
    return [i for _, i in found[:CLAIM_SENTENCES]]


def _flag(fact: Fact, other: str | None) -> Flag:
    if other:
        reason = f"'{fact.text}' where the source has '{other}'"
    else:
        reason = f"'{fact.text}' does not appear in the source"
    return Flag(_KIND[fact.kind], fact.start, fact.end, fact.text, reason, other or "")


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    if not needle:
        return True
    n = len(needle)
    first = needle[0]
    return any(haystack[i] == first and haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _names_in(fact: Fact, known: SourceIndex, sentences: Sequence[int] | None) -> bool:
    """Whether the name is in `sentences` (None: anywhere in the source)."""
    if sentences is not None:
        return any(_contains(known.terms[i], fact.key) for i in sentences)
    if _anywhere(known, fact.key):
        return True
    # One plain word: a place or people may be named in another form ("Europe" / "European",
    # "Chinese" / "China"); only checked against the whole source, where it cannot mislead.
    if fact.shape != "single":
        return False
    stems = {fact.text.casefold(), *_demonym_roots(fact.text.casefold())}
    spellings = known.spellings
    for stem in (s for s in stems if len(s) >= 4):
        first = bisect_left(spellings, stem)
        if first < len(spellings) and spellings[first].startswith(stem):
            return True
    return False


def _demonym_roots(word: str) -> list[str]:
    return [word[: -len(end)] for end in ("ese", "ian", "ean", "an", "ish", "i") if word.endswith(end)]


def _counterpart(fact: Fact, own: tuple[Word, ...], known: SourceIndex, evidence: list[int]) -> str | None:
    """What the evidence says in the fact's place: a fact of the same kind (and unit, for numbers)
    that the rewrite sentence does not mention, the likeliest one first."""
    if fact.kind is FactKind.DESCRIPTION:
        return next((d for i in evidence if (d := _description_in(fact.key[0], known.words(i)))), None)
    own_terms = tuple(w.term for w in own)
    context = words_around(fact, own)
    best: tuple[int, int, str] | None = None
    # A name pairs only with a name that shares a word with it or with the words around it.
    related = (set(fact.key) | context) - STOPWORDS if fact.kind is FactKind.NAME else set()
    for rank, index in enumerate(evidence):
        if fact.kind is FactKind.NAME and not related & known.term_sets[index]:
            continue
        for theirs in known.names(index) if fact.kind is FactKind.NAME else known.facts(index):
            if theirs.kind is not fact.kind:
                continue
            around = words_around(theirs, known.words(index)) if fact.kind is FactKind.NAME else frozenset()
            score = _pairing(fact, theirs, own_terms, context, around)
            if score is not None and (best is None or (score, -rank) > best[:2]):
                best = (score, -rank, theirs.text)
    return best[2] if best else None


def _same_name(a: Fact, b: Fact) -> bool:
    """The same name, shorter, longer or abbreviated ("MedBot", "EU")."""
    return set(a.key) <= set(b.key) or set(b.key) <= set(a.key) or _initials(a, b)


def _initials(a: Fact, b: Fact) -> bool:
    def initials(f: Fact) -> str:
        return "".join(w[0] for w in f.text.split() if w[0].isupper()).casefold()

    return (a.shape == "acronym" and a.text.casefold() == initials(b)) or (
        b.shape == "acronym" and b.text.casefold() == initials(a)
    )


def _description_in(anchor: str, sentence_words: tuple[Word, ...]) -> str:
    """How a source sentence describes the thing: the anchor word and the words before it up to a
    stopword ("a major healthcare benchmark" → "major healthcare benchmark")."""
    for i, w in enumerate(sentence_words):
        if w.term == anchor:
            first = i
            while first > 0 and i - first < 2 and sentence_words[first - 1].term not in STOPWORDS:
                first -= 1
            if first < i:
                return " ".join(x.text for x in sentence_words[first : i + 1])
    return ""


def _pairing(
    mine: Fact,
    theirs: Fact,
    own_terms: tuple[str, ...],
    context: frozenset[str],
    their_context: frozenset[str],
) -> int | None:
    """How likely `theirs` stands where the rewrite put `mine`; None when it cannot."""
    if theirs.kind is not mine.kind:
        return None
    if mine.kind is FactKind.NUMBER:
        return 1 if mine.unit == theirs.unit else None
    if _contains(own_terms, theirs.key):
        return None
    if mine.kind is FactKind.QUOTE:
        return 1 if set(mine.key) & set(theirs.key) - STOPWORDS else None
    if _same_name(mine, theirs):
        return None
    shared_word = bool(set(mine.key) & set(theirs.key))
    overlap = len(context & their_context)
    if not shared_word and not overlap:
        return None
    score = 3 * shared_word + 2 * (mine.shape == theirs.shape) + overlap
    return score if score >= 3 else None
