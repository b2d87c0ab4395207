"""Plain text as the app stores it: blocks one blank line apart, headings, and a title.

Every format ends up here: the Markdown renderer and the plain-text reader both lay out their
blocks with `TextWriter`, so that every stored text has one blank line between blocks and no
line break inside a block (the viewer shows each line as its own paragraph).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.core.document import Block, BlockKind, InlineSpan

BLOCK_SEPARATOR = "\n\n"

HEADING_MAX_CHARS = 100
"""A line this short without final punctuation is a heading. The seeds' headlines run to 84
characters and leave room for longer ones; a prose line longer than this ends with punctuation."""

TITLE_MAX_CHARS = 80
"""A title derived from a first sentence is cut to about this many characters."""


# Final punctuation, then any closing quotes or brackets ("…said.” ends a sentence).
_FINAL_PUNCTUATION = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』]*$")

# The end of a first sentence: punctuation, closing quotes, a space, then a capital or a quote.
# A full stop after an initial ("U.S.", "John F. Kennedy") or a title ("Dr.") ends nothing.
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|No))(?<!\b(?:Mrs|Gov|Sen|Rep|Gen|Inc|Ltd|Col))"
    r"(?<!\b(?:Corp|Prof))[.!?…][\"'”’»)]*(?=\s+[\"“‘'(]?[A-Z0-9])|[。！？]"
)


@dataclass(frozen=True, slots=True)
class RenderedText:
    """An article body laid out as stored text, before it has a title or a name."""

    text: str
    """The stored plain text: blocks separated by one blank line, no other blank lines."""
    blocks: tuple[Block, ...]
    """The blocks in text order, covering every non-separator character."""
    spans: tuple[InlineSpan, ...] = ()
    """Inline styles, links and images, in text order."""


class TextWriter:
    """Builds a stored text block by block, one blank line between blocks."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []
        self._spans: list[InlineSpan] = []

    def add(
        self,
        kind: BlockKind,
        text: str,
        *,
        level: int = 0,
        marker: str = "",
        spans: Sequence[InlineSpan] = (),
    ) -> None:
        """Append a block; `spans` are relative to `text`, `marker` (a list bullet) precedes it.

        Surrounding whitespace is trimmed and a block with no words is skipped. Outside code
        a line break becomes a space, so that the block stays one line in the viewer.
        """
        if kind is BlockKind.CODE:
            text = text.strip("\n")
            if not text.strip():
                return
            lead = 0
        else:
            text = text.replace("\n", " ")
            stripped = text.strip()
            if not stripped:
                return
            lead = len(text) - len(text.lstrip())
            text = stripped
        if self._blocks:
            self._write(BLOCK_SEPARATOR)
        start = self._length
        self._write(marker)
        content_start = self._length
        self._write(text)
        for span in spans:
            span_start = max(span.start - lead, 0) + content_start
            span_end = min(span.end - lead, len(text)) + content_start
            if span_end > span_start:
                self._spans.append(InlineSpan(span.style, span_start, span_end, span.target))
        self._blocks.append(
            Block(kind, start, self._length, level, text_start=content_start if marker else None)
        )

    def result(self) -> RenderedText:
        return RenderedText("".join(self._parts), tuple(self._blocks), tuple(self._spans))

    def _write(self, part: str) -> None:
        self._parts.append(part)
        self._length += len(part)


def ends_with_final_punctuation(line: str) -> bool:
    """Whether `line` ends a sentence (or opens a list, with a colon)."""
    return _FINAL_PUNCTUATION.search(line.rstrip()) is not None


def looks_like_heading(line: str) -> bool:
    """A short line that does not end a sentence: a headline, a section heading, a dek."""
    line = line.strip()
    return 0 < len(line) <= HEADING_MAX_CHARS and not ends_with_final_punctuation(line)


def title_from_sentence(text: str) -> str:
    """The first sentence of `text`, cut at a word to about TITLE_MAX_CHARS with an ellipsis."""
    text = " ".join(text.split())
    end = _SENTENCE_END.search(text)
    sentence = text[: end.end()] if end else text
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence
    cut = sentence[: TITLE_MAX_CHARS + 1]
    words = cut[: cut.rfind(" ")] if " " in cut else cut[:TITLE_MAX_CHARS]
    return words.rstrip(" ,;:–—-") + "…"


def title_of(rendered: RenderedText) -> str:
    """The first level-1 heading, else a heading that opens the text, else the first sentence."""
    if not rendered.blocks:
        return ""
    headings = [b for b in rendered.blocks if b.kind is BlockKind.HEADING]
    first = rendered.blocks[0]
    chosen = next((b for b in headings if b.level == 1), None)
    if chosen is None and first.kind is BlockKind.HEADING:
        chosen = first
    if chosen is not None:
        return rendered.text[chosen.content_start : chosen.end]
    return title_from_sentence(rendered.text[first.content_start : first.end])


def render_plain_text(text: str) -> RenderedText:
    """Lay out normalised plain text: every non-empty line is a block.

    The first block is a level-1 heading when it looks like a title; other short blocks without
    final punctuation are level-2 headings; the rest are paragraphs. In a hard-wrapped text
    (see `is_hard_wrapped`) a block is a run of lines between blank lines instead.
    """
    lines = [line.strip() for line in text.split("\n")]
    if is_hard_wrapped(lines):
        blocks = [" ".join(group) for group in _line_groups(lines)]
    else:
        blocks = [line for line in lines if line]
    writer = TextWriter()
    for index, block in enumerate(blocks):
        if looks_like_heading(block):
            writer.add(BlockKind.HEADING, block, level=1 if index == 0 else 2)
        else:
            writer.add(BlockKind.PARAGRAPH, block)
    return writer.result()


def is_hard_wrapped(lines: Sequence[str]) -> bool:
    """Whether paragraphs were wrapped into short lines, with blank lines between paragraphs.

    Such a text has no long line, and most of its line breaks inside a paragraph fall in the
    middle of a sentence. A text with one paragraph per line (the usual export, and the seeds)
    has long lines, and its breaks follow final punctuation or a heading.
    """
    if any(len(line) > HEADING_MAX_CHARS for line in lines):
        return False
    groups = _line_groups(lines)
    if len(groups) < 2:
        return False
    breaks = [not ends_with_final_punctuation(line) for group in groups for line in group[:-1]]
    return len(breaks) >= 3 and sum(breaks) * 3 >= len(breaks) * 2


def _line_groups(lines: Sequence[str]) -> list[list[str]]:
    """Runs of non-empty lines between blank lines."""
    groups: list[list[str]] = [[]]
    for line in lines:
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]
