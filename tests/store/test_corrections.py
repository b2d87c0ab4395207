"""What is wrong and what it should say: problem spans, error types and corrections are decisions
like any other (events, hashes, verify, merge, export and read back)."""

import csv
from pathlib import Path

import pytest

from factcheck.core.error_types import ErrorType
from factcheck.core.errors import BadInput
from factcheck.core.events import event_hash
from factcheck.core.export import ExportContent, ExportFormat
from factcheck.core.labels import Verdict
from factcheck.core.review import Aspect, DecisionKind, VerdictState, Via, label_changes
from factcheck.store.decisions import current, decide, history
from factcheck.store.export import export
from factcheck.store.merge import merge_projects
from factcheck.store.project import Project
from factcheck.store.verdict_import import import_verdicts
from factcheck.store.verify import _Chunks, _hash_chunks, verify
from tests.store.medbot import mark_medbot, medbot
from tests.store.test_verify import tamper, verified


@pytest.fixture
def project(demo_path: Path):
    project = Project.open(demo_path)
    yield project
    project.close()


def test_what_is_wrong_is_part_of_the_verdict_and_its_history(project: Project) -> None:
    _, sentence, span = medbot(project)
    mark_medbot(project)
    state = current(project, sentence.id, "alice")
    assert state.problems == (span,) and state.error_types == (ErrorType.WRONG_NAME,)
    assert state.correction == "Baichuan-M4"
    decide(
        project,
        sentence.id,
        "alice",
        lambda s: s.with_aspect(Aspect.CORRECTION, "Baichuan-M4’s model"),
        Via.WINDOW,
    )
    decide(project, sentence.id, "alice", lambda s: s.with_aspect(Aspect.ERROR_TYPES, ()), Via.UNDO)
    kinds = [e.kind for e in history(project, sentence.id)]
    assert kinds == [DecisionKind.MARK, DecisionKind.CORRECTION, DecisionKind.PROBLEM]
    assert history(project, sentence.id)[0].state.problems == (span,)  # the history keeps each state
    assert verify(project).ok


def test_spans_are_kept_in_order_merged_and_types_once_each(project: Project) -> None:
    _, sentence, (start, end) = medbot(project)

    def change(state: VerdictState) -> VerdictState:
        return state.with_aspect(
            Aspect.PROBLEMS, ((end + 1, end + 5), (start, end), (start + 2, end))
        ).with_aspect(Aspect.ERROR_TYPES, (ErrorType.OTHER, ErrorType.WRONG_NAME, ErrorType.OTHER))

    decide(project, sentence.id, "alice", change, Via.WINDOW)
    state = current(project, sentence.id, "alice")
    assert state.problems == ((start, end), (end + 1, end + 5))
    assert state.error_types == (ErrorType.WRONG_NAME, ErrorType.OTHER)
    assert decide(project, sentence.id, "alice", change, Via.WINDOW) is None  # the same, once tidied


@pytest.mark.parametrize("where", ["before", "after", "across"])
def test_a_problem_span_outside_its_sentence_is_refused(project: Project, where: str) -> None:
    _, sentence, _ = medbot(project)
    span = {
        "before": (sentence.start - 5, sentence.start - 1),
        "after": (sentence.end + 1, sentence.end + 4),
        "across": (sentence.end - 3, sentence.end + 3),
    }[where]
    with pytest.raises(BadInput, match="is not inside sentence"):
        decide(project, sentence.id, "alice", lambda s: s.with_aspect(Aspect.PROBLEMS, (span,)), Via.WINDOW)
    assert history(project, sentence.id) == []


def test_marking_supported_takes_away_what_was_said_to_be_wrong() -> None:
    wrong = VerdictState(
        Verdict.CONTRADICTED, problems=((1, 4),), error_types=(ErrorType.WRONG_DATE,), correction="x"
    )
    assert label_changes(wrong, Verdict.SUPPORTED) == {
        Aspect.LABEL: Verdict.SUPPORTED,
        Aspect.PROBLEMS: (),
        Aspect.ERROR_TYPES: (),
        Aspect.CORRECTION: "",
    }
    assert label_changes(wrong, Verdict.UNVERIFIABLE) == {Aspect.LABEL: Verdict.UNVERIFIABLE}
    assert label_changes(wrong, None) == {Aspect.LABEL: None}  # cleared, like the note, it stays


def test_events_without_the_new_fields_keep_the_hash_older_versions_gave_them() -> None:
    fields = dict(
        id="e1",
        origin="o1",
        seq=1,
        kind="mark",
        sentence_id="s1",
        reviewer="alice",
        label="supported",
        previous_label=None,
        evidence="[]",
        note="",
        included=None,
        via="window",
        decided_at="2026-11-22T09:30:00.000000Z",
        prev_hash="",
    )
    # The hashes factcheck computed before problem spans existed (at 51ce837), with and without a suggestion.
    assert event_hash(**fields) == "f0f9d013bc5392f52ed5befed4f003bff4e6d50ed6e482f9d786bd0840f0b419"
    assert event_hash(**fields, suggestion="supported") == (
        "1e71c09dafca3e88dbf97b3769828ae3b74006c3bd5a4b321b187e6558b8620d"
    )
    old = event_hash(**fields)
    assert event_hash(**fields, problems="[]", error_types="[]", correction="", carried_from=None) == old
    assert event_hash(**fields, correction="x") != old
    assert event_hash(**fields, carried_from="s0") != event_hash(**fields, correction="s0")
    assert event_hash(**fields, suggestion="supported") != event_hash(**fields, correction="supported")


def test_sqlite_builds_the_same_canonical_form_as_event_hash(project: Project, demo_path: Path) -> None:
    """The fast pass must agree with `event_hash` on events with problems, types and corrections,
    and still catch an edit of any of them."""
    _, sentence, span = medbot(project)
    for correction in [
        'say "Baichuan-M4"',
        "back\\slash",
        "line\nbreak\ttab",
        "emoji 🦊 and \u2028",
        "é\x7f",
    ]:
        decide(
            project,
            sentence.id,
            "alice",
            lambda s, c=correction: s.with_aspect(Aspect.CORRECTION, c).with_aspect(Aspect.PROBLEMS, (span,)),
            Via.WINDOW,
        )
    assert _hash_chunks(project.conn, _Chunks(last_rowid=1_000)) == []
    project.close()
    for column, value in (
        ("problems", "[]"),
        ("error_types", '["other"]'),
        ("correction", "x"),
        ("carried_from", "s"),
    ):
        copy = demo_path.with_name(f"{column}.db")
        copy.write_bytes(demo_path.read_bytes())  # no connection to either file is open here
        tamper(
            copy,
            [
                "DROP TRIGGER events_are_append_only_update",
                f"UPDATE events SET {column} = '{value}' WHERE seq = 3",
            ],
        )
        assert "does not match its hash" in verified(copy).problem, column


def test_a_verdict_edited_behind_the_apps_back_is_named(project: Project, demo_path: Path) -> None:
    mark_medbot(project)
    project.close()
    tamper(demo_path, ["UPDATE verdicts SET correction = 'MicroPort MedBot'"])
    assert "the verdicts table's correction" in verified(demo_path).problem


def test_merging_brings_what_is_wrong_along(tmp_path: Path, demo_path: Path) -> None:
    alice = Project.open(demo_path)
    sentence = mark_medbot(alice)
    alice.close()
    team = Project.open(tmp_path / "team.db")
    merge_projects(team, [demo_path], by="lead")
    state = current(team, sentence.id, "alice")
    assert state.correction == "Baichuan-M4" and state.error_types == (ErrorType.WRONG_NAME,)
    assert verify(team).ok
    team.close()


def _csv(project: Project, path: Path, content: ExportContent = ExportContent.VERDICTS) -> list[dict]:
    export(project, path, content, ExportFormat.CSV)
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_export_says_what_is_wrong_and_reads_back(project: Project, tmp_path: Path) -> None:
    _, sentence, span = medbot(project)
    mark_medbot(project)
    decide(
        project,
        sentence.id,
        "alice",
        lambda s: s.with_aspect(Aspect.ERROR_TYPES, (ErrorType.WRONG_NAME, ErrorType.OTHER)),
        Via.WINDOW,
    )
    (row,) = _csv(project, tmp_path / "verdicts.csv")
    assert row["problem_text"] == "MicroPort MedBot"
    assert row["problem_spans"] == f"{span[0]}-{span[1]}"
    assert row["error_types"] == "wrong-name;other"
    assert row["correction"] == "Baichuan-M4"
    history_rows = _csv(project, tmp_path / "history.csv", ExportContent.HISTORY)
    assert (
        history_rows[0]["problem_spans"] == f"{span[0]}-{span[1]}"
        and history_rows[-1]["error_types"] == "wrong-name;other"
    )
    # Another reviewer's file read back: every aspect arrives, and a second reading adds nothing.
    path = tmp_path / "bob.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(row))
        writer.writeheader()
        writer.writerow({**row, "reviewer": "bob", "decided_at": ""})
    assert import_verdicts(project, path).imported == 1
    bob = current(project, sentence.id, "bob")
    assert (bob.problems, bob.error_types, bob.correction) == (
        (span,),
        (ErrorType.WRONG_NAME, ErrorType.OTHER),
        "Baichuan-M4",
    )
    assert import_verdicts(project, path).skipped == 1


def test_an_export_without_the_new_columns_keeps_what_is_wrong(project: Project, tmp_path: Path) -> None:
    sentence = mark_medbot(project)
    path = tmp_path / "old.csv"
    path.write_text(
        f"sentence_id,verdict,reviewer,note\r\n{sentence.id},unverifiable,alice,hm\r\n", encoding="utf-8"
    )
    import_verdicts(project, path)
    state = current(project, sentence.id, "alice")
    assert state.label is Verdict.UNVERIFIABLE and state.correction == "Baichuan-M4"


def test_the_audit_shows_each_reviewers_problem_types_and_correction(project: Project) -> None:
    from factcheck.store.audit_table import Agreement, detail, rows

    sentence = mark_medbot(project, "alice")
    mark_medbot(project, "bob")
    (row,) = rows(project, [sentence.id])
    assert row.error_types == {"alice": (ErrorType.WRONG_NAME,), "bob": (ErrorType.WRONG_NAME,)}
    assert row.error_type_agreement is Agreement.AGREE
    decide(
        project,
        sentence.id,
        "bob",
        lambda s: s.with_aspect(Aspect.ERROR_TYPES, (ErrorType.INVENTED_DETAIL,)),
        Via.WINDOW,
    )
    assert rows(project, [sentence.id])[0].error_type_agreement is Agreement.DISAGREE
    alice = next(view for view in detail(project, sentence.id).reviewers if view.reviewer == "alice")
    assert (alice.problem_text, alice.error_types, alice.correction) == (
        "MicroPort MedBot",
        (ErrorType.WRONG_NAME,),
        "Baichuan-M4",
    )


def test_a_project_of_the_previous_schema_upgrades_and_its_history_still_verifies(tmp_path: Path) -> None:
    import sqlite3

    from sqlite_utils import Database

    from factcheck.core.events import evidence_json
    from factcheck.store.decisions import event_count
    from factcheck.store.project import APPLICATION_ID
    from factcheck.store.schema import migrations

    path = tmp_path / "older.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.apply(Database(conn), stop_before="m007_corrections_and_revisions")
    conn.execute("INSERT INTO project (key, value) VALUES ('origin', 'o1')")
    fields = dict(
        id="e1",
        origin="o1",
        seq=1,
        kind="mark",
        sentence_id="s1",
        reviewer="alice",
        label="contradicted",
        previous_label=None,
        evidence=evidence_json(((3, 9),)),
        note="an older note",
        included=None,
        via="window",
        decided_at="2026-11-22T09:30:00.000000Z",
        prev_hash="",
    )
    digest = event_hash(**fields)  # as the version before problem spans hashed it
    conn.execute(
        f"INSERT INTO events ({', '.join(fields)}, hash) VALUES ({', '.join('?' * 15)})",
        [*fields.values(), digest],
    )
    conn.commit()
    conn.close()
    project = Project.open(path)  # upgraded to m007
    try:
        assert verify(project).ok and event_count(project) == 1
        (event,) = history(project, "s1")
        assert event.hash == digest and event.state.correction == "" and event.state.problems == ()
    finally:
        project.close()
