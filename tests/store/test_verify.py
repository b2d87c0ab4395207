"""verify: a history written by the app is ok; any edit of it behind the app's back is named."""

import json
import sqlite3
from pathlib import Path

import pytest

from factcheck.core.events import event_hash, new_event
from factcheck.core.labels import Verdict
from factcheck.core.review import DecisionKind, VerdictState, Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.decisions import adjudicate, decide, insert_events
from factcheck.store.merge import merge_projects
from factcheck.store.project import Project
from factcheck.store.verify import _Chunks, _hash_chunks, verify
from tests.conftest import DATA

TAMPERING = json.loads((DATA / "merge" / "tampering.json").read_text(encoding="utf-8"))["cases"]


def review(path: Path) -> None:
    """The history that tests/data/merge/tampering.json edits (seqs 1–7, see its "about")."""
    project = Project.open(path)
    summary = next(a for a in list_articles(project, "alice") if a.source_id and a.to_review > 20)
    s = [sentence.id for sentence in load_article(project, summary.id).sentences if not sentence.boilerplate]

    def label(verdict, note=None):
        return lambda state: (
            state.with_label(verdict) if note is None else state.with_label(verdict).with_note(note)
        )

    decide(project, s[0], "alice", label(Verdict.SUPPORTED), Via.WINDOW)
    decide(
        project, s[1], "alice", label(Verdict.CONTRADICTED), Via.SUGGESTION, suggestion=Verdict.CONTRADICTED
    )
    decide(project, s[0], "bob", label(Verdict.SUPPORTED), Via.COMMAND_LINE)
    decide(project, s[1], "bob", label(Verdict.UNVERIFIABLE, "not in the source"), Via.WINDOW)
    decide(project, s[0], "alice", label(Verdict.UNVERIFIABLE), Via.WINDOW)
    adjudicate(project, s[1], "lead", Verdict.CONTRADICTED, "the source credits another firm", Via.WINDOW)
    decide(project, s[2], "bob", label(Verdict.SUPPORTED), Via.WINDOW)
    project.close()


@pytest.fixture
def reviewed(demo_path: Path) -> Path:
    review(demo_path)
    return demo_path


def tamper(path: Path, statements: list[str]) -> None:
    """Edit the file as someone with the sqlite3 module would, outside factcheck."""
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def verified(path: Path):
    project = Project.open(path)
    try:
        return verify(project)
    finally:
        project.close()


def test_a_history_written_by_the_app_is_ok(reviewed: Path) -> None:
    result = verified(reviewed)
    assert result.ok and result.problem is None and result.event_id is None
    assert result.events == 7


def test_an_empty_project_is_ok(project_path: Path) -> None:
    assert verified(project_path).ok
    assert verify(Project.memory()).ok


@pytest.mark.parametrize("case", TAMPERING, ids=list(TAMPERING))
def test_every_edit_behind_the_apps_back_is_named(reviewed: Path, case: str) -> None:
    spec = TAMPERING[case]
    conn = sqlite3.connect(reviewed)
    (expected,) = conn.execute(spec["names"]).fetchone()
    conn.close()
    tamper(reviewed, spec["sql"])
    result = verified(reviewed)
    assert not result.ok
    assert result.event_id == expected, result.problems
    assert expected in result.problem and spec["says"] in result.problem


def test_an_event_rewritten_with_a_new_hash_is_named_by_the_event_after_it(reviewed: Path) -> None:
    """The forger recomputes the hash of the event they edit; the next event still chains to the old one."""
    _forge(reviewed, seq=4, note="checked: the source agrees")
    conn = sqlite3.connect(reviewed)
    (forged,) = conn.execute("SELECT id FROM events WHERE seq = 4").fetchone()
    conn.close()
    result = verified(reviewed)
    assert result.event_id == forged
    assert "is not the event that" in result.problem and "rewritten with a new hash" in result.problem


def test_the_newest_event_rewritten_with_a_new_hash_is_caught_by_its_chain_head(reviewed: Path) -> None:
    _forge(reviewed, seq=7, note="forged")
    result = verified(reviewed)
    assert "is not the chain's recorded head" in result.problem


def test_an_event_of_a_file_that_was_never_merged_is_named(reviewed: Path) -> None:
    """A well-formed event of a made-up origin, inserted with the triggers in place (they keep
    verdicts and chain heads as for a merged event): only the merge log can tell."""
    project = Project.open(reviewed)
    (sentence_id,) = project.conn.execute("SELECT sentence_id FROM events WHERE seq = 1").fetchone()
    event = new_event(
        origin="0123456789abcdef",
        seq=1,
        prev_hash="",
        sentence_id=sentence_id,
        reviewer="mallory",
        kind=DecisionKind.MARK,
        before=VerdictState(),
        after=VerdictState(Verdict.CONTRADICTED),
        via=Via.WINDOW,
        decided_at="2026-11-22T09:30:00.000000Z",
    )
    with project.write() as conn:
        insert_events(conn, [event])
    result = verify(project)
    project.close()
    assert result.event_id == event.id
    assert "neither this one nor merged into it" in result.problem


def test_a_merged_history_is_ok_until_its_merge_record_is_deleted(reviewed: Path, tmp_path: Path) -> None:
    team = Project.open(tmp_path / "team.db")
    merge_projects(team, [reviewed], by="lead")
    assert verify(team).ok
    (first,) = team.conn.execute("SELECT id FROM events WHERE seq = 1").fetchone()
    team.close()
    tamper(tmp_path / "team.db", ["DELETE FROM merges"])
    result = verified(tmp_path / "team.db")
    assert result.event_id == first and "neither this one nor merged into it" in result.problem


def test_a_text_that_json_must_escape_hashes_the_same_in_sqlite_and_python(demo_path: Path) -> None:
    """The fast pass builds each event's canonical JSON in SQLite: notes with quotes, escapes,
    control characters and characters beyond the BMP must come out byte for byte as in
    `event_hash`, and editing one character of them must still be caught."""
    notes = [
        'say "2,400"',
        "back\\slash",
        "line\nbreak\ttab\r",
        "bell\x07 and \x1f",
        "emoji 🦊 and \u2028",
        "é\x7f",
    ]
    project = Project.open(demo_path)
    summary = next(a for a in list_articles(project, "alice") if a.source_id and a.to_review > 20)
    sentences = load_article(project, summary.id).sentences
    for sentence, note in zip(sentences, notes, strict=False):
        decide(
            project, sentence.id, "alice", lambda s, n=note: s.with_note(n).with_included(True), Via.WINDOW
        )
    # A disagreement would not make verify wrong (event_hash judges what the fast pass flags), only slow.
    assert _hash_chunks(project.conn, _Chunks(last_rowid=1_000)) == []
    project.close()
    tamper(
        demo_path,
        [
            "DROP TRIGGER events_are_append_only_update",
            "UPDATE events SET note = 'emoji 🦊 and  ' WHERE seq = 5",
        ],
    )
    assert "does not match its hash" in verified(demo_path).problem


def test_a_damaged_file_is_reported_as_damaged(reviewed: Path) -> None:
    project = Project.open(reviewed)
    project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()
    conn = sqlite3.connect(reviewed)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events_by_reviewer'").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    data = bytearray(reviewed.read_bytes())
    data[(root - 1) * page_size : root * page_size] = b"\x0d" * page_size  # an index page made garbage
    reviewed.write_bytes(bytes(data))
    result = verified(reviewed)
    assert result.damaged and not result.ok
    assert "damaged" in result.problem


def _forge(path: Path, seq: int, note: str) -> None:
    """Change an event's note and give it the hash that matches, as a careful forger would."""
    conn = sqlite3.connect(path)
    columns = "id origin seq kind sentence_id reviewer label previous_label evidence note included via"
    columns += " decided_at prev_hash"
    row = conn.execute(
        f"SELECT {columns.replace(' ', ', ')}, suggestion FROM events WHERE seq = ?", [seq]
    ).fetchone()
    fields = dict(zip([*columns.split(), "suggestion"], row, strict=True))
    fields["note"] = note
    fields["included"] = None if fields["included"] is None else bool(fields["included"])
    conn.execute("DROP TRIGGER events_are_append_only_update")
    conn.execute("UPDATE events SET note = ?, hash = ? WHERE seq = ?", [note, event_hash(**fields), seq])
    conn.commit()
    conn.close()


def test_a_merged_chain_cut_in_the_team_file_is_found_by_the_merge_log(
    reviewed: Path, tmp_path: Path
) -> None:
    """The merge log keeps the heads of the chains it merged: cutting a merged chain together with
    its head (which fools the chain checks) shows against it."""
    team = tmp_path / "team.db"
    lead = Project.open(team)
    merge_projects(lead, [reviewed], by="lead")
    lead.close()
    tamper(
        team,
        [
            "DROP TRIGGER events_are_append_only_delete",
            "DELETE FROM events WHERE seq = 7",
            "UPDATE chain_heads SET seq = 6, hash = (SELECT hash FROM events WHERE seq = 6)",
            "DELETE FROM verdicts WHERE reviewer = 'bob'"
            " AND sentence_id NOT IN (SELECT sentence_id FROM events WHERE reviewer = 'bob')",
        ],
    )
    result = verified(team)
    assert not result.ok
    assert "was cut" in result.problem and "brought its events up to seq 7" in result.problem
