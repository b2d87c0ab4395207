"""Articles in a project: storing imported versions, listing them with progress, loading one."""

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from factcheck.core.article import Article, Sentence
from factcheck.core.document import Block, BlockKind, InlineSpan, InlineStyle, Role
from factcheck.core.errors import BadInput
from factcheck.core.events import format_time, now
from factcheck.core.ledger import article_digest
from factcheck.store.ledger import record_articles, record_revisions
from factcheck.store.project import Project, bulk_writing
from factcheck.store.revisions import Carried, as_revision, link, revision_plan
from factcheck.store.sentences import SENTENCE_FIELDS, sentence_from_row, sentences_of


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One line of the article list, with one reviewer's progress."""

    id: str
    role: Role
    title: str
    source_id: str | None
    name: str
    version: int
    latest: bool
    """False when a later version of the same document has been imported."""
    sentences: int
    to_review: int
    """Sentences that count towards progress (boilerplate is left out unless taken back in)."""
    reviewed: int
    """Of those, how many the reviewer has given a verdict."""
    revises: str | None = None
    """For a revised rewrite: the id of the version it revises."""
    revises_version: int | None = None
    to_recheck: int = 0
    """Of the sentences to review, those changed or new since the version it revises."""
    rechecked: int = 0
    """Of those, how many the reviewer has given a verdict."""


class Outcome(StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    NEW_VERSION = "new version"


@dataclass(frozen=True, slots=True)
class Imported:
    """What importing one article did."""

    article: Article
    outcome: Outcome
    """UNCHANGED means the article was already in the project and nothing was written."""
    revision: Carried | None = None
    """For a new version of a rewrite: the version it revises and what was carried over."""


def store_articles(
    project: Project, articles: Sequence[Article], revises: str | None = None
) -> list[Imported]:
    """Store articles (a source first, then its rewrites) in one transaction: all or nothing.

    An article already in the project is left alone. An edited rewrite becomes a new version of
    the rewrite it revises (`revises`, an article id, else the same document name, else the same
    title and source): its unchanged sentences get every decision of the previous version's, as
    new events; the previous version keeps its own. The sentences are matched before the write
    lock is taken.
    """
    rewrites = [a for a in articles if a.source_id is not None]
    if revises is not None and len(rewrites) != 1:
        raise BadInput(f"--revises names the version of one rewrite; {len(rewrites)} rewrites were given")
    plans = {}
    for article in rewrites:
        if project.conn.execute("SELECT 1 FROM articles WHERE id = ?", [article.id]).fetchone():
            continue
        plans[article.id] = revision_plan(project.conn, article, revises)
    results: list[Imported] = []
    digests: list[tuple[str, str]] = []
    links: list[tuple[str, str]] = []
    with bulk_writing(project.conn), project.write() as conn:
        imported_at = format_time(now())
        for article in articles:
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", [article.id]).fetchone():
                results.append(Imported(article, Outcome.UNCHANGED))
                continue
            # Found again inside the transaction: another import may have come first (then the
            # sentences are matched again, under the lock).
            found = revision_plan(conn, article, revises, plans.get(article.id))
            if found is None:  # a first version, or an edited source (whose verdicts are elsewhere)
                (latest,) = conn.execute(
                    "SELECT max(version) FROM articles WHERE role = ? AND name = ? AND source_id IS ?",
                    [article.role.value, article.name, article.source_id],
                ).fetchone()
                if latest:
                    article = replace(article, version=latest + 1)
                digests.append((article.id, _insert(conn, article, imported_at)))
                results.append(Imported(article, Outcome.NEW_VERSION if latest else Outcome.NEW))
                continue
            article = as_revision(conn, article, found.previous)
            digests.append((article.id, _insert(conn, article, imported_at)))
            carried, digest = link(conn, project.origin, article, found)
            links.append(digest)
            results.append(Imported(article, Outcome.NEW_VERSION, carried))
        record_articles(conn, digests)
        record_revisions(conn, links)
    return results


def _insert(conn, article: Article, imported_at: str) -> str:
    """Insert the article with its blocks, spans and sentences; returns their ledger digest,
    computed from the very values inserted."""
    row = (
        article.id,
        article.role.value,
        article.source_id,
        article.name,
        article.version,
        article.title,
        article.format,
        article.lang,
        article.text,
        json.dumps(article.metadata, ensure_ascii=False),
        article.file_name,
        imported_at,
    )
    blocks = [
        (i, b.kind.value, b.level, b.start, b.end, b.text_start, int(b.boilerplate))
        for i, b in enumerate(article.blocks)
    ]
    spans = [(i, s.style.value, s.start, s.end, s.target) for i, s in enumerate(article.spans)]
    sentences = [
        (s.id, s.index, s.start, s.end, s.block, int(s.boilerplate), s.text) for s in article.sentences
    ]
    conn.execute(
        "INSERT INTO articles (id, role, source_id, name, version, title, format, lang, text,"
        " metadata, file_name, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        row,
    )
    conn.executemany(
        'INSERT INTO blocks (article_id, idx, kind, level, start, "end", text_start, boilerplate)'
        " VALUES (?,?,?,?,?,?,?,?)",
        [(article.id, *block) for block in blocks],
    )
    conn.executemany(
        'INSERT INTO spans (article_id, idx, style, start, "end", target) VALUES (?,?,?,?,?,?)',
        [(article.id, *span) for span in spans],
    )
    conn.executemany(
        'INSERT INTO sentences (id, article_id, idx, start, "end", block, boilerplate, text)'
        " VALUES (?,?,?,?,?,?,?,?)",
        [(s[0], article.id, *s[1:]) for s in sentences],
    )
    return article_digest(row, blocks, spans, sentences)


_SUMMARY = """
    SELECT a.id, a.role, a.title, a.source_id, a.name, a.version,
           NOT EXISTS (SELECT 1 FROM articles b WHERE b.role = a.role AND b.name = a.name
                       AND b.source_id IS a.source_id AND b.version > a.version) AS latest,
           count(s.id) AS sentences,
           coalesce(sum(coalesce(v.included, NOT s.boilerplate)), 0) AS to_review,
           coalesce(sum(coalesce(v.included, NOT s.boilerplate) AND v.label IS NOT NULL), 0),
           rv.previous_id, (SELECT version FROM articles p WHERE p.id = rv.previous_id),
           coalesce(sum(coalesce(v.included, NOT s.boilerplate) AND r.status != 'carried'), 0),
           coalesce(sum(coalesce(v.included, NOT s.boilerplate) AND r.status != 'carried'
                        AND v.label IS NOT NULL), 0)
    FROM articles a
    LEFT JOIN sentences s ON s.article_id = a.id
    LEFT JOIN verdicts v ON v.sentence_id = s.id AND v.reviewer = ?
    LEFT JOIN revisions rv ON rv.rewrite_id = a.id
    LEFT JOIN revision_sentences r ON r.rewrite_id = a.id AND r.sentence_id = s.id
"""


def list_articles(project: Project, reviewer: str) -> list[ArticleSummary]:
    """Every article, sources first by title, each followed by its rewrites, with progress."""
    rows = project.conn.execute(
        _SUMMARY + " GROUP BY a.id ORDER BY a.role = 'rewrite', a.title, a.version", [reviewer]
    ).fetchall()
    return [_summary(row) for row in rows]


def article_summary(project: Project, article_id: str, reviewer: str) -> ArticleSummary:
    row = project.conn.execute(_SUMMARY + " WHERE a.id = ? GROUP BY a.id", [reviewer, article_id]).fetchone()
    if row is None or row[0] is None:
        raise BadInput(f"no article with id {article_id!r} in this project")
    return _summary(row)


def _summary(row: tuple) -> ArticleSummary:
    id_, role, title, source_id, name, version, latest, sentences, to_review, reviewed = row[:10]
    revises, revises_version, to_recheck, rechecked = row[10:]
    return ArticleSummary(
        id=id_,
        role=Role(role),
        title=title,
        source_id=source_id,
        name=name,
        version=version,
        latest=bool(latest),
        sentences=sentences,
        to_review=to_review,
        reviewed=reviewed,
        revises=revises,
        revises_version=revises_version,
        to_recheck=to_recheck,
        rechecked=rechecked,
    )


def resolve_article_id(project: Project, given: str) -> str:
    """The full id of the article `given` names: its id or an unambiguous prefix of it."""
    # A prefix compared as text: LIKE would take "%" and "_" in what was given for wildcards.
    rows = project.conn.execute(
        "SELECT id FROM articles WHERE id = ? OR substr(id, 1, length(?)) = ? LIMIT 2", [given, given, given]
    ).fetchall()
    if not given or not rows:
        raise BadInput(f"no article with id {given!r} in this project")
    if len(rows) > 1 and rows[0][0] != given:
        raise BadInput(f"{given!r} matches several articles: give more of the id")
    return rows[0][0]


def load_article(project: Project, article_id: str) -> Article:
    """The article with its blocks, inline styles and sentences, or BadInput."""
    conn = project.conn
    row = conn.execute(
        "SELECT id, role, source_id, name, version, title, text, format, lang, metadata, file_name"
        " FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        raise BadInput(f"no article with id {article_id!r} in this project")
    id_, role, source_id, name, version, title, text, format_, lang, metadata, file_name = row
    blocks = tuple(
        Block(BlockKind(kind), start, end, level, bool(boilerplate), text_start)
        for kind, start, end, level, boilerplate, text_start in conn.execute(
            'SELECT kind, start, "end", level, boilerplate, text_start FROM blocks'
            " WHERE article_id = ? ORDER BY idx",
            [article_id],
        )
    )
    spans = tuple(
        InlineSpan(InlineStyle(style), start, end, target)
        for style, start, end, target in conn.execute(
            'SELECT style, start, "end", target FROM spans WHERE article_id = ? ORDER BY idx',
            [article_id],
        )
    )
    sentences = sentences_of(conn, article_id)
    return Article(
        id=id_,
        role=Role(role),
        source_id=source_id,
        name=name,
        version=version,
        title=title,
        text=text,
        blocks=blocks,
        spans=spans,
        sentences=sentences,
        format=format_,
        lang=lang,
        metadata=json.loads(metadata),
        file_name=file_name,
    )


def load_sentence(project: Project, sentence_id: str) -> tuple[Sentence, str]:
    """A sentence and the stored text of its article (its offsets point into it), or BadInput."""
    row = project.conn.execute(
        f"SELECT {SENTENCE_FIELDS}, a.text FROM sentences s JOIN articles a ON a.id = s.article_id"
        " WHERE s.id = ?",
        [sentence_id],
    ).fetchone()
    if row is None:
        raise BadInput(f"no sentence with id {sentence_id!r} in this project")
    return sentence_from_row(row[:-1]), row[-1]
