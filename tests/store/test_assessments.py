"""The assistant's assessments are kept per (source, rewrite); suggestions are recorded on verdicts."""

from pathlib import Path

from factcheck.core.events import event_hash, evidence_json
from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.assessments import assessment_for, kept
from factcheck.store.decisions import decide, history
from factcheck.store.project import Project


def _medbot(project: Project):
    summary = next(a for a in list_articles(project, "alice") if a.title.startswith("MicroPort"))
    rewrite = load_article(project, summary.id)
    return load_article(project, rewrite.source_id), rewrite


def test_an_assessment_is_computed_once_and_kept(demo_path: Path, monkeypatch) -> None:
    project = Project.open(demo_path)
    source, rewrite = _medbot(project)
    assert kept(project, source.id, rewrite.id) is None
    first = assessment_for(project, source, rewrite)
    calls = []
    monkeypatch.setattr("factcheck.store.assessments.assess", lambda *a, **k: calls.append(a))
    assert assessment_for(project, source, rewrite) == first
    assert calls == []  # read back, not computed again
    project.close()


def test_a_new_method_computes_the_assessment_again(demo_path: Path, monkeypatch) -> None:
    project = Project.open(demo_path)
    source, rewrite = _medbot(project)
    assessment_for(project, source, rewrite)
    monkeypatch.setattr("factcheck.store.assessments.METHOD", "assistant-next")
    assert kept(project, source.id, rewrite.id) is None
    project.close()


def test_the_suggestion_is_recorded_on_label_decisions_only_and_hashed(demo_path: Path) -> None:
    project = Project.open(demo_path)
    _, rewrite = _medbot(project)
    sentence = rewrite.sentences[3]
    decide(
        project,
        sentence.id,
        "alice",
        lambda s: s.with_label(Verdict.SUPPORTED),
        Via.WINDOW,
        suggestion=Verdict.CONTRADICTED,
    )
    decide(
        project,
        sentence.id,
        "alice",
        lambda s: s.with_note("why"),
        Via.WINDOW,
        suggestion=Verdict.CONTRADICTED,
    )
    labelled, noted = history(project, sentence.id)
    assert labelled.suggestion is Verdict.CONTRADICTED and noted.suggestion is None
    for event in (labelled, noted):
        recomputed = event_hash(
            id=event.id,
            origin=event.origin,
            seq=event.seq,
            kind=event.kind.value,
            sentence_id=event.sentence_id,
            reviewer=event.reviewer,
            label=event.state.label.value if event.state.label else None,
            previous_label=event.previous_label.value if event.previous_label else None,
            evidence=evidence_json(event.state.evidence),
            note=event.state.note,
            included=event.state.included,
            via=event.via.value,
            decided_at=event.decided_at,
            prev_hash=event.prev_hash,
            suggestion=event.suggestion.value if event.suggestion else None,
        )
        assert recomputed == event.hash
    project.close()
