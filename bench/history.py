"""How long `verify` takes over 1,000,000 events and merging two 500,000-event files takes, each
against floors measured in the same run with the sqlite3 shell.

The targets (issue "Team lead's audit", Speed): `verify` over 1,000,000 events in at most 5 s;
merging two 500,000-event files in at most 10 s.

The projects are generated in a temporary folder: one canonical source and one rewrite of 10,000
sentences (plain text, split by factcheck itself), then two reviewers' files of 500,000 events
each (five reviewers in all, one of them in both files), written as factcheck writes them: every
event's hash computed with `event_hash`, chained per file, the rows inserted in one statement so
that the triggers keep verdicts and chain heads. Each file is the base project copied and given
its own origin before any event is written.

Floors:
- verify: the sqlite3 shell counting the events, reading every row of them, and running
  `PRAGMA quick_check` and `PRAGMA integrity_check` (verify runs the first, `--full` the second);
- merge: the sqlite3 shell attaching the files and copying their events with
  `INSERT INTO events SELECT * FROM …` (the same triggers fire), nothing checked.

    python bench/history.py [--events 1000000] [--sentences 10000] [--runs 3]
"""

import argparse
import json
import random
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.core.article import prepare
from factcheck.core.document import Role
from factcheck.core.events import GENESIS, event_hash, format_time
from factcheck.core.formats import parse_articles
from factcheck.store.articles import store_articles
from factcheck.store.ledger import set_settings
from factcheck.store.merge import merge_projects
from factcheck.store.project import Project
from factcheck.store.verify import verify

LABELS = ("supported", "contradicted", "unverifiable")
NOTES = ("the source says otherwise", "not in the source", "figure checked against paragraph 4", "")
COLUMNS = (
    "id, origin, seq, kind, sentence_id, reviewer, label, previous_label, evidence, note, included, via,"
    " decided_at, prev_hash, hash, suggestion"
)
SHELL = shutil.which("sqlite3")


def base_project(path: Path, sentences: int) -> int:
    """A project with a source and a rewrite of `sentences` sentences; returns how many it has."""
    source = "Ministry figures\n\n" + " ".join(
        f"The ministry counted {i * 37 % 9973} cases in district {i}." for i in range(2000)
    )
    paragraphs = []
    for p in range(sentences // 5):
        claims = [
            f"District {p * 5 + j} reported {(p * 5 + j) * 41 % 9973} cases, officials said."
            for j in range(5)
        ]
        paragraphs.append(" ".join(claims))
    rewrite = "Cases across the districts\n\n" + "\n\n".join(paragraphs) + "\n"
    source_article = prepare(parse_articles(source.encode(), "source.txt")[0], Role.SOURCE, "source.txt")
    rewrite_article = prepare(
        parse_articles(rewrite.encode(), "rewrite.txt")[0],
        Role.REWRITE,
        "rewrite.txt",
        source_id=source_article.id,
    )
    project = Project.open(path)
    store_articles(project, [source_article, rewrite_article])
    project.close()
    return len(rewrite_article.sentences)


def reviewer_file(base: Path, path: Path, reviewers: tuple[str, ...], events: int, seed: int) -> None:
    """The base project copied, given its own origin, and `events` decisions of `reviewers`."""
    shutil.copyfile(base, path)
    project = Project.open(path)
    origin = uuid.UUID(int=random.Random(seed).getrandbits(128)).hex[:16]
    conn = project.conn
    with project.write():
        set_settings(conn, {"origin": origin})  # recorded in the ledger, as verify expects
    sentence_ids = [
        row[0]
        for row in conn.execute(
            "SELECT s.id FROM sentences s JOIN articles a ON a.id = s.article_id"
            " WHERE a.role = 'rewrite' AND NOT s.boilerplate"
        )
    ]
    (source_length,) = conn.execute("SELECT length(text) FROM articles WHERE role = 'source'").fetchone()
    rows = history(origin, sentence_ids, reviewers, events, source_length, seed)
    # One INSERT … SELECT from a temporary table: the triggers then run inside one statement,
    # while executemany straight into `events` pays a statement journal per row (about 2.5×).
    conn.execute(f"CREATE TEMP TABLE generated AS SELECT {COLUMNS} FROM events WHERE 0")
    with project.write():
        conn.executemany(f"INSERT INTO temp.generated ({COLUMNS}) VALUES ({', '.join('?' * 16)})", rows)
        conn.execute(f"INSERT INTO events ({COLUMNS}) SELECT {COLUMNS} FROM temp.generated")
    conn.execute("DROP TABLE temp.generated")
    project.close()


def history(
    origin: str,
    sentence_ids: list[str],
    reviewers: tuple[str, ...],
    events: int,
    source_length: int,
    seed: int,
) -> list[tuple]:
    """Events as factcheck writes them: each the whole new state, chained by `event_hash`."""
    rng = random.Random(seed)
    states: dict[tuple[str, str], tuple[str | None, str, str]] = {}
    start = datetime(2026, 11, 2, 8, tzinfo=UTC)
    prev_hash = GENESIS
    rows = []
    for seq in range(1, events + 1):
        sentence_id = sentence_ids[rng.randrange(len(sentence_ids))]
        reviewer = reviewers[rng.randrange(len(reviewers))]
        label, evidence, note = before = states.get((sentence_id, reviewer), (None, "[]", ""))
        roll = rng.random()
        suggestion = None
        if label is None or roll < 0.55:
            kind = "mark" if label is None else "change"
            label = rng.choice([other for other in LABELS if other != label])
            suggestion = rng.choice(LABELS) if rng.random() < 0.3 else None
        elif roll < 0.75:
            kind, at = "evidence", rng.randrange(source_length - 200)
            evidence = json.dumps([[at, at + rng.randrange(20, 200)]], separators=(",", ":"))
        elif roll < 0.95:
            kind, note = "note", rng.choice([n for n in NOTES if n != note])
        else:
            kind, label = "clear", None
        states[(sentence_id, reviewer)] = (label, evidence, note)
        event_id = uuid.UUID(int=rng.getrandbits(128)).hex
        decided_at = format_time(start + timedelta(seconds=3 * seq, microseconds=rng.randrange(1_000_000)))
        digest = event_hash(
            id=event_id,
            origin=origin,
            seq=seq,
            kind=kind,
            sentence_id=sentence_id,
            reviewer=reviewer,
            label=label,
            previous_label=before[0],
            evidence=evidence,
            note=note,
            included=None,
            via="window",
            decided_at=decided_at,
            prev_hash=prev_hash,
            suggestion=suggestion,
        )
        rows.append(
            (
                event_id,
                origin,
                seq,
                kind,
                sentence_id,
                reviewer,
                label,
                before[0],
                evidence,
                note,
                None,
                "window",
                decided_at,
                prev_hash,
                digest,
                suggestion,
            )
        )
        prev_hash = digest
    return rows


def sqlite(path: Path, script: str) -> None:
    """Run SQL with the sqlite3 shell (or Python's sqlite3 module when the shell is missing)."""
    if SHELL:
        subprocess.run([SHELL, str(path)], input=script, text=True, check=True, capture_output=True)
        return
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.close()


def median(runs: int, prepare_run: Callable[[], Path], work: Callable[[Path], object]) -> float:
    """Median seconds of `work` over `runs` runs, each on what `prepare_run` makes (untimed)."""
    times = []
    for _ in range(runs):
        path = prepare_run()
        started = time.perf_counter()
        work(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def on_project(path: Path, job: Callable[[Project], object]) -> object:
    project = Project.open(path)
    try:
        return job(project)
    finally:
        project.close()


def fresh(source: Path, path: Path, origin: str | None = None) -> Path:
    """A copy of `source` at `path` (an empty team file when given a new origin)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, path)
    if origin:
        project = Project.open(path)
        with project.write() as conn:
            set_settings(conn, {"origin": origin})
        project.close()
    return path


Row = tuple[str, float, str, str]
"""(measurement, median seconds, target, versus the floor)."""


def bench_merge(work: Path, half: int, runs: int) -> list[Row]:
    a, b = work / "a.db", work / "b.db"

    def empty_team() -> Path:
        return fresh(work / "base.db", work / "team.db", origin="7ea7ea7ea7ea7ea7")

    def a_copy() -> Path:
        return fresh(a, work / "a-copy.db")

    both = f"ATTACH '{a}' AS a; ATTACH '{b}' AS b;"
    both += " INSERT INTO events SELECT * FROM a.events; INSERT INTO events SELECT * FROM b.events;"
    one = f"ATTACH '{b}' AS b; INSERT INTO events SELECT * FROM b.events;"
    # The same page cache and statement journal as merge_projects, and one transaction like it.
    tuned = "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY; {attach} BEGIN; {insert} COMMIT;"
    rows = []
    for what, prepare_run, script, files in (
        (f"2 files × {half:,} events into an empty file", empty_team, both, [a, b]),
        (f"{half:,} events into a {half:,}-event file", a_copy, one, [b]),
    ):
        attach, insert = script.split(" INSERT", 1)
        same = tuned.format(attach=attach, insert="INSERT" + insert)
        floor = median(runs, prepare_run, lambda path, script=script: sqlite(path, script))
        floor_tuned = median(runs, prepare_run, lambda path, same=same: sqlite(path, same))
        took = median(
            runs,
            prepare_run,
            lambda path, files=files: on_project(path, lambda p: merge_projects(p, files, "lead")),
        )
        rows.append((f"floor: sqlite3 ATTACH + INSERT…SELECT, {what}", floor, "", ""))
        rows.append(("floor: the same with merge's cache, journal, one transaction", floor_tuned, "", ""))
        ratios = f"{took / floor:.2f} × floor, {took / floor_tuned:.2f} × tuned floor"
        rows.append((f"merge_projects: {what}", took, "≤ 10", ratios))
    return rows


def bench_verify(team: Path, runs: int) -> list[Row]:
    events = on_project(team, lambda p: p.conn.execute("SELECT count(*) FROM events").fetchone()[0])
    floors = {
        "SELECT count(*) FROM events": "SELECT count(*) FROM events;",
        "full scan (every row read)": "SELECT count(*) FROM events WHERE hash != prev_hash;",
        "PRAGMA quick_check": "PRAGMA quick_check;",
        "PRAGMA integrity_check": "PRAGMA integrity_check;",
    }
    rows = []
    for name, script in floors.items():
        took = median(runs, lambda: team, lambda path, script=script: sqlite(path, script))
        rows.append((f"floor: sqlite3 {name}", took, "", ""))
    scan, quick = rows[1][1], rows[2][1]
    for name, full in (
        (f"verify: {events:,} events (quick_check)", False),
        ("verify --full (integrity_check)", True),
    ):
        took = median(
            runs, lambda: team, lambda path, full=full: on_project(path, lambda p: verify(p, full=full))
        )
        rows.append(
            (name, took, "" if full else "≤ 5", f"{took / scan:.1f} × scan, {took / quick:.1f} × quick_check")
        )
    script = Path(sys.executable).parent / "factcheck"
    if script.exists():
        command = [str(script), "verify", "--db", str(team)]
        took = median(
            runs, lambda: team, lambda path: subprocess.run(command, check=True, capture_output=True)
        )
        rows.append(("factcheck verify --db TEAM (console script, start-up included)", took, "", ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events in all (half in each file)")
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each merge (verify runs at least 5)")
    args = parser.parse_args()
    half = args.events // 2
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-history-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        sentences = base_project(work / "base.db", args.sentences)
        reviewer_file(work / "base.db", work / "a.db", ("alice", "bob", "carol"), half, seed=1)
        reviewer_file(work / "base.db", work / "b.db", ("carol", "dan", "erin"), half, seed=2)
        generated = time.perf_counter() - started
        rows = bench_merge(work, half, args.runs)
        team = fresh(work / "base.db", work / "team.db", origin="7ea7ea7ea7ea7ea7")
        report = on_project(team, lambda p: merge_projects(p, [work / "a.db", work / "b.db"], "lead"))
        rows += bench_verify(team, max(args.runs, 5))
    width = max(len(row[0]) for row in rows)
    print(f"{'measurement':<{width}} {'median s':>9} {'target s':>9}  versus the floor")
    for name, seconds, target, ratio in rows:
        print(f"{name:<{width}} {seconds:>9.2f} {target:>9}  {ratio}")
    print(
        f"\n{sentences:,} rewrite sentences, 2 files × {half:,} events (generated in {generated:.0f} s);"
        f" the merge added {report.events_added:,} events and found {len(report.conflicts)} conflicts;"
        f" medians of {args.runs} merge runs and {max(args.runs, 5)} verify runs;"
        f" sqlite3 shell: {SHELL or 'not found, floors run with Python sqlite3'}"
    )
    print("command: python " + shlex.join([f"bench/{Path(__file__).name}", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
