"""SIGKILL of the real window at random moments while it marks, alone and with the command line
marking and reading the same file: every decision the window (or the command line) reported as
saved is in the file, and the file is sound."""

import random
import sqlite3
import threading
from pathlib import Path

import pytest

from tests.cli.conftest import run_factcheck
from tests.conftest import REWRITES, SOURCE
from tests.drills.conftest import assert_sound

WINDOW = Path(__file__).parent / "window.py"
TRIALS = 20


def decisions_of(db: Path, reviewer: str) -> list[tuple[str, str]]:
    """(sentence id, label) of each of the reviewer's events, in the order they were written."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT sentence_id, coalesce(label, '') FROM events WHERE reviewer = ? ORDER BY rowid",
            [reviewer],
        )
        return [tuple(row) for row in rows]
    finally:
        conn.close()


class CommandLineLoop(threading.Thread):
    """`factcheck mark` and another command (`articles`, `sentences`, `export`, `verify`, or a
    `merge` of a reviewer's file) on the same file, one after the other, until stopped; keeps the
    marks that said they were saved, and anything that failed."""

    def __init__(self, db: Path, seed: int, reviewer_file: Path) -> None:
        super().__init__(name="command-line-loop")
        self.db, self.rng = str(db), random.Random(seed)
        self.sentences, self.article = rewrite_sentences(db)
        self.reviewer_file = str(reviewer_file)
        self.stop = threading.Event()
        self.saved: list[tuple[str, str]] = []
        self.failures: list[str] = []

    def run(self) -> None:
        readers = [
            ("articles",),
            ("articles", "--json"),
            ("sentences", self.article),
            ("export",),
            ("verify",),
            ("merge", "--reviewer", "lead", self.reviewer_file),  # adds its events once, then nothing
        ]
        while not self.stop.is_set():
            sentence = self.rng.choice(self.sentences)
            marked = dict(self.saved)  # only this loop marks as "cli": each mark must be a change
            label = self.rng.choice(
                [v for v in ("supported", "contradicted", "unverifiable") if v != marked.get(sentence)]
            )
            if self._run("mark", "--reviewer", "cli", sentence, label):
                self.saved.append((sentence, label))
            self._run(*self.rng.choice(readers))

    def _run(self, *args: str) -> bool:
        result = run_factcheck(*args, "--db", self.db)
        if result.returncode != 0:
            self.failures.append(f"{' '.join(args)}: {result.stderr.strip()}")
        return result.returncode == 0


def _reviewer_file(path: Path) -> Path:
    """Carol's own project file with a few decisions, to merge into the window's file."""
    assert (
        run_factcheck("import", "--db", str(path), "--source", str(SOURCE), *map(str, REWRITES)).returncode
        == 0
    )
    sentences, _ = rewrite_sentences(path)
    for sentence in sentences[:5]:
        assert (
            run_factcheck("mark", "--db", str(path), "--reviewer", "carol", sentence, "supported").returncode
            == 0
        )
    return path


def rewrite_sentences(db: Path) -> tuple[list[str], str]:
    """The ids of the rewrites' sentences under review, and one rewrite's id."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT s.id, s.article_id FROM sentences s JOIN articles a ON a.id = s.article_id"
            " WHERE a.role = 'rewrite' AND NOT s.boilerplate ORDER BY s.id"
        ).fetchall()
    finally:
        conn.close()
    return [row[0] for row in rows], rows[0][1]


@pytest.mark.parametrize(
    ("with_command_line", "windows"),
    [(False, 1), (True, 1), (False, 2)],
    ids=["window alone", "with the command line", "two windows"],
)
def test_the_window_killed_at_random_keeps_every_decision_it_showed_as_saved(
    demo_db: Path, spawn, tmp_path: Path, with_command_line: bool, windows: int
) -> None:
    rng = random.Random(8)
    loop = CommandLineLoop(demo_db, 9, _reviewer_file(tmp_path / "carol.db")) if with_command_line else None
    if loop:
        loop.start()
    reviewers = [f"window{number}" for number in range(windows)]
    try:
        for trial in range(TRIALS // windows):
            before = {reviewer: len(decisions_of(demo_db, reviewer)) for reviewer in reviewers}
            children = {
                reviewer: spawn(str(WINDOW), str(demo_db), reviewer, "--seed", str(trial * windows + n))
                for n, reviewer in enumerate(reviewers)
            }
            for child in children.values():
                kill_after = rng.randint(1, 40)
                child.read_until(lambda line, child=child, n=kill_after: len(child.saved()) >= n)
                child.kill()  # the other window goes on marking until its own moment comes
            for reviewer, child in children.items():
                errors = [line for line in child.lines if line.startswith("error ")]
                assert not errors, errors
                shown = [tuple(line.split()[1:3]) for line in child.lines if line.startswith("saved ")]
                written = decisions_of(demo_db, reviewer)[before[reviewer] :]
                assert written[: len(shown)] == shown, f"trial {trial}: a decision shown as saved is missing"
            assert_sound(demo_db)
    finally:
        if loop:
            loop.stop.set()
            loop.join(timeout=120)
    if loop:
        assert not loop.failures, loop.failures
        assert loop.saved, "the command line must have marked meanwhile"
        assert decisions_of(demo_db, "cli") == loop.saved
        assert len(decisions_of(demo_db, "carol")) == 5, "the merge into the window's file must have run"
