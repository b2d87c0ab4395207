"""Merging project files: a union of events that is idempotent, order-independent, never loses an
event, reports conflicts, and leaves the target untouched when any file is refused."""

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from factcheck.core.error_types import ErrorType
from factcheck.core.errors import BadInput, FactcheckError
from factcheck.core.events import new_event
from factcheck.core.labels import Verdict
from factcheck.core.review import UNDECIDED, Aspect, DecisionKind, VerdictState, Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.decisions import adjudicate, current, decide
from factcheck.store.importing import import_demo, prepare_import, read_source_and_rewrites
from factcheck.store.merge import MergeCancelled, UnverifiedHistory, merge_projects
from factcheck.store.project import APPLICATION_ID, Project
from factcheck.store.schema import migrations
from factcheck.store.verify import verify
from tests.conftest import REWRITES, SOURCE

SAME_INSTANT = "2026-11-22T09:30:00.000000Z"


def reviewer_file(folder: Path, name: str, labels: dict[int, Verdict | None]) -> Path:
    """A reviewer's own project file: the demo, and their verdicts on the first rewrite's sentences."""
    path = folder / f"{name}.db"
    project = Project.open(path)
    import_demo(project)
    sentences = sentence_ids(project)
    for index, label in labels.items():
        decide(project, sentences[index], name, lambda s, label=label: s.with_label(label), Via.WINDOW)
    project.close()
    return path


def sentence_ids(project: Project) -> list[str]:
    summary = next(a for a in list_articles(project, "x") if a.source_id and a.to_review > 20)
    return [s.id for s in load_article(project, summary.id).sentences if not s.boilerplate]


def history(path: Path) -> dict[str, list]:
    """What a merge must make the same whatever the order: every event and what it leads to."""
    conn = sqlite3.connect(path)
    tables = {
        table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in ("events", "verdicts", "adjudications", "chain_heads")
    }
    conn.close()
    return tables


def merged(target: Path, *files: Path, force: bool = False):
    project = Project.open(target)
    try:
        return merge_projects(project, files, by="lead", force=force)
    finally:
        project.close()


@pytest.fixture
def team(tmp_path: Path) -> dict[str, Path]:
    """Three reviewers' files that disagree on sentence 1, and an empty team file."""
    return {
        "alice": reviewer_file(tmp_path, "alice", {0: Verdict.SUPPORTED, 1: Verdict.CONTRADICTED}),
        "bob": reviewer_file(tmp_path, "bob", {0: Verdict.SUPPORTED, 1: Verdict.SUPPORTED}),
        "carol": reviewer_file(tmp_path, "carol", {1: Verdict.UNVERIFIABLE, 3: Verdict.SUPPORTED}),
        "team": tmp_path / "team.db",
    }


def test_merging_brings_every_event_articles_and_verdicts(team: dict[str, Path]) -> None:
    report = merged(team["team"], team["alice"], team["bob"], team["carol"])
    assert report.events_added == 6
    assert report.reviewers == (("alice", 2), ("bob", 2), ("carol", 2))
    assert len(report.articles_added) == 3  # the demo's source and its two rewrites
    assert [f.events_added for f in report.files] == [2, 2, 2]
    project = Project.open(team["team"])
    s = sentence_ids(project)
    assert current(project, s[1], "alice").label is Verdict.CONTRADICTED
    assert current(project, s[1], "bob").label is Verdict.SUPPORTED
    assert current(project, s[3], "carol").label is Verdict.SUPPORTED
    assert verify(project).ok
    project.close()


def test_merged_events_keep_their_ids_origins_seqs_and_hashes(team: dict[str, Path]) -> None:
    merged(team["team"], team["alice"])
    assert history(team["team"])["events"] == history(team["alice"])["events"]


def test_merging_again_changes_nothing_not_even_a_byte(team: dict[str, Path]) -> None:
    merged(team["team"], team["alice"], team["bob"])
    before = team["team"].read_bytes()
    report = merged(team["team"], team["bob"], team["alice"])
    assert report.events_added == 0 and not report.articles_added
    assert team["team"].read_bytes() == before


def test_the_order_of_merging_does_not_matter(team: dict[str, Path], tmp_path: Path) -> None:
    project = Project.open(team["bob"])
    adjudicate(
        project, sentence_ids(project)[1], "lead", Verdict.CONTRADICTED, "the source says so", Via.WINDOW
    )
    project.close()
    other = tmp_path / "other-team.db"
    merged(team["team"], team["alice"], team["bob"], team["carol"])
    merged(other, team["carol"])
    merged(other, team["bob"], team["alice"])
    assert history(team["team"]) == history(other)


def test_the_merge_log_records_each_file_that_brought_something(team: dict[str, Path]) -> None:
    merged(team["team"], team["alice"], team["bob"])
    merged(team["team"], team["alice"])
    conn = sqlite3.connect(team["team"])
    rows = conn.execute("SELECT by, file, origins, events_added, report FROM merges ORDER BY file").fetchall()
    conn.close()
    assert [(by, Path(file).name, added) for by, file, _, added, _ in rows] == [
        ("lead", "alice.db", 2),
        ("lead", "bob.db", 2),
    ]
    alice = Project.open(team["alice"])
    assert json.loads(rows[0][2]) == [alice.origin]
    alice.close()
    assert json.loads(rows[0][4])["reviewers"] == [["alice", 2]]


def test_a_reviewer_can_merge_the_team_file_back_and_the_lead_merge_it_again(team: dict[str, Path]) -> None:
    merged(team["team"], team["alice"], team["bob"])
    assert merged(team["alice"], team["team"]).events_added == 2  # bob's
    assert merged(team["team"], team["alice"]).events_added == 0
    for path in (team["alice"], team["team"]):
        project = Project.open(path)
        assert verify(project).ok
        project.close()


def test_the_same_reviewer_deciding_differently_at_the_same_instant_is_a_conflict(tmp_path: Path) -> None:
    files = []
    for name, label in (
        ("laptop", Verdict.SUPPORTED),
        ("desktop", Verdict.CONTRADICTED),
        ("copy", Verdict.SUPPORTED),
    ):
        path = reviewer_file(tmp_path, name, {})
        project = Project.open(path)
        decide(
            project,
            sentence_ids(project)[0],
            "alice",
            lambda s, v=label: s.with_label(v),
            Via.WINDOW,
            SAME_INSTANT,
        )
        project.close()
        files.append(path)
    report = merged(tmp_path / "team.db", *files)
    (conflict,) = report.conflicts
    assert (conflict.reviewer, conflict.decided_at) == ("alice", SAME_INSTANT)
    assert sorted(said for _, _, said in conflict.events) == ["contradicted", "supported", "supported"]
    assert len({origin for _, origin, _ in conflict.events}) == 3
    other = tmp_path / "other.db"
    merged(other, *reversed(files))
    assert history(other)["verdicts"] == history(tmp_path / "team.db")["verdicts"]


def test_the_same_decision_at_the_same_instant_on_two_machines_is_no_conflict(tmp_path: Path) -> None:
    files = []
    for name in ("laptop", "desktop"):
        path = reviewer_file(tmp_path, name, {})
        project = Project.open(path)
        decide(
            project,
            sentence_ids(project)[0],
            "alice",
            lambda s: s.with_label(Verdict.SUPPORTED),
            Via.IMPORT,
            SAME_INSTANT,
        )
        project.close()
        files.append(path)
    assert merged(tmp_path / "team.db", *files).conflicts == ()


def test_a_sentence_with_another_text_is_refused_and_forced_is_a_conflict_where_ours_is_kept(
    team: dict[str, Path],
) -> None:
    merged(team["team"], team["alice"])
    conn = sqlite3.connect(team["bob"])
    (sentence_id, text) = conn.execute("SELECT id, text FROM sentences ORDER BY id LIMIT 1").fetchone()
    conn.execute("UPDATE sentences SET text = 'Something else entirely.' WHERE id = ?", [sentence_id])
    conn.commit()
    conn.close()
    with pytest.raises(UnverifiedHistory, match="its sentences differ from what was imported"):
        merged(team["team"], team["bob"])
    report = merged(team["team"], team["bob"], force=True)
    (conflict,) = report.text_conflicts
    assert (conflict.sentence_id, conflict.text_here, conflict.text_there) == (
        sentence_id,
        text,
        "Something else entirely.",
    )
    assert report.events_added == 2
    conn = sqlite3.connect(team["team"])
    assert conn.execute("SELECT text FROM sentences WHERE id = ?", [sentence_id]).fetchone() == (text,)
    conn.close()


def test_the_reviewers_files_are_left_exactly_as_they_were(team: dict[str, Path]) -> None:
    folder = team["alice"].parent
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    merged(team["team"], team["alice"], team["bob"])
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "team.db"}
    assert after == before


def test_a_file_open_in_factcheck_is_merged_with_its_latest_decisions(team: dict[str, Path]) -> None:
    """Decisions still in the file's write-ahead log (the reviewer's window is open) come along."""
    alice = Project.open(team["alice"])
    alice.conn.execute("PRAGMA wal_autocheckpoint = 0")
    decide(alice, sentence_ids(alice)[5], "alice", lambda s: s.with_label(Verdict.UNVERIFIABLE), Via.WINDOW)
    report = merged(team["team"], team["alice"])
    alice.close()
    assert report.events_added == 3


def test_an_older_project_file_is_migrated_in_a_copy_and_merged(tmp_path: Path) -> None:
    old = old_schema_file(tmp_path / "old.db")
    before = old.read_bytes()
    report = merged(tmp_path / "team.db", old)
    assert report.files[0].migrated and report.events_added == 3
    assert old.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["old.db", "team.db"]
    project = Project.open(tmp_path / "team.db")
    assert verify(project).ok
    assert current(project, sentence_ids(project)[1], "dora").label is Verdict.CONTRADICTED
    project.close()


def _wrecked(folder: Path, team: dict[str, Path]) -> Path:
    path = reviewer_file(folder, "wrecked", {0: Verdict.SUPPORTED})
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    return path


def _sqlite_of_another_program(folder: Path, team: dict[str, Path]) -> Path:
    conn = sqlite3.connect(folder / "contacts.db")
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    return folder / "contacts.db"


def _text(folder: Path, team: dict[str, Path]) -> Path:
    (folder / "notes.db").write_text("not a database\n")
    return folder / "notes.db"


def _empty(folder: Path, team: dict[str, Path]) -> Path:
    (folder / "empty.db").touch()
    return folder / "empty.db"


def _symlink(folder: Path, team: dict[str, Path]) -> Path:
    (folder / "link.db").symlink_to(team["team"])
    return folder / "link.db"


def _hard_link(folder: Path, team: dict[str, Path]) -> Path:
    os.link(team["team"], folder / "same.db")
    return folder / "same.db"


def _edited_behind_our_back(folder: Path, team: dict[str, Path]) -> Path:
    path = shutil.copyfile(team["bob"], folder / "edited.db")
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER events_are_append_only_update")
    conn.execute("UPDATE events SET label = 'unverifiable' WHERE seq = 2")
    conn.commit()
    conn.close()
    return path


def _copied_and_written_to(folder: Path, team: dict[str, Path]) -> Path:
    """alice's file copied (same origin) and then given other decisions than alice's own."""
    path = shutil.copyfile(team["alice"], folder / "copied.db")
    for file in (team["alice"], path):
        project = Project.open(file)
        label = Verdict.SUPPORTED if file == path else Verdict.CONTRADICTED
        decide(project, sentence_ids(project)[7], "alice", lambda s, v=label: s.with_label(v), Via.WINDOW)
        project.close()
    merged(team["team"], team["alice"])
    return path


def _newer(folder: Path, team: dict[str, Path]) -> Path:
    path = shutil.copyfile(team["bob"], folder / "newer.db")
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('factcheck', 'm999', '')"
    )
    conn.commit()
    conn.close()
    return path


REFUSED = {
    "a damaged file": (_wrecked, "damaged"),
    "another program's SQLite file": (_sqlite_of_another_program, "not a factcheck project"),
    "a text file": (_text, "not an SQLite database"),
    "an empty file": (_empty, "it is empty"),
    "the target itself": (lambda folder, team: team["team"], "is the project being merged into"),
    "a link to the target": (_symlink, "is the project being merged into"),
    "a hard link to the target": (_hard_link, "is the project being merged into"),
    "a file whose history fails verify": (_edited_behind_our_back, "its history fails verify"),
    "a copy of a file that both went on writing": (
        _copied_and_written_to,
        "one file was copied from the other",
    ),
    "a file of a newer factcheck": (_newer, "newer version of factcheck"),
    "a folder": (lambda folder, team: folder, "is a folder"),
    "a missing file": (lambda folder, team: folder / "missing.db", "no such project file"),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_a_bad_file_is_refused_and_the_target_left_byte_for_byte(team: dict[str, Path], case: str) -> None:
    make, fragment = REFUSED[case]
    merged(team["team"], team["bob"])
    bad = make(_folder(team), team)
    before = team["team"].read_bytes()
    with pytest.raises(FactcheckError, match=fragment) as refusal:
        merged(team["team"], team["carol"], bad)  # carol's would be merged, were it not all or nothing
    assert str(bad) in str(refusal.value) and "\n" not in str(refusal.value)
    assert team["team"].read_bytes() == before


def _folder(team: dict[str, Path]) -> Path:
    folder = team["team"].parent / "given"
    folder.mkdir(exist_ok=True)
    return folder


def test_a_file_failing_verify_is_merged_when_forced_and_its_broken_events_named(
    team: dict[str, Path],
) -> None:
    edited = _edited_behind_our_back(_folder(team), team)
    conn = sqlite3.connect(edited)
    (broken,) = conn.execute("SELECT id FROM events WHERE seq = 2").fetchone()
    conn.close()
    with pytest.raises(BadInput, match=broken):
        merged(team["team"], edited)
    report = merged(team["team"], edited, force=True)
    assert report.events_added == 2
    assert {p.event_id for p in report.files[0].unverified} == {broken}
    conn = sqlite3.connect(team["team"])
    (logged,) = conn.execute("SELECT report FROM merges").fetchone()
    conn.close()
    assert json.loads(logged)["unverified"][0]["event_id"] == broken
    project = Project.open(team["team"])
    assert verify(project).event_id == broken  # the team file now carries the broken event, and says so
    project.close()


def test_a_cancelled_merge_changes_nothing(team: dict[str, Path]) -> None:
    merged(team["team"], team["bob"])
    before = team["team"].read_bytes()
    project = Project.open(team["team"])
    seen = []

    def progress(done: int, steps: int) -> bool:
        seen.append((done, steps))
        return done < 3  # cancel once the first file has been added, inside the transaction

    with pytest.raises(MergeCancelled):
        merge_projects(project, [team["alice"], team["carol"]], by="lead", progress=progress)
    project.close()
    assert seen == [(1, 4), (2, 4), (3, 4)]
    assert team["team"].read_bytes() == before


def test_more_files_than_sqlite_can_attach_are_refused_before_anything_is_read(team: dict[str, Path]) -> None:
    project = Project.open(team["team"])
    with pytest.raises(BadInput, match="merge at most 10 files at a time"):
        merge_projects(project, [team["alice"]] * 11, by="lead")
    project.close()


def old_schema_file(path: Path) -> Path:
    """A project file as factcheck wrote it before the evidence assistant (steps m001–m002 only),
    with the demo and three of dora's decisions written as that version did."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.apply(Database(conn), stop_before="m003_evidence_assistant")
    origin = "0ld0ld0ld0ld0ld0"
    conn.execute("INSERT INTO project (key, value) VALUES ('origin', ?)", [origin])
    articles = prepare_import(*read_source_and_rewrites(SOURCE, REWRITES))
    for a in articles:
        conn.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                a.id,
                a.role.value,
                a.source_id,
                a.name,
                1,
                a.title,
                a.format,
                a.lang,
                a.text,
                "{}",
                a.file_name,
                "",
            ],
        )
        conn.executemany(
            "INSERT INTO blocks VALUES (?,?,?,?,?,?,?,?)",
            [
                (a.id, i, b.kind.value, b.level, b.start, b.end, b.text_start, b.boilerplate)
                for i, b in enumerate(a.blocks)
            ],
        )
        conn.executemany(
            "INSERT INTO sentences VALUES (?,?,?,?,?,?,?,?)",
            [(s.id, a.id, s.index, s.start, s.end, s.block, s.boilerplate, s.text) for s in a.sentences],
        )
    rewrites = [a for a in articles if a.source_id and sum(not s.boilerplate for s in a.sentences) > 20]
    rewrite = min(rewrites, key=lambda a: a.title)  # the one `sentence_ids` picks
    s = [sentence.id for sentence in rewrite.sentences if not sentence.boilerplate]
    prev_hash, before = "", UNDECIDED
    for seq, (sentence_id, after) in enumerate(
        [
            (s[0], VerdictState(Verdict.SUPPORTED)),
            (s[1], VerdictState(Verdict.SUPPORTED)),
            (s[1], VerdictState(Verdict.CONTRADICTED)),
        ],
        start=1,
    ):
        before = UNDECIDED if seq < 3 else VerdictState(Verdict.SUPPORTED)
        event = new_event(
            origin=origin,
            seq=seq,
            prev_hash=prev_hash,
            sentence_id=sentence_id,
            reviewer="dora",
            kind=DecisionKind.MARK if seq < 3 else DecisionKind.CHANGE,
            before=before,
            after=after,
            via=Via.WINDOW,
            decided_at=f"2025-06-0{seq}T10:00:00.000000Z",
        )
        conn.execute(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                event.id,
                origin,
                seq,
                event.kind.value,
                sentence_id,
                "dora",
                after.label.value,
                before.label.value if before.label else None,
                "[]",
                "",
                None,
                "window",
                event.decided_at,
                prev_hash,
                event.hash,
            ],
        )
        prev_hash = event.hash
    conn.close()
    return path


def test_a_large_merge_derives_the_same_verdicts_adjudications_and_heads_as_the_triggers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large merges suspend the triggers and derive their tables in bulk; the result must be the
    triggers' result, including older events arriving after newer ones and adjudications."""
    files = [
        reviewer_file(tmp_path, "alice", {0: Verdict.SUPPORTED, 1: Verdict.CONTRADICTED, 2: None}),
        reviewer_file(tmp_path, "bob", {0: Verdict.UNVERIFIABLE, 1: Verdict.SUPPORTED}),
    ]
    lead = Project.open(files[1])
    adjudicate(lead, sentence_ids(lead)[1], "lead", Verdict.CONTRADICTED, "the source says so", Via.WINDOW)
    decide(
        lead,
        sentence_ids(lead)[0],
        "alice",
        lambda s: (
            s.with_label(Verdict.CONTRADICTED)
            .with_note("again")
            .with_aspect(Aspect.CORRECTION, "Baichuan-M4")
            .with_aspect(Aspect.ERROR_TYPES, (ErrorType.WRONG_NAME,))
        ),
        Via.WINDOW,
    )
    lead.close()
    results = {}
    for name, threshold in (("triggers", 10**9), ("bulk", 0)):
        monkeypatch.setattr("factcheck.store.merge._BULK_EVENTS", threshold)
        target = tmp_path / f"{name}.db"
        merged(target, files[0])
        merged(target, files[1])
        project = Project.open(target)
        assert verify(project).ok
        project.close()
        results[name] = history(target)
    assert results["bulk"] == results["triggers"]
    conn = sqlite3.connect(tmp_path / "bulk.db")
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    conn.close()
    assert {"events_update_verdicts", "events_update_adjudications", "events_update_chain_heads"} <= names
