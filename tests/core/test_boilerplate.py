"""Paywall prompts and closing teaser lists are boilerplate; news sentences never are."""

import json
from importlib.resources import files
from pathlib import Path

import pytest

from factcheck.core.boilerplate import default_rules, is_prompt, is_teaser_heading, mark_boilerplate
from factcheck.core.document import Block, BlockKind
from factcheck.core.formats import read_articles
from factcheck.core.plaintext import TextWriter

DATA = json.loads(files("factcheck.core").joinpath("data/boilerplate.json").read_text("utf-8"))
SEEDS = Path(__file__).parents[2] / "seeds"
RULES = default_rules()


@pytest.mark.parametrize("example", [e for p in DATA["prompts"] for e in p["examples"]])
def test_every_prompt_example_is_a_prompt(example: str):
    assert is_prompt(example, RULES)


@pytest.mark.parametrize("example", [e for p in DATA["teaser_headings"] for e in p["examples"]])
def test_every_teaser_heading_example_is_one(example: str):
    assert is_teaser_heading(example, RULES)
    assert is_teaser_heading(example.upper() + ":", RULES)


@pytest.mark.parametrize("sentence", DATA["non_examples"])
def test_news_sentences_are_neither_prompts_nor_teaser_headings(sentence: str):
    assert not is_prompt(sentence, RULES)
    assert not is_teaser_heading(sentence, RULES)


def test_a_prompt_inside_a_long_paragraph_is_article_text():
    paragraph = "Create a free account, the regulator told patients, " + "and wait. " * 20
    assert not is_prompt(paragraph, RULES)


def _layout(*blocks: tuple[BlockKind, str]) -> tuple[str, tuple[Block, ...]]:
    writer = TextWriter()
    for kind, text in blocks:
        writer.add(kind, text)
    rendered = writer.result()
    return rendered.text, rendered.blocks


def _flags(text: str, blocks: tuple[Block, ...]) -> list[bool]:
    return [b.boilerplate for b in mark_boilerplate(text, blocks)]


ARTICLE = "The robot received the CE mark on Monday, the company said in a filing. " * 3


def test_a_teaser_list_at_the_end_is_boilerplate_from_its_heading_on():
    text, blocks = _layout(
        (BlockKind.PARAGRAPH, ARTICLE),
        (BlockKind.HEADING, "Related"),
        (BlockKind.LIST_ITEM, "• Battery maker hits level four"),
        (BlockKind.HEADING, "Most read"),
        (BlockKind.LIST_ITEM, "• Chip boom drives prices"),
    )
    assert _flags(text, blocks) == [False, True, True, True, True]


def test_a_related_heading_in_the_first_half_is_a_section_of_the_article():
    text, blocks = _layout(
        (BlockKind.HEADING, "Related"),
        (BlockKind.PARAGRAPH, ARTICLE),
        (BlockKind.PARAGRAPH, ARTICLE),
    )
    assert _flags(text, blocks) == [False, False, False]


def test_a_teaser_heading_followed_by_a_long_paragraph_is_not_a_teaser_list():
    text, blocks = _layout(
        (BlockKind.PARAGRAPH, ARTICLE),
        (BlockKind.HEADING, "Read more"),
        (BlockKind.PARAGRAPH, ARTICLE * 2),
    )
    assert _flags(text, blocks) == [False, False, False]


def test_a_teaser_heading_must_be_the_whole_block():
    text, blocks = _layout(
        (BlockKind.PARAGRAPH, ARTICLE),
        (BlockKind.PARAGRAPH, "More in Technology than in any other sector, analysts said."),
        (BlockKind.PARAGRAPH, "Shares rose."),
    )
    assert _flags(text, blocks) == [False, False, False]


def test_code_is_never_a_prompt():
    text, blocks = _layout((BlockKind.PARAGRAPH, ARTICLE), (BlockKind.CODE, "Subscribe now"))
    assert _flags(text, blocks) == [False, False]


def test_seed_001_is_boilerplate_from_the_locked_insights_to_the_end():
    (article,) = read_articles(SEEDS / "001_815e82a371ecc808.txt")
    words = [article.text[b.start : b.end] for b in article.blocks]
    first = words.index("This story's Key Insights and Take-aways are locked.")
    assert [b.boilerplate for b in article.blocks] == [i >= first for i in range(len(words))]
    assert words[first + 3] == "More in Technology"


@pytest.mark.parametrize("seed", ["000_141659a25003a937.txt", "002_d42a958ccc1595c9.txt"])
def test_the_source_and_the_other_rewrite_have_no_boilerplate(seed: str):
    (article,) = read_articles(SEEDS / seed)
    assert not any(b.boilerplate for b in article.blocks)
