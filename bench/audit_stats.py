"""The team lead's audit figures on a large project, against the sqlite3 shell reading the same rows.

A generated project: 100,000 rewrite sentences in 20 rewrites, 5 reviewers who each decide about
90% of them (70% of the time the sentence's hidden verdict), then change, annotate or attach
evidence until the history holds 1,000,000 events, with 2,000 adjudications. Measured, each from
a freshly opened project file (the OS page cache is warm after the first run):

1. agreement:  every figure (percent, Cohen's κ per pair with confusion matrices, Fleiss' κ,
               Krippendorff's α) from the project file: the query plus `agreement`, overall; then
               `agreement_figures`, overall and for each rewrite. Target: ≤ 1 s. Floor: the
               sqlite3 shell running the same SELECT.
2. reviewers:  `reviewer_statistics` over every event. Floor: the shell reading the same columns.
3. report:     `write_report` as HTML (all figures, statistics and the first 1,000 disagreements).
4. history:    `factcheck export --history` of every event to a file, with the peak memory of
               the process. Floor: the shell's `.mode csv` export of the events table.

    python bench/audit_stats.py [--sentences N] [--events N] [--runs K] [--project PATH]

`--project PATH` keeps the generated project there (built only when missing), for repeated runs.
"""

import argparse
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path

try:
    import factcheck  # noqa: F401
except ModuleNotFoundError:  # run from a checkout that is not installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck.core.agreement import agreement
from factcheck.core.events import event_hash, format_time
from factcheck.core.labels import Verdict
from factcheck.core.report import ReportFormat
from factcheck.store.audit import agreement_figures, ratings, reviewer_statistics, write_report
from factcheck.store.project import Project

LABELS = ("supported", "contradicted", "unverifiable")
REVIEWERS = ("ana", "ben", "chidi", "dana", "emre")
_EVENT_COLUMNS = (
    "id, origin, seq, kind, sentence_id, reviewer, label, previous_label, evidence, note,"
    " included, via, decided_at, prev_hash, hash, suggestion"
)
_RATINGS = (
    "SELECT v.sentence_id, v.reviewer, v.label FROM verdicts v"
    " JOIN sentences s ON s.id = v.sentence_id"
    " WHERE v.label IS NOT NULL AND coalesce(v.included, NOT s.boilerplate)"
)
_EVENTS = "SELECT reviewer, kind, via, label, suggestion, decided_at FROM events"


def build(path: Path, sentences: int, rewrites: int, events: int, seed: int) -> None:
    """Write the generated project to `path` with the product's schema and triggers."""
    rng = random.Random(seed)
    project = Project.open(path)
    conn = project.conn
    conn.execute("PRAGMA cache_size = -1000000")  # building only: keep index pages in memory
    per_rewrite = sentences // rewrites
    with project.write():
        _article(conn, "source", None, "The source", 10_000)
        for r in range(rewrites):
            article = f"rewrite-{r:04d}"
            _article(conn, article, "source", f"Rewrite {r:02d}", 100 * per_rewrite)
            conn.executemany(
                'INSERT INTO sentences (id, article_id, idx, start, "end", block, boilerplate, text)'
                " VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
                (
                    (
                        f"{article}-{i:06d}",
                        article,
                        i,
                        100 * i,
                        100 * i + 90,
                        i,
                        f"Sentence {i} of {article}.",
                    )
                    for i in range(per_rewrite)
                ),
            )
    ids = [f"rewrite-{r:04d}-{i:06d}" for r in range(rewrites) for i in range(per_rewrite)]
    truth = {sentence: rng.choice(LABELS) for sentence in ids}
    per_reviewer = events // len(REVIEWERS)
    for number, reviewer in enumerate(REVIEWERS):
        rows = _history(rng, reviewer, f"origin-{number}", ids, truth, per_reviewer)
        while chunk := list(islice(rows, 100_000)):
            with project.write():
                conn.executemany(
                    f"INSERT INTO events ({_EVENT_COLUMNS}) VALUES ({', '.join('?' * 16)})", chunk
                )
    with project.write():
        for k, sentence in enumerate(rng.sample(ids, 2000)):
            _adjudication(conn, k + 1, sentence, truth[sentence])
    conn.execute("PRAGMA cache_size = -2000")
    project.close()


def _article(conn, article_id: str, source_id: str | None, title: str, length: int) -> None:
    conn.execute(
        "INSERT INTO articles (id, role, source_id, name, version, title, format, lang, text, metadata,"
        " file_name, imported_at) VALUES (?, ?, ?, ?, 1, ?, 'text', 'en', ?, '{}', ?, ?)",
        [
            article_id,
            "source" if source_id is None else "rewrite",
            source_id,
            article_id,
            title,
            "x" * length,
            f"{article_id}.txt",
            "2026-11-01T00:00:00.000000Z",
        ],
    )


def _history(
    rng: random.Random, reviewer: str, origin: str, ids: list[str], truth: dict[str, str], total: int
) -> Iterator[tuple]:
    """One reviewer's events in their own file's chain: a pass marking about 90% of the
    sentences, then passes changing, annotating and attaching evidence until `total` events."""
    moment = datetime(2026, 11, 1, 8, tzinfo=UTC)
    seq, prev_hash = 0, ""
    state: dict[str, tuple[str, str, str]] = {}  # sentence → (label, evidence, note)

    def event(sentence: str, kind: str, label: str | None, evidence: str, note: str, suggestion):
        nonlocal seq, prev_hash, moment
        gap = rng.uniform(0.4, 1.9) if rng.random() < 0.05 else rng.expovariate(1 / 25)
        if rng.random() < 0.003:
            gap += rng.uniform(3600, 16 * 3600)  # a break, a night
        moment += timedelta(seconds=gap)
        seq += 1
        previous = state.get(sentence, (None, "[]", ""))[0]
        decided_at = format_time(moment)
        event_id = f"{origin}-{seq:09d}"
        digest = event_hash(
            id=event_id, origin=origin, seq=seq, kind=kind, sentence_id=sentence, reviewer=reviewer,
            label=label, previous_label=previous, evidence=evidence, note=note, included=None,
            via="window", decided_at=decided_at, prev_hash=prev_hash, suggestion=suggestion,
        )  # fmt: skip
        prev_hash = digest
        state[sentence] = (label, evidence, note)
        return (
            event_id, origin, seq, kind, sentence, reviewer, label, previous, evidence, note, None,
            "window", decided_at, prev_hash, digest, suggestion,
        )  # fmt: skip

    written = 0
    for sentence in ids:
        if rng.random() < 0.9:
            label = truth[sentence] if rng.random() < 0.7 else rng.choice(LABELS)
            suggestion = rng.choice(LABELS) if rng.random() < 0.3 else None
            yield event(sentence, "mark", label, "[]", "", suggestion)
            written += 1
    decided = list(state)
    while written < total:
        for sentence in decided:
            if written >= total:
                return
            if rng.random() > 0.3:
                continue
            label, evidence, note = state[sentence]
            roll = rng.random()
            if roll < 0.3:
                label = rng.choice([other for other in LABELS if other != label])
                yield event(sentence, "change", label, evidence, note, None)
            elif roll < 0.65:
                yield event(
                    sentence, "note", label, evidence, f"checked against paragraph {written % 40}", None
                )
            else:
                start = rng.randrange(9_000)
                yield event(sentence, "evidence", label, f"[[{start},{start + 80}]]", note, None)
            written += 1


def _adjudication(conn, k: int, sentence: str, label: str) -> None:
    decided_at = f"2026-12-01T09:{k // 60 % 60:02d}:{k % 60:02d}.000000Z"
    event_id = f"lead-{k:09d}"
    prev = conn.execute("SELECT hash FROM events WHERE origin = 'lead' AND seq = ?", [k - 1]).fetchone()
    prev_hash = prev[0] if prev else ""
    digest = event_hash(
        id=event_id, origin="lead", seq=k, kind="adjudicate", sentence_id=sentence, reviewer="lead",
        label=label, previous_label=None, evidence="[]", note="settled", included=None, via="window",
        decided_at=decided_at, prev_hash=prev_hash,
    )  # fmt: skip
    conn.execute(
        f"INSERT INTO events ({_EVENT_COLUMNS}) VALUES ({', '.join('?' * 16)})",
        [event_id, "lead", k, "adjudicate", sentence, "lead", label, None, "[]", "settled", None, "window",
         decided_at, prev_hash, digest, None],
    )  # fmt: skip


def timed(work: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def in_fresh_project(path: Path, work: Callable[[Project], object]) -> Callable[[], object]:
    def run() -> object:
        project = Project.open(path)
        try:
            return work(project)
        finally:
            project.close()

    return run


def shell(path: Path, *commands: str) -> Callable[[], object]:
    """The sqlite3 shell running `commands` on the project, its output thrown away."""
    sqlite = shutil.which("sqlite3")
    if sqlite is None:
        raise SystemExit("the sqlite3 shell is not installed: it is the floor of every case here")
    argv = [sqlite, str(path), *commands]
    return lambda: subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)


def factcheck_command(*args: str) -> Callable[[], object]:
    argv = [str(Path(sys.executable).parent / "factcheck"), *args]
    return lambda: subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)


def peak_memory(*args: str) -> int:
    """The peak resident memory (KB) of `factcheck ARGS`, read from /proc while it runs.

    (The child's own rusage would count the memory of this process, from which it was forked.)
    """
    child = subprocess.Popen(
        [str(Path(sys.executable).parent / "factcheck"), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = 0
    while child.poll() is None:
        try:
            status = Path(f"/proc/{child.pid}/status").read_text()
        except OSError:  # it has just ended
            break
        found = re.search(r"VmHWM:\s+(\d+) kB", status)
        peak = max(peak, int(found[1])) if found else peak
        time.sleep(0.01)
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--rewrites", type=int, default=20)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--project", type=Path, help="keep the generated project here (built if missing)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="factcheck-audit-"))
    try:
        path = args.project or folder / "audit.db"
        if not path.exists():
            start = time.perf_counter()
            build(path, args.sentences, args.rewrites, args.events, args.seed)
            print(f"built {path} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
        measure(path, folder, args)
    finally:
        shutil.rmtree(folder)
    print("command: python " + shlex.join([f"bench/{Path(__file__).name}", *sys.argv[1:]]))


def measure(path: Path, folder: Path, args: argparse.Namespace) -> None:
    runs = args.runs
    project = Project.open(path)
    sentences, verdicts, events = project.conn.execute(
        "SELECT (SELECT count(*) FROM sentences), (SELECT count(*) FROM verdicts WHERE label IS NOT NULL),"
        " (SELECT count(*) FROM events)"
    ).fetchone()
    project.close()
    rows = []
    floor, _ = timed(shell(path, _RATINGS), runs)
    overall, _ = timed(in_fresh_project(path, lambda p: agreement(ratings(p), tuple(Verdict))), runs)
    rows.append(("agreement, overall", floor, overall, "≤ 1 s"))
    full, figures = timed(in_fresh_project(path, agreement_figures), runs)
    rows.append(("agreement, overall + each rewrite", floor, full, "≤ 1 s"))
    floor, _ = timed(shell(path, _EVENTS), runs)
    full, _ = timed(in_fresh_project(path, reviewer_statistics), runs)
    rows.append(("reviewer statistics, every event", floor, full, "report"))
    out = folder / "audit.html"
    report, _ = timed(
        in_fresh_project(path, lambda p: write_report(p, out, ReportFormat.HTML, limit=1000)), runs
    )
    rows.append(("HTML report, 1,000 disagreements", None, report, "report"))
    history = folder / "history.csv"
    floor, _ = timed(
        shell(path, ".mode csv", ".headers on", f".output {history}", "SELECT * FROM events"), runs
    )
    export = ("export", "--db", str(path), "--history", "-o", str(history))
    full, _ = timed(factcheck_command(*export), runs)
    rows.append(("factcheck export --history", floor, full, "report"))
    peak, resting = peak_memory(*export), peak_memory("articles", "--db", str(path))

    print(
        f"{sentences:,} sentences, {verdicts:,} current verdicts, {events:,} events;"
        f" median of {runs} runs, floor: the sqlite3 shell on the same rows\n"
    )
    print(f"{'case':<34} {'floor s':>8} {'factcheck s':>12} {'× floor':>8}  target")
    for name, base, value, target in rows:
        shown, ratio = ("—", "") if base is None else (f"{base:.3f}", f"{value / base:.1f}")
        print(f"{name:<34} {shown:>8} {value:>12.3f} {ratio:>8}  {target}")
    kappa, alpha = figures.overall.fleiss_kappa, figures.overall.krippendorff_alpha
    print(
        f"\nFleiss' κ {kappa.value:.3f} on {kappa.n:,} sentences, α {alpha.value:.3f},"
        f" {len(figures.rewrites)} rewrites; HTML report {out.stat().st_size / 1e6:.1f} MB."
        f"\nPeak memory of `factcheck export --history`: {peak / 1024:.0f} MB for a"
        f" {history.stat().st_size / 1e6:.0f} MB file (`factcheck articles`: {resting / 1024:.0f} MB)."
    )


if __name__ == "__main__":
    main()
