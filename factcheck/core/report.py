"""The audit report: agreement figures, reviewer statistics and the disagreement list, as plain data,
and its text and JSON forms (the HTML form is in `report_html`).

Undefined figures keep their words: the text shows "—" and the reason, the JSON `null` and the
reason; no form ever shows NaN.
"""

import json
from dataclasses import asdict, dataclass
from enum import StrEnum

from factcheck.core.agreement import AgreementReport, Statistic
from factcheck.core.errors_by_type import NO_ERRORS, ErrorCounts, ErrorsReport, described
from factcheck.core.labels import Verdict
from factcheck.core.reviewers import ReviewerStats


class ReportFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class RewriteAgreement:
    """The agreement figures of one version of one rewrite."""

    article_id: str
    title: str
    version: int
    latest: bool
    """False when a later version of the rewrite has been imported."""
    source_title: str
    agreement: AgreementReport


@dataclass(frozen=True, slots=True)
class ReviewerVerdict:
    """One reviewer's current verdict on a sentence."""

    reviewer: str
    label: Verdict
    note: str


@dataclass(frozen=True, slots=True)
class FinalVerdict:
    """A lead's adjudication of a sentence."""

    label: Verdict
    reason: str
    lead: str
    decided_at: str


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A sentence on which reviewers' current labels differ."""

    sentence_id: str
    article_id: str
    article_title: str
    version: int
    sentence_index: int
    """0-based, like the CSV's `sentence_index` (kept in the JSON report for scripts)."""
    sentence_text: str
    verdicts: tuple[ReviewerVerdict, ...]
    """Every reviewer's verdict that counts, by reviewer name."""
    adjudication: FinalVerdict | None

    @property
    def sentence_number(self) -> int:
        """The sentence's number as every view shows it to a person: 1-based."""
        return self.sentence_index + 1


@dataclass(frozen=True, slots=True)
class AuditReport:
    """Everything `factcheck audit` and File → Export Audit Report… write."""

    project: str
    """The project file's name."""
    generated_at: str
    """ISO 8601 in UTC."""
    events: int
    """Events in the project, adjudications included."""
    overall: AgreementReport
    """Agreement over every rewrite sentence with a verdict that counts."""
    rewrites: tuple[RewriteAgreement, ...]
    """Per rewrite version with at least one such verdict, sources and rewrites in title order."""
    reviewers: tuple[ReviewerStats, ...]
    disagreements: tuple[Disagreement, ...]
    """Not yet adjudicated first, then adjudicated; each in article and sentence order. Possibly
    only the first of `disagreement_total`."""
    disagreement_total: int
    adjudicated_disagreements: int
    """How many of `disagreement_total` a lead has adjudicated."""
    errors: ErrorsReport = NO_ERRORS
    """Errors by type per rewrite and per source, and how well reviewers agree on the type."""


def render_json(report: AuditReport) -> str:
    """The whole report as one JSON object (undefined figures are `null` with their reason)."""
    data = asdict(report)
    data["reviewers"] = [_reviewer_json(stats) for stats in report.reviewers]
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _reviewer_json(stats: ReviewerStats) -> dict:
    data = asdict(stats)
    data["label_mix"] = {verdict.value: count for verdict, count in stats.label_mix}
    data["per_day"] = dict(stats.per_day)
    data["quick_share"] = stats.quick_share
    data["rubber_stamp"] = stats.rubber_stamp
    data["pace"] = stats.pace_reading()
    data["overturned_reading"] = stats.overturned_reading()
    data["suggestions"] = stats.suggestion_reading()
    return data


def render_text(report: AuditReport) -> str:
    """The report for a terminal or a plain-text file."""
    lines = [
        f"Audit of {_clean(report.project)}, {when(report.generated_at)}",
        summary(report),
        "",
        "AGREEMENT, ALL REWRITES",
    ]
    lines += _agreement_text(report.overall, matrices=True)
    for rewrite in report.rewrites:
        lines += ["", f"AGREEMENT, {_clean(rewrite_name(rewrite))}"]
        lines += _agreement_text(rewrite.agreement, matrices=False)
    lines += ["", "REVIEWERS"]
    if not report.reviewers:
        lines.append("  no decisions yet")
    for stats in report.reviewers:
        lines += _reviewer_text(stats)
    lines += ["", "ERRORS BY TYPE"]
    lines += _errors_text(report.errors)
    lines += ["", f"DISAGREEMENTS: {disagreements_heading(report)}"]
    for number, disagreement in enumerate(report.disagreements, start=1):
        lines += _disagreement_text(number, disagreement)
    return "\n".join(lines) + "\n"


def summary(report: AuditReport) -> str:
    reviewers = len(report.reviewers)
    return (
        f"{reviewers} {_plural(reviewers, 'reviewer')}, {report.overall.sentences:,} rewrite"
        f" {_plural(report.overall.sentences, 'sentence')} with a verdict, {report.events:,}"
        f" {_plural(report.events, 'event')}; {report.disagreement_total:,}"
        f" {_plural(report.disagreement_total, 'disagreement')}"
        f" ({report.adjudicated_disagreements:,} adjudicated)"
    )


def disagreements_heading(report: AuditReport) -> str:
    """The list's heading: how many, in which order, how many shown; or "none"."""
    total, shown = report.disagreement_total, len(report.disagreements)
    if not total:
        return "none"
    heading = f"{total:,} {_plural(total, 'sentence')}, not yet adjudicated first"
    if shown < total:
        heading += f" (the first {shown:,} shown)"
    return heading


def rewrite_name(rewrite: RewriteAgreement) -> str:
    """A rewrite version as a heading names it: title, version, id and source."""
    version = f"v{rewrite.version}" + ("" if rewrite.latest else ", an older version")
    return f"{rewrite.title} ({version}) [{rewrite.article_id}], source: {rewrite.source_title}"


def when(moment: str) -> str:
    """An ISO 8601 UTC time to the minute, as people read it: "2026-11-22 09:30 UTC"."""
    return f"{moment[:10]} {moment[11:16]} UTC"


def figure(statistic: Statistic, share: bool = False) -> str:
    """The value as printed: a percentage for a share, three decimals for κ and α, "—" if undefined."""
    if statistic.value is None:
        return "—"
    return f"{statistic.value:.1%}" if share else f"{statistic.value:.3f}"


def _agreement_text(report: AgreementReport, matrices: bool) -> list[str]:
    if not report.sentences:
        return ["  no verdicts yet"]
    names = ", ".join(map(_clean, report.reviewers))
    sentences = f"{report.sentences:,} {_plural(report.sentences, 'sentence')}"
    lines = [f"  {sentences} with a verdict; reviewers: {names}"]
    lines += _statistic_text("percent agreement", report.percent, share=True)
    lines += _statistic_text("Fleiss' κ", report.fleiss_kappa)
    lines += _statistic_text("Krippendorff's α", report.krippendorff_alpha)
    for pair in report.pairs:
        name = f"κ {_clean(pair.first)} / {_clean(pair.second)}"
        lines += _statistic_text(name, pair.kappa)
        if pair.percent.value is not None:
            lines.append(f"{_INDENT}{pair.percent.reading}")
        if matrices and pair.kappa.n:
            lines += _matrix_text(pair.first, pair.second, pair.confusion.labels, pair.confusion.counts)
    return lines


_INDENT = " " * 32
"""Where a figure's basis starts: its reading and warnings line up under it."""


def _statistic_text(name: str, statistic: Statistic, share: bool = False) -> list[str]:
    lines = [f"  {name:<20}  {figure(statistic, share):>6}  {_clean(statistic.basis)}"]
    lines.append(f"{_INDENT}{_clean(statistic.reading)}")
    if statistic.warning:
        lines.append(f"{_INDENT}warning: {statistic.warning}")
    return lines


def _matrix_text(
    first: str, second: str, labels: tuple[str, ...], counts: tuple[tuple[int, ...], ...]
) -> list[str]:
    width = max(len(label) for label in labels) + 2
    lines = [f"{_INDENT}confusion: rows {_clean(first)}, columns {_clean(second)}"]
    lines.append(f"{_INDENT}{'':{width}}" + "".join(f"{label:>{width}}" for label in labels))
    for label, row in zip(labels, counts, strict=True):
        lines.append(f"{_INDENT}{label:<{width}}" + "".join(f"{count:>{width},}" for count in row))
    return lines


def _reviewer_text(stats: ReviewerStats) -> list[str]:
    mix = ", ".join(f"{count:,} {verdict.value}" for verdict, count in stats.label_mix)
    lines = [
        f"  {_clean(stats.reviewer)}",
        f"    decisions           {stats.decisions:,}",
        f"    sentences reviewed  {stats.sentences_reviewed:,} ({mix})",
        f"    pace                {stats.pace_reading()}",
    ]
    if stats.rubber_stamp:
        lines.append(f"    warning             {stats.rubber_stamp}")
    lines.append(f"    adjudication        {stats.overturned_reading()}")
    if stats.adjudicated:
        agreement = stats.with_adjudications
        kappa = stats.kappa_with_adjudications
        lines.append(
            f"    with adjudications  {figure(agreement, share=True)} the same label, {agreement.basis}"
        )
        lines.append(f"                        Cohen's κ {figure(kappa)}: {kappa.reading}")
        if kappa.warning:
            lines.append(f"                        warning: {kappa.warning}")
    lines.append(f"    assistant           {stats.suggestion_reading()}")
    return lines


def errors_name(counts: ErrorCounts) -> str:
    """A rewrite version (or a source) as the errors section names it."""
    if counts.version is None:
        return counts.title
    return f"{counts.title} (v{counts.version}) [{counts.article_id}]"


def _errors_text(errors: ErrorsReport) -> list[str]:
    if not errors.rewrites:
        return ["  no error types recorded yet"]
    lines = ["  per source (the latest version of each rewrite)"]
    lines += [f"    {_clean(errors_name(c))}: {described(c)}" for c in errors.sources]
    lines.append("  per rewrite version")
    lines += [f"    {_clean(errors_name(c))}: {described(c)}" for c in errors.rewrites]
    agreement = errors.agreement
    lines.append("  agreement on error type")
    if not agreement.sentences:
        lines.append(f"    {agreement.exact.reading}")
        return lines
    lines += _statistic_text("same types", agreement.exact, share=True)
    lines += _statistic_text("overlap (Jaccard)", agreement.overlap, share=True)
    for error_type, alpha in agreement.per_type:
        lines += _statistic_text(f"α {error_type.value}", alpha)
    return lines


def _disagreement_text(number: int, disagreement: Disagreement) -> list[str]:
    where = f"{_clean(disagreement.article_title)} (v{disagreement.version})"
    lines = [
        f"  {number}. {where}, sentence {disagreement.sentence_number} [{disagreement.sentence_id}]",
        f"     “{_clean(disagreement.sentence_text)}”",
    ]
    for verdict in disagreement.verdicts:
        note = f": {_clean(verdict.note, '       ')}" if verdict.note else ""
        lines.append(f"     {_clean(verdict.reviewer)} says {verdict.label.value}{note}")
    final = disagreement.adjudication
    if final is None:
        lines.append("     not yet adjudicated")
    else:
        lines.append(
            f"     adjudicated {final.label.value} by {_clean(final.lead)} on {when(final.decided_at)}:"
            f" {_clean(final.reason, '       ')}"
        )
    return lines


def _clean(text: str, indent: str = "") -> str:
    """User text made safe for a terminal: no control characters (escape sequences could rewrite
    the screen), line breaks kept and indented."""
    lines = text.splitlines() or [""]
    return ("\n" + indent).join("".join("\ufffd" if _is_control(c) else c for c in line) for line in lines)


def _is_control(character: str) -> bool:
    code = ord(character)
    return code < 32 or 0x7F <= code < 0xA0


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
