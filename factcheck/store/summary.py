"""Each rewrite's progress in figures, for the workbook's summary sheet: sentences, reviewed, verdicts
by label, per reviewer and for all of them, final verdicts and open disagreements."""

from factcheck.core.labels import Verdict
from factcheck.core.workbook import RewriteTally
from factcheck.store.export import COUNTED
from factcheck.store.project import Project

# Per rewrite and reviewer. A reviewer's review is the rewrite's default one (every sentence but
# boilerplate) with the boilerplate they took in and without the sentences they left out.
_PER_REVIEWER = f"""
    SELECT s.article_id, v.reviewer,
           count(CASE WHEN v.included = 1 AND s.boilerplate THEN 1 END)
             - count(CASE WHEN v.included = 0 AND NOT s.boilerplate THEN 1 END),
           sum({COUNTED}),
           sum({COUNTED} AND v.label = 'supported'),
           sum({COUNTED} AND v.label = 'contradicted'),
           sum({COUNTED} AND v.label = 'unverifiable')
    FROM verdicts v JOIN sentences s ON s.id = v.sentence_id
    GROUP BY s.article_id, v.reviewer
    ORDER BY s.article_id, v.reviewer
"""
# Per rewrite: sentences with at least one verdict that counts, and how they stand.
_PER_SENTENCE = f"""
    WITH tally AS (
        SELECT v.sentence_id, s.article_id, min(v.label) AS low, max(v.label) AS high
        FROM verdicts v JOIN sentences s ON s.id = v.sentence_id
        WHERE {COUNTED}
        GROUP BY v.sentence_id
    )
    SELECT t.article_id, count(*),
           sum(t.low != t.high AND t.sentence_id NOT IN (SELECT sentence_id FROM adjudications))
    FROM tally t GROUP BY t.article_id
"""
_ADJUDICATED = """
    SELECT s.article_id, count(*) FROM adjudications j JOIN sentences s ON s.id = j.sentence_id
    GROUP BY s.article_id
"""
_REWRITES = """
    SELECT a.id, a.title, a.version, src.title,
           (SELECT count(*) FROM sentences s WHERE s.article_id = a.id AND NOT s.boilerplate)
    FROM articles a JOIN articles src ON src.id = a.source_id
    ORDER BY src.title, src.id, a.title, a.version, a.id
"""


def rewrite_tallies(project: Project) -> list[RewriteTally]:
    """For every rewrite of the project (every version), a line for all its reviewers together,
    then one per reviewer with a verdict, note or evidence on it."""
    conn = project.conn
    reviewers: dict[str, list[tuple]] = {}
    for article_id, *figures in conn.execute(_PER_REVIEWER):
        reviewers.setdefault(article_id, []).append(tuple(figures))
    sentences = {row[0]: row[1:] for row in conn.execute(_PER_SENTENCE)}
    adjudicated = dict(conn.execute(_ADJUDICATED).fetchall())
    tallies = []
    for rewrite_id, title, version, source_title, in_review in conn.execute(_REWRITES).fetchall():
        if version > 1:
            title = f"{title} (version {version})"
        per_reviewer = [
            RewriteTally(source_title, title, rewrite_id, name, in_review + shift, *figures)
            for name, shift, *figures in reviewers.get(rewrite_id, [])
        ]
        reviewed, disagreements = sentences.get(rewrite_id, (0, 0))
        tallies.append(
            RewriteTally(
                source_title,
                title,
                rewrite_id,
                None,
                in_review,
                reviewed,
                *(sum(t.by_label(v) for t in per_reviewer) for v in Verdict),
                adjudicated=adjudicated.get(rewrite_id, 0),
                disagreements=disagreements,
            )
        )
        tallies += per_reviewer
    return tallies
