"""Property-based fuzzing of everything that reads what a user hands the app: the article reader
(every format, then segmentation and ids), the Markdown reader, the verdict-CSV reader. Whatever
the input, they return or raise the project's own error (one line for the user); anything else
fails. Derandomized, with a bounded number of examples, so CI runs the same cases every time."""

import contextlib
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.core.article import prepare
from factcheck.core.document import Role
from factcheck.core.errors import FactcheckError
from factcheck.core.export import read_verdict_rows
from factcheck.core.formats import parse_articles
from factcheck.core.markdown import render_markdown

FUZZ = settings(
    derandomize=True, max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Pieces that the readers treat specially, so that random text reaches their branches.
MARKDOWN_PIECES = [
    "# ",
    "## ",
    "- ",
    "* ",
    "1. ",
    "2) ",
    "> ",
    "```",
    "~~~",
    "    ",
    "\n",
    "\n\n",
    "[",
    "]",
    "(",
    ")",
    "](",
    "![",
    "*",
    "**",
    "_",
    "`",
    "<script>alert(1)</script>",
    "<iframe src=x>",
    "javascript:alert(1)",
    "data:text/html,x",
    "https://example.org/a.png",
    "|",
    "---",
    "===",
    "\\",
    "&amp;",
    "\u00a0",
    "…",
    "。",
    "“",
    "”",
    "Mr. ",
    "U.S. ",
    "3.5 ",
    "word ",
    "Word. ",
    "? ",
    "! ",
    "\t",
    "\r\n",
    "\u2028",
]
JSON_PIECES = [
    "{",
    "}",
    "[",
    "]",
    '"',
    ":",
    ",",
    "body_md",
    "title",
    "lang",
    "\\ud800",
    "\\u0000",
    "null",
    "true",
    "1e999",
    "NaN",
    "9" * 40,
    "\n",
    " ",
    "x",
]


def _joined(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=12)), max_size=60).map("".join)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "body_md": st.one_of(_joined(MARKDOWN_PIECES), json_values),
        "title": st.one_of(st.text(max_size=40), json_values),
        "lang": st.one_of(st.sampled_from(["en", "zh", "ja", "de-AT", "", "xx_YY"]), json_values),
        "entities": json_values,
    },
)


def _read(data: bytes) -> None:
    with contextlib.suppress(FactcheckError):
        for parsed in parse_articles(data, "fuzz.txt"):
            prepare(parsed, Role.REWRITE, "fuzz.txt", source_id="0" * 16)


@FUZZ
@given(st.binary(max_size=3000))
def test_any_bytes_are_read_or_refused_with_one_line(data: bytes) -> None:
    _read(data)


@FUZZ
@given(_joined(MARKDOWN_PIECES))
def test_any_markdown_is_read_or_refused_with_one_line(text: str) -> None:
    _read(text.encode("utf-8", "surrogatepass"))
    try:
        rendered = render_markdown(text)
    except FactcheckError:
        return
    assert all(0 <= b.start <= b.end <= len(rendered.text) for b in rendered.blocks)


@FUZZ
@given(
    st.one_of(
        records.map(json.dumps),
        st.lists(records, max_size=4).map(lambda rs: "\n".join(map(json.dumps, rs))),
        _joined(JSON_PIECES),
    )
)
def test_any_json_is_read_or_refused_with_one_line(text: str) -> None:
    _read(text.encode("utf-8", "surrogatepass"))


CSV_PIECES = [
    "sentence_id",
    "verdict",
    "reviewer",
    "note",
    "decided_at",
    "evidence_spans",
    ",",
    '"',
    "\r\n",
    "\n",
    "supported",
    "contradicted",
    "maybe",
    "",
    "'=1+1",
    "2026-01-01T00:00:00Z",
    "9999-12-31T23:59:59-05:00",
    "1-5",
    "5-1",
    "1-" + "9" * 30,
    "\x00",
    "\ud800",
    "abc",
    " ",
]


@FUZZ
@given(_joined(CSV_PIECES), st.booleans())
def test_any_verdict_csv_is_read_or_refused_with_one_line(text: str, raw: bool) -> None:
    for header in ("", "sentence_id,verdict,reviewer,note,decided_at,evidence_spans\r\n"):
        with contextlib.suppress(FactcheckError):
            list(read_verdict_rows(io.StringIO(header + text, newline=""), "fuzz.csv", raw=raw))
