"""The review session a window drives, without Qt: what is wrong and what it should say, and a
revised rewrite as the reviewer re-checks it."""

from pathlib import Path

import pytest

from factcheck.core.error_types import ErrorType
from factcheck.core.errors import BadInput
from factcheck.core.labels import Verdict
from factcheck.core.review import Aspect
from factcheck.core.revisions import DiffOp, RevisionStatus
from factcheck.store.assessments import assessment_for
from factcheck.store.importing import import_files
from factcheck.store.project import Project
from factcheck.store.session import ReviewSession, SentenceFilter, Show
from tests.conftest import SOURCE
from tests.store.medbot import OTHER_EDIT, RIGHT, WRONG, mark_medbot, medbot, revised_file


@pytest.fixture
def session(demo_path: Path):
    project = Project.open(demo_path)
    yield ReviewSession(project, "alice")
    project.close()


def test_problems_types_and_corrections_are_aspects_of_a_change(session: ReviewSession) -> None:
    rewrite, sentence, (start, end) = medbot(session.project)
    article = session.open(rewrite.id)
    span = session.snap_problem(article, sentence, start + 2, end - 2)  # a sloppy selection
    assert rewrite.text[span[0] : span[1]] == "MicroPort MedBot"
    changes = session.label_changes(article, sentence, Verdict.CONTRADICTED) | {
        Aspect.PROBLEMS: (span,),
        Aspect.ERROR_TYPES: (ErrorType.WRONG_NAME,),
        Aspect.CORRECTION: "Baichuan-M4",
    }
    state = session.change(article, sentence, changes)
    assert article.state(sentence) == state and state.correction == "Baichuan-M4"
    # Marking it supported takes what was wrong away in the same decision, so its undo restores it.
    undo = {
        aspect: state.get(aspect) for aspect in session.label_changes(article, sentence, Verdict.SUPPORTED)
    }
    assert set(undo) == {Aspect.LABEL, Aspect.PROBLEMS, Aspect.ERROR_TYPES, Aspect.CORRECTION}
    session.change(article, sentence, session.label_changes(article, sentence, Verdict.SUPPORTED))
    assert not article.state(sentence).describes_an_error
    assert session.change(article, sentence, undo) == state
    with pytest.raises(BadInput, match="not inside the sentence"):
        session.snap_problem(article, sentence, sentence.end - 2, sentence.end + 10)


def test_the_assistants_flag_is_offered_as_the_problem_with_its_correction(session: ReviewSession) -> None:
    rewrite, sentence, span = medbot(session.project)
    article = session.open(rewrite.id)
    assert article.problem_suggestions(sentence) == ()  # until the hints arrive
    article.assessment = assessment_for(session.project, article.source, article.rewrite)
    offered = {s.span: s for s in article.problem_suggestions(sentence)}
    assert offered[span].error_type is ErrorType.WRONG_NAME and offered[span].correction == "Baichuan-M4"


def test_a_revision_opens_with_each_sentences_status_previous_text_and_correction(
    session: ReviewSession, tmp_path: Path
) -> None:
    old, _, _ = medbot(session.project)
    mark_medbot(session.project, "alice")
    mark_medbot(session.project, "bob")
    first = next(s for s in old.sentences if not s.boilerplate)
    session.change(session.open(old.id), first, {Aspect.LABEL: Verdict.SUPPORTED})
    (revision,) = [
        r for r in import_files(session.project, SOURCE, [revised_file(tmp_path)]) if r.article.source_id
    ]
    article = session.open(revision.article.id)
    by_text = {s.text: s for s in article.rewrite.sentences}
    corrected = next(s for t, s in by_text.items() if RIGHT in t)
    edited = by_text[OTHER_EDIT[1]]
    untouched = article.rewrite.sentences[first.index]

    assert article.revision.previous_version == 1
    assert article.revision_status(untouched) is RevisionStatus.CARRIED
    assert article.state(untouched).label is Verdict.SUPPORTED  # carried over
    assert [article.revision_status(s) for s in (corrected, edited)] == [RevisionStatus.CHANGED] * 2
    assert article.state(corrected).label is None and article.to_recheck(corrected)
    assert WRONG in article.previous_text(corrected)
    assert [(p.op, p.text) for p in article.word_diff(corrected) if p.op is not DiffOp.EQUAL] == [
        (DiffOp.DELETE, "MicroPort MedBot"),
        (DiffOp.INSERT, "Baichuan-M4"),
    ]
    assert article.word_diff(untouched) == ()
    assert article.my_previous_state(corrected).label is Verdict.CONTRADICTED
    assert article.my_correction(corrected).applied
    assert [c.reviewer for c in article.corrections(corrected)] == ["alice", "bob"]
    assert article.revision.deleted == ()
    assert article.recheck_progress() == (0, 2)
    assert SentenceFilter(Show.CHANGED).matching(article) == sorted([corrected.index, edited.index])
    assert SentenceFilter(Show.CHANGED).matching(session.open(old.id)) == []  # a first version


def test_n_visits_the_sentences_to_recheck_first(session: ReviewSession, tmp_path: Path) -> None:
    old, _, _ = medbot(session.project)
    (revision,) = [
        r for r in import_files(session.project, SOURCE, [revised_file(tmp_path)]) if r.article.source_id
    ]
    article = session.open(revision.article.id)
    recheck = [s.index for s in article.rewrite.sentences if article.to_recheck(s)]
    assert len(recheck) == 2
    visited = [article.next_unreviewed(-1)]
    visited.append(article.next_unreviewed(visited[-1]))
    assert visited == recheck
    for index in recheck:
        sentence = article.rewrite.sentences[index]
        session.change(article, sentence, {Aspect.LABEL: Verdict.SUPPORTED})
    assert article.recheck_progress() == (2, 2)
    following = article.next_unreviewed(recheck[-1])  # then the other unreviewed sentences
    assert following is not None and not article.to_recheck(article.rewrite.sentences[following])
    # A first version has no revision: N goes through the sentences in order.
    plain = session.open(old.id)
    assert plain.revision is None and plain.revision_status(plain.rewrite.sentences[0]) is None
    assert plain.next_unreviewed(-1) == next(s.index for s in plain.rewrite.sentences if not s.boilerplate)


def test_other_reviewers_verdicts_come_whole_with_what_they_said_is_wrong(session: ReviewSession) -> None:
    rewrite, sentence, span = medbot(session.project)
    mark_medbot(session.project, "bob")
    article = session.open(rewrite.id)
    bob = article.visible_others(sentence)["bob"]  # blind review is off
    assert (bob.label, bob.problems, bob.error_types, bob.correction) == (
        Verdict.CONTRADICTED,
        (span,),
        (ErrorType.WRONG_NAME,),
        "Baichuan-M4",
    )


def test_the_session_tells_when_another_program_wrote_to_the_project(session: ReviewSession) -> None:
    rewrite, sentence, _ = medbot(session.project)
    assert not session.written_elsewhere()
    session.change(session.open(rewrite.id), sentence, {Aspect.NOTE: "mine"})  # its own write
    assert not session.written_elsewhere()
    other = Project.open(session.project.path)
    try:
        mark_medbot(other, "bob")
    finally:
        other.close()
    assert session.written_elsewhere() and not session.written_elsewhere()
