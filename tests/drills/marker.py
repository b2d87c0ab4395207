"""A process that marks sentences of a project through the store, as the window does, and says
`saved EVENT_ID` on stdout only once each decision is committed. The drills kill it and check that
every decision it reported is in the file.

    python marker.py DB REVIEWER [--count N] [--seed S] [--worker-every K] [--pause-at N ...]

It marks the rewrites' sentences in a random order, each time with a label other than the one it
has, so every mark is a real change. Like the window, it keeps one connection for marking and opens
a second one on another thread now and then (the window's assistant does, for every article it
opens): `--worker-every K` does that after every K marks. `--pause-at N` (repeatable) says `paused`
after N marks and waits for a line on stdin before going on. Without `--count` it marks until it is
killed; `--timings` adds each mark's seconds to its line.
"""

import argparse
import random
import sys
import threading
import time

from factcheck.core.labels import Verdict
from factcheck.core.review import VerdictState, Via
from factcheck.store.decisions import decide
from factcheck.store.project import Project

LABELS = list(Verdict)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("reviewer")
    parser.add_argument("--count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--worker-every", type=int, default=0)
    parser.add_argument("--pause-at", type=int, action="append", default=[])
    parser.add_argument("--timings", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    project = Project.open(args.db)
    sentences = [
        row[0]
        for row in project.conn.execute(
            "SELECT s.id FROM sentences s JOIN articles a ON a.id = s.article_id"
            " WHERE a.role = 'rewrite' AND NOT s.boilerplate ORDER BY s.id"
        )
    ]
    done = 0
    while args.count is None or done < args.count:
        sentence = rng.choice(sentences)
        started = time.perf_counter()
        event = decide(
            project, sentence, args.reviewer, lambda state: state.with_label(_other(state.label)), Via.WINDOW
        )
        took = time.perf_counter() - started
        assert event is not None
        done += 1
        print(f"saved {event.id}" + (f" {took:.4f}" if args.timings else ""), flush=True)
        if args.worker_every and done % args.worker_every == 0:
            worker = threading.Thread(target=lambda: Project.open(args.db).close())
            worker.start()
            worker.join()
        if done in args.pause_at:
            print("paused", flush=True)
            sys.stdin.readline()
    project.close()


def _change(state: VerdictState) -> VerdictState:
    return state.with_label(_other(state.label))


def _other(label: Verdict | None) -> Verdict:
    return LABELS[(LABELS.index(label) + 1) % len(LABELS)] if label is not None else LABELS[0]


if __name__ == "__main__":
    main()
