"""The audit report's text, JSON and HTML forms: words instead of NaN, escaped user text, and an
HTML file that is well-formed and fetches nothing."""

import json
import re
from collections import Counter
from html import escape
from html.parser import HTMLParser

import pytest

from factcheck.core.agreement import agreement
from factcheck.core.labels import Verdict
from factcheck.core.report import (
    AuditReport,
    Disagreement,
    FinalVerdict,
    ReviewerVerdict,
    RewriteAgreement,
    render_json,
    render_text,
)
from factcheck.core.report_html import kappa_colour, render_html
from factcheck.core.reviewers import reviewer_statistics

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> https://evil.example/a.png'


class Structure(HTMLParser):
    """Every element of a page, checked to open and close in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.tags: Counter[str] = Counter()
        self.attributes: list[str] = []
        self.text: list[str] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags[tag] += 1
        self.attributes += [f"{name}={value}" for name, value in attrs]
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.tags[tag] += 1
        self.attributes += [f"{name}={value}" for name, value in attrs]

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.problems.append(f"</{tag}> closes nothing open at line {self.getpos()[0]}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.open and self.open[-1] == "style":
            self.styles.append(data)


def html_structure(page: str) -> Structure:
    """Parse a report page and check what every report page must be: well-formed, one document,
    no script, and no reference to anything outside the file."""
    assert page.startswith("<!DOCTYPE html>")
    parsed = Structure()
    parsed.feed(page)
    parsed.close()
    assert parsed.problems == []
    assert parsed.open == [], f"left open: {parsed.open}"
    assert [parsed.tags[tag] for tag in ("html", "head", "body")] == [1, 1, 1]
    assert re.search(r"<head>.*<title>.+</title>.*</head>", page, re.S)
    assert parsed.tags["script"] == 0 and parsed.tags["img"] == 0 and parsed.tags["link"] == 0
    for attribute in parsed.attributes:
        assert not re.search(r"https?:|url\(|//", attribute, re.I), attribute
        assert not attribute.lower().startswith("on"), attribute
    style = "".join(parsed.styles)
    assert "url(" not in style and "@import" not in style
    assert "default-src 'none'" in page  # the browser is told to fetch nothing, whatever slips through
    return parsed


def _report(ratings: list[tuple[str, str, str]], disagreements: tuple[Disagreement, ...] = ()) -> AuditReport:
    figures = agreement(ratings, tuple(Verdict))
    events = [
        (r, "mark", "window", label, None, f"2026-11-22T09:00:{i:02d}.000000Z")
        for i, (_, r, label) in enumerate(ratings)
    ]
    return AuditReport(
        project="team <b>.db",
        generated_at="2026-11-22T10:00:00.000000Z",
        events=len(events),
        overall=figures,
        rewrites=(RewriteAgreement("a1", "Rewrite <i>one</i>", 1, True, "Source & co", figures),),
        reviewers=tuple(reviewer_statistics(events, ratings, {})),
        disagreements=disagreements,
        disagreement_total=len(disagreements),
        adjudicated_disagreements=sum(d.adjudication is not None for d in disagreements),
    )


DEGENERATE = {
    "one reviewer": (
        [("s1", "ana", "supported"), ("s2", "ana", "contradicted")],
        "undefined: needs at least two reviewers",
    ),
    "no sentence in common": (
        [("s1", "ana", "supported"), ("s2", "ben", "contradicted")],
        "undefined: no sentence was decided by two or more reviewers",
    ),
    "one label everywhere": (
        [(f"s{i}", who, "supported") for i in range(3) for who in ("ana", "ben")],
        "undefined: every reviewer gave the same label to every sentence",
    ),
    "no verdicts": ([], None),
}


@pytest.mark.parametrize("case", DEGENERATE, ids=str)
def test_undefined_figures_are_words_in_every_form(case: str) -> None:
    ratings, words = DEGENERATE[case]
    report = _report(ratings)
    text, page, data = render_text(report), render_html(report), json.loads(render_json(report))
    for form in (text, page, json.dumps(data)):
        assert not re.search(r"\bnan\b|\binf", form, re.I)
    if words is None:
        assert "no verdicts yet" in text and "No verdicts yet." in page
        return
    assert words in text and words in page
    assert data["overall"]["krippendorff_alpha"]["value"] is None
    assert words in data["overall"]["krippendorff_alpha"]["reading"]
    html_structure(page)


def _disagreement(note: str, adjudicated: bool) -> Disagreement:
    return Disagreement(
        sentence_id="s1",
        article_id="a1",
        article_title="Rewrite <i>one</i>",
        version=1,
        sentence_index=4,
        sentence_text="The robot <b>won</b> approval.",
        verdicts=(
            ReviewerVerdict("ana", Verdict.SUPPORTED, note),
            ReviewerVerdict("ben", Verdict.CONTRADICTED, ""),
        ),
        adjudication=FinalVerdict(
            Verdict.CONTRADICTED, "see </p> paragraph 4", "lead", "2026-11-22T11:00:00Z"
        )
        if adjudicated
        else None,
    )


RATINGS = [
    (f"s{i}", who, label)
    for i, labels in enumerate(["SSU", "SCC", "UUU", "SSS", "CCS", "SUU", "CCC"])
    for who, label in zip(("ana", "ben", "cy"), labels, strict=True)
    for label in [{"S": "supported", "C": "contradicted", "U": "unverifiable"}[label]]
]


def test_user_text_is_shown_as_text_never_as_markup() -> None:
    report = _report(RATINGS, (_disagreement(HOSTILE, False), _disagreement("fine", True)))
    page = render_html(report)
    parsed = html_structure(page)
    shown = "".join(parsed.text)
    assert HOSTILE in shown  # the note, exactly as written, as text
    assert "team <b>.db" in shown and "Rewrite <i>one</i>" in shown and "see </p> paragraph 4" in shown
    assert parsed.tags["b"] == 0 and parsed.tags["i"] == 0
    assert "https://" not in page.replace(escape(HOSTILE), "")  # addresses only inside user text


def test_html_has_the_three_charts_with_numbers_in_the_heat_map() -> None:
    report = _report(RATINGS)
    parsed = html_structure(render_html(report))
    assert parsed.tags["svg"] == 3
    for pair in report.overall.pairs:
        assert f"{pair.kappa.value:.2f}" in parsed.text, pair
    titles = [t for t in parsed.text if t.startswith(("ana:", "ben:", "cy:"))]
    assert any("supported" in t for t in titles)  # label-mix segments say what they are


def test_the_kappa_scale_diverges_from_white_at_chance() -> None:
    assert kappa_colour(0.0) == (0xF7, 0xF7, 0xF7)
    low, high = kappa_colour(-1.0), kappa_colour(1.0)
    assert low[0] > low[2] and high[2] > high[0]  # orange below chance, purple above
    assert kappa_colour(5.0) == high and kappa_colour(-5.0) == low
    lighter, darker = kappa_colour(0.2), kappa_colour(0.8)
    assert sum(lighter) > sum(darker)


def test_the_text_report_lists_disagreements_with_notes_and_adjudication() -> None:
    text = render_text(
        _report(RATINGS, (_disagreement("wrong firm\nsee para 4", False), _disagreement("", True)))
    )
    assert "DISAGREEMENTS: 2 sentences, not yet adjudicated first" in text
    assert "ana says supported: wrong firm\n       see para 4" in text
    assert "not yet adjudicated" in text
    assert "adjudicated contradicted by lead on 2026-11-22 11:00 UTC: see </p> paragraph 4" in text


def test_the_text_report_cannot_send_escape_sequences_to_a_terminal() -> None:
    text = render_text(_report(RATINGS, (_disagreement("\x1b[2Jcleared\x07", False),)))
    assert "\x1b" not in text and "\x07" not in text and "cleared" in text


def test_json_holds_every_figure_and_reviewer_reading() -> None:
    data = json.loads(render_json(_report(RATINGS, (_disagreement("n", True),))))
    assert data["overall"]["fleiss_kappa"]["n"] == 7
    assert {p["first"] + "/" + p["second"] for p in data["overall"]["pairs"]} == {
        "ana/ben",
        "ana/cy",
        "ben/cy",
    }
    assert data["overall"]["pairs"][0]["confusion"]["labels"] == ["supported", "contradicted", "unverifiable"]
    ana = data["reviewers"][0]
    assert ana["reviewer"] == "ana" and ana["suggestions"] == "no suggestions seen"
    assert ana["label_mix"] == {"supported": 4, "contradicted": 2, "unverifiable": 1}
    assert data["disagreements"][0]["adjudication"]["label"] == "contradicted"


def test_a_disagreement_is_numbered_from_one_as_every_view_numbers_sentences() -> None:
    report = _report(RATINGS, (_disagreement("", False),))  # sentence_index 4: the fifth sentence
    assert "sentence 5 [s1]" in render_text(report)
    assert "sentence 5: not yet adjudicated" in render_html(report)
    assert json.loads(render_json(report))["disagreements"][0]["sentence_index"] == 4  # as in the CSV
