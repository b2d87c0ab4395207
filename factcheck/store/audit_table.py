"""The audit window's table: one row per reviewed sentence, one column per reviewer.

The window never holds the whole history: `sentence_ids` gives the filtered, sorted list of
sentence ids (run off the UI thread), and `rows` fetches a page of rows by id when the table needs
them; `detail` gives everything about one sentence, its full history included.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from factcheck.core.error_types import ErrorType
from factcheck.core.events import Event, error_types_from_json, evidence_from_json
from factcheck.core.labels import Verdict
from factcheck.core.problems import problem_text
from factcheck.core.review import Span
from factcheck.store.decisions import Adjudication, adjudication, history
from factcheck.store.project import Project
from factcheck.store.verdict_rows import WORTH_EXPORTING


class Agreement(StrEnum):
    SINGLE = "single"
    """Only one reviewer has decided: nothing to agree or disagree with."""
    AGREE = "agree"
    DISAGREE = "disagree"


class SortKey(StrEnum):
    DISAGREEMENT = "disagreement"
    """Disagreements not yet adjudicated first, then other disagreements, then the rest."""
    ARTICLE = "article"
    TEXT = "text"
    ADJUDICATED = "adjudicated"
    LATEST = "latest"
    REVIEWER = "reviewer"
    """By one reviewer's label (`AuditSort.reviewer`)."""


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What the lead wants to see; every field narrows the rows, None means any."""

    source_id: str | None = None
    rewrite_id: str | None = None
    reviewer: str | None = None
    """Sentences this reviewer has decided."""
    label: Verdict | None = None
    """Sentences given this label (by `reviewer` if set, else by anyone)."""
    since: str | None = None
    """ISO time: sentences with a verdict decided at or after it."""
    until: str | None = None
    disagreements_only: bool = False
    not_adjudicated: bool = False
    search: str = ""
    """Words in the sentence or in a reviewer's note (case ignored)."""


@dataclass(frozen=True, slots=True)
class AuditSort:
    key: SortKey = SortKey.DISAGREEMENT
    descending: bool = False
    reviewer: str = ""


@dataclass(frozen=True, slots=True)
class AuditRow:
    sentence_id: str
    rewrite_title: str
    index: int
    """The sentence's position in its rewrite, from 0."""
    text: str
    labels: dict[str, Verdict]
    """Each reviewer's current verdict (reviewers without one are absent)."""
    adjudicated: Verdict | None
    error_types: dict[str, tuple[ErrorType, ...]] = field(default_factory=dict)
    """The error types each reviewer recorded (reviewers who recorded none are absent)."""

    @property
    def agreement(self) -> Agreement:
        if len(self.labels) < 2:
            return Agreement.SINGLE
        return Agreement.AGREE if len(set(self.labels.values())) == 1 else Agreement.DISAGREE

    @property
    def error_type_agreement(self) -> Agreement | None:
        """Whether the reviewers who recorded error types gave the same ones (None: nobody did)."""
        if not self.error_types:
            return None
        if len(self.error_types) < 2:
            return Agreement.SINGLE
        same = len(set(self.error_types.values())) == 1
        return Agreement.AGREE if same else Agreement.DISAGREE


@dataclass(frozen=True, slots=True)
class ReviewerView:
    """One reviewer's current decision on the sentence."""

    reviewer: str
    label: Verdict | None
    note: str
    evidence: tuple[Span, ...]
    decided_at: str
    problems: tuple[Span, ...] = ()
    """The words they said are wrong (offsets into the rewrite's text)."""
    problem_text: str = ""
    error_types: tuple[ErrorType, ...] = ()
    correction: str = ""


@dataclass(frozen=True, slots=True)
class SentenceDetail:
    sentence_id: str
    text: str
    rewrite_id: str
    rewrite_title: str
    source_id: str
    source_title: str
    reviewers: tuple[ReviewerView, ...]
    adjudication: Adjudication | None
    history: tuple[Event, ...] = field(default=())
    """Every event about the sentence, oldest first (adjudications included)."""


def reviewers(project: Project) -> list[str]:
    """Everyone who has given a verdict, by name."""
    rows = project.conn.execute("SELECT DISTINCT reviewer FROM verdicts WHERE label IS NOT NULL ORDER BY 1")
    return [row[0] for row in rows]


def _where(f: AuditFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if f.rewrite_id:
        clauses.append("s.article_id = ?")
        params.append(f.rewrite_id)
    if f.source_id:
        clauses.append("a.source_id = ?")
        params.append(f.source_id)
    if f.reviewer or f.label or f.since or f.until:
        conditions = ["x.sentence_id = s.id", "x.label IS NOT NULL"]
        for column, value, op in (
            ("x.reviewer", f.reviewer, "="),
            ("x.label", f.label.value if f.label else None, "="),
            ("x.decided_at", f.since, ">="),
            ("x.decided_at", f.until, "<="),
        ):
            if value:
                conditions.append(f"{column} {op} ?")
                params.append(value)
        clauses.append(f"EXISTS (SELECT 1 FROM verdicts x WHERE {' AND '.join(conditions)})")
    if f.disagreements_only:
        clauses.append("r.kinds > 1")
    if f.not_adjudicated:
        clauses.append("j.sentence_id IS NULL")
    if f.search.strip():
        clauses.append(
            "(instr(lower(s.text), lower(?)) > 0 OR EXISTS (SELECT 1 FROM verdicts y"
            " WHERE y.sentence_id = s.id AND instr(lower(y.note), lower(?)) > 0))"
        )
        params += [f.search.strip()] * 2
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _order(sort: AuditSort) -> tuple[str, list[object]]:
    direction = "DESC" if sort.descending else "ASC"
    position = f"a.title {direction}, a.id, s.idx {direction}"
    if sort.key is SortKey.DISAGREEMENT:
        # Open disagreements first, then settled ones, then sentences everyone agrees on.
        rank = "CASE WHEN r.kinds > 1 AND j.sentence_id IS NULL THEN 0 WHEN r.kinds > 1 THEN 1 ELSE 2 END"
        return f"{rank} {direction}, {position}", []
    if sort.key is SortKey.ARTICLE:
        return position, []
    if sort.key is SortKey.TEXT:
        return f"s.text {direction}", []
    if sort.key is SortKey.ADJUDICATED:
        return f"j.label IS NULL, j.label {direction}, {position}", []
    if sort.key is SortKey.LATEST:
        return f"r.latest {direction}, {position}", []
    own = "(SELECT label FROM verdicts z WHERE z.sentence_id = s.id AND z.reviewer = ?)"
    return f"{own} IS NULL, {own} {direction}, {position}", [sort.reviewer, sort.reviewer]


def sentence_ids(
    project: Project, f: AuditFilter = AuditFilter(), sort: AuditSort = AuditSort()
) -> list[str]:
    """The ids of the reviewed sentences that pass `f`, in the order `sort` asks for."""
    where, params = _where(f)
    order, order_params = _order(sort)
    # `r`: each reviewed sentence's count of distinct labels and its latest decision.
    query = f"""
        WITH r AS (
            SELECT sentence_id, count(DISTINCT label) AS kinds, max(decided_at) AS latest
            FROM verdicts WHERE label IS NOT NULL GROUP BY sentence_id
            UNION ALL
            SELECT sentence_id, 0, decided_at FROM adjudications
            WHERE sentence_id NOT IN (SELECT sentence_id FROM verdicts WHERE label IS NOT NULL)
        )
        SELECT s.id FROM r
        JOIN sentences s ON s.id = r.sentence_id
        JOIN articles a ON a.id = s.article_id
        LEFT JOIN adjudications j ON j.sentence_id = s.id
        {where}
        ORDER BY {order}
    """
    return [row[0] for row in project.conn.execute(query, params + order_params)]


def rows(project: Project, ids: Sequence[str]) -> list[AuditRow]:
    """The rows of the given sentences, in the given order (a page of the table)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    found: dict[str, tuple] = {
        row[0]: row
        for row in project.conn.execute(
            f"SELECT s.id, a.title, s.idx, s.text, j.label FROM sentences s"
            f" JOIN articles a ON a.id = s.article_id LEFT JOIN adjudications j ON j.sentence_id = s.id"
            f" WHERE s.id IN ({marks})",
            list(ids),
        )
    }
    labels: dict[str, dict[str, Verdict]] = {sentence_id: {} for sentence_id in ids}
    types: dict[str, dict[str, tuple[ErrorType, ...]]] = {sentence_id: {} for sentence_id in ids}
    for sentence_id, reviewer, label, error_types in project.conn.execute(
        f"SELECT sentence_id, reviewer, label, error_types FROM verdicts"
        f" WHERE label IS NOT NULL AND sentence_id IN ({marks})",
        list(ids),
    ):
        labels[sentence_id][reviewer] = Verdict(label)
        if error_types != "[]":
            types[sentence_id][reviewer] = error_types_from_json(error_types)
    result = []
    for sentence_id in ids:
        row = found.get(sentence_id)
        if row is None:
            continue
        _, title, index, text, adjudicated = row
        result.append(
            AuditRow(
                sentence_id,
                title,
                index,
                text,
                labels[sentence_id],
                Verdict(adjudicated) if adjudicated else None,
                types[sentence_id],
            )
        )
    return result


def detail(project: Project, sentence_id: str) -> SentenceDetail | None:
    """Everything about one reviewed sentence: each reviewer's decision, the adjudication, history."""
    row = project.conn.execute(
        "SELECT s.text, a.id, a.title, src.id, src.title, s.start FROM sentences s"
        " JOIN articles a ON a.id = s.article_id JOIN articles src ON src.id = a.source_id WHERE s.id = ?",
        [sentence_id],
    ).fetchone()
    if row is None:
        return None
    text, rewrite_id, rewrite_title, source_id, source_title, start = row
    views = []
    for (
        reviewer,
        label,
        note,
        evidence,
        decided_at,
        problems,
        error_types,
        correction,
    ) in project.conn.execute(
        "SELECT v.reviewer, v.label, v.note, v.evidence, v.decided_at, v.problems, v.error_types,"
        f" v.correction FROM verdicts v WHERE v.sentence_id = ? AND {WORTH_EXPORTING} ORDER BY v.reviewer",
        [sentence_id],
    ):
        spans = evidence_from_json(problems)
        views.append(
            ReviewerView(
                reviewer,
                Verdict(label) if label else None,
                note,
                evidence_from_json(evidence),
                decided_at,
                spans,
                problem_text(text, spans, start),
                error_types_from_json(error_types),
                correction,
            )
        )
    return SentenceDetail(
        sentence_id=sentence_id,
        text=text,
        rewrite_id=rewrite_id,
        rewrite_title=rewrite_title,
        source_id=source_id,
        source_title=source_title,
        reviewers=tuple(views),
        adjudication=adjudication(project, sentence_id),
        history=tuple(history(project, sentence_id)),
    )
