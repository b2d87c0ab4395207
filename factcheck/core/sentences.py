"""An article's sentences: what the reviewer walks through and marks, one block at a time."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.core.document import Block, BlockKind
from factcheck.core.segment import split


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """One sentence of an article, as offsets into its stored text."""

    index: int
    """Position among the article's sentences, from 0."""
    start: int
    """Offset of the sentence's first character in the article's stored text."""
    end: int
    """Offset just past its last character."""
    block: int
    """Index of the block that holds it in the article's blocks."""
    boilerplate: bool
    """Copied from the block: shown greyed and left out of the review."""


_WORD = re.compile(r"\w{2,}")
_CJK_ENDS = frozenset("。！？")
_CLOSERS = "\"'”’»)]」』）】"


def split_article(text: str, blocks: Sequence[Block], lang: str) -> list[SentenceSpan]:
    """The sentences of every block in order; a sentence never crosses a block boundary.

    Each block's own words (`text[block.content_start:block.end]`, after any list bullet) are
    split on their own. A heading is one sentence unless it clearly holds several; a code block
    is always one.
    """
    sentences: list[SentenceSpan] = []
    for number, block in enumerate(blocks):
        offset = block.content_start
        spans = split(text[offset : block.end], lang)
        if len(spans) > 1 and block.kind is BlockKind.CODE:
            spans = [(spans[0][0], spans[-1][1])]
        elif len(spans) > 1 and block.kind is BlockKind.HEADING:
            spans = _heading_sentences(text[offset : block.end], spans)
        for start, end in spans:
            index = len(sentences)
            sentences.append(SentenceSpan(index, offset + start, offset + end, number, block.boilerplate))
    return sentences


def _heading_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Joins a heading's pieces back unless each side of a break is clearly a sentence.

    Headings are short and capitalise most words, which misleads any segmenter ("U.S. Approves
    Drug"). A break stands after a CJK full stop, question or exclamation mark, or where the
    pieces on both sides have two words or more.
    """
    kept = [spans[0]]
    for start, end in spans[1:]:
        before_start, before_end = kept[-1]
        before = text[before_start:before_end]
        clear = before.rstrip(_CLOSERS)[-1:] in _CJK_ENDS or (
            len(_WORD.findall(before)) >= 2 and len(_WORD.findall(text[start:end])) >= 2
        )
        if clear:
            kept.append((start, end))
        else:
            kept[-1] = (before_start, end)
    return kept
