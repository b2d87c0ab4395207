"""Recognise an article file's format by its content, not its name, and read its articles.

- A text whose first non-space character is `{` is a JSON record, or JSON Lines (one record
  per non-empty line) when the whole does not parse but its first line is an object.
- A text that opens with `[` and parses as JSON is a list: refused, it is not a record.
- Otherwise it is Markdown when it shows Markdown's structure (see `looks_like_markdown`),
  else plain text. Plain text is the safe reading: Markdown would join its lines.

A record is a JSON object with a body: `body_md` (Markdown), else `body`, `text` or `content`
(recognised like a file: Markdown or plain text). Its title is `title`, else the body's; its
name is `slug`, else `url`, else the file name (with `#LINE` for a JSON Lines record); its
language is `lang`, else "en". Every field but the body is kept as metadata, as it was.
"""

import json
import re
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

from factcheck.core.boilerplate import mark_boilerplate
from factcheck.core.document import ParsedArticle
from factcheck.core.errors import BadInput
from factcheck.core.markdown import render_markdown
from factcheck.core.plaintext import RenderedText, render_plain_text, title_of
from factcheck.core.reading import CONTROL_CHARACTER, decode_text, normalise_text, read_bytes


class Format(StrEnum):
    """How a file was recognised; the value is `ParsedArticle.format`."""

    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"
    TEXT = "text"


BODY_FIELDS = ("body_md", "body", "text", "content")
"""Where a record keeps its article, in order of preference; only `body_md` is always Markdown."""

DEFAULT_LANG = "en"

# Structure that prose does not have. Each is its own pattern that opens with a literal, which
# lets the regex engine skip ahead instead of trying every branch at every character.
_MARKDOWN_LINE = re.compile(
    r"\n {0,3}(?:"  # at the start of a line (the text is searched with a "\n" before it):
    r"#{1,6}[ \t]+\S"  # an ATX heading,
    r"|```|~~~"  # a code fence,
    r"|>"  # a blockquote,
    r"|=+[ \t]*(?:\n|$)"  # a setext heading's underline,
    r"|\[[^\]\n]+\]:[ \t]*\S"  # a link reference definition
    r")"
)
# The "](address)" or "](address "title")" of a link or image. Every part stops at a space or a
# bracket, or has a bound, so that a line full of "](" costs linear time, not quadratic.
_INLINE_LINK = re.compile(r"\]\([^()\s]+(?:[ \t]+(?:\"[^\"\n]{0,300}\"|'[^'\n]{0,300}'))?[ \t]*\)")
# A list item or an emphasis could be an accident of prose; two of them are not.
_LIST_ITEM = re.compile(r"\n {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_EMPHASIS = re.compile(r"(\*\*?|__?)(?=\S)[^*_\n]*?\S\1(?![\w*_])")


def looks_like_markdown(text: str) -> bool:
    """Markdown: a heading mark, fence, quote, link or reference, or two list items or emphases."""
    lines = "\n" + text
    if _MARKDOWN_LINE.search(lines) or _INLINE_LINK.search(text):
        return True
    hints = 0
    for _ in _LIST_ITEM.finditer(lines):
        hints += 1
        if hints == 2:
            return True
    for match in _EMPHASIS.finditer(text):
        start = match.start()
        # "*" inside a word ("2*3", "snake_case") is no emphasis.
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "*_"):
            hints += 1
            if hints == 2:
                return True
    return False


def read_articles(path: Path) -> list[ParsedArticle]:
    """The articles in the file at `path`, whatever its format; BadInput names the file."""
    label = str(path)
    return articles_from_text(decode_text(read_bytes(path), label), label, path.name)


def parse_articles(data: bytes, name: str) -> list[ParsedArticle]:
    """The articles in a file's bytes already in memory; `name` is the file's name."""
    return articles_from_text(decode_text(data, name), name, name)


def articles_from_text(text: str, label: str, name: str) -> list[ParsedArticle]:
    """The articles in a decoded file; `label` opens error messages, `name` is the fallback name.

    `text` is decoded but not normalised: JSON is parsed first, since U+2028 inside a JSON
    string is valid and would not survive becoming a line break.
    """
    opening = text.lstrip()[:1]
    if opening == "{":
        return _articles_from_json(text, label, name)
    if opening == "[" and _parses_as_json(text):
        raise BadInput(f"{label}: a JSON list, not an article record")
    text = normalise_text(text)
    if looks_like_markdown(text):
        return [_article(render_markdown(text), label, Format.MARKDOWN, name)]
    return [_article(render_plain_text(text), label, Format.TEXT, name)]


def _parses_as_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _articles_from_json(text: str, label: str, name: str) -> list[ParsedArticle]:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as whole_error:
        lines = text.split("\n")
        if _first_line_is_object(lines) and sum(1 for line in lines if line.strip()) > 1:
            return _articles_from_json_lines(lines, label, name)
        raise BadInput(f"{label}: {_json_problem(whole_error, with_line=True)}") from None
    except RecursionError:
        raise BadInput(f"{label}: not valid JSON: nested too deeply") from None
    return [_article_from_record(record, label, Format.JSON, name)]


def _first_line_is_object(lines: list[str]) -> bool:
    first = next(line for line in lines if line.strip())
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def _articles_from_json_lines(lines: list[str], label: str, name: str) -> list[ParsedArticle]:
    articles = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{label}: line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise BadInput(f"{where}: {_json_problem(error, with_line=False)}") from None
        except RecursionError:
            raise BadInput(f"{where}: not valid JSON: nested too deeply") from None
        if not isinstance(record, dict):
            raise BadInput(f"{where}: not a JSON object")
        articles.append(_article_from_record(record, where, Format.JSONL, f"{name}#{number}"))
    return articles


def _json_problem(error: json.JSONDecodeError, *, with_line: bool) -> str:
    """'not valid JSON (line 1, column 80): unterminated string' from the decoder's words."""
    if error.pos >= len(error.doc.rstrip()):
        message = "the file ends before the JSON does (cut short?)"
    else:
        message = re.sub(r" (?:starting )?at$", "", error.msg)
        message = message[:1].lower() + message[1:]
    where = f"line {error.lineno}, column {error.colno}" if with_line else f"column {error.colno}"
    return f"not valid JSON ({where}): {message}"


def _article_from_record(
    record: Mapping[str, object], label: str, file_format: Format, fallback_name: str
) -> ParsedArticle:
    field = next((f for f in BODY_FIELDS if f in record), None)
    if field is None:
        fields = ", ".join(f'"{f}"' for f in BODY_FIELDS)
        raise BadInput(f"{label}: no article body (a record needs one of {fields})")
    body = record[field]
    if not isinstance(body, str):
        raise BadInput(f'{label}: the article body "{field}" is not text')
    if not body.strip():
        raise BadInput(f'{label}: the article body "{field}" is empty')
    body = normalise_text(body)
    control = CONTROL_CHARACTER.search(body)
    if control:
        code = f"U+{ord(control.group()):04X}"
        raise BadInput(f'{label}: the article body "{field}" contains a control character ({code})')
    markdown = field == "body_md" or looks_like_markdown(body)
    rendered = render_markdown(body) if markdown else render_plain_text(body)
    title = _text_field(record, "title")
    return _article(
        rendered,
        label,
        file_format,
        name=_text_field(record, "slug") or _text_field(record, "url") or fallback_name,
        title=" ".join(normalise_text(title).split()) if title else None,
        lang=_text_field(record, "lang") or DEFAULT_LANG,
        metadata={key: value for key, value in record.items() if key != field},
    )


def _text_field(record: Mapping[str, object], key: str) -> str:
    """A record's text field stripped, or "" when it is missing or not text."""
    value = record.get(key)
    return value.strip() if isinstance(value, str) else ""


def _article(
    rendered: RenderedText,
    label: str,
    file_format: Format,
    name: str,
    *,
    title: str | None = None,
    lang: str = DEFAULT_LANG,
    metadata: Mapping[str, object] | None = None,
) -> ParsedArticle:
    if not rendered.blocks:
        raise BadInput(f"{label}: no article text")
    return ParsedArticle(
        title=title or title_of(rendered),
        text=rendered.text,
        blocks=mark_boilerplate(rendered.text, rendered.blocks),
        format=file_format.value,
        name=name,
        spans=rendered.spans,
        lang=lang,
        metadata=dict(metadata or {}),
    )
