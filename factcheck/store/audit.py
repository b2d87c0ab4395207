"""What the team lead's audit reads: the verdicts agreement is computed on, reviewer statistics,
the disagreement list, and the audit report written to a file.

One rule (`factcheck.store.export.COUNTED`) decides which verdicts count, everywhere in the audit
and in `export --adjudicated`: a reviewer's current verdict on a rewrite sentence counts when it
has a label and the sentence is in that reviewer's review (boilerplate only when they took it in).
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from factcheck.core import reviewers as reviewer_figures
from factcheck.core.agreement import AgreementReport, agreement
from factcheck.core.errors import FactcheckError
from factcheck.core.errors_by_type import ErrorCounts, ErrorsReport, TypedVerdict, count_types, type_agreement
from factcheck.core.events import error_types_from_json, format_time, now
from factcheck.core.labels import Verdict
from factcheck.core.report import (
    AuditReport,
    Disagreement,
    FinalVerdict,
    ReportFormat,
    ReviewerVerdict,
    RewriteAgreement,
    render_json,
    render_text,
)
from factcheck.core.report_html import render_html
from factcheck.core.reviewers import ReviewerStats
from factcheck.store.decisions import event_count
from factcheck.store.export import COUNTED, Progress, write_atomically
from factcheck.store.project import Project

Rating = tuple[str, str, str]
"""`(sentence_id, reviewer, label)`: one verdict that counts."""

# Sentence by sentence (CROSS JOIN fixes the order): each sentence's verdicts are neighbours in
# the verdicts table, so this reads it in order (0.5 s against 0.7 s from the verdicts' side,
# for 450,000 verdicts).
_RATED = f"FROM sentences s CROSS JOIN verdicts v ON v.sentence_id = s.id WHERE {COUNTED}"
FRESH = """(NOT EXISTS (SELECT 1 FROM revision_sentences r
                        WHERE r.sentence_id = s.id AND r.status = 'carried')
           OR (SELECT e.via FROM events e WHERE e.id = v.event_id) IS NOT 'carried')"""
"""A verdict `v` on sentence `s` that was decided on this version, not carried over from the one
it revises (where it is counted already): project-wide figures count each decision once. The
first test is an index probe that spares the event lookup on every sentence of a first version."""
_DISPUTED = f"""
    rated AS (
        SELECT v.sentence_id, v.reviewer, v.label
        FROM verdicts v JOIN sentences s ON s.id = v.sentence_id WHERE {COUNTED}),
    disputed AS (SELECT sentence_id FROM rated GROUP BY sentence_id HAVING min(label) != max(label))
"""
_ORDER = "j.sentence_id IS NOT NULL, src.title, src.id, a.title, a.version, a.id, s.idx"


@dataclass(frozen=True, slots=True)
class AgreementFigures:
    """Agreement over the whole project and per rewrite version."""

    overall: AgreementReport
    rewrites: tuple[RewriteAgreement, ...]
    """Rewrite versions with at least one verdict that counts, sources and rewrites in title order."""


def ratings(project: Project, article_id: str | None = None) -> list[Rating]:
    """The verdicts that count, of one rewrite version or (None) of the whole project, where a
    verdict carried over to a revised rewrite is counted once, on the version it was given on."""
    if article_id is None:
        return project.conn.execute(f"SELECT s.id, v.reviewer, v.label {_RATED} AND {FRESH}").fetchall()
    return project.conn.execute(
        f"SELECT s.id, v.reviewer, v.label {_RATED} AND s.article_id = ?", [article_id]
    ).fetchall()


def agreement_figures(project: Project) -> AgreementFigures:
    """Every agreement figure, overall and per rewrite version."""
    rewrites = project.conn.execute(
        "SELECT a.id, a.title, a.version, NOT EXISTS (SELECT 1 FROM articles b WHERE b.role = a.role"
        " AND b.name = a.name AND b.source_id IS a.source_id AND b.version > a.version), src.title,"
        " EXISTS (SELECT 1 FROM revisions r WHERE r.rewrite_id = a.id)"
        " FROM articles a JOIN articles src ON src.id = a.source_id"
        " ORDER BY src.title, src.id, a.title, a.version, a.id"
    ).fetchall()
    labels = tuple(Verdict)
    everything: list[tuple[int, str, str]] = []
    groups = []
    for article_id, title, version, latest, source_title, revised in rewrites:
        # One indexed read per rewrite, fetched whole by SQLite: no Python loop over the rows.
        # Sentences are keyed by rowid, which is cheaper to build and hash than their ids.
        found = project.conn.execute(
            f"SELECT s.rowid, v.reviewer, v.label {_RATED} AND s.article_id = ?", [article_id]
        ).fetchall()
        if found:
            everything += (
                project.conn.execute(
                    f"SELECT s.rowid, v.reviewer, v.label {_RATED} AND s.article_id = ? AND {FRESH}",
                    [article_id],
                ).fetchall()
                if revised
                else found
            )
            groups.append(
                RewriteAgreement(
                    article_id, title, version, bool(latest), source_title, agreement(found, labels)
                )
            )
    return AgreementFigures(overall=agreement(everything, labels), rewrites=tuple(groups))


def reviewer_statistics(project: Project) -> list[ReviewerStats]:
    """Every reviewer's statistics (see `factcheck.core.reviewers`), reading each event once."""
    # A decision carried over to a revised rewrite was made once, on the version it was given on.
    decisions = project.conn.execute(
        "SELECT reviewer, kind, via, label, suggestion, decided_at FROM events WHERE via != 'carried'"
    )
    adjudicated = dict(project.conn.execute("SELECT sentence_id, label FROM adjudications"))
    return reviewer_figures.reviewer_statistics(decisions, ratings(project), adjudicated)


def disagreement_counts(project: Project) -> tuple[int, int]:
    """How many sentences reviewers disagree on, and how many of those a lead has adjudicated."""
    return project.conn.execute(
        f"WITH {_DISPUTED} SELECT count(*), count(j.sentence_id) FROM disputed d"
        " LEFT JOIN adjudications j ON j.sentence_id = d.sentence_id"
    ).fetchone()


def disagreements(project: Project, limit: int | None = None) -> list[Disagreement]:
    """Sentences whose reviewers' labels differ: not yet adjudicated first, then adjudicated; each
    in source, rewrite and sentence order. At most `limit` of them (None: all)."""
    rows = project.conn.execute(
        f"""
        WITH {_DISPUTED},
        listed AS (
            SELECT row_number() OVER (ORDER BY {_ORDER}) AS position, s.id, a.id AS article, a.title,
                   a.version, s.idx, s.text, j.label, j.reason, j.lead, j.decided_at
            FROM disputed d
            JOIN sentences s ON s.id = d.sentence_id
            JOIN articles a ON a.id = s.article_id
            JOIN articles src ON src.id = a.source_id
            LEFT JOIN adjudications j ON j.sentence_id = s.id
            ORDER BY position LIMIT ?)
        SELECT l.position, l.id, l.article, l.title, l.version, l.idx, l.text, l.label, l.reason, l.lead,
               l.decided_at, v.reviewer, v.label, v.note
        FROM listed l CROSS JOIN sentences s ON s.id = l.id CROSS JOIN verdicts v ON v.sentence_id = s.id
        WHERE {COUNTED}
        ORDER BY l.position, v.reviewer
        """,
        [-1 if limit is None else limit],
    )
    found: list[Disagreement] = []
    verdicts: list[ReviewerVerdict] = []
    last = None
    for row in rows:
        if last is not None and row[0] != last[0]:
            found.append(_disagreement(last, verdicts))
            verdicts = []
        verdicts.append(ReviewerVerdict(row[11], Verdict(row[12]), row[13]))
        last = row
    if last is not None:
        found.append(_disagreement(last, verdicts))
    return found


def _disagreement(row: tuple, verdicts: list[ReviewerVerdict]) -> Disagreement:
    _, sentence_id, article_id, title, version, index, text, label, reason, lead, decided_at = row[:11]
    final = None if label is None else FinalVerdict(Verdict(label), reason, lead, decided_at)
    return Disagreement(sentence_id, article_id, title, version, index, text, tuple(verdicts), final)


class ReportCancelled(FactcheckError):
    def __init__(self) -> None:
        super().__init__("audit report cancelled; no file was written")


def audit_report(project: Project, limit: int | None = None, progress: Progress | None = None) -> AuditReport:
    """Gather the whole report, listing at most `limit` disagreements (None: all).

    `progress` is called with (reads done, 5) around its five reads (agreement, reviewer
    statistics, disagreements, counts, errors by type); returning False cancels with ReportCancelled.
    """
    step = _stepper(progress, 5)
    step(0)
    figures = agreement_figures(project)
    step(1)
    reviewers = reviewer_statistics(project)
    step(2)
    listed = disagreements(project, limit)
    step(3)
    total, adjudicated = disagreement_counts(project)
    step(4)
    errors = errors_by_type(project)
    step(5)
    return AuditReport(
        project=project.path.name if project.path is not None else "a project in memory",
        generated_at=format_time(now()),
        events=event_count(project),
        overall=figures.overall,
        rewrites=figures.rewrites,
        reviewers=tuple(reviewers),
        disagreements=tuple(listed),
        disagreement_total=total,
        adjudicated_disagreements=adjudicated,
        errors=errors,
    )


_TYPED = f"""
    SELECT s.article_id, s.id, v.reviewer, v.error_types {_RATED}
    AND v.label IN ('contradicted', 'unverifiable') AND v.error_types != '[]'
"""


def errors_by_type(project: Project) -> ErrorsReport:
    """Errors by type per rewrite version and per source, and the agreement on type (over each
    decision once: a verdict carried over to a revision counts on the version it was given on)."""
    conn = project.conn
    by_rewrite: dict[str, list[TypedVerdict]] = {}
    for article_id, sentence_id, reviewer, types in conn.execute(_TYPED):
        by_rewrite.setdefault(article_id, []).append((sentence_id, reviewer, error_types_from_json(types)))
    fresh = [
        (sentence_id, reviewer, error_types_from_json(types))
        for _, sentence_id, reviewer, types in conn.execute(f"{_TYPED} AND {FRESH}")
    ]
    rewrites, sources = [], []
    by_source: dict[str, tuple[str, list[TypedVerdict]]] = {}
    for article_id, title, version, latest, source_id, source_title in conn.execute(
        "SELECT a.id, a.title, a.version, NOT EXISTS (SELECT 1 FROM articles b WHERE b.role = a.role"
        " AND b.name = a.name AND b.source_id IS a.source_id AND b.version > a.version), src.id, src.title"
        " FROM articles a JOIN articles src ON src.id = a.source_id"
        " ORDER BY src.title, src.id, a.title, a.version, a.id"
    ).fetchall():
        rows = by_rewrite.get(article_id)
        if not rows:
            continue
        typed, counts = count_types(rows)
        rewrites.append(ErrorCounts(article_id, title, version, source_title, typed, counts))
        if latest:
            by_source.setdefault(source_id, (source_title, []))[1].extend(rows)
    for source_id, (source_title, rows) in by_source.items():
        typed, counts = count_types(rows)
        sources.append(ErrorCounts(source_id, source_title, None, source_title, typed, counts))
    return ErrorsReport(tuple(rewrites), tuple(sources), type_agreement(fresh))


def _stepper(progress: Progress | None, steps: int) -> Callable[[int], None]:
    def step(done: int) -> None:
        if progress is not None and not progress(done, steps) and done < steps:
            raise ReportCancelled()

    return step


_RENDER = {ReportFormat.TEXT: render_text, ReportFormat.JSON: render_json, ReportFormat.HTML: render_html}


def write_report(
    project: Project,
    destination: Path | None,
    format: ReportFormat = ReportFormat.TEXT,
    stdout: IO[str] | None = None,
    limit: int | None = None,
    progress: Progress | None = None,
) -> AuditReport:
    """Write the audit report to `destination` (or `stdout`) and return what it says.

    Nothing is printed; a failed or cancelled report never leaves a half-written file. Run it on
    a worker thread with a project opened there (a connection belongs to its thread).
    """
    report = audit_report(project, limit, progress)
    text = _RENDER[format](report)
    if destination is None:
        assert stdout is not None
        stdout.write(text)
    else:
        write_atomically(Path(destination), lambda file: file.write(text))
    return report
