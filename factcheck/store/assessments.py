"""The evidence assistant's assessments, computed once per (source, rewrite) and kept in the project."""

from factcheck.core.article import Article
from factcheck.core.assist.assistant import METHOD, Assessment, Progress, assess, from_json, to_json
from factcheck.core.events import format_time, now
from factcheck.store.project import Project


def kept(project: Project, source_id: str, rewrite_id: str) -> Assessment | None:
    row = project.conn.execute(
        "SELECT data FROM assessments WHERE source_id = ? AND rewrite_id = ? AND method = ?",
        [source_id, rewrite_id, METHOD],
    ).fetchone()
    return from_json(row[0]) if row else None


def assessment_for(
    project: Project, source: Article, rewrite: Article, progress: Progress | None = None
) -> Assessment:
    """The kept assessment of `rewrite` against `source`, or a new one, computed and kept."""
    found = kept(project, source.id, rewrite.id)
    if found is not None:
        return found
    assessment = assess(
        [s.text for s in source.sentences],
        [s.text for s in rewrite.sentences],
        [not s.boilerplate for s in rewrite.sentences],
        progress,
    )
    with project.write() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO assessments (source_id, rewrite_id, method, data, computed_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [source.id, rewrite.id, METHOD, to_json(assessment), format_time(now())],
        )
    return assessment
