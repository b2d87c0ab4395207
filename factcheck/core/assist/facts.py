"""Facts: the numbers, dates, names, descriptions and quotations of a sentence, which the flags
check one by one. Found by rules over the sentence's text (its first `MAX_SENTENCE_CHARS`
characters), each with its offsets, so that a flag underlines exactly what it is about."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from factcheck.core.assist import tokens
from factcheck.core.assist.tokens import CJK, MAX_SENTENCE_CHARS, STOPWORDS, Word, all_terms, term


class FactKind(StrEnum):
    NUMBER = "number"
    DATE = "date"
    NAME = "name"
    DESCRIPTION = "description"
    """What a sentence says a thing is "for" or "of" ("benchmark for medical image analysis")."""
    QUOTE = "quote"


@dataclass(frozen=True, slots=True)
class Fact:
    """A number, date, name, description or quotation in a sentence."""

    kind: FactKind
    start: int
    end: int
    text: str
    """As written; for a quotation, the words inside the quotation marks."""
    key: tuple = ()
    """Names, descriptions and quotations: their terms. Dates: (weekday 0–6, day, month, year),
    None where the text does not say."""
    value: float | None = None
    """Numbers (magnitude applied: "$2.3bn" → 2.3e9) and years."""
    unit: str = ""
    """Numbers: what is counted ("kilometr", "%", "euro", "unit"), "" when nothing follows."""
    shape: str = ""
    """Names: "brand" (MicroPort, Baichuan-M4), "acronym" (EU), "multi" (Hong Kong) or "single"."""
    spelled: bool = False
    """A number written as a word ("two developments")."""
    parts: tuple[tuple[str, int, int], ...] = ()
    """Dates: where each of its fields is written, as ("weekday" | "day" | "month" | "year", start,
    end), so that a flag can underline only the part the source does not support."""

    def span_of(self, fields: frozenset[str]) -> tuple[int, int]:
        """The span (in the sentence) from the first to the last of `fields` in this date."""
        spans = [(a, b) for f, a, b in self.parts if f in fields]
        return min(a for a, _ in spans), max(b for _, b in spans)


_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_ABBREVIATED_MONTHS = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
_WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}
_MONTH_NAMES = "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True))
_DATE = re.compile(
    r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"
    rf"|\b(?:(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?)?(?P<month>{_MONTH_NAMES})\b\.?"
    r"(?:\s(?P<day2>\d{1,2})(?:st|nd|rd|th)?\b,?)?(?:\s(?P<year>1[89]\d\d|20\d\d)\b)?"
)
# "May" is a month only beside a day or a year, or after a word that introduces one.
_MONTH_CUE = re.compile(r"(?:\b(?:in|of|since|until|by|early|late|on|from|to)\s|mid-)$", re.I)

_YEAR_RANGE = re.compile(
    r"\b(?P<first>1[89]\d\d|20\d\d)\s?[–—-]\s?(?P<second>1[89]\d\d|20\d\d|\d\d)\b(?![.,:]\d)"
)
""""1995–98", "2018-2022": two years (the second one's century is the first one's)."""
_TIME = re.compile(
    r"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?(?:\s?(?P<half>[ap])\.?m\b\.?)?", re.I
)
"""A time of day ("9:45", "21:16:56", "9:45 p.m."): one fact, not two numbers."""

_NUMBER = re.compile(
    r"(?<![0-9A-Za-z\u00C0-\u024F.,\-])(?P<currency>[$€£¥])?"
    r"(?P<value>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![0-9A-Z_]|[.,]\d)"
    r"(?:\s?(?P<magnitude>thousand|million|billion|trillion|bn|mn|tn|m|k)(?![A-Za-z]))?"
    r"(?P<glued>[a-z]{1,3}(?![A-Za-z]))?"
    r"(?:\s?(?P<percent>%|per\s?cent(?![a-z])|percent(?![a-z])))?"
)
_SPELLED = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
    if i >= 2  # "one" is mostly not a count ("one credit", "one of them")
} | {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12}
_SPELLED_NUMBER = re.compile(rf"\b(?:{'|'.join(_SPELLED)})\b", re.I)
_MAGNITUDES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_UNITS = {
    "$": "dollar",
    "usd": "dollar",
    "€": "euro",
    "eur": "euro",
    "£": "pound",
    "gbp": "pound",
    "¥": "yuan",
    "rmb": "yuan",
    "p": "penc",
    "penni": "penc",
    "m": "metr",
    "meter": "metr",
    "km": "kilometr",
    "kilomet": "kilometr",
    "mi": "mile",
    "kg": "kilogram",
    "t": "tonn",
    "percent": "%",
    "cent": "%",
}
_NEXT_WORD = re.compile(r"\s*(?:[A-Z][\w\-]*\s+){0,2}(?P<word>[a-z][a-z\-]*)")
_NEXT_IDEOGRAPHS = re.compile(rf"[{CJK}]{{1,2}}")

_QUOTE = re.compile(
    r"“(?P<a>[^”]{1,500})”|\"(?P<b>[^\"]{1,500})\"|«(?P<c>[^»]{1,500})»|「(?P<d>[^」]{1,500})」"
    r"|(?<!\w)‘(?P<e>[^’]{1,500}?)’(?!\w)"
)
_NAME_WORD = re.compile(r"[^\W_](?:[\w&]|[’'.\-](?=[^\W_]))*")
_BASED = re.compile(r"-[a-z][\w\-]*$")
_CONNECTORS = frozenset(["of", "de", "da", "del", "van", "von", "der", "du", "la", "le", "al"])
_DESCRIBED_BY = frozenset(["for", "of", "about"])


def facts(sentence: str, descriptions_of: frozenset[str] = frozenset(), names: bool = True) -> list[Fact]:
    """The facts of `sentence` (its first `MAX_SENTENCE_CHARS` characters) in order of position.

    `descriptions_of`: terms whose "for …" / "of …" phrase is a description worth checking.
    `names`: False leaves names out (they take most of the time, and a source's are looked up by
    their words, not by fact).
    """
    text = sentence[:MAX_SENTENCE_CHARS]
    found = _quotes(text) + _dates(text)
    taken = [(f.start, f.end) for f in found if f.kind is FactKind.DATE]
    for extra in (_year_range(text), _times(text)):
        extra = [f for f in extra if not any(s <= f.start < e for s, e in taken)]
        found += extra
        taken += [(f.start, f.end) for f in extra]
    found += [f for f in _numbers(text) if not any(s <= f.start < e for s, e in taken)]
    taken += [(f.start, f.end) for f in found if f.kind is not FactKind.QUOTE]
    if names:
        found += [f for f in _names(text) if not any(s < f.end and f.start < e for s, e in taken)]
    if descriptions_of:
        found += _descriptions(text, descriptions_of)
    return sorted(found, key=lambda f: (f.start, f.end))


def words_around(fact: Fact, sentence_words: Sequence[Word], reach: int = 3) -> frozenset[str]:
    """The content terms of up to `reach` words on each side of `fact`: what it is said about."""
    content = [w for w in sentence_words if w.term not in STOPWORDS]
    before = [w.term for w in content if w.end <= fact.start][-reach:]
    after = [w.term for w in content if w.start >= fact.end][:reach]
    return frozenset(before + after)


def _quotes(text: str) -> list[Fact]:
    found = []
    for m in _QUOTE.finditer(text):
        group = next(g for g in "abcde" if m.group(g) is not None)
        inner = m.group(group).rstrip(" .,;:!?")
        key = all_terms(inner)
        if key:
            start = m.start(group)
            found.append(Fact(FactKind.QUOTE, start, start + len(inner), inner, key))
    return found


def _dates(text: str) -> list[Fact]:
    found = []
    for m in _DATE.finditer(text):
        if m.group("weekday"):
            key = (_WEEKDAYS[m.group("weekday").casefold()], None, None, None)
            parts = (("weekday", m.start(), m.end()),)
            found.append(Fact(FactKind.DATE, m.start(), m.end(), m.group(), key, parts=parts))
            continue
        day_group = "day1" if m.group("day1") else "day2" if m.group("day2") else None
        day = m.group(day_group) if day_group else None
        year = m.group("year")
        if not (day or year or _MONTH_CUE.search(text, 0, m.start())):
            continue  # "May we…", a heading's "March of…": not a date
        key = (
            None,
            int(day) if day else None,
            _MONTHS[m.group("month").casefold()],
            int(year) if year else None,
        )
        end = m.end("year") if year else m.end("day2") if m.group("day2") else m.end("month")
        month_end = m.end("month")
        if m.group("month").casefold() in _ABBREVIATED_MONTHS and text[month_end : month_end + 1] == ".":
            month_end += 1  # "Sept."
            end = max(end, month_end)
        parts = [("month", m.start("month"), month_end)]
        if day_group:
            parts.append(("day", m.start(day_group), m.end(day_group)))
        if year:
            parts.append(("year", m.start("year"), m.end("year")))
        parts.sort(key=lambda p: p[1])
        found.append(Fact(FactKind.DATE, m.start(), end, text[m.start() : end], key, parts=tuple(parts)))
    return found


def _year(start: int, end: int, text: str, value: int) -> Fact:
    return Fact(
        FactKind.DATE,
        start,
        end,
        text[start:end],
        (None, None, None, value),
        value=float(value),
        parts=(("year", start, end),),
    )


def _year_range(text: str) -> list[Fact]:
    found = []
    for m in _YEAR_RANGE.finditer(text):
        first, second = m.group("first"), m.group("second")
        last = int(first[:2] + second) if len(second) == 2 else int(second)
        if last <= int(first):
            continue  # "2019-05" is a year and a month, not a range
        found += [_year(m.start("first"), m.end("first"), text, int(first))]
        found += [_year(m.start("second"), m.end("second"), text, last)]
    return found


def _times(text: str) -> list[Fact]:
    found = []
    for m in _TIME.finditer(text):
        hour, minute = int(m.group("hour")), int(m.group("minute"))
        half = (m.group("half") or "").casefold()
        if half == "p" and hour < 12:
            hour += 12
        elif half == "a" and hour == 12:
            hour = 0
        value = float(hour * 60 + minute)
        found.append(Fact(FactKind.NUMBER, m.start(), m.end(), m.group(), value=value, unit="time of day"))
    return found


def _numbers(text: str) -> list[Fact]:
    found = []
    for m in _NUMBER.finditer(text):
        value = float(m.group("value").replace(",", ""))
        currency, magnitude, glued, percent = m.group("currency", "magnitude", "glued", "percent")
        unit = _UNITS[currency] if currency else ""
        if magnitude in ("m", "k") and not currency:
            glued, magnitude = glued or magnitude, None  # "5,895 m" are metres
        value *= _MAGNITUDES.get(magnitude or "", 1.0)
        end = m.end()
        if percent:
            unit = "%"
        elif glued:
            unit = _UNITS.get(glued, glued)
        if not unit:
            unit, end = _unit_after(text, end)
        if not (currency or magnitude or glued or percent or "," in m.group("value")) and (
            1800 <= value <= 2100 and len(m.group("value")) == 4
        ):
            found.append(_year(m.start(), m.end("value"), text, int(value)))
            continue
        found.append(
            Fact(FactKind.NUMBER, m.start(), end, text[m.start() : end].strip(), value=value, unit=unit)
        )
    for m in _SPELLED_NUMBER.finditer(text):
        unit, end = _unit_after(text, m.end())
        found.append(
            Fact(
                FactKind.NUMBER,
                m.start(),
                end,
                text[m.start() : end],
                value=float(_SPELLED[m.group().casefold()]),
                unit=unit,
                spelled=True,
            )
        )
    return found


def _unit_after(text: str, end: int) -> tuple[str, int]:
    """What the number at `end` counts, skipping up to two names ("300 Toumai units")."""
    if (m := _NEXT_IDEOGRAPHS.match(text, end)) is not None:
        return m.group(), m.end()
    m = _NEXT_WORD.match(text, end)
    if m is None or term(m.group("word")) in STOPWORDS:
        return "", end
    unit = term(m.group("word"))
    return _UNITS.get(unit, unit), m.end()


def _names(text: str) -> list[Fact]:
    """Runs of capitalised words, acronyms and product names ("Baichuan-M4"). A capitalised word
    that merely starts the sentence is a name only if it is one by its form or has company."""
    tokens = list(_NAME_WORD.finditer(text))
    runs: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    for i, t in enumerate(tokens):
        written = t.group()
        if written[0].islower() and written.isalpha() and written not in _CONNECTORS:
            run = []  # most words: an ordinary lowercase word ends any name
            continue
        word = _without_possessive(written)
        joined = bool(run) and not text[run[-1].end() : t.start()].strip()
        if _is_name_word(word):
            if not joined:
                run = []
                runs.append(run)
            run.append(t)
        elif not (
            joined and word in _CONNECTORS and i + 1 < len(tokens) and _is_name_word(tokens[i + 1].group())
        ):
            run = []
        else:
            run.append(t)
        if word != written:
            run = []  # a possessive ends the name: "European Union's Medical Device Regulation"
    # "EU CE mark": two acronyms side by side are two names.
    runs = [part for run in runs for part in _split_acronyms(run)]
    found = []
    title_case: bool | None = None
    for run in runs:
        while run and (run[0].group().casefold() in STOPWORDS or run[-1].group() in _CONNECTORS):
            run.pop(0 if run[0].group().casefold() in STOPWORDS else -1)
        if not run:
            continue
        start, end = run[0].start(), run[-1].end()
        name = _BASED.sub("", _without_possessive(text[start:end]))  # "China-based" names China
        if len(name) < 2:
            continue
        shape = _shape(name.split())
        if shape in ("single", "multi"):
            if title_case is None:  # a headline in title case: its capitals say nothing
                starts = [t.group()[0] for t in tokens]
                capitals = sum(c.isupper() for c in starts)
                title_case = len(tokens) >= 4 and capitals >= 0.7 * sum(c.isalpha() for c in starts)
            initial = start == tokens[0].start()
            if ((initial or title_case) and shape == "single") or (title_case and shape == "multi"):
                continue
        found.append(Fact(FactKind.NAME, start, start + len(name), name, all_terms(name), shape=shape))
    return found


def _split_acronyms(run: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    if len(run) > 1 and all(t.group().isupper() for t in run):
        return [[t] for t in run]
    return [run]


def _without_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("’s", "'s")) else word


_PERIOD = re.compile(r"[QH][1-4]|FY\d{2,4}")
"""Quarter and half-year labels ("Q2", "H1", "FY2024"): dates a source writes out, not names."""


def _is_name_word(word: str) -> bool:
    if not word[0].isupper():  # most words: decided without looking further
        return not word.isalpha() and any(c.isdigit() for c in word) and any(c.isupper() for c in word)
    folded = word.casefold()
    if folded in _WEEKDAYS or folded in _MONTHS:
        return False
    return not (len(word) <= 6 and _PERIOD.fullmatch(word))


_DIGIT = re.compile(r"\d")


def _shape(run: list[str]) -> str:
    def brand(w: str) -> bool:
        return (w[1:] != w[1:].lower() and not w.isupper()) or _DIGIT.search(w) is not None

    if any(brand(w) for w in run):
        return "brand"
    if all(w.isupper() and len(w) >= 2 for w in run):
        return "acronym"
    return "multi" if len(run) > 1 else "single"


def _descriptions(text: str, anchors: frozenset[str]) -> list[Fact]:
    sentence_words = tokens.sentence_words(text)
    found = []
    for i, w in enumerate(sentence_words[:-2]):
        if w.term not in anchors or sentence_words[i + 1].text.casefold() not in _DESCRIBED_BY:
            continue
        phrase = []
        for nxt in sentence_words[i + 2 : i + 6]:
            gap = text[(phrase[-1] if phrase else sentence_words[i + 1]).end : nxt.start]
            if gap.strip() or nxt.term in STOPWORDS or not nxt.text.islower():
                break
            phrase.append(nxt)
        if len(phrase) >= 2:
            start, end = phrase[0].start, phrase[-1].end
            found.append(
                Fact(FactKind.DESCRIPTION, start, end, text[start:end], (w.term, *(p.term for p in phrase)))
            )
    return found
