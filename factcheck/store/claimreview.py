"""Publishing verdicts as ClaimReview JSON-LD: which verdicts, the rewrites the claims appear in,
and the team's publishing settings."""

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from factcheck.core.claimreview import (
    Appearance,
    ClaimAuthor,
    ReviewedClaim,
    claim_review,
    missing_settings,
    write_claim_reviews,
)
from factcheck.core.errors import BadInput
from factcheck.core.export import ExportContent
from factcheck.core.labels import Verdict
from factcheck.store.export import (
    COUNTED,
    Exported,
    Progress,
    counted,
    write_atomically,
)
from factcheck.store.project import Project
from factcheck.store.settings import publisher
from factcheck.store.verdict_rows import SOURCE_URL, Passages

_SOURCE = """JOIN sentences s ON s.id = {0}.sentence_id
    JOIN articles a ON a.id = s.article_id
    JOIN articles src ON src.id = a.source_id"""
_ORDER = " ORDER BY src.title, src.id, a.title, a.id, s.idx"

# Every verdict that counts (a label, the sentence in that reviewer's review): one review each.
_VERDICTS = f"""
    SELECT s.id, a.id, s.text, v.label, v.decided_at, v.note, v.evidence, src.id, src.title, {SOURCE_URL}
    FROM verdicts v {_SOURCE.format("v")}
    WHERE {COUNTED}
    {_ORDER}, v.reviewer
"""
_VERDICT_COUNT = f"SELECT count(*) FROM verdicts v JOIN sentences s ON s.id = v.sentence_id WHERE {COUNTED}"
_SHARED = f"""
    SELECT count(*) FROM (SELECT 1 FROM verdicts v JOIN sentences s ON s.id = v.sentence_id
                          WHERE {COUNTED} GROUP BY v.sentence_id HAVING count(*) > 1)
"""

_TALLY = f"""
    SELECT v.sentence_id, min(v.label) AS low, max(v.label) AS high, max(v.decided_at) AS latest,
           group_concat(nullif(v.note, ''), char(10)) AS notes,
           json_group_array(json(v.evidence)) AS evidence
    FROM verdicts v JOIN sentences s ON s.id = v.sentence_id
    WHERE {COUNTED}
    GROUP BY v.sentence_id
"""
# Every final verdict: the lead's (with the lead's reason and evidence), else the one label all
# the sentence's reviewers gave (with their notes and evidence).
_FINAL = f"""
    WITH tally AS ({_TALLY}),
    chosen AS (SELECT sentence_id FROM tally UNION SELECT sentence_id FROM adjudications)
    SELECT s.id, a.id, s.text, coalesce(j.label, t.low), coalesce(j.decided_at, t.latest),
           CASE WHEN j.label IS NULL THEN coalesce(t.notes, '') ELSE j.reason END,
           CASE WHEN j.label IS NULL THEN t.evidence ELSE json_array(json(j.evidence)) END,
           src.id, src.title, {SOURCE_URL}
    FROM chosen c {_SOURCE.format("c")}
    LEFT JOIN tally t ON t.sentence_id = c.sentence_id
    LEFT JOIN adjudications j ON j.sentence_id = c.sentence_id
    WHERE j.label IS NOT NULL OR t.low = t.high
    {_ORDER}
"""
_UNSETTLED = f"""
    WITH tally AS ({_TALLY})
    SELECT count(*) FROM tally t
    WHERE t.low != t.high AND t.sentence_id NOT IN (SELECT sentence_id FROM adjudications)
"""

# The rewrites with their metadata, and which documents share a sentence's text.
_REWRITES = "SELECT id, name, title, file_name, metadata FROM articles WHERE role = 'rewrite'"
_SHARED_TEXTS = """
    SELECT s.text, json_group_array(DISTINCT a.name) FROM sentences s JOIN articles a ON a.id = s.article_id
    WHERE a.role = 'rewrite' AND NOT s.boilerplate
    GROUP BY s.text HAVING count(DISTINCT a.name) > 1
"""


def export_claim_reviews(
    project: Project,
    destination: Path | None,
    content: ExportContent,
    progress: Progress | None,
    stdout: IO[str] | None,
) -> Exported:
    """One ClaimReview per verdict that counts, or (`ADJUDICATED`) per final verdict."""
    if content is ExportContent.HISTORY:
        raise BadInput("ClaimReview publishes verdicts, not the decision history: leave out --history")
    settings = publisher(project)
    conn = project.conn
    if content is ExportContent.ADJUDICATED:
        query, count = _FINAL, f"SELECT count(*) FROM ({_FINAL})"
    else:
        query, count = _VERDICTS, _VERDICT_COUNT
    (total,) = conn.execute(count).fetchone()
    reviews = (
        claim_review(claim, settings)
        for claim in counted(_claims(conn, query, content is ExportContent.ADJUDICATED), total, progress)
    )

    written = 0

    def write(file: IO[str]) -> None:
        nonlocal written
        written = write_claim_reviews(reviews, file)

    if destination is None:
        assert stdout is not None
        write(stdout)
    else:
        write_atomically(Path(destination), write)
    return Exported(written, tuple(missing_settings(settings) + _left_out(conn, content)))


def _left_out(conn: sqlite3.Connection, content: ExportContent) -> list[str]:
    if content is ExportContent.ADJUDICATED:
        (unsettled,) = conn.execute(_UNSETTLED).fetchone()
        if unsettled:
            return [
                f"{unsettled} sentence{'s' if unsettled != 1 else ''} left out: the reviewers disagree"
                " and no lead has given a final verdict"
            ]
        return []
    (shared,) = conn.execute(_SHARED).fetchone()
    if shared:
        return [
            f"{shared} sentence{'s have' if shared != 1 else ' has'} verdicts from several reviewers, each"
            " written as a review of its own; export the final verdicts (--adjudicated) to publish one per"
            " sentence"
        ]
    return []


def _claims(conn: sqlite3.Connection, query: str, nested: bool) -> Iterator[ReviewedClaim]:
    """The claims to review, with their evidence cut from the source and where they appear.
    `nested`: the evidence column holds a list of span lists (several reviewers'), not one."""
    appearances = _Appearances(conn)
    passages = Passages(conn)
    cursor = conn.execute(query)
    while batch := cursor.fetchmany(5000):
        for sentence, rewrite, text, label, decided_at, note, evidence, source, source_title, url in batch:
            spans = json.loads(evidence)
            if nested:
                spans = list(dict.fromkeys(tuple(span) for group in spans for span in group))
            yield ReviewedClaim(
                sentence_id=sentence,
                rewrite_id=rewrite,
                claim=text,
                verdict=Verdict(label),
                decided_at=decided_at,
                note=note,
                evidence=passages(source, spans) if spans else "",
                source_title=source_title,
                source_url=url,
                appearances=appearances(rewrite, text),
            )


class _Appearances:
    """Where a claim appears: its rewrite, then the other documents with the same sentence."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._rewrites: dict[str, tuple[str, Appearance]] = {}
        latest: dict[str, Appearance] = {}
        for rewrite_id, name, title, file_name, metadata in conn.execute(_REWRITES):
            appearance = _appearance(title, file_name, json.loads(metadata))
            self._rewrites[rewrite_id] = (name, appearance)
            latest[name] = appearance
        self._documents = latest
        self._shared = {text: json.loads(names) for text, names in conn.execute(_SHARED_TEXTS)}

    def __call__(self, rewrite_id: str, text: str) -> tuple[Appearance, ...]:
        name, own = self._rewrites[rewrite_id]
        others = [self._documents[n] for n in self._shared.get(text, ()) if n != name]
        return (own, *others)


def _appearance(title: str, file_name: str, metadata: dict) -> Appearance:
    def text(*keys: str) -> str:
        for key in keys:
            value = metadata.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                return ", ".join(value)
        return ""

    author = None
    if name := text("author", "authors", "byline"):
        author = ClaimAuthor(name, "Person")
    elif name := text("publisher", "site_name"):
        author = ClaimAuthor(name, "Organization")
    return Appearance(
        title=title,
        url=text("url"),
        file_name=file_name,
        published=_iso(text("published_at", "date_published", "published")),
        author=author,
    )


def _iso(moment: str) -> str:
    """A date as metadata gives it (`2026-06-24 01:00:11+00:00`), in ISO 8601's T form."""
    return moment.replace(" ", "T", 1) if len(moment) > 10 and moment[10] == " " else moment
