"""Sentence boundaries inside one block: the fixture cases, exact offsets and hostile input."""

import json
import random
from pathlib import Path

import pytest

from factcheck.core.segment import split

FIXTURES = Path(__file__).parent.parent / "data" / "segmentation"


def _cases(name: str) -> list:
    cases = json.loads((FIXTURES / name).read_text(encoding="utf-8"))["cases"]
    return [pytest.param(case, id=f"{case.get('rule', '')} {case['name']}".strip()) for case in cases]


def _sentences(text: str, lang: str) -> list[str]:
    return [text[start:end] for start, end in split(text, lang)]


def _assert_well_formed(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end


@pytest.mark.parametrize(
    "case",
    _cases("golden_rules_en.json") + _cases("news_en.json") + _cases("cjk.json"),
)
def test_fixture_case(case: dict) -> None:
    text, lang = case["text"], case.get("lang", "en")
    spans = split(text, lang)
    _assert_well_formed(text, spans)
    sentences = [text[start:end] for start, end in spans]
    if "known_failure" in case:
        # Still failing as documented; when this breaks, move the case to the passing ones.
        assert sentences != case["expected"], "now passes: drop its known_failure"
    else:
        assert sentences == case["expected"]


def test_golden_rules_score_meets_the_aim() -> None:
    cases = json.loads((FIXTURES / "golden_rules_en.json").read_text(encoding="utf-8"))["cases"]
    assert len(cases) == 52
    assert sum("known_failure" not in case for case in cases) >= 48


def test_offsets_are_code_points_not_bytes_or_utf16_units() -> None:
    text = "Ünïcödé 😀 first. 中文第二句。Third 𝒳 one!"
    assert _sentences(text, "en") == ["Ünïcödé 😀 first.", "中文第二句。", "Third 𝒳 one!"]


@pytest.mark.parametrize("lang", ["en", "en-GB", "en_US", "EN", "", "zh-Hant", "xx"])
def test_any_language_code_is_accepted(lang: str) -> None:
    assert _sentences("Mr. Smith came. 他走了。", lang) == ["Mr. Smith came.", "他走了。"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "...", "* * *", "—", "“”", "🎉"])
def test_text_without_letters_or_digits_has_no_sentence(text: str) -> None:
    assert split(text) == []


def test_leading_punctuation_joins_the_first_sentence() -> None:
    assert _sentences("… And then it stopped. Nobody knew.", "en") == [
        "… And then it stopped.",
        "Nobody knew.",
    ]


def test_a_sentence_longer_than_the_window_is_not_cut() -> None:
    text = "It " + "went on and on " * 400 + "forever. Then it stopped."
    assert _sentences(text, "en") == [text[: -len(" Then it stopped.")], "Then it stopped."]


def test_boundaries_across_windows_match_the_unwindowed_result() -> None:
    paragraph = "Dr. Li met the U.S. envoy at 9 a.m. on Monday. “We agreed,” she said. "
    text = paragraph * 200
    sentences = _sentences(text, "en")
    assert sentences == ["Dr. Li met the U.S. envoy at 9 a.m. on Monday.", "“We agreed,” she said."] * 200


def test_lone_surrogate_does_not_break_segmentation() -> None:
    text = "Bad \ud800 byte. Next one."
    assert _sentences(text, "en") == ["Bad \ud800 byte.", "Next one."]


@pytest.mark.parametrize("space", ["\xa0", "\u2009", "\u202f", "\u3000", "\x85"])
def test_wide_space_before_a_full_stop_does_not_crash_the_library(space: str) -> None:
    # sentencex 1.0.32 panics on "B\xa0." (it slices bytes after a multi-byte space).
    text = f"Plan B{space}. Then it worked."
    assert _sentences(text, "en") == [f"Plan B{space}.", "Then it worked."]


def test_random_text_always_gives_well_formed_spans() -> None:
    pieces = [
        "a",
        "B",
        "I",
        "é",
        "你",
        "。",
        "！",
        "」",
        "「",
        "“",
        "”",
        "'",
        "(",
        ")",
        " ",
        "\n",
        ".",
        "...",
        "…",
        ". . .",
        "?",
        "!",
        ":",
        "1.",
        "2.",
        "a.",
        "b.",
        "•",
        "Mr.",
        "U.S.",
        "3.5",
        "３．５",
        "と",
        "😀",
        "\xa0",
        "\u3000",
        "\u2028",
        "．",
        "।",
        "؟",
        "\u200b",
        "e\u0301",
    ]
    rng = random.Random(20261122)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        spans = split(text, rng.choice(["en", "zh", "ja", "de", "hi", "ar"]))
        _assert_well_formed(text, spans)


def _pathological() -> list:
    zh = "中国医疗AI取得突破。手术机器人获得欧盟批准！他说：“我们准备好了。”"
    return [
        pytest.param("a" * 100_000, id="no spaces"),
        pytest.param("a." * 50_000, id="dots without spaces"),
        pytest.param("." * 100_000, id="only full stops"),
        pytest.param("?!.…。" * 20_000, id="only punctuation"),
        pytest.param("1. " * 33_000, id="list markers only"),
        pytest.param(": 1. a 2. b " * 9_000, id="many lists"),
        pytest.param("a. . . . A " * 10_000, id="MLA ellipses"),
        pytest.param("x… Y " * 20_000, id="ellipsis characters"),
        pytest.param("“a. " * 30_000, id="unclosed quotes"),
        pytest.param("(" * 100_000, id="open parentheses"),
        pytest.param("\n" * 100_000, id="only newlines"),
        pytest.param("abc 你好。Привет. مرحبا؟ 😀 " * 5_000, id="mixed scripts"),
        pytest.param(zh * 4_000, id="long Chinese block"),
        pytest.param("7", id="lone number"),
    ]


@pytest.mark.parametrize("text", _pathological())
def test_pathological_input_finishes_with_well_formed_spans(text: str) -> None:
    spans = split(text, "en")
    _assert_well_formed(text, spans)
    # Everything with a letter or digit is inside some sentence.
    covered = "".join(text[start:end] for start, end in spans)
    assert sum(ch.isalnum() for ch in covered) == sum(ch.isalnum() for ch in text)
