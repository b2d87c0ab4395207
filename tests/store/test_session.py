"""The reviewer's session: the sentence list's filters and the order of the rewrites, without Qt."""

from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.core.labels import Verdict
from factcheck.core.review import Aspect
from factcheck.store.assessments import assessment_for
from factcheck.store.project import Project
from factcheck.store.session import (
    OpenArticle,
    ReviewSession,
    SentenceFilter,
    Show,
    neighbour_rewrite,
    rewrites_in_order,
    rewrites_to_review_after,
)


@pytest.fixture
def session(demo_path: Path):
    project = Project.open(demo_path)
    yield ReviewSession(project, "alice")
    project.close()


def medbot(session: ReviewSession) -> OpenArticle:
    summary = next(s for s in session.articles() if s.title.startswith("MicroPort"))
    return session.open(summary.id)


def test_each_filter_shows_the_sentences_it_names(session: ReviewSession) -> None:
    article = medbot(session)
    sentences = article.rewrite.sentences
    first, second, third = [s for s in sentences if not s.boilerplate][:3]
    session.change(article, first, {Aspect.LABEL: Verdict.SUPPORTED})
    session.change(article, second, {Aspect.LABEL: Verdict.CONTRADICTED, Aspect.NOTE: "wrong firm"})
    session.change(article, third, {Aspect.NOTE: "check the date"})  # a note, no verdict yet

    def shown(show: Show, text: str = "") -> list[int]:
        return SentenceFilter(show, text).matching(article)

    boilerplate = [s.index for s in sentences if s.boilerplate]
    assert shown(Show.ALL) == list(range(len(sentences)))
    assert shown(Show.SUPPORTED) == [first.index]
    assert shown(Show.CONTRADICTED) == [second.index]
    assert shown(Show.UNVERIFIABLE) == []
    assert shown(Show.WITH_NOTE) == [second.index, third.index]
    assert shown(Show.BOILERPLATE) == boilerplate and boilerplate
    not_reviewed = shown(Show.NOT_REVIEWED)
    assert first.index not in not_reviewed and second.index not in not_reviewed
    assert third.index in not_reviewed and not set(boilerplate) & set(not_reviewed)
    assert len(not_reviewed) == article.progress()[1] - article.progress()[0]
    assert shown(Show.FLAGGED) == []  # until the assistant has read the article
    article.assessment = assessment_for(session.project, article.source, article.rewrite)
    flagged = shown(Show.FLAGGED)
    assert flagged and all(article.hints(sentences[i]).flags for i in flagged)
    boilerplate_flagged = [s for s in sentences if s.boilerplate and article.hints(s).flags]
    assert boilerplate_flagged and not set(flagged) & {s.index for s in boilerplate_flagged}
    for index in flagged:
        assert SentenceFilter(Show.FLAGGED).matches(article, sentences[index])


def test_the_text_filter_ignores_case_quotes_and_dashes(session: ReviewSession) -> None:
    article = medbot(session)
    sentences = article.rewrite.sentences
    with_curly = next(s for s in sentences if "’" in s.text)
    word = with_curly.text[with_curly.text.index("’") - 4 : with_curly.text.index("’") + 2]
    typed = word.replace("’", "'").upper()
    found = SentenceFilter(Show.ALL, f"  {typed} ").matching(article)
    assert with_curly.index in found
    assert all(word.casefold() in sentences[i].text.replace("'", "’").casefold() for i in found)
    assert SentenceFilter(Show.ALL, "no such words anywhere").matching(article) == []
    both = SentenceFilter(Show.BOILERPLATE, "register").matching(article)
    assert both and all(sentences[i].boilerplate for i in both)


def test_next_unreviewed_can_stop_at_the_end(session: ReviewSession) -> None:
    article = medbot(session)
    in_review = [s for s in article.rewrite.sentences if article.in_review(s)]
    last = in_review[-1]
    assert article.next_unreviewed(last.index, wrap=False) is None
    assert article.next_unreviewed(last.index) == in_review[0].index
    assert article.next_unreviewed(-1, wrap=False) == in_review[0].index


def test_rewrites_follow_the_article_list_and_n_skips_finished_and_old_ones(session: ReviewSession) -> None:
    summaries = session.articles()
    ordered = rewrites_in_order(summaries)
    assert len(ordered) == 2 and [s.title for s in ordered] == sorted(s.title for s in ordered)
    first, second = ordered
    assert neighbour_rewrite(summaries, first.id, 1) == second
    assert neighbour_rewrite(summaries, second.id, 1) is None
    assert neighbour_rewrite(summaries, second.id, -1) == first
    assert rewrites_to_review_after(summaries, second.id) == [first]  # wraps around
    finished = [replace(s, reviewed=s.to_review) if s.id == first.id else s for s in summaries]
    assert rewrites_to_review_after(finished, second.id) == []
    superseded = [replace(s, latest=False) if s.id == first.id else s for s in summaries]
    assert rewrites_to_review_after(superseded, second.id) == []
    assert [s.id for s in rewrites_in_order(superseded)] == [second.id, first.id]  # latest first
