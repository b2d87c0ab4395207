"""Several programs writing one project file at once: none loses a decision, none is told the file
is locked, and a long import or merge never makes a mark wait for long (the reading, parsing and
checking happen before the write transaction; the lock is held only for the writes)."""

import json
import random
from pathlib import Path

from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.decisions import decide_within
from factcheck.store.project import Project
from tests.cli.conftest import run_factcheck
from tests.conftest import REWRITES, SOURCE
from tests.drills.conftest import assert_sound, events_in, marker

LONGEST_WAIT_S = 1.0
"""The longest a mark may wait for another program's write (the issue's "about a second")."""


def test_three_processes_marking_the_same_and_different_sentences(demo_db: Path, spawn) -> None:
    children = [
        marker(spawn, demo_db, reviewer, "--count", "250", "--seed", str(seed), "--worker-every", "25")
        for reviewer, seed in (("alice", 1), ("alice", 2), ("bob", 3))
    ]
    for child in children:
        assert child.finish() == "", "no mark may fail or report a locked file"
        assert child.process.returncode == 0
    saved = [event for child in children for event in child.saved()]
    assert len(saved) == len(set(saved)) == 750
    assert events_in(demo_db) >= set(saved)
    assert_sound(demo_db)


def _waits(child) -> list[float]:
    return [float(line.split()[2]) for line in child.lines if line.startswith("saved ")]


def test_a_long_import_does_not_hold_up_marking(demo_db: Path, spawn, tmp_path: Path) -> None:
    rng = random.Random(4)
    words = "the court said officials must publish records about the programme within thirty days".split()
    records = tmp_path / "wire.jsonl"
    with records.open("w", encoding="utf-8") as file:
        for i in range(6000):
            body = " ".join(rng.choice(words) for _ in range(80)) + f". Story {i} ends here."
            file.write(json.dumps({"title": f"Wire story {i}", "body_md": body}) + "\n")
    window = marker(spawn, demo_db, "alice", "--timings")
    window.read_until(lambda line: line.startswith("saved "))
    before = len(window.saved())
    result = run_factcheck("import", "--db", str(demo_db), "--source", str(SOURCE), str(records))
    assert result.returncode == 0, result.stderr
    window.kill()
    assert len(window.saved()) > before, "marking must go on while the file is imported"
    assert max(_waits(window)) < LONGEST_WAIT_S
    assert events_in(demo_db) >= set(window.saved())
    assert_sound(demo_db)


def test_a_long_merge_into_an_open_file_does_not_hold_up_marking(
    demo_db: Path, spawn, tmp_path: Path
) -> None:
    reviewer_file = tmp_path / "carol.db"  # a reviewer's own file: the demo, imported there
    imported = run_factcheck(
        "import", "--db", str(reviewer_file), "--source", str(SOURCE), *map(str, REWRITES)
    )
    assert imported.returncode == 0, imported.stderr
    carol = Project.open(reviewer_file)
    sentences = [
        row[0]
        for row in carol.conn.execute(
            "SELECT s.id FROM sentences s JOIN articles a ON a.id = s.article_id"
            " WHERE a.role = 'rewrite' AND NOT s.boilerplate ORDER BY s.id"
        )
    ]
    labels = list(Verdict)
    with carol.write() as conn:
        for i in range(12_000):
            sentence = sentences[i % len(sentences)]
            label = labels[(i // len(sentences)) % len(labels)]
            decide_within(
                conn, carol.origin, sentence, "carol", lambda s, v=label: s.with_label(v), Via.IMPORT
            )
    carol.close()
    window = marker(spawn, demo_db, "alice", "--timings", "--worker-every", "10")
    window.read_until(lambda line: line.startswith("saved "))
    result = run_factcheck("merge", "--db", str(demo_db), "--reviewer", "lead", str(reviewer_file))
    assert result.returncode == 0, result.stderr
    window.kill()
    assert max(_waits(window)) < LONGEST_WAIT_S
    assert events_in(demo_db) >= set(window.saved())
    assert_sound(demo_db)
