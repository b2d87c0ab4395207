"""How long `align` takes for 10,000 rewrite sentences against 10,000 source sentences, and
how long the window's whole assessment takes (alignment, discrepancy flags and suggestions).

The sentences are real English prose: the docstrings of this Python's standard library, split with
sentencex; each rewrite sentence is a source sentence with a quarter of its words dropped, three
words of another sentence added and the order shuffled (fixed seed). The floor, measured in the
same run, is reading every sentence's words with one regular expression.

    python bench/alignment.py [--runs 5] [--size 10000]

The assessment is timed once per run on a fresh source (its index is built each time, as when a
reviewer first opens an article); the window then keeps it in the project file.
"""

import argparse
import ast
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sentencex import segment

from factcheck.core.assist.assistant import assess
from factcheck.core.assist.evidence import align


def prose() -> list[str]:
    library = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    found: dict[str, None] = {}
    for path in sorted(library.rglob("*.py")):
        if "test" in path.parts or "site-packages" in path.parts:
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                for paragraph in (ast.get_docstring(node) or "").split("\n\n"):
                    for sentence in segment("en", " ".join(paragraph.split())):
                        if len(sentence.split()) >= 6:
                            found[sentence.strip()] = None
    return list(found)


def corpus(size: int) -> tuple[list[str], list[str]]:
    sentences = prose()
    rng = random.Random(7)
    rng.shuffle(sentences)
    source = sentences[:size]
    rewrite = []
    for _ in range(size):
        kept = [w for w in rng.choice(source).split() if rng.random() > 0.25]
        kept += rng.choice(sentences).split()[:3]
        rng.shuffle(kept)
        rewrite.append(" ".join(kept))
    return source, rewrite


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    source, rewrite = corpus(args.size)
    word = re.compile(r"\w+")
    timings: dict[str, list[float]] = {
        "floor: regex words of every sentence": [],
        "align (first call)": [],
        "align (later calls)": [],
        "assess: align + flags + suggestions": [],
    }
    for run in range(args.runs):
        started = time.perf_counter()
        for sentence in source + rewrite:
            word.findall(sentence)
        timings["floor: regex words of every sentence"].append(time.perf_counter() - started)
        started = time.perf_counter()
        align(source, rewrite)
        timings["align (first call)" if run == 0 else "align (later calls)"].append(
            time.perf_counter() - started
        )
        fresh = [f"{sentence} ({run})" for sentence in source]  # a new source: no cached index
        started = time.perf_counter()
        assess(fresh, rewrite)
        timings["assess: align + flags + suggestions"].append(time.perf_counter() - started)
    print(f"command: python bench/alignment.py --runs {args.runs} --size {args.size}")
    print(
        f"{len(source)} source × {len(rewrite)} rewrite sentences, "
        f"{sum(map(len, source)) / len(source):.0f} characters on average\n"
    )
    print(f"{'what':40} {'runs':>4} {'median s':>9} {'max s':>7}")
    for name, values in timings.items():
        if values:
            print(f"{name:40} {len(values):>4} {statistics.median(values):9.3f} {max(values):7.3f}")


if __name__ == "__main__":
    main()
