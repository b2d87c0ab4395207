"""A revised rewrite is re-checked, not re-reviewed: linked to the version it revises, every decision
on an unchanged sentence carried over as an event of its own, the rest to check again."""

import csv
from pathlib import Path

import pytest

from factcheck.core.errors import BadInput
from factcheck.core.export import ExportContent, ExportFormat
from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.core.revisions import RevisionStatus
from factcheck.store import articles as articles_module
from factcheck.store.articles import Outcome, list_articles
from factcheck.store.decisions import adjudicate, current, decide, history
from factcheck.store.export import export
from factcheck.store.importing import import_files
from factcheck.store.merge import merge_projects
from factcheck.store.project import Project
from factcheck.store.revisions import LinkedBy, load_revision
from factcheck.store.verify import verify
from tests.conftest import REWRITES, SOURCE
from tests.store.medbot import OTHER_EDIT, RIGHT, mark_medbot, medbot, revised_file


@pytest.fixture
def project(demo_path: Path):
    project = Project.open(demo_path)
    yield project
    project.close()


def _snapshot(project: Project, article_id: str) -> list:
    return project.conn.execute(
        "SELECT e.* FROM events e JOIN sentences s ON s.id = e.sentence_id"
        " WHERE s.article_id = ? ORDER BY e.seq",
        [article_id],
    ).fetchall()


def _revise(project: Project, folder: Path, **options):
    (result,) = [
        r for r in import_files(project, SOURCE, [revised_file(folder, **options)]) if r.article.source_id
    ]
    return result


def test_unchanged_sentences_carry_every_decision_and_the_previous_version_keeps_its_own(
    project: Project, tmp_path: Path
) -> None:
    old, _, _ = medbot(project)
    mark_medbot(project, "alice")
    first = next(s for s in old.sentences if not s.boilerplate)
    decide(
        project,
        first.id,
        "bob",
        lambda s: s.with_label(Verdict.SUPPORTED).with_evidence(((0, 20),)),
        Via.WINDOW,
    )
    decide(
        project, first.id, "alice", lambda s: s.with_label(Verdict.UNVERIFIABLE).with_note("hm"), Via.WINDOW
    )
    adjudicate(project, first.id, "lead", Verdict.SUPPORTED, "the source says so", Via.WINDOW)
    before = _snapshot(project, old.id)

    result = _revise(project, tmp_path)
    assert result.outcome is Outcome.NEW_VERSION and result.article.version == 2
    carried = result.revision
    assert (carried.carried, carried.changed, carried.new, carried.deleted) == (
        len(old.sentences) - 2,
        2,
        0,
        0,
    )
    assert carried.linked_by is LinkedBy.NAME and carried.previous_id == old.id
    assert carried.decisions == 3  # bob's and alice's verdicts on the first sentence, the lead's adjudication
    assert _snapshot(project, old.id) == before  # the previous version's history, untouched

    new = result.article
    same = new.sentences[first.index]
    assert current(project, same.id, "bob").evidence == ((0, 20),)
    assert current(project, same.id, "alice").note == "hm"
    events = history(project, same.id)
    assert {e.via for e in events} == {Via.CARRIED} and {e.carried_from for e in events} == {first.id}
    # Dated as they were decided: a later decision on the revision counts over them, wherever made.
    assert sorted(e.decided_at for e in events) == sorted(
        e.decided_at for e in history(project, first.id)[-3:]
    )
    assert project.conn.execute(
        "SELECT label FROM adjudications WHERE sentence_id = ?", [same.id]
    ).fetchone() == ("supported",)
    # The changed sentence starts unreviewed; the correction made it in.
    changed = next(s for s in new.sentences if RIGHT in s.text)
    assert current(project, changed.id, "alice").label is None
    ((index, check),) = carried.corrections
    assert index == changed.index and check.applied and not check.problem_remains
    assert check.problem_text == "MicroPort MedBot" and check.reviewer == "alice"
    assert verify(project).ok


def test_a_carried_problem_span_moves_with_its_sentence(project: Project, tmp_path: Path) -> None:
    mark_medbot(project)
    # The correction is not applied, but a sentence above it grows: the span must follow its words.
    result = _revise(project, tmp_path, apply=False, other=False)
    assert result.outcome is Outcome.UNCHANGED
    text = REWRITES[0].read_text(encoding="utf-8").replace("on Monday", "on Monday, 10 November")
    path = tmp_path / REWRITES[0].name
    path.write_text(text, encoding="utf-8")
    (result,) = [r for r in import_files(project, SOURCE, [path]) if r.article.source_id]
    sentence = next(s for s in result.article.sentences if "MicroPort MedBot says its clinical" in s.text)
    state = current(project, sentence.id, "alice")
    ((start, end),) = state.problems
    assert result.article.text[start:end] == "MicroPort MedBot" and state.correction == "Baichuan-M4"
    ((_, check),) = [c for c in result.revision.corrections]
    assert not check.applied and check.problem_remains


def test_a_revision_is_found_by_title_and_source_under_another_name(project: Project, tmp_path: Path) -> None:
    mark_medbot(project)
    result = _revise(project, tmp_path, name="medbot-edited.txt")
    assert result.revision.linked_by is LinkedBy.TITLE and result.article.version == 2
    assert result.article.name == REWRITES[0].name  # numbered among the versions of the document it revises
    latest = {a.id: a.latest for a in list_articles(project, "alice")}
    assert latest[result.article.id] and not latest[result.revision.previous_id]


def test_a_revision_can_be_named_and_must_be_a_rewrite_of_the_same_source(
    project: Project, tmp_path: Path
) -> None:
    old, _, _ = medbot(project)
    other = next(a for a in list_articles(project, "x") if a.source_id and a.id != old.id)
    path = revised_file(tmp_path, "anything.txt")
    source_id = old.source_id
    for revises, error in ((source_id, "is a source"), ("0000000000000000", "no article with id")):
        with pytest.raises(BadInput, match=error):
            import_files(project, SOURCE, [path], revises=revises)
    with pytest.raises(BadInput, match="one rewrite"):
        import_files(project, SOURCE, [path, REWRITES[1]], revises=old.id)
    assert project.conn.execute("SELECT count(*) FROM articles").fetchone() == (3,)  # nothing was imported
    (result,) = [r for r in import_files(project, SOURCE, [path], revises=other.id) if r.article.source_id]
    assert result.revision.linked_by is LinkedBy.CHOSEN and result.revision.previous_id == other.id
    assert result.revision.carried == 0  # another text altogether: nothing to carry


def test_the_matching_runs_before_the_write_lock_is_taken(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factcheck.store.revisions as revisions

    seen = []
    real = revisions.match_sentences

    def spy(previous, revised):
        seen.append(project.conn.in_transaction)
        return real(previous, revised)

    monkeypatch.setattr(revisions, "match_sentences", spy)
    _revise(project, tmp_path)
    assert seen == [False]


def test_a_failed_import_carries_nothing(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mark_medbot(project)
    events = project.conn.execute("SELECT count(*) FROM events").fetchone()

    def broken(*args):
        raise BadInput("the ledger refused it")

    monkeypatch.setattr(articles_module, "record_revisions", broken)
    with pytest.raises(BadInput):
        _revise(project, tmp_path)
    assert project.conn.execute("SELECT count(*) FROM events").fetchone() == events
    assert project.conn.execute("SELECT count(*) FROM articles").fetchone() == (3,)
    assert project.conn.execute("SELECT count(*) FROM revisions").fetchone() == (0,)


def test_the_stored_link_says_what_became_of_each_sentence(project: Project, tmp_path: Path) -> None:
    old, _, _ = medbot(project)
    text = REWRITES[0].read_text(encoding="utf-8").replace(OTHER_EDIT[0], "")
    text = text.replace(
        "For decision-makers, this is the practical unlock.", "For buyers, this is the unlock."
    )
    path = tmp_path / REWRITES[0].name
    added = "Put the two pieces together and you get a pattern. A sentence the editor added here."
    path.write_text(
        text.replace("Put the two pieces together and you get a pattern.", added), encoding="utf-8"
    )
    (result,) = [r for r in import_files(project, SOURCE, [path]) if r.article.source_id]
    revision = load_revision(project.conn, result.article.id)
    statuses = {s.text: revision.sentences[s.id].status for s in result.article.sentences}
    assert statuses["For buyers, this is the unlock."] is RevisionStatus.CHANGED
    assert statuses["A sentence the editor added here."] is RevisionStatus.NEW
    assert [s.text for s in revision.deleted] == [OTHER_EDIT[0]]
    summary = next(a for a in list_articles(project, "alice") if a.id == result.article.id)
    assert (summary.revises, summary.revises_version, summary.to_recheck, summary.rechecked) == (
        old.id,
        1,
        2,
        0,
    )


def test_the_history_export_names_the_sentence_a_decision_was_carried_from(
    project: Project, tmp_path: Path
) -> None:
    old, _, _ = medbot(project)
    first = next(s for s in old.sentences if not s.boilerplate)
    decide(project, first.id, "bob", lambda s: s.with_label(Verdict.SUPPORTED), Via.WINDOW)
    _revise(project, tmp_path)
    out = tmp_path / "history.csv"
    export(project, out, ExportContent.HISTORY, ExportFormat.CSV)
    with out.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(r["via"], r["carried_from"]) for r in rows] == [("window", ""), ("carried", first.id)]


def test_a_merge_brings_the_revision_link_along(project: Project, demo_path: Path, tmp_path: Path) -> None:
    mark_medbot(project)
    result = _revise(project, tmp_path)
    project.close()
    team = Project.open(tmp_path / "team.db")
    report = merge_projects(team, [demo_path], by="lead")
    assert report.files[0].revisions_added == 1
    assert load_revision(team.conn, result.article.id).previous_id == result.revision.previous_id
    assert verify(team).ok
    again = merge_projects(team, [demo_path], by="lead")
    assert again.events_added == 0 and again.files[0].revisions_added == 0
    team.close()


def test_a_revision_of_a_revision_carries_what_was_carried(project: Project, tmp_path: Path) -> None:
    old, _, _ = medbot(project)
    first = next(s for s in old.sentences if not s.boilerplate)
    decide(project, first.id, "bob", lambda s: s.with_label(Verdict.SUPPORTED), Via.WINDOW)
    second = _revise(project, tmp_path)
    path = revised_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line at the end.\n", encoding="utf-8")
    (third,) = [r for r in import_files(project, SOURCE, [path]) if r.article.source_id]
    assert third.article.version == 3 and third.revision.previous_id == second.article.id
    assert current(project, third.article.sentences[first.index].id, "bob").label is Verdict.SUPPORTED
    assert verify(project).ok


def test_another_rewrite_that_only_shares_the_title_is_not_a_revision(
    project: Project, tmp_path: Path
) -> None:
    old, _, _ = medbot(project)
    other = tmp_path / "another-take.txt"
    other.write_text(old.title + "\n" + REWRITES[1].read_text(encoding="utf-8"), encoding="utf-8")
    (result,) = [r for r in import_files(project, SOURCE, [other]) if r.article.source_id]
    assert result.article.title == old.title
    assert result.outcome is Outcome.NEW and result.revision is None and result.article.version == 1
