"""Compare sentence segmenters on the Golden Rules, factcheck's own cases and speed.

Each candidate splits one block (paragraph) at a time, as factcheck does. Scores count the
fixture cases in tests/data/segmentation/ whose sentences come out exactly; speed is the median
of --repeat runs over about 1 MB (UTF-8) of news-like English built from seeds/, and of Chinese.
pysbd is timed on a smaller sample because it is slow and known to hang on some inputs.

    python bench/segmenters.py [--repeat 5]
"""

import argparse
import json
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pysbd
import sentencex
import syntok.segmenter

from factcheck.core.document import Block, BlockKind
from factcheck.core.segment import split
from factcheck.core.sentences import split_article

FIXTURES = ROOT / "tests" / "data" / "segmentation"
MEGABYTE = 1_000_000
PYSBD_SAMPLE = 100_000

Spans = list[tuple[int, int]]
Segmenter = Callable[[str, str], Spans]

CHINESE_NEWS = [
    (
        "中国医疗人工智能取得新的里程碑。上海微创医疗机器人公司周一在香港交易所公告中表示，其图迈远程手术机器人"
        "已获得欧盟CE认证，这是进入欧盟市场的强制性要求。该公司称，这是首个获得CE认证的远程手术机器人。"
    ),
    (
        "根据公司介绍，图迈机器人由三个主要部分组成——医生控制台、患者手术平台和影像平台。通过整合最新的5G技术，"
        "它可以在泌尿外科、普通外科、胸外科和妇科开展远程手术。"
    ),
    (
        "在获得欧盟批准之前，该系统曾在英国使用，完成了该国首例机器人远程手术。据BBC三月份的报道，一名伦敦外科"
        "医生为远在约2400公里（1490英里）外直布罗陀的一名癌症患者远程实施了前列腺切除手术！"
    ),
    (
        "与此同时，临床级模型Baichuan-M4在OpenAI开发的HealthBench基准测试中位居榜首。这意味着什么？分析人士"
        "指出，基准测试成绩并不等同于真实世界的临床效果……但它确实是一个重要信号。"
    ),
    (
        "微创医疗机器人此前已在全球60多个市场交付了300多台图迈机器人。公司在微信公众号上表示：“我们将继续推动"
        "远程手术的普及。”"
    ),
]


def _trimmed(text: str, spans: Spans) -> Spans:
    result = []
    for start, end in spans:
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            start += len(piece) - len(piece.lstrip())
            result.append((start, start + len(stripped)))
    return result


def _sentencex(text: str, lang: str) -> Spans:
    found = sentencex.get_sentence_boundaries(lang, text)
    return _trimmed(text, [(b["start_index"], b["end_index"]) for b in found])


_PYSBD: dict[str, pysbd.Segmenter] = {}


def _pysbd(text: str, lang: str) -> Spans:
    if lang not in _PYSBD:
        _PYSBD[lang] = pysbd.Segmenter(language=lang, clean=False, char_span=True)
    return _trimmed(text, [(span.start, span.end) for span in _PYSBD[lang].segment(text)])


def _syntok(text: str, lang: str) -> Spans:
    spans = []
    for paragraph in syntok.segmenter.analyze(text):
        for sentence in paragraph:
            tokens = list(sentence)
            spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return _trimmed(text, spans)


CANDIDATES: list[tuple[str, Segmenter]] = [
    ("factcheck (sentencex + repairs)", split),
    (f"sentencex {version('sentencex')}", _sentencex),
    (f"pysbd {version('pysbd')}", _pysbd),
    (f"syntok {version('syntok')}", _syntok),
]


def _cases(*names: str) -> list[dict]:
    cases = []
    for name in names:
        cases += json.loads((FIXTURES / name).read_text(encoding="utf-8"))["cases"]
    return cases


def _score(segment: Segmenter, cases: list[dict]) -> int:
    passed = 0
    for case in cases:
        text = case["text"]
        sentences = [text[start:end] for start, end in segment(text, case.get("lang", "en"))]
        passed += sentences == case["expected"]
    return passed


def _english_paragraphs() -> list[str]:
    source = json.loads((ROOT / "seeds" / "000_141659a25003a937.txt").read_text(encoding="utf-8"))
    lines = source["body_md"].split("\n")
    for name in ("001_815e82a371ecc808.txt", "002_d42a958ccc1595c9.txt"):
        lines += (ROOT / "seeds" / name).read_text(encoding="utf-8").split("\n")
    lines += [case["text"] for case in _cases("news_en.json")]
    return [line.lstrip("# ") for line in lines if line.strip()]


def _corpus(paragraphs: list[str], size: int) -> list[str]:
    """Paragraphs drawn in a fixed random order until they hold `size` bytes of UTF-8."""
    rng, corpus, total = random.Random(0), [], 0
    while total < size:
        paragraph = rng.choice(paragraphs)
        corpus.append(paragraph)
        total += len(paragraph.encode()) + 1
    return corpus


def _median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def _speed(segment: Segmenter, corpus: list[str], lang: str, repeat: int) -> str:
    size = sum(len(paragraph.encode()) + 1 for paragraph in corpus)
    seconds = _median_seconds(lambda: [segment(paragraph, lang) for paragraph in corpus], repeat)
    return f"{size / MEGABYTE / seconds:8.2f}"


def _with_sentences(paragraphs: list[str], count: int) -> list[str]:
    """Paragraphs drawn in a fixed random order until they hold `count` sentences."""
    rng, corpus, total = random.Random(1), [], 0
    while total < count:
        paragraph = rng.choice(paragraphs)
        corpus.append(paragraph)
        total += len(split(paragraph, "en"))
    return corpus


def _article_timing(corpus: list[str], repeat: int) -> tuple[int, int, float]:
    text = "\n".join(corpus)
    blocks, start = [], 0
    for paragraph in corpus:
        blocks.append(Block(BlockKind.PARAGRAPH, start, start + len(paragraph)))
        start += len(paragraph) + 1
    sentences = split_article(text, blocks, "en")
    seconds = _median_seconds(lambda: split_article(text, blocks, "en"), repeat)
    return len(text.encode()), len(sentences), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median)")
    args = parser.parse_args()

    golden = _cases("golden_rules_en.json")
    own = _cases("news_en.json", "cjk.json")
    english = _corpus(_english_paragraphs(), MEGABYTE)
    chinese = _corpus(CHINESE_NEWS + [c["text"] for c in own if c["lang"] == "zh"], MEGABYTE)

    print(f"python {platform.python_version()} on {platform.machine()}, median of {args.repeat}")
    header = f"{'segmenter':34} {'golden rules':>12} {'own cases':>10} {'en MB/s':>8} {'zh MB/s':>8}"
    print(header)
    print("-" * len(header))
    for name, segment in CANDIDATES:
        en, zh = english, chinese
        if segment is _pysbd:
            en, zh = _corpus(_english_paragraphs(), PYSBD_SAMPLE), _corpus(CHINESE_NEWS, PYSBD_SAMPLE)
            name += " (100 kB)"
        print(
            f"{name:34} {_score(segment, golden):>9}/{len(golden)} {_score(segment, own):>7}/{len(own)}"
            f" {_speed(segment, en, 'en', args.repeat)} {_speed(segment, zh, 'zh', args.repeat)}"
        )
    print()
    for corpus in (english, _with_sentences(_english_paragraphs(), 20_000)):
        size, count, seconds = _article_timing(corpus, args.repeat)
        print(
            f"split_article, {size / MEGABYTE:.2f} MB of English in {len(corpus)} blocks: "
            f"{count} sentences in {seconds * 1000:.0f} ms"
        )
    print(f"\ncommand: python bench/segmenters.py --repeat {args.repeat}")


if __name__ == "__main__":
    main()
