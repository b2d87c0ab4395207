"""Adjudications, chain heads and the blind-review setting (schema step m004)."""

from pathlib import Path

import pytest

from factcheck.core.errors import BadInput
from factcheck.core.labels import Verdict
from factcheck.core.review import DecisionKind, Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.decisions import adjudicate, adjudication, current, decide, history
from factcheck.store.project import Project
from factcheck.store.settings import blind_review, set_blind_review


@pytest.fixture
def project(demo_path: Path):
    project = Project.open(demo_path)
    yield project
    project.close()


def _sentence(project: Project, index: int = 2):
    summary = next(a for a in list_articles(project, "lead") if a.source_id)
    return load_article(project, summary.id).sentences[index]


def test_an_adjudication_is_an_event_but_not_the_leads_own_verdict(project: Project) -> None:
    sentence = _sentence(project)
    decide(project, sentence.id, "alice", lambda s: s.with_label(Verdict.SUPPORTED), Via.WINDOW)
    event = adjudicate(
        project, sentence.id, "lead", Verdict.CONTRADICTED, "the source credits another firm", Via.WINDOW
    )
    assert event is not None and event.kind is DecisionKind.ADJUDICATE
    final = adjudication(project, sentence.id)
    assert final is not None and (final.label, final.reason, final.lead) == (
        Verdict.CONTRADICTED,
        "the source credits another firm",
        "lead",
    )
    assert current(project, sentence.id, "lead").label is None  # not a verdict of the lead's
    assert current(project, sentence.id, "alice").label is Verdict.SUPPORTED
    assert [e.kind for e in history(project, sentence.id)] == [DecisionKind.MARK, DecisionKind.ADJUDICATE]


def test_an_adjudication_needs_a_reason(project: Project) -> None:
    with pytest.raises(BadInput, match="needs a reason"):
        adjudicate(project, _sentence(project).id, "lead", Verdict.SUPPORTED, "  ", Via.WINDOW)
    assert project.conn.execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_the_latest_adjudication_wins(project: Project) -> None:
    sentence = _sentence(project)
    adjudicate(project, sentence.id, "lead", Verdict.SUPPORTED, "first look", Via.WINDOW)
    adjudicate(project, sentence.id, "lead2", Verdict.UNVERIFIABLE, "second look", Via.WINDOW)
    assert adjudication(project, sentence.id).label is Verdict.UNVERIFIABLE


def test_the_chain_head_follows_the_newest_event(project: Project) -> None:
    for index in range(3):
        decide(
            project,
            _sentence(project, index).id,
            "alice",
            lambda s: s.with_label(Verdict.SUPPORTED),
            Via.WINDOW,
        )
    head = project.conn.execute(
        "SELECT seq, hash FROM chain_heads WHERE origin = ?", [project.origin]
    ).fetchone()
    newest = project.conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    assert head == newest == (3, newest[1])


def test_blind_review_is_off_until_turned_on(project: Project) -> None:
    assert blind_review(project) is False
    set_blind_review(project, True, "lead")
    assert blind_review(project) is True
    set_blind_review(project, False, "lead")
    assert blind_review(project) is False
