"""An article's sentences: block by block, with absolute offsets, never across a block."""

import dataclasses
import json
from pathlib import Path

import pytest

from factcheck.core.document import Block, BlockKind
from factcheck.core.sentences import SentenceSpan, split_article

HEADINGS = Path(__file__).parent.parent / "data" / "segmentation" / "headings.json"
SEEDS = Path(__file__).parent.parent.parent / "seeds"


def _article(*parts: tuple[BlockKind, str, dict]) -> tuple[str, list[Block]]:
    """The stored text and blocks of parts joined by newlines; `marker` is a list bullet."""
    text, blocks = "", []
    for kind, words, options in parts:
        start = len(text)
        marker = options.get("marker", "")
        text += marker + words
        blocks.append(
            Block(
                kind,
                start,
                len(text),
                boilerplate=options.get("boilerplate", False),
                text_start=start + len(marker) if marker else None,
            )
        )
        text += "\n"
    return text, blocks


def _texts(text: str, sentences: list[SentenceSpan]) -> list[str]:
    return [text[sentence.start : sentence.end] for sentence in sentences]


def test_a_line_without_final_punctuation_never_joins_the_next_block() -> None:
    text, blocks = _article(
        (BlockKind.HEADING, "Robot wins EU approval", {}),
        (BlockKind.PARAGRAPH, "A robot that helps doctors operate gets the green light", {}),
        (BlockKind.PARAGRAPH, "The robot received a CE mark. It can be sold in the E.U.", {}),
        (BlockKind.PARAGRAPH, "Sales start in May.", {}),
    )
    sentences = split_article(text, blocks, "en")
    assert _texts(text, sentences) == [
        "Robot wins EU approval",
        "A robot that helps doctors operate gets the green light",
        "The robot received a CE mark.",
        "It can be sold in the E.U.",
        "Sales start in May.",
    ]
    assert [sentence.block for sentence in sentences] == [0, 1, 2, 2, 3]
    assert [sentence.index for sentence in sentences] == [0, 1, 2, 3, 4]


def test_every_sentence_lies_inside_its_own_block() -> None:
    text, blocks = _article(
        (BlockKind.PARAGRAPH, "It was sold in the U.S.", {}),
        (BlockKind.PARAGRAPH, "Government buyers came first. Then hospitals.", {}),
    )
    for sentence in split_article(text, blocks, "en"):
        block = blocks[sentence.block]
        assert block.content_start <= sentence.start < sentence.end <= block.end


def test_list_items_start_after_their_bullet() -> None:
    text, blocks = _article(
        (BlockKind.LIST_ITEM, "Apply for the mark. Wait for the audit.", {"marker": "- "}),
        (BlockKind.LIST_ITEM, "Ship the robot", {"marker": "• "}),
    )
    sentences = split_article(text, blocks, "en")
    assert _texts(text, sentences) == ["Apply for the mark.", "Wait for the audit.", "Ship the robot"]
    assert sentences[0].start == blocks[0].content_start == 2


def test_boilerplate_is_copied_from_the_block() -> None:
    text, blocks = _article(
        (BlockKind.PARAGRAPH, "The robot was approved.", {}),
        (BlockKind.PARAGRAPH, "Register to unlock. Join the Club", {"boilerplate": True}),
    )
    sentences = split_article(text, blocks, "en")
    assert [sentence.boilerplate for sentence in sentences] == [False, True, True]


def test_blocks_without_words_have_no_sentences() -> None:
    text, blocks = _article(
        (BlockKind.PARAGRAPH, "First.", {}),
        (BlockKind.PARAGRAPH, "* * *", {}),
        (BlockKind.PARAGRAPH, "", {}),
        (BlockKind.PARAGRAPH, "Second.", {}),
    )
    sentences = split_article(text, blocks, "en")
    assert _texts(text, sentences) == ["First.", "Second."]
    assert [sentence.block for sentence in sentences] == [0, 3]


def test_a_code_block_is_one_sentence() -> None:
    text, blocks = _article((BlockKind.CODE, "x = 1. Print(x). Done.", {}))
    assert _texts(text, split_article(text, blocks, "en")) == ["x = 1. Print(x). Done."]


def test_chinese_article_splits_on_chinese_punctuation() -> None:
    text, blocks = _article(
        (BlockKind.HEADING, "手术机器人获欧盟批准", {}),
        (BlockKind.PARAGRAPH, "该机器人获得CE认证。它可以在欧盟销售！", {}),
    )
    assert _texts(text, split_article(text, blocks, "zh")) == [
        "手术机器人获欧盟批准",
        "该机器人获得CE认证。",
        "它可以在欧盟销售！",
    ]


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, id=case["name"])
        for case in json.loads(HEADINGS.read_text(encoding="utf-8"))["cases"]
    ],
)
def test_a_heading_is_one_sentence_unless_it_clearly_holds_several(case: dict) -> None:
    text, blocks = _article((BlockKind.HEADING, case["text"], {}))
    assert _texts(text, split_article(text, blocks, case["lang"])) == case["expected"]


def test_seed_rewrite_sentences_stay_within_their_lines() -> None:
    # The rewrites are plain text: each line is a block (a heading or dek has no full stop).
    text = (SEEDS / "002_d42a958ccc1595c9.txt").read_text(encoding="utf-8")
    blocks, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            blocks.append(Block(BlockKind.PARAGRAPH, start, start + len(line)))
        start += len(line) + 1
    sentences = split_article(text, blocks, "en")
    assert len(sentences) == 21
    assert _texts(text, sentences)[2] == "A robot that helps doctors operate gets the green light in Europe"
    for sentence in sentences:
        assert "\n" not in text[sentence.start : sentence.end]


def test_sentence_spans_are_immutable_values() -> None:
    sentence = SentenceSpan(index=0, start=0, end=5, block=0, boilerplate=False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sentence.start = 1  # type: ignore[misc]
    assert sentence == SentenceSpan(0, 0, 5, 0, False)
