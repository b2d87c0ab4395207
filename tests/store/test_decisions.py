"""Decisions: one event each, committed at once, history append-only, current verdict derived."""

import sqlite3
from pathlib import Path

import pytest

from factcheck.core.errors import BadInput
from factcheck.core.events import event_hash, evidence_json
from factcheck.core.labels import Verdict
from factcheck.core.review import DecisionKind, VerdictState, Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.decisions import current, decide, history, verdicts_for_article
from factcheck.store.project import Project


@pytest.fixture
def project(demo_path: Path):
    project = Project.open(demo_path)
    yield project
    project.close()


def _rewrite(project: Project):
    summary = next(a for a in list_articles(project, "alice") if a.source_id and a.to_review > 20)
    return load_article(project, summary.id)


def _label(label):
    return lambda state: state.with_label(label)


def test_each_decision_appends_one_event_with_its_kind(project: Project) -> None:
    sentence = _rewrite(project).sentences[2]
    kinds = []
    for change in (
        _label(Verdict.SUPPORTED),
        _label(Verdict.CONTRADICTED),
        lambda s: s.with_note("the source credits Baichuan-M4"),
        lambda s: s.with_evidence(((10, 40),)),
        _label(None),
    ):
        event = decide(project, sentence.id, "alice", change, Via.WINDOW)
        kinds.append(event.kind)
    assert kinds == [
        DecisionKind.MARK,
        DecisionKind.CHANGE,
        DecisionKind.NOTE,
        DecisionKind.EVIDENCE,
        DecisionKind.CLEAR,
    ]
    events = history(project, sentence.id)
    assert [e.kind for e in events] == kinds
    assert events[1].previous_label is Verdict.SUPPORTED
    assert current(project, sentence.id, "alice") == VerdictState(
        None, ((10, 40),), "the source credits Baichuan-M4"
    )


def test_a_decision_is_on_disk_when_decide_returns(demo_path: Path) -> None:
    writer = Project.open(demo_path)
    sentence = _rewrite(writer).sentences[0]
    decide(writer, sentence.id, "alice", _label(Verdict.UNVERIFIABLE), Via.WINDOW)
    reader = sqlite3.connect(demo_path)  # another connection, as another process would see it
    row = reader.execute(
        "SELECT label FROM verdicts WHERE sentence_id = ? AND reviewer = 'alice'", [sentence.id]
    ).fetchone()
    assert row == ("unverifiable",)
    reader.close()
    writer.close()


def test_a_change_that_changes_nothing_writes_nothing(project: Project) -> None:
    sentence = _rewrite(project).sentences[1]
    assert decide(project, sentence.id, "alice", _label(Verdict.SUPPORTED), Via.WINDOW)
    assert decide(project, sentence.id, "alice", _label(Verdict.SUPPORTED), Via.WINDOW) is None
    assert len(history(project, sentence.id)) == 1


def test_reviewers_only_change_their_own_verdicts(project: Project) -> None:
    article = _rewrite(project)
    sentence = article.sentences[3]
    decide(project, sentence.id, "alice", _label(Verdict.SUPPORTED), Via.WINDOW)
    decide(project, sentence.id, "bob", _label(Verdict.CONTRADICTED), Via.WINDOW)
    assert verdicts_for_article(project, article.id, "alice")[sentence.id].label is Verdict.SUPPORTED
    assert verdicts_for_article(project, article.id, "bob")[sentence.id].label is Verdict.CONTRADICTED


def test_history_cannot_be_edited_or_deleted(project: Project) -> None:
    sentence = _rewrite(project).sentences[0]
    decide(project, sentence.id, "alice", _label(Verdict.SUPPORTED), Via.WINDOW)
    for statement in ("UPDATE events SET label = 'contradicted'", "DELETE FROM events"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"), project.write() as conn:
            conn.execute(statement)
    assert current(project, sentence.id, "alice").label is Verdict.SUPPORTED


def test_events_chain_by_hash_in_order(project: Project) -> None:
    article = _rewrite(project)
    for sentence in article.sentences[:5]:
        decide(project, sentence.id, "alice", _label(Verdict.SUPPORTED), Via.WINDOW)
    rows = project.conn.execute(
        "SELECT id, origin, seq, kind, sentence_id, reviewer, label, previous_label, evidence, note,"
        " included, via, decided_at, prev_hash, hash FROM events ORDER BY seq"
    ).fetchall()
    previous = ""
    for row in rows:
        fields = dict(
            zip(
                [
                    "id",
                    "origin",
                    "seq",
                    "kind",
                    "sentence_id",
                    "reviewer",
                    "label",
                    "previous_label",
                    "evidence",
                    "note",
                    "included",
                    "via",
                    "decided_at",
                    "prev_hash",
                ],
                row[:-1],
                strict=True,
            )
        )
        fields["included"] = None if fields["included"] is None else bool(fields["included"])
        assert fields["prev_hash"] == previous
        assert event_hash(**fields) == row[-1]
        previous = row[-1]
    assert [r[2] for r in rows] == [1, 2, 3, 4, 5]
    assert [r[12] for r in rows] == sorted(r[12] for r in rows)  # times never go backwards


def test_an_older_event_arriving_later_does_not_replace_the_current_verdict(project: Project) -> None:
    sentence = _rewrite(project).sentences[4]
    decide(project, sentence.id, "alice", _label(Verdict.SUPPORTED), Via.WINDOW)
    decide(
        project,
        sentence.id,
        "alice",
        _label(Verdict.CONTRADICTED),
        Via.IMPORT,
        decided_at="2001-01-01T00:00:00.000000Z",
    )
    assert current(project, sentence.id, "alice").label is Verdict.SUPPORTED


@pytest.mark.parametrize(
    ("sentence", "change", "message"),
    [
        ("0000000000000000", _label(Verdict.SUPPORTED), "no sentence with id"),
        (None, lambda s: s.with_evidence(((5, 999_999),)), "not a passage of the source"),
        ("source", _label(Verdict.SUPPORTED), "belongs to a source"),
    ],
)
def test_bad_decisions_are_refused_and_change_nothing(project: Project, sentence, change, message) -> None:
    if sentence is None:
        sentence = _rewrite(project).sentences[0].id
    elif sentence == "source":
        source_id = _rewrite(project).source_id
        sentence = load_article(project, source_id).sentences[0].id
    before = project.conn.execute("SELECT count(*) FROM events").fetchone()
    with pytest.raises(BadInput, match=message):
        decide(project, sentence, "alice", change, Via.COMMAND_LINE)
    assert project.conn.execute("SELECT count(*) FROM events").fetchone() == before


def test_an_empty_reviewer_name_is_refused(project: Project) -> None:
    sentence = _rewrite(project).sentences[0]
    with pytest.raises(BadInput, match="reviewer's name is empty"):
        decide(project, sentence.id, "  ", _label(Verdict.SUPPORTED), Via.WINDOW)


def test_evidence_is_stored_as_offsets(project: Project) -> None:
    sentence = _rewrite(project).sentences[0]
    decide(project, sentence.id, "alice", lambda s: s.with_evidence(((1, 4), (8, 9))), Via.WINDOW)
    stored = project.conn.execute("SELECT evidence FROM verdicts").fetchone()[0]
    assert stored == evidence_json(((1, 4), (8, 9)))
