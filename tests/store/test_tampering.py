"""Every single-row UPDATE, DELETE or INSERT made behind the app's back, on every table that is not
a pure cache, is found by `verify` (and `verify` never raises on what it finds).

The cases are generated from the file itself: for a few rows of each table (first, middle and last),
each column changed, the row deleted, and the row inserted again with its key changed or with every
value changed. An edit SQLite refuses (a constraint) is not a possible tampering and is left out.
The only tables left out are the caches listed in CACHES, which the README names."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.decisions import decide
from factcheck.store.importing import import_demo, import_files
from factcheck.store.merge import merge_projects
from factcheck.store.project import Project, ProjectError
from factcheck.store.settings import set_blind_review, set_publisher
from factcheck.store.verify import verify
from tests.conftest import SOURCE
from tests.store.medbot import mark_medbot, revised_file
from tests.store.test_verify import review

CACHES = {"assessments"}
"""The assistant's assessments: recomputed whenever they are missing, never a decision."""
SQLITE_OWN = {"sqlite_sequence", "sqlite_stat1"}


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Path:
    """A project with every kind of row: articles, decisions of two origins (one merged in), an
    adjudication, a setting, a merge logged, what a reviewer said is wrong, a revised rewrite with
    the decisions carried over to it, and the ledger recording all of it."""
    folder = tmp_path_factory.mktemp("tampering")
    path, other = folder / "team.db", folder / "carol.db"
    review_path = Project.open(path)
    import_demo(review_path)
    review_path.close()
    review(path)
    team = Project.open(path)
    mark_medbot(team, "bob")
    import_files(team, SOURCE, [revised_file(folder)])
    team.close()
    carol = Project.open(other)
    import_demo(carol)
    (sentence,) = carol.conn.execute(
        "SELECT s.id FROM sentences s JOIN articles a ON a.id = s.article_id"
        " WHERE a.role = 'rewrite' AND NOT s.boilerplate ORDER BY s.idx LIMIT 1"
    ).fetchone()
    decide(carol, sentence, "carol", lambda s: s.with_label(Verdict.SUPPORTED), Via.WINDOW)
    carol.close()
    team = Project.open(path)
    merge_projects(team, [other], by="lead")
    set_blind_review(team, True, by="lead")
    set_publisher(team, "lead", organisation="The Desk", base_url="https://example.org/checks/")
    assert verify(team).ok
    team.close()
    return path


def _tables(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    finally:
        conn.close()
    return sorted(set(names) - CACHES - SQLITE_OWN)


def _changed(value: object) -> object:
    """The value a little changed, as a forger's small edit would."""
    if isinstance(value, bool | int):
        return value + 1
    if isinstance(value, float):
        return value + 1.5
    if isinstance(value, bytes):
        return value + b"x"
    if isinstance(value, str):
        return value + "x" if value else "x"
    return "x"  # NULL


def _replacements(value: object) -> list[object]:
    """Values to put in place of `value`: a small edit, a far one, emptiness, another type."""
    far: object = value + 100_000 if isinstance(value, int) else (value * 3 if isinstance(value, str) else 7)
    return [_changed(value), far, None, b"\x00\xff", "" if not isinstance(value, str) else 0]


def _cases(path: Path) -> list[tuple[str, str, list]]:
    """(description, statement, parameters) for each single-row edit."""
    conn = sqlite3.connect(path)
    cases = []
    try:
        for table in _tables(path):
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            picked = {0, len(rows) // 2, len(rows) - 1} if rows else set()
            quoted = ", ".join(f'"{c}"' for c in columns)
            for index in sorted(picked):
                row = rows[index]
                where = " AND ".join(f'"{c}" IS ?' for c in columns)
                for position, column in enumerate(columns):
                    for replacement in _replacements(row[position]):
                        if replacement == row[position] and type(replacement) is type(row[position]):
                            continue
                        cases.append(
                            (
                                f"{table} row {index}: {column} set to {replacement!r:.20}",
                                f'UPDATE "{table}" SET "{column}" = ? WHERE {where}',
                                [replacement, *row],
                            )
                        )
                cases.append(
                    (f"{table} row {index} deleted", f'DELETE FROM "{table}" WHERE {where}', list(row))
                )
                marks = ", ".join("?" * len(columns))
                insert = f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})'
                cases.append(
                    (f"{table} row {index} copied with a new key", insert, [_changed(row[0]), *row[1:]])
                )
                cases.append((f"{table} row {index} copied, all changed", insert, [_changed(v) for v in row]))
    finally:
        conn.close()
    return cases


def test_every_single_row_edit_of_every_protected_table_is_found(original: Path, tmp_path: Path) -> None:
    cases = _cases(original)
    tables = {description.split()[0] for description, _, _ in cases}
    assert {"articles", "blocks", "spans", "sentences", "events", "verdicts", "adjudications"} <= tables
    assert {"chain_heads", "merges", "project", "ledger", "ledger_head", "_sqlite_migrations"} <= tables
    assert {"revisions", "revision_sentences"} <= tables
    missed, tried = [], 0
    for description, statement, parameters in cases:
        copy = tmp_path / "case.db"
        shutil.copyfile(original, copy)  # no connection to either file is open here
        conn = sqlite3.connect(copy)
        for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            conn.execute(f'DROP TRIGGER "{trigger}"')  # as a forger would, so nothing else changes
        try:
            changed = conn.execute(statement, parameters).rowcount
        except sqlite3.DatabaseError:
            changed = 0  # a constraint refuses it: not a tampering anyone can make
        conn.commit()
        conn.close()
        if changed != 1:
            copy.unlink()
            continue
        tried += 1
        try:
            project = Project.open(copy)
        except ProjectError:
            copy.unlink()
            continue  # refused at once, with one line naming what is wrong: found
        try:
            result = verify(project)
        finally:
            project.close()
        if result.ok:
            missed.append(description)
        copy.unlink()
    assert tried > 900, "the cases must cover the tables"
    assert not missed, f"{len(missed)} of {tried} single-row edits pass verify: {missed}"
