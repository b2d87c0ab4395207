"""The audit report as one self-contained HTML file: inline CSS and inline SVG charts, no script,
no font, image or style fetched from anywhere (a Content-Security-Policy says so to the browser).

Every piece of text that comes from a project — titles, sentences, reviewer names, notes,
reasons — is escaped, so a note holding `<script>` shows as those characters.
"""

from datetime import date, timedelta
from html import escape
from itertools import pairwise

from factcheck.core.agreement import AgreementReport, ConfusionMatrix, Statistic
from factcheck.core.error_types import ErrorType
from factcheck.core.labels import Verdict
from factcheck.core.report import (
    AuditReport,
    Disagreement,
    disagreements_heading,
    errors_name,
    figure,
    rewrite_name,
    summary,
    when,
)
from factcheck.core.reviewers import ReviewerStats

VERDICT_LOOKS = {
    # The window's colours and glyphs (factcheck/ui/palette.py: Okabe & Ito, checked for colour blindness).
    Verdict.SUPPORTED: ("#0072B2", "✓"),
    Verdict.CONTRADICTED: ("#D55E00", "✗"),
    Verdict.UNVERIFIABLE: ("#7A7A7A", "?"),
}
KAPPA_SCALE = (
    # ColorBrewer's PuOr, a diverging scale safe for colour-blind readers: orange below chance,
    # white at chance (κ = 0), purple up to perfect agreement.
    (-1.0, (0xB3, 0x58, 0x06)),
    (-0.5, (0xF1, 0xA3, 0x40)),
    (0.0, (0xF7, 0xF7, 0xF7)),
    (0.5, (0x99, 0x8E, 0xC3)),
    (1.0, (0x54, 0x27, 0x88)),
)

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto;
       max-width: 72em; padding: 0 1em; color: #1b1b1b; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
.meta { color: #555; } small, .reading { color: #555; font-size: 0.85em; }
table { border-collapse: collapse; margin: 0.8em 0; } th, td { border: 1px solid #ccc; padding: 0.3em 0.5em;
        vertical-align: top; text-align: left; } th { background: #f2f2f2; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.zero { color: #9a9a9a; }
.warning { color: #8a4b00; font-weight: 600; } .warning::before { content: "⚠ "; }
.verdict { font-weight: 600; white-space: nowrap; }
.supported { color: #0072B2; } .contradicted { color: #D55E00; } .unverifiable { color: #5f5f5f; }
.note, blockquote { white-space: pre-wrap; } blockquote { margin: 0.5em 0; padding-left: 0.8em;
        border-left: 4px solid #ccc; }
.disagreement { border: 1px solid #ddd; border-radius: 4px; padding: 0.2em 1em 0.6em; margin: 1em 0; }
.open { border-left: 6px solid #D55E00; } .settled { border-left: 6px solid #0072B2; }
.disagreement h3 { font-size: 1em; } .id { font-family: monospace; color: #555; font-size: 0.85em; }
figure { margin: 1em 0; } figcaption { color: #555; font-size: 0.9em; }
svg { font-family: inherit; font-size: 12px; max-width: 100%; height: auto; }
"""
_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def render_html(report: AuditReport) -> str:
    title = f"Audit of {report.project}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">Written {_e(when(report.generated_at))} by factcheck. {_e(summary(report))}.</p>',
        *_agreement_section(report),
        *_rewrites_section(report),
        *_reviewers_section(report),
        *_errors_section(report),
        *_disagreements_section(report),
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _verdict(label: Verdict) -> str:
    return f'<span class="verdict {label.value}">{VERDICT_LOOKS[label][1]} {label.value}</span>'


def _statistic_cells(statistic: Statistic, share: bool = False) -> str:
    warning = f'<br><span class="warning">{_e(statistic.warning)}</span>' if statistic.warning else ""
    return (
        f'<td class="number">{_e(figure(statistic, share))}</td>'
        f"<td>{_e(statistic.basis)}</td>"
        f'<td><span class="reading">{_e(statistic.reading)}</span>{warning}</td>'
    )


def _agreement_section(report: AuditReport) -> list[str]:
    overall = report.overall
    parts = ["<h2>Agreement, all rewrites</h2>"]
    if not overall.sentences:
        return [*parts, "<p>No verdicts yet.</p>"]
    parts.append(
        f"<p>{overall.sentences:,} rewrite sentences with a verdict; reviewers: "
        f"{_e(', '.join(overall.reviewers))}.</p>"
    )
    parts.append("<table><tr><th>Figure</th><th>Value</th><th>Computed on</th><th>Reading</th></tr>")
    for name, statistic, share in (
        ("Percent agreement", overall.percent, True),
        ("Fleiss' κ", overall.fleiss_kappa, False),
        ("Krippendorff's α (nominal)", overall.krippendorff_alpha, False),
    ):
        parts.append(f"<tr><th>{name}</th>{_statistic_cells(statistic, share)}</tr>")
    parts.append("</table>")
    if overall.pairs:
        parts += [
            "<h3>Cohen's κ for each pair of reviewers</h3>",
            "<figure>",
            kappa_heat_map(overall),
            "<figcaption>Cohen's κ per pair on the sentences both decided (n in each cell). Orange: less"
            " agreement than chance; white: chance; purple: up to perfect agreement. n/a: undefined"
            " (see the table).</figcaption>",
            "</figure>",
            *_pairs_table(overall),
        ]
    return parts


def _pairs_table(overall: AgreementReport) -> list[str]:
    parts = ["<table><tr><th>Pair</th><th>κ</th><th>Computed on</th><th>Reading</th><th>Same label</th>"]
    parts.append("<th>Confusion matrix</th></tr>")
    for pair in overall.pairs:
        parts.append(
            f"<tr><th>{_e(pair.first)} / {_e(pair.second)}</th>{_statistic_cells(pair.kappa)}"
            f'<td class="number">{_e(figure(pair.percent, share=True))}</td>'
            f"<td>{_confusion(pair.first, pair.second, pair.confusion)}</td></tr>"
        )
    parts.append("</table>")
    return parts


def _confusion(first: str, second: str, confusion: ConfusionMatrix) -> str:
    header = "".join(f"<th>{_e(label)}</th>" for label in confusion.labels)
    rows = "".join(
        f"<tr><th>{_e(label)}</th>" + "".join(f'<td class="number">{n:,}</td>' for n in row) + "</tr>"
        for label, row in zip(confusion.labels, confusion.counts, strict=True)
    )
    return (
        f"<details><summary>rows {_e(first)}, columns {_e(second)}</summary>"
        f"<table><tr><th></th>{header}</tr>{rows}</table></details>"
    )


def _rewrites_section(report: AuditReport) -> list[str]:
    if not report.rewrites:
        return []
    parts = [
        "<h2>Agreement per rewrite</h2>",
        "<p>Each version of a rewrite is counted on its own; older versions keep their verdicts.</p>",
        "<table><tr><th>Rewrite</th><th>Sentences</th><th>Percent agreement</th><th>Fleiss' κ</th>"
        "<th>Krippendorff's α</th></tr>",
    ]
    for rewrite in report.rewrites:
        figures = rewrite.agreement
        cells = "".join(
            _compact(statistic, share)
            for statistic, share in (
                (figures.percent, True),
                (figures.fleiss_kappa, False),
                (figures.krippendorff_alpha, False),
            )
        )
        parts.append(
            f"<tr><td>{_e(rewrite_name(rewrite))}</td>"
            f'<td class="number">{figures.sentences:,}</td>{cells}</tr>'
        )
    parts.append("</table>")
    return parts


def _compact(statistic: Statistic, share: bool) -> str:
    warning = f'<br><span class="warning">{_e(statistic.warning)}</span>' if statistic.warning else ""
    return (
        f"<td><strong>{_e(figure(statistic, share))}</strong> <small>n = {statistic.n:,}</small><br>"
        f'<span class="reading">{_e(statistic.reading)}</span>{warning}</td>'
    )


def _reviewers_section(report: AuditReport) -> list[str]:
    parts = ["<h2>Reviewers</h2>"]
    if not report.reviewers:
        return [*parts, "<p>No decisions yet.</p>"]
    parts.append(
        "<table><tr><th>Reviewer</th><th>Decisions</th><th>Sentences reviewed</th><th>Pace</th>"
        "<th>Adjudication</th><th>Agreement with adjudications</th><th>Assistant's suggestions</th></tr>"
    )
    for stats in report.reviewers:
        warning = f'<br><span class="warning">{_e(stats.rubber_stamp)}</span>' if stats.rubber_stamp else ""
        kappa = stats.kappa_with_adjudications
        with_adjudications = (
            f"{_e(figure(stats.with_adjudications, share=True))} the same label; κ {_e(figure(kappa))}"
            f'<br><span class="reading">{_e(kappa.reading)}</span>'
            if stats.adjudicated
            else '<span class="reading">none adjudicated</span>'
        )
        parts.append(
            f"<tr><th>{_e(stats.reviewer)}</th>"
            f'<td class="number">{stats.decisions:,}</td>'
            f'<td class="number">{stats.sentences_reviewed:,}</td>'
            f"<td>{_e(stats.pace_reading())}{warning}</td>"
            f"<td>{_e(stats.overturned_reading())}</td>"
            f"<td>{with_adjudications}</td>"
            f"<td>{_e(stats.suggestion_reading())}</td></tr>"
        )
    parts += [
        "</table>",
        "<figure>",
        label_mix_chart(report.reviewers),
        "<figcaption>Label mix of each reviewer's verdicts (share of their sentences; counts in the"
        " bars).</figcaption>",
        "</figure>",
        "<figure>",
        activity_chart(report.reviewers),
        "<figcaption>Decisions per day (UTC) by each reviewer, on one scale for all.</figcaption>",
        "</figure>",
    ]
    return parts


def _errors_section(report: AuditReport) -> list[str]:
    errors = report.errors
    parts = ["<h2>Errors by type</h2>"]
    if not errors.rewrites:
        return [*parts, "<p>No error types recorded yet.</p>"]
    parts.append(
        "<p>Sentences that reviewers marked contradicted or unverifiable with an error type; a sentence"
        " two reviewers typed differently counts under both. Per source: the latest version of each"
        " rewrite.</p>"
    )
    header = "".join(f"<th>{_e(t.words)}</th>" for t in ErrorType)
    for heading, first, rows in (
        ("Per source", "Source", errors.sources),
        ("Per rewrite version", "Rewrite", errors.rewrites),
    ):
        parts += [
            f"<h3>{heading}</h3>",
            f'<table><tr><th width="26%">{first}</th><th>Sentences</th>{header}</tr>',
        ]
        for counts in rows:
            cells = "".join(
                f'<td class="number{"" if c.sentences else " zero"}" title="{c.flags:,} verdicts">'
                f"{c.sentences:,}</td>"
                for c in counts.types
            )
            name = _e(errors_name(counts))
            parts.append(f'<tr><td>{name}</td><td class="number">{counts.sentences:,}</td>{cells}</tr>')
        parts.append("</table>")
    agreement = errors.agreement
    parts.append("<h3>Agreement on error type</h3>")
    if not agreement.sentences:
        return [*parts, f"<p>{_e(agreement.exact.reading)}.</p>"]
    parts.append("<table><tr><th>Figure</th><th>Value</th><th>Computed on</th><th>Reading</th></tr>")
    parts.append(f"<tr><th>Same types</th>{_statistic_cells(agreement.exact, share=True)}</tr>")
    parts.append(f"<tr><th>Overlap (Jaccard)</th>{_statistic_cells(agreement.overlap, share=True)}</tr>")
    for error_type, alpha in agreement.per_type:
        parts.append(f"<tr><th>Krippendorff's α, {_e(error_type.words)}</th>{_statistic_cells(alpha)}</tr>")
    parts.append("</table>")
    return parts


def _disagreements_section(report: AuditReport) -> list[str]:
    parts = [f"<h2>Disagreements: {_e(disagreements_heading(report))}</h2>"]
    for number, disagreement in enumerate(report.disagreements, start=1):
        parts += _disagreement(number, disagreement)
    return parts


def _disagreement(number: int, disagreement: Disagreement) -> list[str]:
    final = disagreement.adjudication
    status = "not yet adjudicated" if final is None else f"adjudicated {_verdict(final.label)}"
    parts = [
        f'<section class="disagreement {"open" if final is None else "settled"}">',
        f"<h3>{number}. {_e(disagreement.article_title)} (v{disagreement.version}),"
        f" sentence {disagreement.sentence_number}: {status}</h3>",
        f"<blockquote>{_e(disagreement.sentence_text)}</blockquote>",
        "<table><tr><th>Reviewer</th><th>Verdict</th><th>Note</th></tr>",
    ]
    for verdict in disagreement.verdicts:
        parts.append(
            f"<tr><td>{_e(verdict.reviewer)}</td><td>{_verdict(verdict.label)}</td>"
            f'<td class="note">{_e(verdict.note)}</td></tr>'
        )
    parts.append("</table>")
    if final is not None:
        parts.append(
            f"<p>Adjudicated {_verdict(final.label)} by {_e(final.lead)} on {_e(when(final.decided_at))}:"
            f' <span class="note">{_e(final.reason)}</span></p>'
        )
    parts += [f'<p class="id">sentence {_e(disagreement.sentence_id)}</p>', "</section>"]
    return parts


# Charts. Sizes are in SVG user units; text widths are estimated at 7 units a character.

_CHAR = 7
_NAME_WIDTH = 24
"""Characters of a reviewer's name shown in a chart (the full name is in the tooltip)."""


def _short(name: str) -> str:
    return name if len(name) <= _NAME_WIDTH else name[: _NAME_WIDTH - 1] + "…"


def _name_space(names: list[str]) -> int:
    return _CHAR * max((len(_short(name)) for name in names), default=4) + 12


def kappa_colour(value: float) -> tuple[int, int, int]:
    """The heat map's colour for κ, interpolated on KAPPA_SCALE (values outside -1..1 clamped)."""
    value = max(-1.0, min(1.0, value))
    for (low, low_rgb), (high, high_rgb) in pairwise(KAPPA_SCALE):
        if value <= high:
            t = (value - low) / (high - low)
            r, g, b = (round(a + (b - a) * t) for a, b in zip(low_rgb, high_rgb, strict=True))
            return r, g, b
    return KAPPA_SCALE[-1][1]


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _ink(rgb: tuple[int, int, int]) -> str:
    """Black or white, whichever reads better on `rgb` (WCAG relative luminance)."""

    def linear(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(linear, rgb)
    return "#000000" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.18 else "#ffffff"


def kappa_heat_map(overall: AgreementReport) -> str:
    names = list(overall.reviewers)
    # Column names are written at 45°: they rise and run right by about 0.7 of their length.
    slant = round(0.72 * _CHAR * max(len(_short(name)) for name in names))
    cell, left, top = 64, _name_space(names), 20 + slant
    size = cell * len(names)
    width, height = left + max(size + slant - cell // 2, 9 * 32) + 20, top + size + 70
    parts = [_svg_open(width, height, "Cohen's κ for each pair of reviewers")]
    for i, name in enumerate(names):
        x = left + i * cell + cell / 2
        parts.append(
            f'<text x="{x:g}" y="{top - 6}" transform="rotate(-45 {x:g} {top - 6})">'
            f"<title>{_e(name)}</title>{_e(_short(name))}</text>"
        )
        parts.append(
            f'<text x="{left - 6}" y="{top + i * cell + cell / 2 + 4:g}" text-anchor="end">'
            f"<title>{_e(name)}</title>{_e(_short(name))}</text>"
        )
    for i, row in enumerate(names):
        for j, column in enumerate(names):
            x, y = left + j * cell, top + i * cell
            if i == j:
                parts.append(_cell(x, y, cell, "#e6e6e6", "#555555", "—", "", _e(row)))
                continue
            kappa = overall.pair(row, column).kappa
            tooltip = _e(f"{row} / {column}: κ {figure(kappa)}, {kappa.basis}; {kappa.reading}")
            if kappa.value is None:
                parts.append(_cell(x, y, cell, "#d9d9d9", "#333333", "n/a", f"n = {kappa.n:,}", tooltip))
            else:
                rgb = kappa_colour(kappa.value)
                parts.append(
                    _cell(x, y, cell, _hex(rgb), _ink(rgb), f"{kappa.value:.2f}", f"n = {kappa.n:,}", tooltip)
                )
    parts += _kappa_legend(left, top + size + 24)
    parts.append("</svg>")
    return "\n".join(parts)


def _cell(x: float, y: float, size: int, fill: str, ink: str, value: str, n: str, tooltip: str) -> str:
    return (
        f'<g><title>{tooltip}</title><rect x="{x:g}" y="{y:g}" width="{size}" height="{size}"'
        f' fill="{fill}" stroke="#ffffff"/>'
        f'<text x="{x + size / 2:g}" y="{y + size / 2:g}" text-anchor="middle" fill="{ink}"'
        f' font-size="15" font-weight="600">{value}</text>'
        f'<text x="{x + size / 2:g}" y="{y + size / 2 + 16:g}" text-anchor="middle" fill="{ink}"'
        f' font-size="10">{_e(n)}</text></g>'
    )


def _kappa_legend(x: float, y: float) -> list[str]:
    steps = [-1 + i * 0.25 for i in range(9)]
    parts = [f'<text x="{x:g}" y="{y - 6:g}">κ scale</text>']
    for k, value in enumerate(steps):
        rgb = kappa_colour(value)
        left = x + k * 32
        parts.append(
            f'<rect x="{left:g}" y="{y:g}" width="32" height="14" fill="{_hex(rgb)}" stroke="#999999"/>'
            f'<text x="{left + 16:g}" y="{y + 28:g}" text-anchor="middle" font-size="10">{value:g}</text>'
        )
    return parts


def label_mix_chart(reviewers: tuple[ReviewerStats, ...]) -> str:
    names = [stats.reviewer for stats in reviewers]
    left, bar_width, row = _name_space(names), 420, 30
    top = 34
    width, height = left + bar_width + 90, top + row * len(reviewers) + 10
    parts = [_svg_open(width, height, "Label mix per reviewer")]
    for k, (verdict, (colour, glyph)) in enumerate(VERDICT_LOOKS.items()):
        x = left + k * 140
        parts.append(
            f'<rect x="{x}" y="8" width="14" height="14" fill="{colour}"/>'
            f'<text x="{x + 20}" y="19">{glyph} {verdict.value}</text>'
        )
    for i, stats in enumerate(reviewers):
        y = top + i * row
        total = sum(count for _, count in stats.label_mix)
        parts.append(
            f'<text x="{left - 6}" y="{y + 15}" text-anchor="end"><title>{_e(stats.reviewer)}</title>'
            f"{_e(_short(stats.reviewer))}</text>"
        )
        x = float(left)
        for verdict, count in stats.label_mix:
            if not count:
                continue
            share = count / total
            colour, glyph = VERDICT_LOOKS[verdict]
            w = bar_width * share
            parts.append(
                f"<g><title>{_e(stats.reviewer)}: {count:,} {verdict.value} ({share:.0%})</title>"
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="22" fill="{colour}" stroke="#ffffff"/>'
            )
            if w >= 34:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 15}" text-anchor="middle" fill="#ffffff">'
                    f"{glyph} {count:,}</text>"
                )
            parts.append("</g>")
            x += w
        parts.append(f'<text x="{left + bar_width + 8}" y="{y + 15}">n = {total:,}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def activity_chart(reviewers: tuple[ReviewerStats, ...]) -> str:
    """Decisions per day as one row of bars per reviewer on a shared day axis and a shared scale:
    rows compare at a glance, nothing hides behind anything, and no colour needs telling apart."""
    counts = [dict(stats.per_day) for stats in reviewers]
    known = sorted({day for per_day in counts for day in per_day})
    if not known:
        return _svg_open(300, 30, "Decisions per day") + '<text x="0" y="20">No decisions yet.</text></svg>'
    first, last = date.fromisoformat(known[0]), date.fromisoformat(known[-1])
    days = [(first + timedelta(days=k)).isoformat() for k in range((last - first).days + 1)]
    tallest = max(max(per_day.values()) for per_day in counts if per_day)
    left, top, plot_width, bar_height, row = _name_space([s.reviewer for s in reviewers]), 10, 620, 40, 52
    slot = plot_width / len(days)
    bar_width = max(1.0, slot * 0.8)
    bottom = top + row * len(reviewers)
    width, height = left + plot_width + 110, bottom + 30
    parts = [_svg_open(width, height, "Decisions per day by each reviewer")]
    for i, (stats, per_day) in enumerate(zip(reviewers, counts, strict=True)):
        base = top + i * row + bar_height
        middle = base - bar_height / 2 + 4
        parts.append(
            f'<text x="{left - 6}" y="{middle:g}" text-anchor="end">'
            f"<title>{_e(stats.reviewer)}</title>{_e(_short(stats.reviewer))}</text>"
            f'<line x1="{left}" y1="{base}" x2="{left + plot_width}" y2="{base}" stroke="#bbbbbb"/>'
            f'<text x="{left + plot_width + 8}" y="{middle:g}">{stats.decisions:,} in all</text>'
        )
        for k, day in enumerate(days):
            count = per_day.get(day, 0)
            if not count:
                continue
            h = max(1.0, bar_height * count / tallest)
            parts.append(
                f"<g><title>{_e(stats.reviewer)}, {day}: {count:,} decisions</title>"
                f'<rect x="{left + k * slot + (slot - bar_width) / 2:.1f}" y="{base - h:.1f}"'
                f' width="{bar_width:.1f}" height="{h:.1f}" fill="#0072B2"/></g>'
            )
    label_every = max(1, -(-len(days) // 6))
    for k in range(0, len(days), label_every):
        x = left + (k + 0.5) * slot
        parts.append(f'<text x="{x:.1f}" y="{bottom + 14}" text-anchor="middle">{days[k]}</text>')
    parts.append(
        f'<text x="{left}" y="{bottom + 28}" font-size="10">tallest bar: {tallest:,} decisions</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _svg_open(width: float, height: float, title: str) -> str:
    return (
        f'<svg width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}" role="img">'
        f"<title>{_e(title)}</title>"
    )
