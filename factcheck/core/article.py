"""An article ready to be stored: a parsed file given its role, its stable id and its sentences."""

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.core.document import Block, InlineSpan, ParsedArticle, Role
from factcheck.core.ids import article_id, sentence_id
from factcheck.core.sentences import split_article


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article's stored text."""

    id: str
    """Stable across project files: derived from the article version, the offsets and the text."""
    index: int
    """Position among the article's sentences, from 0."""
    start: int
    end: int
    block: int
    """Index of the block the sentence lies in (sentences never cross blocks)."""
    boilerplate: bool
    """Left out of the review unless a reviewer takes it back in."""
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """An article version as stored in a project: what the viewer shows and the reviewer judges."""

    id: str
    role: Role
    source_id: str | None
    """For a rewrite, the id of the source it is checked against."""
    name: str
    """What identifies the document across versions (a slug, a url or a file name)."""
    version: int
    """1 for the first import of `name`, then 2, 3, … for each edited re-import."""
    title: str
    text: str
    blocks: tuple[Block, ...]
    spans: tuple[InlineSpan, ...]
    sentences: tuple[Sentence, ...]
    format: str
    lang: str
    metadata: dict[str, object]
    file_name: str

    @property
    def url(self) -> str:
        """The address of the original publication, shown to the reviewer and never fetched."""
        for key in ("canonical_source", "url"):
            value = self.metadata.get(key)
            if isinstance(value, str) and value:
                return value
        return ""


def prepare(
    parsed: ParsedArticle, role: Role, file_name: str, source_id: str | None = None, version: int = 1
) -> Article:
    """Give a parsed article its id and split it into sentences."""
    identity = article_id(role, parsed.text, source_id)
    text = parsed.text
    sentences = tuple(
        Sentence(
            sentence_id(identity, span.start, span.end, words),
            span.index,
            span.start,
            span.end,
            span.block,
            span.boilerplate,
            words,
        )
        for span in split_article(text, parsed.blocks, parsed.lang)
        for words in (text[span.start : span.end],)  # sliced once: a million sentences pay for it
    )
    return Article(
        id=identity,
        role=role,
        source_id=source_id,
        name=parsed.name,
        version=version,
        title=parsed.title,
        text=text,
        blocks=parsed.blocks,
        spans=parsed.spans,
        sentences=sentences,
        format=parsed.format,
        lang=parsed.lang,
        metadata=dict(parsed.metadata),
        file_name=file_name,
    )


def sentence_at(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    """The sentence containing `offset` (or ending exactly at it), by binary search."""
    lo = bisect_left(sentences, offset, key=lambda sentence: sentence.end)
    if lo < len(sentences) and sentences[lo].start <= offset <= sentences[lo].end:
        return sentences[lo]
    return None
