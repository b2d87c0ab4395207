"""The audit table's rows: filters, disagreements first, pages by id, one sentence's detail."""

from pathlib import Path

import pytest

from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.audit_table import (
    Agreement,
    AuditFilter,
    AuditSort,
    SortKey,
    detail,
    reviewers,
    rows,
    sentence_ids,
)
from factcheck.store.decisions import adjudicate, decide
from factcheck.store.project import Project

S, C, U = Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.UNVERIFIABLE
# sentence index → labels by alice, bob, carol (None: not decided)
PLAN = {0: (S, S, S), 1: (S, C, None), 2: (U, U, None), 3: (C, None, None), 4: (S, U, C)}


@pytest.fixture
def project(demo_path: Path):
    project = Project.open(demo_path)
    summary = next(a for a in list_articles(project, "alice") if a.title.startswith("MicroPort"))
    article = load_article(project, summary.id)
    for index, labels in PLAN.items():
        for reviewer, label in zip(("alice", "bob", "carol"), labels, strict=True):
            if label:
                note = "source says Baichuan-M4" if (index, reviewer) == (1, "bob") else ""
                change = lambda s, label=label, note=note: s.with_label(label).with_note(note)  # noqa: E731
                decide(project, article.sentences[index].id, reviewer, change, Via.WINDOW)
    adjudicate(project, article.sentences[4].id, "lead", C, "the source credits Baichuan-M4", Via.WINDOW)
    project.article = article
    yield project
    project.close()


def _indices(project: Project, ids: list[str]) -> list[int]:
    by_id = {s.id: s.index for s in project.article.sentences}
    return [by_id[i] for i in ids]


def test_every_reviewed_sentence_is_a_row_with_open_disagreements_first(project: Project) -> None:
    ids = sentence_ids(project)
    assert _indices(project, ids) == [1, 4, 0, 2, 3]  # open disagreement, settled one, the rest in order
    assert reviewers(project) == ["alice", "bob", "carol"]


def test_rows_carry_each_reviewers_label_the_agreement_and_the_adjudication(project: Project) -> None:
    by_index = {r.index: r for r in rows(project, sentence_ids(project))}
    assert by_index[1].labels == {"alice": S, "bob": C} and by_index[1].agreement is Agreement.DISAGREE
    assert by_index[0].agreement is Agreement.AGREE and by_index[3].agreement is Agreement.SINGLE
    assert by_index[4].adjudicated is C and by_index[1].adjudicated is None


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (AuditFilter(disagreements_only=True), {1, 4}),
        (AuditFilter(disagreements_only=True, not_adjudicated=True), {1}),
        (AuditFilter(reviewer="carol"), {0, 4}),
        (AuditFilter(label=U), {2, 4}),
        (AuditFilter(reviewer="alice", label=C), {3}),
        (AuditFilter(search="baichuan"), {1}),  # found in bob's note
        (AuditFilter(search="MicroPort MedBot"), None),  # sentences mentioning it, computed below
        (AuditFilter(since="2999-01-01T00:00:00.000000Z"), set()),
    ],
)
def test_filters(project: Project, f: AuditFilter, expected: set[int] | None) -> None:
    if expected is None:
        expected = {i for i in PLAN if "microport medbot" in project.article.sentences[i].text.lower()}
    assert set(_indices(project, sentence_ids(project, f))) == expected


def test_sorting_by_a_reviewers_label(project: Project) -> None:
    ids = sentence_ids(project, sort=AuditSort(SortKey.REVIEWER, reviewer="bob"))
    labels = [r.labels.get("bob") for r in rows(project, ids)]
    decided = [label for label in labels if label]
    assert decided == sorted(decided) and labels[len(decided) :] == [None] * (len(labels) - len(decided))


def test_the_filter_narrows_to_one_rewrite(project: Project) -> None:
    other = next(a for a in list_articles(project, "alice") if a.source_id and a.id != project.article.id)
    assert sentence_ids(project, AuditFilter(rewrite_id=other.id)) == []
    assert len(sentence_ids(project, AuditFilter(rewrite_id=project.article.id))) == 5


def test_a_sentences_detail_has_notes_adjudication_and_full_history(project: Project) -> None:
    sentence = project.article.sentences[4]
    found = detail(project, sentence.id)
    assert [v.reviewer for v in found.reviewers] == ["alice", "bob", "carol"]
    assert found.adjudication.label is C and found.adjudication.reason.startswith("the source")
    assert [e.reviewer for e in found.history] == ["alice", "bob", "carol", "lead"]
    assert found.source_title.startswith("China’s medical AI")
