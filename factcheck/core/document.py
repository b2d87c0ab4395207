"""An imported article as plain data: its stored text and the blocks and inline styles over it.

Every position is a `[start, end)` offset in code points into the article's one stored text.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    SOURCE = "source"
    REWRITE = "rewrite"


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CODE = "code"


class InlineStyle(StrEnum):
    EMPHASIS = "emphasis"
    STRONG = "strong"
    CODE = "code"
    LINK = "link"
    IMAGE = "image"


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, paragraph, list item, quote or code block. Sentences never cross blocks."""

    kind: BlockKind
    start: int
    """Offset of the block's first character in the stored text."""
    end: int
    """Offset just past the block's last character."""
    level: int = 0
    """Heading level (1–6), list nesting depth (1…), quote depth (1…); 0 otherwise."""
    boilerplate: bool = False
    """Paywall prompts, teaser lists and the like: shown greyed, left out of the review."""
    text_start: int | None = None
    """Where the block's own words begin when a marker precedes them (a list bullet); else start."""

    @property
    def content_start(self) -> int:
        return self.start if self.text_start is None else self.text_start


@dataclass(frozen=True, slots=True)
class InlineSpan:
    """Emphasis, a link or an inline image over part of a block."""

    style: InlineStyle
    start: int
    end: int
    target: str = ""
    """A link's or image's address: shown to the reader, never followed or fetched."""


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """One article read from a file, before it has ids or a place in a project."""

    title: str
    text: str
    """The stored plain text: NFC, `\\n` line endings; every offset points into it."""
    blocks: tuple[Block, ...]
    format: str
    """How the file was recognised: "json", "jsonl", "markdown" or "text"."""
    name: str
    """What identifies the document across edits (a record's slug or url, else the file name)."""
    spans: tuple[InlineSpan, ...] = ()
    lang: str = "en"
    metadata: Mapping[str, object] = field(default_factory=dict)
    """Everything else the file said: summary, url, canonical_source, published_at, topics, …"""
