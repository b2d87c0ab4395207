"""What the audit reads from a project: the verdicts that count, agreement per rewrite version,
reviewer statistics, the disagreement list, and the report written to a file."""

import io
import json
from pathlib import Path

import pytest

from factcheck.core.article import Sentence
from factcheck.core.labels import Verdict
from factcheck.core.report import ReportFormat
from factcheck.core.review import Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.audit import (
    ReportCancelled,
    agreement_figures,
    disagreement_counts,
    disagreements,
    ratings,
    reviewer_statistics,
    write_report,
)
from factcheck.store.decisions import adjudicate, decide
from factcheck.store.importing import import_files
from factcheck.store.project import Project
from tests.conftest import REWRITES, SOURCE
from tests.core.test_report import html_structure

S, C, U = Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.UNVERIFIABLE


@pytest.fixture
def project(demo_path: Path):
    project = Project.open(demo_path)
    yield project
    project.close()


def _rewrites(project: Project) -> list:
    return [load_article(project, a.id) for a in list_articles(project, "lead") if a.source_id]


def _reviewed(project: Project, index: int = 0) -> list[Sentence]:
    return [s for s in _rewrites(project)[index].sentences if not s.boilerplate]


def _mark(project: Project, sentence: Sentence, reviewer: str, label, note: str = "", **options) -> None:
    def change(state):
        return state.with_label(label).with_note(note)

    decide(project, sentence.id, reviewer, change, Via.WINDOW, **options)


def _verdicts(project: Project, table: dict[str, str], index: int = 0) -> list[Sentence]:
    """Each reviewer's labels on the first sentences of a rewrite, written as "SCU-" (- = none)."""
    sentences = _reviewed(project, index)
    for reviewer, labels in table.items():
        for sentence, letter in zip(sentences, labels, strict=False):
            if letter != "-":
                _mark(project, sentence, reviewer, {"S": S, "C": C, "U": U}[letter], f"{reviewer}'s note")
    return sentences


def test_the_verdicts_that_count_have_a_label_and_a_sentence_in_review(project: Project) -> None:
    rewrite = next(r for r in _rewrites(project) if any(s.boilerplate for s in r.sentences))
    sentences = [s for s in rewrite.sentences if not s.boilerplate]
    boilerplate = next(s for s in rewrite.sentences if s.boilerplate)
    _mark(project, sentences[0], "ana", S)
    _mark(project, sentences[1], "ana", C)
    _mark(project, sentences[1], "ana", None)  # cleared: no longer a verdict
    _mark(project, boilerplate, "ana", U)  # boilerplate left out of her review
    decide(project, boilerplate.id, "ben", lambda s: s.with_label(C).with_included(True), Via.WINDOW)
    adjudicate(project, sentences[0].id, "lead", C, "the source says otherwise", Via.COMMAND_LINE)
    assert sorted(ratings(project)) == sorted(
        [(sentences[0].id, "ana", "supported"), (boilerplate.id, "ben", "contradicted")]
    )
    other = next(r for r in _rewrites(project) if r.id != rewrite.id).sentences[0]
    _mark(project, other, "ana", U)
    assert (other.id, "ana", "unverifiable") not in ratings(project, rewrite.id)
    assert (other.id, "ana", "unverifiable") in ratings(project)


def test_agreement_overall_and_for_each_rewrite_version(project: Project, tmp_path: Path) -> None:
    first, second = (next(r for r in _rewrites(project) if r.file_name == f.name) for f in REWRITES)
    _verdicts(project, {"ana": "SSCU", "ben": "SSCC"}, index=_rewrites(project).index(first))
    _verdicts(project, {"ana": "SU", "ben": "SU", "cy": "S-"}, index=_rewrites(project).index(second))
    edited = tmp_path / REWRITES[0].name
    edited.write_text(REWRITES[0].read_text(encoding="utf-8").replace("Monday", "Tuesday"), encoding="utf-8")
    (newer,) = [r.article for r in import_files(project, SOURCE, [edited]) if r.article.version == 2]
    _mark(project, next(s for s in newer.sentences if "Tuesday" in s.text), "ana", S)

    figures = agreement_figures(project)
    # The verdicts carried over to version 2 are counted once overall (they are version 1's);
    # ana's verdict on the sentence edited in version 2 is a decision of its own.
    assert figures.overall.sentences == 4 + 2 + 1
    assert figures.overall.reviewers == ("ana", "ben", "cy")
    groups = {(r.article_id, r.version, r.latest): r.agreement for r in figures.rewrites}
    assert len(groups) == 3  # each version of a rewrite is its own group
    old = groups[(first.id, 1, False)]
    assert (old.sentences, old.percent.value, old.percent.n) == (4, 0.75, 4)
    newest = groups[(newer.id, 2, True)]
    assert (newest.sentences, newest.percent.value, newest.percent.n) == (5, 0.75, 4)
    assert groups[(second.id, 1, True)].percent.value == 1.0
    assert groups[(second.id, 1, True)].krippendorff_alpha.value == 1.0


def test_disagreements_come_unsettled_first_with_every_verdict_and_note(project: Project) -> None:
    sentences = _verdicts(project, {"ana": "SCUSS", "ben": "CCSSU", "cy": "S-UUS"})
    adjudicate(project, sentences[0].id, "lead", C, "the source credits another firm", Via.COMMAND_LINE)
    found = disagreements(project)
    # Sentence 1 is unanimous; 0, 2, 3, 4 are split; 0 is settled so it comes last.
    assert [d.sentence_id for d in found] == [sentences[i].id for i in (2, 3, 4, 0)]
    assert [(v.reviewer, v.label, v.note) for v in found[0].verdicts] == [
        ("ana", U, "ana's note"),
        ("ben", S, "ben's note"),
        ("cy", U, "cy's note"),
    ]
    assert found[0].adjudication is None
    settled = found[-1].adjudication
    assert settled is not None and (settled.label, settled.lead) == (C, "lead")
    assert settled.reason == "the source credits another firm"
    assert [d.sentence_id for d in disagreements(project, limit=2)] == [d.sentence_id for d in found[:2]]
    assert disagreement_counts(project) == (4, 1)


def test_reviewer_statistics_read_every_event_once(project: Project) -> None:
    sentences = _reviewed(project)
    times = ["2026-11-22T09:00:00.000000Z", "2026-11-22T09:00:01.000000Z", "2026-11-22T09:00:31.000000Z"]
    for sentence, label, at in zip(sentences, (S, C, S), times, strict=False):
        _mark(project, sentence, "ana", label, decided_at=at, suggestion=S)
    _mark(project, sentences[0], "ben", C)
    adjudicate(project, sentences[0].id, "lead", C, "see paragraph 4", Via.COMMAND_LINE)
    ana, ben = reviewer_statistics(project)  # the lead only adjudicated: not a reviewer
    assert (ana.reviewer, ana.decisions, ana.sentences_reviewed) == ("ana", 3, 3)
    assert (ana.timed, ana.quick, ana.median_seconds) == (2, 1, 15.5)
    assert (ana.suggestions_seen, ana.suggestions_accepted) == (3, 2)
    assert (ana.adjudicated, ana.overturned) == (1, 1)
    assert (ben.adjudicated, ben.overturned, ben.with_adjudications.value) == (1, 0, 1.0)
    assert ben.suggestion_reading() == "no suggestions seen"


@pytest.mark.parametrize("form", list(ReportFormat))
def test_the_report_is_written_to_a_file_or_to_stdout(project: Project, tmp_path: Path, form) -> None:
    sentences = _verdicts(project, {"ana": "SCU", "ben": "CCU"})
    _mark(project, sentences[0], "ben", C, "<script>alert('x')</script>")
    out = tmp_path / f"audit.{form.value}"
    report = write_report(project, out, form)
    assert (len(report.reviewers), report.disagreement_total) == (2, 1)
    written = out.read_text(encoding="utf-8")
    stdout = io.StringIO()
    write_report(project, None, form, stdout=stdout)
    assert len(stdout.getvalue()) == pytest.approx(len(written), abs=2)  # only the time may differ
    if form is ReportFormat.JSON:
        assert json.loads(written)["disagreements"][0]["verdicts"][1]["note"].startswith("<script>")
    elif form is ReportFormat.HTML:
        parsed = html_structure(written)
        assert "<script>alert('x')</script>" in "".join(parsed.text)
    else:
        assert "ben says contradicted: <script>alert('x')</script>" in written


def test_a_cancelled_report_leaves_the_previous_file(project: Project, tmp_path: Path) -> None:
    _verdicts(project, {"ana": "SCU", "ben": "CCU"})
    out = tmp_path / "audit.html"
    out.write_text("the previous report")
    steps = []

    def progress(done: int, total: int) -> bool:
        steps.append((done, total))
        return done < 2

    with pytest.raises(ReportCancelled):
        write_report(project, out, ReportFormat.HTML, progress=progress)
    assert steps == [(0, 5), (1, 5), (2, 5)]
    assert out.read_text() == "the previous report" and list(tmp_path.glob("*.part")) == []


def test_a_project_without_verdicts_reports_so(project: Project) -> None:
    stdout = io.StringIO()
    report = write_report(project, None, ReportFormat.TEXT, stdout=stdout)
    assert report.overall.sentences == 0 and report.reviewers == ()
    assert "no verdicts yet" in stdout.getvalue() and "DISAGREEMENTS: none" in stdout.getvalue()


def test_the_report_counts_errors_by_type_per_rewrite_and_per_source(
    project: Project, tmp_path: Path
) -> None:
    from factcheck.core.error_types import ErrorType
    from factcheck.core.review import Aspect
    from factcheck.store.audit import errors_by_type
    from tests.store.medbot import mark_medbot, revised_file

    mark_medbot(project, "ana")
    sentence = mark_medbot(project, "ben")
    decide(
        project,
        sentence.id,
        "ben",
        lambda s: s.with_aspect(Aspect.ERROR_TYPES, (ErrorType.WRONG_NAME, ErrorType.OTHER)),
        Via.WINDOW,
    )
    errors = errors_by_type(project)
    (rewrite,) = errors.rewrites
    counts = {c.error_type: (c.sentences, c.flags) for c in rewrite.types}
    assert (
        rewrite.sentences == 1
        and counts[ErrorType.WRONG_NAME] == (1, 2)
        and counts[ErrorType.OTHER] == (1, 1)
    )
    assert errors.sources[0].sentences == 1 and errors.agreement.sentences == 1
    assert errors.agreement.exact.value == 0.0 and errors.agreement.overlap.value == 0.5
    # A revision that leaves the sentence as it was carries the errors: counted per version, once
    # per source (its latest version), and agreement on them is not counted twice.
    import_files(project, SOURCE, [revised_file(tmp_path, apply=False)])
    again = errors_by_type(project)
    assert [c.version for c in again.rewrites] == [1, 2]
    assert again.sources[0].sentences == 1 and again.agreement.sentences == 1
    text = io.StringIO()
    write_report(project, None, ReportFormat.TEXT, stdout=text)
    assert "ERRORS BY TYPE" in text.getvalue()
    assert "1 sentence with an error type: wrong name or attribution 1, other 1" in text.getvalue()
    data = io.StringIO()
    write_report(project, None, ReportFormat.JSON, stdout=data)
    report = json.loads(data.getvalue())
    assert report["errors"]["sources"][0]["types"][1] == {
        "error_type": "wrong-name",
        "sentences": 1,
        "flags": 2,
    }
    page = io.StringIO()
    write_report(project, None, ReportFormat.HTML, stdout=page)
    html_structure(page.getvalue())
    assert "<h2>Errors by type</h2>" in page.getvalue() and "wrong name or attribution" in page.getvalue()
