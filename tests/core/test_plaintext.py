"""Plain text: one block per line, short unpunctuated lines are headings, a title is found."""

import json
from pathlib import Path

import pytest

from factcheck.core.document import BlockKind, InlineSpan, InlineStyle
from factcheck.core.plaintext import (
    TextWriter,
    is_hard_wrapped,
    looks_like_heading,
    render_plain_text,
    title_from_sentence,
    title_of,
)

IMPORT = Path(__file__).parents[1] / "data" / "import"
HEADINGS = json.loads((IMPORT / "headings.json").read_text("utf-8"))
TITLES = json.loads((IMPORT / "titles.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("line", HEADINGS["headings"])
def test_a_short_line_without_final_punctuation_is_a_heading(line: str):
    assert looks_like_heading(line)


@pytest.mark.parametrize("line", HEADINGS["not_headings"])
def test_a_sentence_or_a_long_line_is_no_heading(line: str):
    assert not looks_like_heading(line)


@pytest.mark.parametrize(("text", "title"), TITLES)
def test_a_title_is_derived_from_the_first_sentence(text: str, title: str):
    assert title_from_sentence(text) == title


def test_a_title_line_is_a_level_one_heading_and_later_headings_level_two():
    rendered = render_plain_text("Robot approved\nThe robot was approved.\nWhy it matters\nIt does.")
    assert [(b.kind, b.level) for b in rendered.blocks] == [
        (BlockKind.HEADING, 1),
        (BlockKind.PARAGRAPH, 0),
        (BlockKind.HEADING, 2),
        (BlockKind.PARAGRAPH, 0),
    ]
    assert title_of(rendered) == "Robot approved"


def test_an_opening_paragraph_stays_a_paragraph_and_lends_its_first_sentence_as_title():
    rendered = render_plain_text("The robot was approved. Shares rose.\nWhy it matters\n")
    assert rendered.blocks[0].kind is BlockKind.PARAGRAPH
    assert title_of(rendered) == "The robot was approved."


def test_blank_lines_and_surrounding_spaces_do_not_reach_the_stored_text():
    rendered = render_plain_text("\n\n  First line.  \n\n\n\tSecond line.\t\n\n")
    assert rendered.text == "First line.\n\nSecond line."


def test_a_hard_wrapped_text_joins_its_lines_into_paragraphs():
    text = (IMPORT / "wrapped.txt").read_text("utf-8")
    rendered = render_plain_text(text)
    assert [rendered.text[b.start : b.end][:20] for b in rendered.blocks] == [
        "Chinese robot wins E",
        "A surgical robot bui",
        "Why it matters",
        "The two developments",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Title\nDek line.\n\nOne short paragraph.\nAnother short one.",  # breaks after sentences
        "A wrapped line\nthat goes on\nand on\nbut has no blank line",  # one group: not sure enough
        "Long line " * 12 + "\nwrapped\n\nthen\nmore\nlines",  # a line over 100 characters
        "one\ntwo\n\nthree",  # too few breaks to tell
    ],
)
def test_texts_that_are_not_clearly_hard_wrapped_keep_one_block_per_line(text: str):
    assert not is_hard_wrapped([line.strip() for line in text.split("\n")])


def test_the_writer_separates_blocks_by_one_blank_line_and_skips_empty_ones():
    writer = TextWriter()
    writer.add(BlockKind.PARAGRAPH, "  One\ntwo  ", spans=[InlineSpan(InlineStyle.STRONG, 0, 5)])
    writer.add(BlockKind.PARAGRAPH, " \n ")
    writer.add(BlockKind.LIST_ITEM, "Item", level=1, marker="• ")
    writer.add(BlockKind.CODE, "\n\na = 1\n  b = 2\n\n")
    rendered = writer.result()
    assert rendered.text == "One two\n\n• Item\n\na = 1\n  b = 2"
    # the span moved with the trimmed spaces and was clipped to the block's words
    assert [(s.start, s.end) for s in rendered.spans] == [(0, 3)]
    item = rendered.blocks[1]
    assert (item.start, item.text_start, item.end) == (9, 11, 15)
    assert rendered.blocks[0].text_start is None
