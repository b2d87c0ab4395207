"""Files are recognised by content and read into articles as tests/data/import/ expects."""

import json
import unicodedata
from pathlib import Path

import pytest

from factcheck.core.document import BlockKind, ParsedArticle
from factcheck.core.errors import BadInput
from factcheck.core.formats import looks_like_markdown, parse_articles, read_articles

IMPORT = Path(__file__).parents[1] / "data" / "import"
EXPECTED = sorted(IMPORT.glob("*.expected.json"))
SEEDS = Path(__file__).parents[2] / "seeds"
SIGNALS = json.loads((IMPORT / "markdown_signals.json").read_text("utf-8"))


def _case(path: Path) -> tuple[list[ParsedArticle], dict]:
    expected = json.loads(path.read_text("utf-8"))
    return read_articles(IMPORT / expected["input"]), expected


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_a_file_reads_as_its_fixture_expects(expected_file: Path):
    articles, expected = _case(expected_file)
    assert len(articles) == len(expected["articles"])
    for article, want in zip(articles, expected["articles"], strict=True):
        assert (article.format, article.name, article.lang, article.title) == (
            want["format"],
            want["name"],
            want["lang"],
            want["title"],
        )
        assert len(article.blocks) == len(want["blocks"])
        for block, want_block in zip(article.blocks, want["blocks"], strict=True):
            text = article.text[block.start : block.end]
            assert (block.kind.value, block.level) == (want_block["kind"], want_block["level"]), text
            if "text" in want_block:
                assert text == want_block["text"]
            else:
                assert text.startswith(want_block["starts"])
            assert block.boilerplate == want_block.get("boilerplate", False), text
            if "marker" in want_block:
                assert article.text[block.start : block.content_start] == want_block["marker"]
            else:
                assert block.text_start is None
        spans = [
            {"style": s.style.value, "text": article.text[s.start : s.end]}
            | ({"target": s.target} if s.target else {})
            for s in article.spans
        ]
        assert spans == want["spans"]
        if "metadata" in want:
            assert dict(article.metadata) == want["metadata"]
        if "metadata_keys" in want:
            assert list(article.metadata) == want["metadata_keys"]


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_the_stored_text_is_its_blocks_one_blank_line_apart(expected_file: Path):
    articles, _ = _case(expected_file)
    for article in articles:
        text = article.text
        pieces = [text[b.start : b.end] for b in article.blocks]
        assert text == "\n\n".join(pieces)
        assert text == text.strip() and unicodedata.is_normalized("NFC", text)
        for block, piece in zip(article.blocks, pieces, strict=True):
            assert piece == piece.strip(" \n") or block.text_start is not None
            assert block.kind is BlockKind.CODE or "\n" not in piece
            assert block.start <= block.content_start < block.end
        for span in article.spans:
            assert span.start < span.end
            assert any(b.content_start <= span.start and span.end <= b.end for b in article.blocks)


def test_seeds_are_recognised_by_content_not_by_their_txt_names():
    formats = [read_articles(path)[0].format for path in sorted(SEEDS.glob("*.txt"))]
    assert formats == ["json", "text", "text"]


@pytest.mark.parametrize("text", SIGNALS["markdown"])
def test_markdown_is_recognised_by_its_structure(text: str):
    assert looks_like_markdown(text)


@pytest.mark.parametrize("text", SIGNALS["plain"])
def test_prose_with_a_stray_symbol_stays_plain_text(text: str):
    assert not looks_like_markdown(text)


def test_a_file_opening_with_a_bracket_that_is_not_json_is_markdown():
    (article,) = parse_articles(b"[MedBot](https://example.org) won approval.", "a.md")
    assert article.format == "markdown"
    assert article.text == "MedBot won approval."


def test_whitespace_before_a_json_record_is_allowed():
    (article,) = parse_articles(b'\n  {"body_md": "The robot won."}\n', "a.json")
    assert (article.format, article.text) == ("json", "The robot won.")


def test_a_pretty_printed_record_is_one_json_record():
    data = json.dumps({"title": "T", "body_md": "Body text."}, indent=2).encode()
    (article,) = parse_articles(data, "a.json")
    assert article.format == "json"


def test_json_lines_need_one_record_per_line():
    data = b'{"body_md": "One."}\n\n{"body_md": "Two."}\n'
    assert [a.text for a in parse_articles(data, "a.jsonl")] == ["One.", "Two."]


def test_a_single_line_record_with_trailing_garbage_is_bad_json():
    with pytest.raises(BadInput, match=r"not valid JSON \(line 1, column 21\): extra data"):
        parse_articles(b'{"body_md": "One."} x', "a.json")


def test_the_body_md_field_wins_over_the_fallbacks():
    data = json.dumps({"text": "Plain.", "body_md": "*Marked.*"}).encode()
    (article,) = parse_articles(data, "a.json")
    assert article.text == "Marked."
    assert article.metadata["text"] == "Plain."  # only the body used is left out


def test_a_fallback_body_with_markdown_structure_is_markdown():
    data = json.dumps({"content": "# Heading\n\nA paragraph."}).encode()
    (article,) = parse_articles(data, "a.json")
    assert [b.kind for b in article.blocks] == [BlockKind.HEADING, BlockKind.PARAGRAPH]
    assert article.title == "Heading"


def test_json_escapes_are_normalised_like_file_text():
    body = "Cafe\u0301 line\r\nnext\u2028last"
    (article,) = parse_articles(json.dumps({"body": body, "title": "T\u2028x"}).encode(), "a.json")
    assert "\r" not in article.text and "\u2028" not in article.text
    assert article.text.startswith("Caf\u00e9")
    assert article.title == "T x"


def test_a_record_name_falls_back_from_slug_to_url_to_the_file_name():
    def name(record: dict) -> str:
        return parse_articles(json.dumps(record | {"body_md": "B."}).encode(), "f.json")[0].name

    assert name({"slug": "s", "url": "u"}) == "s"
    assert name({"slug": "", "url": "u"}) == "u"
    assert name({"slug": 7}) == "f.json"


def test_a_record_without_a_usable_lang_is_english():
    data = json.dumps({"body_md": "B.", "lang": None}).encode()
    assert parse_articles(data, "a.json")[0].lang == "en"


def test_metadata_are_plain_json_values_that_serialise_again():
    (article,) = read_articles(SEEDS / "000_141659a25003a937.txt")
    metadata = json.loads(json.dumps(dict(article.metadata)))
    assert metadata["canonical_source"].startswith("https://www.scmp.com/")
    assert metadata["topics"] == ["artificial-intelligence", "robotics", "ai-products"]
    assert "body_md" not in metadata


def test_unsafe_markdown_is_inert_literal_text_and_nothing_links_anywhere_unsafe():
    (article,) = read_articles(IMPORT / "unsafe.md")
    for literal in ("<script>", "<iframe", "javascript:alert(1)", "<img src=", "onerror="):
        assert literal in article.text
    assert not any(s.style.value == "link" for s in article.spans)
    assert all(s.target.startswith("https://") for s in article.spans)


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_bytes_in_memory_read_like_the_file(seed: Path):
    assert parse_articles(seed.read_bytes(), seed.name) == read_articles(seed)
