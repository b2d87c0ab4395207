"""Words as the evidence assistant compares them: case, punctuation and simple inflection ignored.

"Surgeons" and "surgeon", "Topped" and "tops", "2,400" and "2400" give the same term. Chinese and
Japanese text has no spaces, so each run of ideographs gives its characters and their pairs.
Every function bounds its work, so that a 100,000-character sentence without spaces costs no more
than an ordinary long one.
"""

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

MAX_SENTENCE_CHARS = 2_000
"""Only this much of a sentence is compared; news sentences stay far below it (the seeds' longest
is about 300 characters), and a pasted blob longer than that is not a sentence a reviewer reads."""

MAX_WORD_CHARS = 40
"""A longer run of letters (a URL, a hash, text without spaces) is cut to this many."""

# A word: letters and digits, with inner apostrophes, dots or digit commas ("don't", "U.S.",
# "2,400", "3.5"). A hyphen separates words, so "clinical-grade" matches "clinical grade".
# Ideographs and kana match one at a time.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_WORD = re.compile(rf"[{CJK}]|[^\W_{CJK}]+(?:(?:['’.]|(?<=\d),(?=\d))[^\W_{CJK}]+)*")
_IDEOGRAPH = re.compile(rf"[{CJK}]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
_INNER_PUNCTUATION = re.compile(r"['’.]")

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "s",
        "t",
    ]
)
"""Words too common to tell sentences apart (a short English list: the app compares news text).
Negations ("no", "not", "nor") are left out of it on purpose: they change what a sentence says."""

_stemmer = snowballstemmer.stemmer("english")

ABBREVIATIONS = {
    "jan": "january",
    "feb": "february",
    "mar": "march",
    "apr": "april",
    "jun": "june",
    "jul": "july",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
    "tue": "tuesday",
    "tues": "tuesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
    "govt": "government",
    "dept": "department",
    "univ": "university",
    "intl": "international",
    "natl": "national",
    "assn": "association",
    "corp": "corporation",
    "mgmt": "management",
    "approx": "approximately",
    "yr": "year",
    "yrs": "years",
    "mln": "million",
    "bln": "billion",
    "pct": "percent",
}
"""Abbreviations that stand for one word only, compared as that word ("Feb" meets "February",
"govt" meets "government"). Ambiguous ones ("sat", "sun", "wed", "co", "st") are left out."""


class Word(NamedTuple):
    """One word of a sentence, with where it stands (a named tuple: sentences are read word by
    word by the hundred thousand, and a tuple is made three times faster than a frozen class)."""

    start: int
    """Offset of the word's first character in the sentence."""
    end: int
    """Offset just past the word."""
    text: str
    """The word as written."""
    term: str
    """What it is compared by: casefolded, without inner punctuation or thousands separators,
    stemmed ("2,400" → "2400", "Topped" → "top", "U.S." → "us")."""


@lru_cache(maxsize=65_536)
def term(word: str) -> str:
    """The comparable form of one word as written (see `Word.term`)."""
    folded = unicodedata.normalize("NFKC", word[:MAX_WORD_CHARS]).casefold()
    if folded[:1].isdigit():
        number = _THOUSANDS.sub("", folded).replace(",", ".").rstrip(".")
        return (number.lstrip("0") or "0") if number.isdigit() else number  # "05" is 5
    if "." in folded:
        folded = _INNER_PUNCTUATION.sub("", folded)
        return _stemmer.stemWord(ABBREVIATIONS[folded]) if folded in ABBREVIATIONS else folded
    if folded.endswith(("'s", "’s")):
        folded = folded[:-2]
    return _stemmer.stemWord(ABBREVIATIONS.get(folded, folded).replace("’", "'"))


def words(sentence: str) -> list[Word]:
    """The words of `sentence` (its first `MAX_SENTENCE_CHARS` characters), in order."""
    found = []
    for m in _WORD.finditer(sentence, 0, MAX_SENTENCE_CHARS):
        start, end = m.span()
        written = m.group()
        found.append(Word(start, end, written, term(written)))
    return found


def written_words(text: str) -> list[str]:
    """The words of `text` as written, in order."""
    return _WORD.findall(text, 0, MAX_SENTENCE_CHARS)


def all_terms(text: str) -> tuple[str, ...]:
    """The terms of every word of `text`, stopwords included, in order (`words` without the
    offsets: what a name or a quotation is compared by)."""
    return tuple(term(w) for w in _WORD.findall(text, 0, MAX_SENTENCE_CHARS))


@lru_cache(maxsize=4096)
def sentence_words(sentence: str) -> tuple[Word, ...]:
    """`words(sentence)`, kept for the sentences read again and again (a source sentence is the
    candidate of many rewrite sentences)."""
    return tuple(words(sentence))


_content: dict[str, str] = {}
"""Word as written → its term, or "" for a stopword; the hot path of aligning 10,000 sentences."""


def _content_term(word: str) -> str:
    if len(_content) > 500_000:  # bound the memory a long session's vocabulary can take
        _content.clear()
    found = term(word)
    found = _content[word] = "" if found in STOPWORDS else found
    return found


def terms(sentence: str) -> list[str]:
    """The comparable words of `sentence`, stopwords left out, in order."""
    known = _content
    return [
        t
        for t in [
            known[w] if w in known else _content_term(w)
            for w in _WORD.findall(sentence, 0, MAX_SENTENCE_CHARS)
        ]
        if t
    ]


def features(sentence: str) -> list[str]:
    """What two sentences are matched on: their comparable words and, where ideographs follow one
    another, each pair of them (Chinese words are mostly two characters long)."""
    found = terms(sentence)
    if not _IDEOGRAPH.search(sentence, 0, MAX_SENTENCE_CHARS):
        return found
    paired: list[str] = []
    previous = ""
    for t in found:
        paired.append(t)
        if _IDEOGRAPH.fullmatch(t):
            if previous:
                paired.append(previous + t)
            previous = t
        else:
            previous = ""
    return paired


def first_copies(sentences: Sequence[str], terms: Sequence[tuple[str, ...]] | None = None) -> list[int]:
    """For each sentence, the index of the first one with the same words (its own index when it
    is the first), case, punctuation and inflection aside: a repeated heading or byline, or a
    list item repeated with a bullet ("♦ Supermarine Spitfire Vc"), is one candidate. Sentences
    without a word are compared by their text. `terms`: each sentence's `all_terms`, when known."""
    seen: dict[tuple[str, ...] | str, int] = {}
    found = terms if terms is not None else [all_terms(s) for s in sentences]
    return [
        seen.setdefault(t or " ".join(s.split()), i)
        for i, (s, t) in enumerate(zip(sentences, found, strict=True))
    ]
