"""The assistant over whole seed articles: what a reviewer sees when they open the demo."""

import hashlib
import json

import pytest

from factcheck.core.article import prepare
from factcheck.core.assist.assistant import METHOD, Cancelled, assess, from_json, to_json
from factcheck.core.document import Role
from factcheck.core.formats import read_articles
from factcheck.core.labels import Verdict
from tests.conftest import DATA, REWRITES, SOURCE


def _seed(index: int):
    source = prepare(read_articles(SOURCE)[0], Role.SOURCE, SOURCE.name)
    rewrite = prepare(read_articles(REWRITES[index])[0], Role.REWRITE, REWRITES[index].name, source.id)
    assessment = assess(
        [s.text for s in source.sentences],
        [s.text for s in rewrite.sentences],
        [not s.boilerplate for s in rewrite.sentences],
    )
    return source, rewrite, assessment


def _hints_for(rewrite, assessment, fragment: str):
    index = next(s.index for s in rewrite.sentences if fragment in s.text)
    return assessment.hints[index]


def test_the_wrong_company_credited_with_the_benchmark_is_flagged_and_contradicted() -> None:
    source, rewrite, assessment = _seed(0)
    hints = _hints_for(rewrite, assessment, "MicroPort MedBot says its clinical-grade model topped")
    assert any("MicroPort MedBot" in f.text and f.source_text == "Baichuan-M4" for f in hints.flags)
    assert hints.suggestion.verdict is Verdict.CONTRADICTED
    best = source.sentences[hints.matches[0].source_index].text
    assert "Baichuan-M4" in best or "benchmark" in best


def test_the_invented_benchmark_and_regulation_are_flagged() -> None:
    _, rewrite, assessment = _seed(1)
    image = _hints_for(rewrite, assessment, "medical image analysis")
    assert any("medical image analysis" in f.text for f in image.flags)
    regulation = _hints_for(rewrite, assessment, "Medical Device Regulation")
    assert any("Medical Device Regulation" in f.text for f in regulation.flags)


def test_a_faithful_sentence_is_suggested_supported_with_its_source() -> None:
    source, rewrite, assessment = _seed(0)
    hints = _hints_for(rewrite, assessment, "disclosed the approval in a Hong Kong stock exchange filing")
    assert hints.suggestion.verdict is Verdict.SUPPORTED
    assert "Hong Kong stock exchange" in source.sentences[hints.matches[0].source_index].text


def test_omissions_are_source_sentences_no_reviewed_sentence_retells() -> None:
    source, _, assessment = _seed(0)
    omitted_text = [source.sentences[i].text for i in assessment.omitted]
    assert any("2,400 kilometres" in t for t in omitted_text)  # 001 never mentions the telesurgery
    assert list(assessment.omitted) == sorted(assessment.omitted)


def test_the_assessment_round_trips_through_json() -> None:
    _, _, assessment = _seed(0)
    assert from_json(to_json(assessment)) == assessment


def test_changed_results_come_with_a_new_method_name() -> None:
    """Assessments are kept in project files under `METHOD`: when the assistant's output on the
    demo changes, METHOD must change too (and this fingerprint be recorded), or reviewers would
    be shown hints an older version computed."""
    _, _, assessment = _seed(0)
    fingerprint = hashlib.sha256(to_json(assessment).encode()).hexdigest()
    recorded = json.loads((DATA / "alignment" / "method_fingerprints.json").read_text("utf-8"))
    assert recorded.get(METHOD) == fingerprint, f"bump METHOD and record {METHOD!r}: {fingerprint!r}"


def test_the_work_can_be_stopped() -> None:
    with pytest.raises(Cancelled):
        assess(["A source sentence."], ["A rewrite sentence."] * 500, progress=lambda done, total: done == 0)
