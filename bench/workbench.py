"""The reviewer's workbench, measured in one run against floors measured in the same run.

1. start:  process start → first paint of the main window, `factcheck --db demo.db` against a
           bare PySide6 QMainWindow with a text view showing the demo's first rewrite; each run a
           fresh interpreter. Target: ≤ 2× bare.
2. open:   a generated 1 MB rewrite (20,000 sentences, half with my verdict) beside a 1 MB source:
           import (read, parse, segment, store), then `window.open_article` to the end of the
           first paint with the verdict tints, against `setPlainText` of the same two texts into
           two QPlainTextEdits and one paint. Target: open ≤ 1 s.
3. mark:   key 1/2/3 → committed event → repaint of the rewrite pane, 1,000 times on that
           article, against Down in a bare QPlainTextEdit holding the same text. Target: p99 ≤ 16 ms.
4. export: CSV of 1,000,000 current verdicts, `export_verdicts` and `factcheck export`, against
           the `sqlite3` shell running the same join in one SELECT (which leaves the evidence as
           spans: factcheck cuts the passages' text in Python), target ≤ 1.2×, and the shell
           writing the same rows and columns from a flat table, target ≤ 1.5×.

Qt runs offscreen (QT_QPA_PLATFORM=offscreen) in every case, window settings go to a temporary
ini ($FACTCHECK_SETTINGS), and every generated file lives in a temporary folder.

    python bench/workbench.py [--runs N] [--quick] [--only start|open|mark|export]
"""

import argparse
import gc
import json
import math
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

BENCH = Path(__file__).resolve().parent
os.environ["QT_QPA_PLATFORM"] = "offscreen"
try:
    import factcheck  # noqa: F401
except ModuleNotFoundError:  # run from a checkout that is not installed
    sys.path.insert(0, str(BENCH.parent))

import _workbench_data as data
import _workbench_export as exporting
from _workbench_table import Report, fmt, ms, print_table, secs

from factcheck.store.importing import import_files
from factcheck.store.project import Project

READER = "reviewer-1"


@dataclass(frozen=True, slots=True)
class Sizes:
    sentences: int
    chars: int
    marks: int
    verdicts: int


FULL = Sizes(sentences=20_000, chars=1_000_000, marks=1_000, verdicts=1_000_000)
QUICK = Sizes(sentences=2_000, chars=100_000, marks=100, verdicts=20_000)


# --------------------------------------------------------------------------------------- start
def bench_start(folder: Path, runs: int, report: Report) -> None:
    print("start: demo project, bare window vs factcheck, fresh interpreters …", flush=True)
    project = data.demo_project(folder / "demo.db")
    child = [sys.executable, str(BENCH / "_workbench_start.py")]
    settings = folder / "start-settings.ini"
    env = {**os.environ, "FACTCHECK_SETTINGS": str(settings)}
    # An installed package has its bytecode compiled (pip does it); so has this one after the warm
    # run below, unless the environment forbids writing it, which would time compiling instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def once(case: list[str]) -> tuple[float, float]:
        settings.unlink(missing_ok=True)  # every run is a first start on this settings file
        started = time.time()
        out = subprocess.run(
            [*child, *case], env=env, capture_output=True, text=True, check=True, timeout=120
        )
        painted, done = (float(value) for value in out.stdout.split())
        return painted - started, done - started

    text = folder / "demo-rewrite.txt"  # what the floor's text view shows
    text.write_text(resources.files("factcheck.seeds").joinpath(data.DEMO_REWRITES[0]).read_text("utf-8"))
    bare_case = ["bare", str(text)]
    factcheck_case = ["factcheck", "--db", str(project)]
    # Warm the file cache, and let the assistant keep its result for the demo, as on a second start.
    once(bare_case)
    once(factcheck_case)
    bare, mine = [], []
    for _ in range(runs):  # alternated, so that the machine's moods fall on both alike
        bare.append(once(bare_case))
        mine.append(once(factcheck_case))
    first = [p for p, _ in mine]
    report.add(
        "start → first paint (demo)", first, [p for p, _ in bare], "≤ 2× bare", _ratio(mine, bare, 0) <= 2
    )
    report.add(
        "start → first frame done (demo)",
        [d for _, d in mine],
        [d for _, d in bare],
        "(≤ 2× bare)",
        _ratio(mine, bare, 1) <= 2,
    )
    settings.unlink(missing_ok=True)
    started = time.time()
    out = subprocess.run(
        [*child, "phases", "--db", str(project)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    steps = json.loads(out.stdout)
    steps[0][1] -= started
    report.note("where factcheck's start goes (one run): " + "; ".join(f"{s} {ms(t)}" for s, t in steps))


def _ratio(mine: list[tuple[float, float]], bare: list[tuple[float, float]], part: int) -> float:
    return statistics.median(m[part] for m in mine) / statistics.median(b[part] for b in bare)


# --------------------------------------------------------------------------------------- open, mark
def bench_window(folder: Path, sizes: Sizes, runs: int, only: str | None, report: Report) -> None:
    pair = data.write_pair(folder / "texts", sizes.sentences, sizes.chars, seed=2026)
    if only in (None, "open"):
        print("import: the source and the rewrite, a fresh project each run …", flush=True)
        seconds = []
        for run in range(runs):
            project = Project.open(folder / f"import-{run}.db")
            start = time.perf_counter()
            import_files(project, pair.source, [pair.rewrite])
            seconds.append(time.perf_counter() - start)
            project.close()
        report.add(
            f"import {_mb(pair.source)} source + {_mb(pair.rewrite)} rewrite", seconds, None, "(report)", None
        )

    path = folder / "review.db"
    project = Project.open(path)
    source, rewrite = (result.article for result in import_files(project, pair.source, [pair.rewrite]))
    given = data.add_verdicts(project, data.rewrite_sentence_ids(project, rewrite.id), [READER], 0.5, seed=7)
    project.close()
    report.note(
        f"rewrite: {len(rewrite.text):,} characters, {len(rewrite.sentences):,} sentences"
        f" ({sum(s.boilerplate for s in rewrite.sentences):,} boilerplate), {given:,} with my verdict;"
        f" source: {len(source.text):,} characters, {len(source.sentences):,} sentences"
    )
    rewrite_id = rewrite.id
    del source, rewrite  # hold no articles of our own: the window's are the ones that count

    # Qt only from here on (the start-up children must not inherit a loaded Qt).
    import _workbench_window as ui

    from factcheck.ui.app import application

    application()
    start = time.perf_counter()
    window = ui.open_window(path, READER, folder / "window-settings.ini")
    opened = time.perf_counter() - start
    assistant = ui.wait_for_assistant(window)
    report.note(
        f"the window opened on it in {fmt(opened)}; the evidence assistant then took"
        f" {assistant:.1f} s more in the background"
    )
    # Marking first, in the window as it stands after opening: re-opening the article for the
    # open runs leaves garbage behind that would slow the marking down (see the object count).
    if only in (None, "mark"):
        bench_mark(window, path, sizes.marks, report)
    if only in (None, "open"):
        bench_open(window, path, rewrite_id, runs, report)
    window.close()
    window.session.project.close()


def bench_open(window, path: Path, rewrite_id: str, runs: int, report: Report) -> None:
    import _workbench_window as ui

    print(f"open: open_article → first painted frame, {runs} runs each …", flush=True)
    alive = _objects_alive()
    again, tinted = [], []
    for _ in range(runs):
        again.append(ui.time_open(window, rewrite_id))
        tinted.append(ui.tinted_sentences_on_screen(window))
        ui.wait_for_assistant(window)
    first = []
    for _ in range(runs):
        ui.forget_assessment(path, rewrite_id)
        first.append(ui.time_open(window, rewrite_id))
        window.review.stop_jobs()
    grown = _objects_alive() - alive
    article = window.review.article
    panes = ui.TwoPanes()
    floor = []
    for _ in range(runs):
        panes.clear()
        floor.append(panes.time_show(article.rewrite.text, article.source.text))
    panes.close()
    report.add(
        f"open {len(article.rewrite.sentences):,}-sentence rewrite beside source",
        again,
        floor,
        "≤ 1 s",
        statistics.median(again) <= 1,
    )
    report.add("  the same, assistant not yet run", first, floor, "≤ 1 s", statistics.median(first) <= 1)
    report.note(
        f"open: {min(tinted)}–{max(tinted)} tinted sentences on screen after each open; 'assistant not"
        " yet run': its kept result deleted first, so it starts computing on its thread during the open"
    )
    report.note(
        f"open: Python objects alive grew by {grown:,} over {2 * runs} opens of the same article"
        f" ({grown // (2 * runs):,} per open), counted after gc.collect()"
    )


def _objects_alive() -> int:
    """Objects the garbage collector tracks after a full collection. What the window leaves
    alone (gc.freeze, while an article is open) is handed back first: counted, and collected if
    it has become garbage."""
    gc.unfreeze()
    gc.collect()
    return len(gc.get_objects())


def bench_mark(window, path: Path, count: int, report: Report) -> None:
    import _workbench_window as ui

    print(f"mark: {count:,} key presses on the open rewrite …", flush=True)
    before = data.count_events(path, READER)
    mine = ui.time_marks(window, count)
    committed = data.count_events(path, READER) - before
    floor = ui.DownKeys(window.review.article.rewrite.text)
    down = floor.time_keys(count)
    floor.edit.close()
    p99 = _quantile(mine, 0.99)
    report.add("key → saved → repainted, p50", mine, down, "(report)", None)
    report.add("key → saved → repainted, p99", mine, down, "≤ 16 ms", p99 <= 0.016, _p99)
    report.note(
        f"mark latency: factcheck p50 {ms(statistics.median(mine))}, p99 {ms(p99)}, max {ms(max(mine))};"
        f" floor (Down in a bare QPlainTextEdit) p50 {ms(statistics.median(down))},"
        f" p99 {ms(_quantile(down, 0.99))}, max {ms(max(down))}"
    )
    report.note(
        f"mark: {committed:,} events committed for {count:,} keys (counted through a separate connection)"
        + ("" if committed == count else "  ← MISMATCH")
    )


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def _p99(values: list[float]) -> float:
    return _quantile(values, 0.99)


# --------------------------------------------------------------------------------------- export
def bench_export(folder: Path, sizes: Sizes, runs: int, report: Report) -> None:
    print("export: ", end="")
    built = data.verdict_project(folder / "export.db", sizes.sentences, sizes.chars, sizes.verdicts)
    path, verdicts = built.path, built.verdicts
    report.note(
        f"export project: {verdicts:,} current verdicts from {built.events:,} events, built in"
        f" {built.seconds:.0f} s; {path.stat().st_size / 1e6:,.0f} MB"
    )
    budget = 20.0  # a run that takes longer is not repeated (the whole bench stays near 10 minutes)
    print(
        "export: sqlite3 shell (the same join, a flat table), export_verdicts, factcheck export …", flush=True
    )
    shell = exporting.shell(path, folder / "shell.csv", runs, budget)
    flat = exporting.shell_flat(
        exporting.flat_table(path, folder / "flat.db"), folder / "flat.csv", runs, budget
    )
    mine = exporting.in_process(path, folder / "factcheck.csv", runs, budget)
    cli = exporting.command_line(path, folder / "cli.csv", runs, budget)
    for name, result in (("export_verdicts", mine), ("factcheck export", cli)):
        for floor, what, target in ((shell, "the same join", 1.2), (flat, "a flat table", 1.5)):
            report.add(
                f"CSV export, {name} ({verdicts / 1e6:.2f} M rows) vs shell on {what}",
                result.seconds,
                floor.seconds,
                f"≤ {target}× shell",
                statistics.median(result.seconds) <= target * statistics.median(floor.seconds),
            )
    same = {shell.rows, flat.rows, mine.rows, cli.rows} == {verdicts}
    report.note(
        f"export rows: shell {shell.rows:,}, flat {flat.rows:,}, export_verdicts {mine.rows:,},"
        f" factcheck export {cli.rows:,}" + ("" if same else "  ← MISMATCH")
    )
    print("export: where the time goes …", flush=True)
    read = statistics.median(exporting.read_only(path, runs, budget))
    made = statistics.median(exporting.records_only(path, runs, budget))
    written = statistics.median(mine.seconds) - made
    report.note(
        f"where the export's time goes: reading the rows in export order {secs(read)}; making the CSV"
        f" records {secs(made)} in all; writing them to the file {secs(written)}"
    )


def _mb(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.2f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (medians); default 7")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--only", choices=["start", "open", "mark", "export"])
    args = parser.parse_args()
    if shutil.which("sqlite3") is None and args.only in (None, "export"):
        parser.error("the export floor needs the sqlite3 shell on PATH")
    sizes = QUICK if args.quick else FULL
    report = Report([], [])
    steps: list[tuple[str, Callable[[Path], None]]] = [
        ("start", lambda folder: bench_start(folder, args.runs, report)),
        ("window", lambda folder: bench_window(folder, sizes, args.runs, args.only, report)),
        ("export", lambda folder: bench_export(folder, sizes, args.runs, report)),
    ]
    wanted = {None: {"start", "window", "export"}, "open": {"window"}, "mark": {"window"}}
    began, load = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="factcheck-workbench-") as folder:
        for name, step in steps:
            if name in wanted.get(args.only, {args.only}):
                step(Path(folder))
    report.note(
        f"the whole run took {time.perf_counter() - began:.0f} s; load average {load:.1f} before it,"
        f" {os.getloadavg()[1]:.1f} over its last 5 minutes (other work on the machine skews the times)"
    )
    print_table(report, "python " + shlex.join([f"bench/{Path(__file__).name}", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
