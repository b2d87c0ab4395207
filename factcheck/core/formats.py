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
import math
import re
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

from factcheck.core.boilerplate import mark_boilerplate
from factcheck.core.document import ParsedArticle
from factcheck.core.errors import BadInput
from factcheck.core.markdown import render_markdown
from factcheck.core.plaintext import RenderedText, render_plain_text, title_of
from factcheck.core.reading import (
    CONTROL_CHARACTER,
    SURROGATE,
    decode_text,
    normalise_text,
    read_bytes,
    readable_name,
)


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
    return articles_from_text(decode_text(read_bytes(path), label), label, readable_name(path.name))


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
    value = _json_value(text, label) if opening in _JSON_OPENINGS else _NOT_JSON
    if value is not _NOT_JSON:
        raise BadInput(f"{label}: {_json_kind(value)}, not an article record")
    text = normalise_text(text)
    if looks_like_markdown(text):
        return [_article(_markdown(text, label), label, Format.MARKDOWN, name)]
    return [_article(render_plain_text(text), label, Format.TEXT, name)]


def _markdown(text: str, label: str) -> RenderedText:
    try:
        return render_markdown(text)
    except BadInput as error:
        raise BadInput(f"{label}: {error}") from None


_JSON_OPENINGS = frozenset('[0123456789-"tfn')
"""What a JSON text other than an object opens with: a list, a number, a string, true, false, null."""
_NOT_JSON = object()


def _json_value(text: str, label: str) -> object:
    """The JSON value `text` is, or _NOT_JSON when it is not JSON at all (then it is prose that
    happens to open like JSON: "[Photo] …", "2024 was…"). JSON that cannot be read for its
    depth or its numbers is refused, not taken for prose."""
    try:
        return _load(text)
    except json.JSONDecodeError:
        return _NOT_JSON
    except _UnreadableJson as error:
        raise BadInput(f"{label}: not valid JSON: {error}") from None


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "a JSON list"
    if isinstance(value, str):
        return "a JSON string"
    if isinstance(value, bool) or value is None:
        return f"the JSON value {json.dumps(value)}"
    return "a JSON number"


class _UnreadableJson(Exception):
    """Valid-looking JSON that Python will not hold: too deep, a number too long or not finite."""


def _load(text: str) -> object:
    """`json.loads`, with what it raises for hostile input turned into _UnreadableJson."""
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    except RecursionError:
        raise _UnreadableJson("nested too deeply") from None
    except json.JSONDecodeError:
        raise
    except ValueError as error:  # int() refuses numbers of more than 4,300 digits
        if "digits" in str(error):
            raise _UnreadableJson("a number with more than 4,300 digits") from None
        raise _UnreadableJson(str(error)) from None


def _no_constant(name: str) -> object:
    raise _UnreadableJson(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _UnreadableJson(f"the number {text[:20]}{'…' if len(text) > 20 else ''} is too large")
    return value


def _articles_from_json(text: str, label: str, name: str) -> list[ParsedArticle]:
    try:
        record = _load(text)
    except json.JSONDecodeError as whole_error:
        lines = text.split("\n")
        if _first_line_is_object(lines) and sum(1 for line in lines if line.strip()) > 1:
            return _articles_from_json_lines(lines, label, name)
        raise BadInput(f"{label}: {_json_problem(whole_error, with_line=True)}") from None
    except _UnreadableJson as error:
        raise BadInput(f"{label}: not valid JSON: {error}") from None
    if not isinstance(record, dict):
        raise BadInput(f"{label}: {_json_kind(record)}, not an article record")
    return [_article_from_record(record, label, Format.JSON, name)]


def _first_line_is_object(lines: list[str]) -> bool:
    first = next(line for line in lines if line.strip())
    try:
        return isinstance(_load(first), dict)
    except (json.JSONDecodeError, _UnreadableJson):
        return False


def _articles_from_json_lines(lines: list[str], label: str, name: str) -> list[ParsedArticle]:
    articles = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{label}: line {number}"
        try:
            record = _load(line)
        except json.JSONDecodeError as error:
            raise BadInput(f"{where}: {_json_problem(error, with_line=False)}") from None
        except _UnreadableJson as error:
            raise BadInput(f"{where}: not valid JSON: {error}") from None
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
    _refuse_surrogates(record, label)
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
    rendered = _markdown(body, label) if markdown else render_plain_text(body)
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


def _refuse_surrogates(record: Mapping[str, object], label: str) -> None:
    """JSON can escape half of a UTF-16 pair ("\\ud800"), which is no character at all: no text
    holding one can be stored, hashed or shown. Every key and string of the record is checked,
    however deep (iteratively: the depth is JSON's own)."""
    pending: list[tuple[str, object]] = [("", record)]
    while pending:
        where, value = pending.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                named = f"{where}.{key}" if where else key
                if SURROGATE.search(key):
                    raise BadInput(f"{label}: a field name holds an invalid character (a lone surrogate)")
                pending.append((named, item))
        elif isinstance(value, list):
            pending.extend((f"{where}[{i}]", item) for i, item in enumerate(value))
        elif isinstance(value, str) and (found := SURROGATE.search(value)):
            code = f"U+{ord(found.group()):04X}"
            raise BadInput(
                f'{label}: the field "{where}" holds an invalid character ({code}, half of a UTF-16 pair)'
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
