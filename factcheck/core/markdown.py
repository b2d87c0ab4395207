"""Markdown to stored text: blocks for headings, paragraphs, list items, quotes and code, and
inline spans for emphasis, code, links and images.

markdown-it-py's `js-default` preset escapes raw HTML, so `<script>` or `<iframe>` stays literal
text in the stored text. Its link check refuses `javascript:`, `vbscript:`, `file:` and non-image
`data:` addresses; such a link is not a link at all: its source, brackets and address included,
stays literal text and gets no span, so no viewer can ever follow it. An image shows its alt text
and keeps its address as the span's target; nothing is ever fetched. An image without alt text
adds nothing (as a screen reader skips a decorative image).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from factcheck.core.document import BlockKind, InlineSpan, InlineStyle
from factcheck.core.errors import BadInput
from factcheck.core.plaintext import RenderedText, TextWriter

_PARSER = MarkdownIt("js-default")

MAX_NESTING = 20
"""Lists and quotes nested deeper than this are refused. No article nests so deep, and past its
own limit (100 levels of tokens, about 50 of lists) markdown-it silently drops the rest of the
file: refusing is the honest answer, and it keeps the indentation of nested items (which grows
with the depth) from making the stored text quadratic."""


class NestedTooDeeply(BadInput):
    def __init__(self) -> None:
        super().__init__(
            f"lists or quotes nested more than {MAX_NESTING} levels deep; no article nests so deep"
        )


_BULLETS = ("•", "◦", "▪")
"""Bullets by nesting depth, so that a nested item reads as nested without block margins."""

_CELL_SEPARATOR = " | "

_OPENING_STYLES = {
    "em_open": InlineStyle.EMPHASIS,
    "strong_open": InlineStyle.STRONG,
    "link_open": InlineStyle.LINK,
}
_CLOSING = frozenset({"em_close", "strong_close", "link_close"})


@dataclass(slots=True)
class _ListLevel:
    """One open list while walking the tokens."""

    ordered: bool
    indent: str
    """What precedes this list's markers: the width of the enclosing items' markers."""
    marker: str = ""
    """The marker of the item being read; "" once its first paragraph has used it."""
    continuation: str = ""
    """Spaces as wide as indent + marker, for the item's later paragraphs and nested lists."""
    number: int = 1
    """The next item's number in an ordered list (renumbered as a Markdown viewer shows it)."""


def render_markdown(md: str) -> RenderedText:
    """Lay out Markdown (already normalised) as stored text with blocks and inline spans."""
    writer = TextWriter()
    containers: list[_ListLevel | None] = []  # open lists and blockquotes (None), outermost first
    heading_level = 0
    cells: list[tuple[str, list[InlineSpan]]] = []
    in_cell = False
    for token in _PARSER.parse(md):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            parent = _innermost_list(containers)
            indent = parent.continuation if parent else ""
            start = token.attrGet("start")  # set only when the list does not start at 1
            number = 1 if start is None else int(start)
            containers.append(_ListLevel(kind == "ordered_list_open", indent, number=number))
            if len(containers) > MAX_NESTING:
                raise NestedTooDeeply()
        elif kind == "list_item_open":
            _open_item(containers, token)
        elif kind == "blockquote_open":
            containers.append(None)
            if len(containers) > MAX_NESTING:
                raise NestedTooDeeply()
        elif kind in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            containers.pop()
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("th_open", "td_open"):
            in_cell = True
        elif kind in ("th_close", "td_close"):
            in_cell = False
        elif kind == "tr_close":
            _add_row(writer, cells)
            cells = []
        elif kind in ("fence", "code_block"):
            writer.add(BlockKind.CODE, token.content)
        elif kind == "inline":
            text, spans = _render_inline(token.children or ())
            if in_cell:
                cells.append((text, spans))
            elif heading_level:
                writer.add(BlockKind.HEADING, text, level=heading_level, spans=spans)
            else:
                _add_paragraph(writer, containers, text, spans)
    return writer.result()


def _open_item(containers: list[_ListLevel | None], token: Token) -> None:
    """Prepare the marker that the item's first paragraph will carry."""
    level = _innermost_list(containers)
    if level is None:  # markdown-it opens an item only inside a list
        return
    if level.ordered:
        symbol = f"{level.number}{token.markup}"
        level.number += 1
    else:
        symbol = _BULLETS[min(_depth(containers), len(_BULLETS)) - 1]
    level.marker = f"{level.indent}{symbol} "
    level.continuation = " " * len(level.marker)


def _add_paragraph(
    writer: TextWriter, containers: list[_ListLevel | None], text: str, spans: list[InlineSpan]
) -> None:
    """A paragraph is a list item or a quote when it sits in one (the innermost decides)."""
    if not containers:
        writer.add(BlockKind.PARAGRAPH, text, spans=spans)
        return
    innermost = containers[-1]
    if innermost is None:
        depth = sum(1 for c in containers if c is None)
        writer.add(BlockKind.QUOTE, text, level=depth, spans=spans)
        return
    # The item's first paragraph carries the bullet; later ones are indented to line up with it.
    marker = innermost.marker or innermost.continuation
    innermost.marker = ""
    writer.add(BlockKind.LIST_ITEM, text, level=_depth(containers), marker=marker, spans=spans)


def _add_row(writer: TextWriter, cells: list[tuple[str, list[InlineSpan]]]) -> None:
    """A table row becomes one paragraph, its cells separated by a bar."""
    parts: list[str] = []
    spans: list[InlineSpan] = []
    offset = 0
    for text, cell_spans in cells:
        if parts:
            parts.append(_CELL_SEPARATOR)
            offset += len(_CELL_SEPARATOR)
        parts.append(text)
        spans.extend(InlineSpan(s.style, s.start + offset, s.end + offset, s.target) for s in cell_spans)
        offset += len(text)
    writer.add(BlockKind.PARAGRAPH, "".join(parts), spans=spans)


def _innermost_list(containers: list[_ListLevel | None]) -> _ListLevel | None:
    return next((c for c in reversed(containers) if c is not None), None)


def _depth(containers: list[_ListLevel | None]) -> int:
    return sum(1 for c in containers if c is not None)


def _render_inline(children: Sequence[Token]) -> tuple[str, list[InlineSpan]]:
    """The text of one block's inline tokens and the spans over it (offsets within the block).

    Line breaks, soft or hard, become a space: a block is one line in the viewer.
    """
    parts: list[str] = []
    length = 0
    spans: list[InlineSpan] = []
    open_spans: list[tuple[InlineStyle, int, str]] = []
    for token in children:
        kind = token.type
        if kind in ("softbreak", "hardbreak"):
            piece = " "
        elif kind in _OPENING_STYLES:
            href = token.attrGet("href")
            open_spans.append((_OPENING_STYLES[kind], length, str(href or "")))
            continue
        elif kind in _CLOSING:
            # markdown-it nests its tokens, so the innermost open span is the one closing.
            style, start, target = open_spans.pop()
            if length > start:
                spans.append(InlineSpan(style, start, length, target))
            continue
        elif kind == "code_inline":
            piece = token.content
            if piece:
                spans.append(InlineSpan(InlineStyle.CODE, length, length + len(piece)))
        elif kind == "image":
            piece = _plain_text(token.children or ()).strip()
            if piece:
                src = str(token.attrGet("src") or "")
                spans.append(InlineSpan(InlineStyle.IMAGE, length, length + len(piece), src))
        elif kind in ("s_open", "s_close"):
            continue  # strikethrough has no style of its own: the words stay, plain
        else:
            piece = token.content  # text; anything unforeseen is shown as its literal source
        parts.append(piece)
        length += len(piece)
    spans.sort(key=lambda s: (s.start, -s.end))
    return "".join(parts), spans


def _plain_text(tokens: Sequence[Token]) -> str:
    """An image's alt text: the words of its description without their markup."""
    pieces: list[str] = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            pieces.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
        elif token.type == "image":
            pieces.append(_plain_text(token.children or ()))
    return "".join(pieces)
