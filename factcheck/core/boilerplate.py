"""Recognise text around an article that is not the article: paywall and sign-up prompts, and
the teaser list that closes a page ("More in Technology" and the headlines after it).

Such blocks are marked `boilerplate`: the viewer greys them and the review skips them, unless
the reviewer includes them back. The patterns are data (`data/boilerplate.json`), each with the
examples it must match and news sentences it must not. False positives cost more than misses
(a skipped sentence is never reviewed), so a prompt must open a short block, and a teaser
heading must be the whole block, in the second half of the text, with only short blocks after it.
"""

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

from factcheck.core.document import Block, BlockKind


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """The patterns and limits that decide what is boilerplate."""

    prompts: re.Pattern[str]
    """A block whose words this finds (searched, case-insensitive) is a prompt: the patterns of
    the data file as one alternation, so that each block is searched once, not once a pattern."""
    prompt_max_chars: int
    """Prompts are short: a longer block is article text even if a prompt pattern finds it."""
    teaser_headings: re.Pattern[str]
    """A block that is wholly one of these ("More in Technology") may open a teaser list."""
    teaser_heading_max_chars: int
    teaser_block_max_chars: int
    """Teasers are headlines and one-line blurbs: a longer block after the heading is no teaser."""
    teaser_max_blocks: int
    """A closing list of other stories is short: a heading further from the end opens none (and a
    text of a million short lines is not walked back through)."""


@cache
def default_rules() -> BoilerplateRules:
    """The rules in `factcheck/core/data/boilerplate.json`."""
    data = json.loads(files("factcheck.core").joinpath("data/boilerplate.json").read_text("utf-8"))
    return BoilerplateRules(
        prompts=_one_of(data["prompts"]),
        prompt_max_chars=data["prompt_max_chars"],
        teaser_headings=_one_of(data["teaser_headings"]),
        teaser_heading_max_chars=data["teaser_heading_max_chars"],
        teaser_block_max_chars=data["teaser_block_max_chars"],
        teaser_max_blocks=data["teaser_max_blocks"],
    )


def _one_of(patterns: list[dict]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p['pattern']})" for p in patterns), re.IGNORECASE)


def is_prompt(words: str, rules: BoilerplateRules) -> bool:
    """Whether a block's words are a call to subscribe, sign up, register or log in."""
    words = words.strip()
    return len(words) <= rules.prompt_max_chars and rules.prompts.search(words) is not None


def is_teaser_heading(words: str, rules: BoilerplateRules) -> bool:
    """Whether a block's words, all of them, name a list of other stories ("Related:")."""
    words = words.strip().rstrip(":").rstrip()
    return len(words) <= rules.teaser_heading_max_chars and rules.teaser_headings.fullmatch(words) is not None


def mark_boilerplate(
    text: str, blocks: Sequence[Block], rules: BoilerplateRules | None = None
) -> tuple[Block, ...]:
    """`blocks` with `boilerplate=True` on prompts and on a closing teaser list."""
    rules = rules or default_rules()
    words = [text[b.content_start : b.end] for b in blocks]
    marked = [
        b.kind is not BlockKind.CODE and is_prompt(w, rules) for b, w in zip(blocks, words, strict=True)
    ]
    teaser = _teaser_start(text, blocks, words, rules)
    if teaser is not None:
        marked[teaser:] = [True] * (len(blocks) - teaser)
    return tuple(
        replace(b, boilerplate=True) if m and not b.boilerplate else b
        for b, m in zip(blocks, marked, strict=True)
    )


def _teaser_start(
    text: str, blocks: Sequence[Block], words: list[str], rules: BoilerplateRules
) -> int | None:
    """The index of the first teaser heading after which only teaser-sized blocks follow.

    Walks back from the end through short blocks in the second half of the text; a page may
    close with several lists ("Related", then "Most read"), so the earliest heading wins.
    """
    half = len(text) // 2
    found = None
    for index in range(len(blocks) - 1, max(-1, len(blocks) - 1 - rules.teaser_max_blocks), -1):
        block = blocks[index]
        if block.start < half:
            break
        if block.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH) and is_teaser_heading(words[index], rules):
            found = index
        elif len(words[index]) > rules.teaser_block_max_chars:
            break
    return found
