"""Where the text of one block divides into sentences.

sentencex (Wikimedia's rule-based segmenter, written in Rust) finds the boundaries; four small
repairs then fix what it gets wrong on the pragmatic segmenter's English Golden Rules and on news
text: sentences that go on after a stop, the "…" character, MLA ellipses and list items. The
cases that decide all of this, with the ones still failing, live in tests/data/segmentation/.

Offsets are code points into the text given, like every offset in factcheck.
"""

import re
from functools import lru_cache

import sentencex

_WINDOW = 2000
"""Most characters handed to sentencex at once. Its time grows with the square of the length on
CJK text (one call on 1 MB of Chinese took 97 s); windows keep the work linear."""

_LOOKAHEAD = 200
"""A boundary this close to a window's end is decided again in the next window, where the words
after it are in view."""

_CLOSERS = "\"'”’»)]」』）】"
_OPENERS = "\"'“‘«([「『（【"
_LATIN_ENDS = frozenset(".!?…")
_JAPANESE_QUOTE_ENDS = frozenset("」』")
_QUOTATIVE = ("と", "っ")
"""Japanese particles that continue a sentence after a quotation: 「…。」と言った."""

_ELLIPSIS_CHAR = re.compile(r"(?<=\S)…+\s+")
"""The one-character ellipsis glued to a word, and the space after it. One standing free marks
words left out inside a sentence, as in Golden Rule 50."""

_SPACED_ELLIPSIS = re.compile(r"(?<=\w\.) \. \. \.\s+(?=[" + re.escape(_OPENERS) + r"]?[A-Z])")
"""A period glued to a word, then a spaced ellipsis before a capital: the sentence ended at the
period and the ellipsis opens the next one (Golden Rule 51, MLA style)."""

_MARKER = r"[•‣⁃◦▪]?[ \t]?(?:(?P<number>\d{1,2})|(?P<letter>[a-z]))(?P<mark>\.\)|[.)])\s+"
_LIST_MARKER = re.compile(r"(?:^|(?<=[\s:]))" + _MARKER)
"""An item marker such as "1.", "2.)", "3)", "a.", "• 9." or "⁃10.", and the space after it."""
_LEADING_MARKER = re.compile(r"\s*" + _MARKER)
_MARKER_AFTER_COLON = re.compile(r":\s*" + _MARKER)

_NEAR = 32
"""How far around a boundary the repairs look for the punctuation and the word that decide it."""

_LETTER_OR_DIGIT = re.compile(r"[^\W_]")

_MAY_END = re.compile(r"[.!?)]")
"""In ASCII text, the characters without which no cut is ever made: sentencex's terminators and
the marks of list items ("1." "a)")."""

_WIDE_SPACES = "".join(char for char in map(chr, range(0x80, 0x3001)) if char.isspace())
_UNSAFE = re.compile(f"[{_WIDE_SPACES}\ud800-\udfff]")
_SAFE = {ord(space): " " for space in _WIDE_SPACES} | {code: "\ufffd" for code in range(0xD800, 0xE000)}
"""What sentencex gets instead, one code point for one so that offsets stay put: a space for
each whitespace wider than a byte in UTF-8 (sentencex 1.0.32 panics on "B\xa0." as it slices
bytes after them) and U+FFFD for a lone surrogate, which cannot cross into Rust at all."""


def split(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """The sentences of one block's text as `[start, end)` offsets relative to `text`.

    Each span is trimmed of surrounding whitespace; spans are in order, never overlap and are
    never empty. A piece without any letter or digit (a stray "…" or "* * *") joins the sentence
    before it (or after it, at the start), so text without letters or digits yields no sentence.
    """
    if not text or text.isspace():
        return []
    if text.isascii() and not _MAY_END.search(text):
        # Nothing here can end a sentence or mark a list item: one sentence, without asking
        # sentencex (a heading, a short line; a file of a million one-word lines is mostly these).
        start, end = len(text) - len(text.lstrip()), len(text.rstrip())
        return [(start, end)] if _LETTER_OR_DIGIT.search(text, start, end) else []
    cuts = _library_cuts(text, _language(lang))
    cuts = [cut for cut in cuts if not _continues(text, cut)]
    if "…" in text:
        cuts = _split_after_ellipsis_char(text, cuts)
    if ". . ." in text:
        cuts = _split_before_spaced_ellipsis(text, cuts)
    cuts = _split_list_items(text, cuts)
    return _spans(text, cuts)


@lru_cache(maxsize=64)
def _language(lang: str) -> str:
    # sentencex knows languages by their primary subtag ("en", "zh"), not "en-GB" or "zh_Hant".
    return lang.replace("_", "-").split("-", 1)[0].lower() or "en"


def _library_cuts(text: str, lang: str) -> list[int]:
    """The positions where sentencex starts a new sentence, windowed to bound its work."""
    if len(text) <= _WINDOW:
        return _boundaries(text, lang)
    cuts: list[int] = []
    start = 0
    while start < len(text):
        end = start + _WINDOW
        found = _boundaries(text[start:end], lang)
        if end >= len(text):
            cuts.extend(start + cut for cut in found)
            break
        limit = _WINDOW - _LOOKAHEAD
        settled = [start + cut for cut in found if cut <= limit]
        if settled:
            cuts.extend(settled)
            start = settled[-1]
        else:
            # One sentence longer than the window: carry on from a space inside it.
            window = text[start + 1 : start + limit]
            space = max(window.rfind(" "), window.rfind("\n"))
            start = start + 1 + space if space >= 0 else start + limit
    return cuts


def _boundaries(text: str, lang: str) -> list[int]:
    if not text.isascii() and _UNSAFE.search(text):
        text = text.translate(_SAFE)
    found = sentencex.get_sentence_boundaries(lang, text)
    return [b["start_index"] for b in found[1:] if 0 < b["start_index"] < len(text)]


def _continues(text: str, cut: int) -> bool:
    """Whether the sentence before `cut` goes on after it although sentencex ended it there.

    After a Latin full stop, "!", "?" or "…" a sentence does not begin with a lowercase letter
    ("up 20 pct. in 2023"); a full stop between digits is a decimal point, also the full-width
    one in "３．５％"; after a Japanese closing quote, the particles と and って carry the sentence
    on (「…。」と述べた).
    """
    if text[cut].isupper() or text[cut - 1] in "。！？":
        return False  # the usual cases, settled without looking further
    digits = text[cut - 2 : cut - 1] + text[cut : cut + 1]
    if text[cut - 1] in ".．" and len(digits) == 2 and digits.isdigit():
        return True
    before = text[max(0, cut - _NEAR) : cut].rstrip()
    after = text[cut : cut + _NEAR].lstrip()
    if not before or not after:
        return False
    tail = before.rstrip(_CLOSERS)
    if tail and tail[-1] in _LATIN_ENDS:
        return after.lstrip(_OPENERS)[:1].islower()
    return before[-1] in _JAPANESE_QUOTE_ENDS and after.startswith(_QUOTATIVE)


def _split_after_ellipsis_char(text: str, cuts: list[int]) -> list[int]:
    """Ends a sentence at "…" before a capital, as sentencex already does at "..."."""
    openings = []
    for match in _ELLIPSIS_CHAR.finditer(text):
        if text[match.end() : match.end() + _NEAR].lstrip(_OPENERS)[:1].isupper():
            openings.append((match.end(), match.end()))
    return _recut(cuts, openings)


def _split_before_spaced_ellipsis(text: str, cuts: list[int]) -> list[int]:
    ellipses = [match.span() for match in _SPACED_ELLIPSIS.finditer(text)]
    return _recut(cuts, ellipses)


def _split_list_items(text: str, cuts: list[int]) -> list[int]:
    """Each list item is a sentence of its own, marker included ("2. The second item").

    A run of markers counts as a list when it begins the text or follows a colon and goes on in
    sequence (1., 2., 3. or a., b., c.); a lone marker counts only at the start of the text. That
    keeps "ranked No. 1. It beat No. 2." a pair of ordinary sentences.
    """
    if not (_LEADING_MARKER.match(text) or (":" in text and _MARKER_AFTER_COLON.search(text))):
        return cuts
    return _recut(cuts, _list_markers(text, len(text) - len(text.lstrip())))


def _list_markers(text: str, lead: int) -> list[tuple[int, int]]:
    markers: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    expected: tuple[str, str] | None = None
    for match in _LIST_MARKER.finditer(text, lead):
        value = match["number"] or match["letter"]
        if expected == (value, match["mark"]):
            run.append(match.span())
        elif match.start() == lead or _after_colon(text, match.start()):
            markers.extend(_confirmed(run, lead))
            run = [match.span()]
        else:
            continue
        expected = (_successor(value), match["mark"])
    markers.extend(_confirmed(run, lead))
    return markers


def _after_colon(text: str, position: int) -> bool:
    return text[max(0, position - _NEAR) : position].rstrip().endswith(":")


def _confirmed(run: list[tuple[int, int]], lead: int) -> list[tuple[int, int]]:
    # One marker makes a list only at the very start of the text ("1. The first item").
    return run if len(run) > 1 or (run and run[0][0] == lead) else []


def _successor(value: str) -> str:
    return str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)


def _recut(cuts: list[int], openings: list[tuple[int, int]]) -> list[int]:
    """Cuts with a sentence starting at each opening's start and none inside or just after it.

    `openings` are sorted, non-overlapping `(start, end)` pairs, `end` being where the opening's
    first word begins; one pass over both lists keeps long pathological blocks linear.
    """
    if not openings:
        return cuts
    result: list[int] = []
    i = 0
    for start, end in openings:
        while i < len(cuts) and cuts[i] <= start:
            result.append(cuts[i])
            i += 1
        while i < len(cuts) and cuts[i] <= end:
            i += 1
        if start > 0 and (not result or result[-1] != start):
            result.append(start)
    result.extend(cuts[i:])
    return result


def _spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        # Pieces rarely carry more than a space at either end: a loop beats copying them.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if not (text[start].isalnum() or _LETTER_OR_DIGIT.search(text, start, end)):
            if spans:
                spans[-1] = (spans[-1][0], end)
            elif pending is None:
                pending = start
            continue
        if pending is not None:
            start, pending = pending, None
        spans.append((start, end))
    return spans
