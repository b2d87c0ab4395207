"""Importing articles: stable ids across project files, no-op re-imports, versions, progress."""

from pathlib import Path

import pytest

from factcheck.core.errors import BadInput
from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.articles import Outcome, list_articles, load_article, resolve_article_id
from factcheck.store.decisions import decide
from factcheck.store.importing import import_files
from factcheck.store.project import Project
from tests.conftest import REWRITES, SOURCE


def _snapshot(project: Project) -> list:
    return [
        project.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
        for t in ("articles", "sentences", "blocks", "spans", "events")
    ]


def test_the_same_files_get_the_same_ids_in_two_project_files(tmp_path: Path) -> None:
    ids = []
    for name in ("alice.db", "bob.db"):
        project = Project.open(tmp_path / name)
        import_files(project, SOURCE, REWRITES)
        ids.append(project.conn.execute("SELECT id FROM sentences ORDER BY id").fetchall())
        project.close()
    assert ids[0] == ids[1] and len(ids[0]) > 50


def test_reimporting_unchanged_files_is_a_no_op(project_path: Path) -> None:
    project = Project.open(project_path)
    import_files(project, SOURCE, REWRITES)
    before = _snapshot(project)
    results = import_files(project, SOURCE, REWRITES)
    assert {r.outcome for r in results} == {Outcome.UNCHANGED}
    assert _snapshot(project) == before
    project.close()


def test_an_edited_rewrite_is_a_new_version_and_old_verdicts_stay_and_are_carried(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "p.db")
    import_files(project, SOURCE, REWRITES[:1])
    first = next(a for a in list_articles(project, "alice") if a.source_id)
    old = load_article(project, first.id)
    decide(project, old.sentences[2].id, "alice", lambda s: s.with_label(Verdict.SUPPORTED), Via.WINDOW)
    edited = tmp_path / REWRITES[0].name
    edited.write_text(REWRITES[0].read_text(encoding="utf-8").replace("Monday", "Tuesday"), encoding="utf-8")
    results = import_files(project, SOURCE, [edited])
    assert results[1].outcome is Outcome.NEW_VERSION and results[1].article.version == 2
    summaries = {a.id: a for a in list_articles(project, "alice")}
    assert summaries[first.id].latest is False and summaries[first.id].reviewed == 1
    assert summaries[results[1].article.id].latest is True
    # The sentence marked is unchanged: its verdict was carried over; the edited one is to check.
    assert summaries[results[1].article.id].reviewed == 1
    assert summaries[results[1].article.id].to_recheck == 1
    assert results[1].revision.previous_id == first.id and results[1].revision.changed == 1
    project.close()


def test_a_bad_rewrite_imports_nothing(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "p.db")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(BadInput, match="empty"):
        import_files(project, SOURCE, [REWRITES[0], empty])
    assert project.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    project.close()


def test_progress_leaves_boilerplate_out(demo_path: Path) -> None:
    project = Project.open(demo_path)
    summaries = {a.title[:9]: a for a in list_articles(project, "alice")}
    medbot = summaries["MicroPort"]
    assert medbot.sentences > medbot.to_review > 0  # the paywall and teaser list are left out
    assert medbot.reviewed == 0
    article = load_article(project, medbot.id)
    for sentence in article.sentences[:3]:
        decide(project, sentence.id, "alice", lambda s: s.with_label(Verdict.SUPPORTED), Via.WINDOW)
    boilerplate = next(s for s in article.sentences if s.boilerplate)
    decide(project, boilerplate.id, "alice", lambda s: s.with_included(True), Via.WINDOW)
    again = next(a for a in list_articles(project, "alice") if a.id == medbot.id)
    assert (again.reviewed, again.to_review) == (3, medbot.to_review + 1)
    bob = next(a for a in list_articles(project, "bob") if a.id == medbot.id)
    assert (bob.reviewed, bob.to_review) == (0, medbot.to_review)
    project.close()


def test_an_article_can_be_named_by_a_prefix_of_its_id(demo_path: Path) -> None:
    project = Project.open(demo_path)
    some = list_articles(project, "alice")[0]
    assert resolve_article_id(project, some.id[:6]) == some.id
    with pytest.raises(BadInput, match="no article"):
        resolve_article_id(project, "zzzz")
    project.close()
