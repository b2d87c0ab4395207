"""The article list model, checked by Qt's own model tester."""

from pathlib import Path

from factcheck.store.project import Project
from factcheck.store.session import ReviewSession
from factcheck.ui.sidebar import ArticleRole, ArticleTreeModel


def test_the_article_tree_is_a_valid_model(qtmodeltester, demo_path: Path) -> None:
    project = Project.open(demo_path)
    model = ArticleTreeModel()
    model.set_articles(ReviewSession(project, "alice").articles())
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    source = model.index(0, 0)
    assert model.rowCount(source) == 2
    rewrite = model.index(0, 0, source)
    summary = rewrite.data(ArticleRole)
    assert summary.source_id == source.data(ArticleRole).id
    assert f"0 of {summary.to_review}" in rewrite.data(3)  # the tooltip tells the progress
    project.close()
