"""How fast the evidence assistant is: `align` of 10,000 rewrite sentences against 10,000 source
sentences, the whole assessment (alignment, flags, swapped words, suggestions), `factcheck align`
end to end as a process, and the window's assessment of a 1 MB rewrite beside a 1 MB source.

The sentences are real English prose: the docstrings of this Python's standard library, split with
sentencex; each rewrite sentence is a source sentence with a quarter of its words dropped, three
words of another sentence added and the order shuffled (fixed seed). Floors, measured in the same
run: reading every sentence's words with one regular expression (for the in-process figures), and
a bare Python process that reads both files (for the command). CPU seconds are printed beside
the wall-clock ones: on a shared machine they are the steadier figure.

    python bench/alignment.py [--runs 3] [--size 10000]

The assessment is timed on a fresh source each run (its index is built each time, as when a
reviewer first opens an article); the window then keeps it in the project file. Targets: the
command ≤ 4 s (goal 2 s); the window's 1 MB × 1 MB assessment ≤ 2 s, off the UI thread.
"""

import argparse
import ast
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sentencex import segment

from factcheck.core.assist.assistant import assess, to_json
from factcheck.core.assist.evidence import align

MEGABYTE = 1_000_000


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


def corpus(
    sentences: list[str], size: int | None, characters: int | None = None
) -> tuple[list[str], list[str]]:
    """A source of `size` sentences (or of about `characters` characters) and a rewrite of it."""
    rng = random.Random(7)
    shuffled = list(sentences)
    rng.shuffle(shuffled)
    if characters is not None:
        source, total = [], 0
        for sentence in shuffled:
            if total >= characters:
                break
            source.append(sentence)
            total += len(sentence) + 2
    else:
        source = shuffled[:size]
    rewrite, total = [], 0
    while len(rewrite) < len(source) if characters is None else total < characters:
        kept = [w for w in rng.choice(source).split() if rng.random() > 0.25]
        kept += rng.choice(shuffled).split()[:3]
        rng.shuffle(kept)
        rewrite.append(" ".join(kept))
        total += len(rewrite[-1]) + 2
    return source, rewrite


def as_file(folder: Path, name: str, title: str, sentences: list[str]) -> Path:
    path = folder / name
    path.write_text(title + "\n\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")
    return path


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of a process (the CPU time is what a busy machine does not
    inflate: this one is shared)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


class Clock:
    """Wall-clock and CPU seconds of a block of this process."""

    def __enter__(self) -> "Clock":
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    sentences = prose()
    source, rewrite = corpus(sentences, args.size)
    big_source, big_rewrite = corpus(sentences, None, MEGABYTE)
    factcheck = Path(sys.executable).with_name("factcheck")
    word = re.compile(r"\w+")
    timings: dict[str, list[tuple[float, float]]] = {
        "floor: regex words of every sentence": [],
        "align (first call)": [],
        "align (later calls)": [],
        "assess: align, flags, swaps, suggestions": [],
        "window: assess + JSON, 1 MB × 1 MB": [],
        "floor: a Python process reading both files": [],
        "factcheck align --json, end to end": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        source_file = as_file(Path(folder), "source.txt", "Source", source)
        rewrite_file = as_file(Path(folder), "rewrite.txt", "Rewrite", rewrite)
        read_both = "import sys\nfor p in sys.argv[1:]: open(p, encoding='utf-8').read().split('\\n\\n')"
        for run in range(args.runs):
            with Clock() as clock:
                for sentence in source + rewrite:
                    word.findall(sentence)
            timings["floor: regex words of every sentence"].append((clock.wall, clock.cpu))
            with Clock() as clock:
                align(source, rewrite)
            timings["align (first call)" if run == 0 else "align (later calls)"].append(
                (clock.wall, clock.cpu)
            )
            fresh = [f"{sentence} ({run})" for sentence in source]  # a new source: no cached index
            with Clock() as clock:
                assess(fresh, rewrite)
            timings["assess: align, flags, swaps, suggestions"].append((clock.wall, clock.cpu))
            fresh = [f"{sentence} ({run})" for sentence in big_source]
            with Clock() as clock:
                to_json(assess(fresh, big_rewrite))
            timings["window: assess + JSON, 1 MB × 1 MB"].append((clock.wall, clock.cpu))
            timings["floor: a Python process reading both files"].append(
                timed([sys.executable, "-c", read_both, str(source_file), str(rewrite_file)])
            )
            timings["factcheck align --json, end to end"].append(
                timed([str(factcheck), "align", "--json", "--source", str(source_file), str(rewrite_file)])
            )
    print(f"command: python bench/alignment.py --runs {args.runs} --size {args.size}")
    print(
        f"{len(source)} source × {len(rewrite)} rewrite sentences, "
        f"{sum(map(len, source)) / len(source):.0f} characters on average; the 1 MB pair: "
        f"{len(big_source)} × {len(big_rewrite)} sentences\n"
    )
    print(f"{'what':44} {'runs':>4} {'median s':>9} {'max s':>7} {'CPU s':>7}")
    for name, values in timings.items():
        if values:
            wall = [w for w, _ in values]
            cpu = statistics.median(c for _, c in values)
            print(f"{name:44} {len(values):>4} {statistics.median(wall):9.3f} {max(wall):7.3f} {cpu:7.3f}")


if __name__ == "__main__":
    main()
