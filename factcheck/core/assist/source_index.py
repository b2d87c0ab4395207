"""The source as the flags and swaps read it: its sentences' words, facts, numbers and dates,
read once and indexed, so that checking a fact touches only the sentences that could state it
(10,000 rewrite sentences against a 10,000-sentence source take about a second).

Names are the costliest facts to find and a source's names are looked up by their words, so a
sentence's names (and its words with their offsets) are found only when a check needs that
sentence, and then kept.
"""

from collections.abc import Sequence
from functools import lru_cache

from factcheck.core.assist.dates import SourceDates
from factcheck.core.assist.facts import Fact, FactKind, facts
from factcheck.core.assist.tokens import Word, all_terms, first_copies, words, written_words


def value_key(value: float) -> float:
    """Nine significant digits: "2.3 billion" and "2,300,000,000" are the same value."""
    return float(f"{value:.9g}")


class SourceIndex:
    """The source's sentences, read once."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self.sentences: tuple[str, ...] = tuple(sentences)
        self.terms: tuple[tuple[str, ...], ...] = tuple(all_terms(s) for s in self.sentences)
        """Every word's term, stopwords included, per sentence: names and quotes match contiguously."""
        self.first_copies: list[int] = first_copies(self.sentences, self.terms)
        """For each sentence, the first with the same words (see `tokens.first_copies`)."""
        self.term_sets: tuple[frozenset[str], ...] = tuple(frozenset(ts) for ts in self.terms)
        positions: dict[str, list[tuple[int, int]]] = {}
        for i, ts in enumerate(self.terms):
            for p, term in enumerate(ts):
                positions.setdefault(term, []).append((i, p))
        self.positions = positions
        """Where each term occurs: (sentence, word position)."""
        self.vocabulary: frozenset[str] = frozenset(positions)
        numbers: dict[float, list[tuple[int, Fact]]] = {}
        dates: list[Fact] = []
        self._facts = tuple(tuple(facts(s, names=False)) for s in self.sentences)
        for i, found in enumerate(self._facts):
            for f in found:
                if f.value is not None:
                    numbers.setdefault(value_key(f.value), []).append((i, f))
                if f.kind is FactKind.DATE:
                    dates.append(f)
        self.numbers = numbers
        """Facts with a value (numbers and years) and the sentence they are in, by `value_key`."""
        self.units: frozenset[str] = frozenset(f.unit for fs in numbers.values() for _, f in fs)
        """The units the source gives numbers in."""
        self.dates = SourceDates.of(dates)
        self._words: dict[int, tuple[Word, ...]] = {}
        self._names: dict[int, tuple[Fact, ...]] = {}
        self._spellings: tuple[str, ...] | None = None
        self._sentences_with: dict[str, tuple[int, ...]] = {}

    def words(self, index: int) -> tuple[Word, ...]:
        """The words of sentence `index`, with their offsets."""
        found = self._words.get(index)
        if found is None:
            found = self._words[index] = tuple(words(self.sentences[index]))
        return found

    def facts(self, index: int) -> tuple[Fact, ...]:
        """The numbers, dates and quotations of sentence `index`."""
        return self._facts[index]

    def names(self, index: int) -> tuple[Fact, ...]:
        """The names of sentence `index`."""
        found = self._names.get(index)
        if found is None:
            sentence = self.sentences[index]
            found = self._names[index] = tuple(f for f in facts(sentence) if f.kind is FactKind.NAME)
        return found

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every word casefolded as written, sorted (prefixes are found by bisection): "European"
        lets "Europe" through."""
        if self._spellings is None:
            spelled = {w.casefold() for s in self.sentences for w in written_words(s)}
            self._spellings = tuple(sorted(spelled))
        return self._spellings

    def sentences_with(self, term: str) -> tuple[int, ...]:
        """The sentences that use `term`, in order, each once."""
        found = self._sentences_with.get(term)
        if found is None:
            found = self._sentences_with[term] = tuple(
                dict.fromkeys(i for i, _ in self.positions.get(term, ()))
            )
        return found


@lru_cache(maxsize=8)
def _index(sentences: tuple[str, ...]) -> SourceIndex:
    return SourceIndex(sentences)


def index_of(source: str | Sequence[str]) -> SourceIndex:
    """The index of a source given as its sentences or as one text; the last few are kept, so
    that checking sentence after sentence against the same source reads it once."""
    return _index((source,) if isinstance(source, str) else tuple(source))
