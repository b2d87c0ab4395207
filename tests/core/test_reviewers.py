"""Reviewer statistics: hand-computed cases (tests/data/report/reviewer_statistics.json), the
rubber-stamp threshold, and words where a figure cannot be computed."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from factcheck.core.events import format_time
from factcheck.core.reviewers import (
    BREAK_SECONDS,
    QUICK_SECONDS,
    RUBBER_STAMP_MIN_TIMED,
    ReviewerStats,
    reviewer_statistics,
)
from tests.conftest import DATA

CASES = json.loads((DATA / "report" / "reviewer_statistics.json").read_text(encoding="utf-8"))["cases"]


def _value(stats: ReviewerStats, name: str):
    if name == "label_mix":
        return {verdict.value: count for verdict, count in stats.label_mix}
    if name == "per_day":
        return dict(stats.per_day)
    if name == "rubber_stamp":
        return stats.rubber_stamp is not None
    if name in ("with_adjudications", "kappa_with_adjudications"):
        return getattr(stats, name).value
    return getattr(stats, name)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_statistics_match_the_hand_computed_cases(case: dict) -> None:
    found = reviewer_statistics(
        [tuple(row) for row in case["events"]],
        [tuple(row) for row in case["verdicts"]],
        case["adjudicated"],
    )
    assert [s.reviewer for s in found] == sorted(case["expect"])
    for stats in found:
        expected = case["expect"][stats.reviewer]
        for name, value in expected.items():
            if name == "readings":
                continue
            got = _value(stats, name)
            if isinstance(value, float):
                assert got == pytest.approx(value, abs=5e-4), (stats.reviewer, name)
            else:
                assert got == value, (stats.reviewer, name)
        readings = " | ".join(
            [
                stats.pace_reading(),
                stats.overturned_reading(),
                stats.suggestion_reading(),
                stats.kappa_with_adjudications.reading,
            ]
        )
        for words in expected["readings"]:
            assert words in readings, (stats.reviewer, words, readings)


def _marks(gaps: list[float], reviewer: str = "rita") -> list[tuple]:
    moment = datetime(2026, 11, 22, 9, tzinfo=UTC)
    rows = [(reviewer, "mark", "window", "supported", None, format_time(moment))]
    for gap in gaps:
        moment += timedelta(seconds=gap)
        rows.append((reviewer, "mark", "window", "supported", None, format_time(moment)))
    return rows


def _stats(rows: list[tuple]) -> ReviewerStats:
    (stats,) = reviewer_statistics(rows, [], {})
    return stats


def test_a_quarter_of_quick_verdicts_over_enough_of_them_warns_of_rubber_stamping() -> None:
    quick = RUBBER_STAMP_MIN_TIMED // 4
    stats = _stats(_marks([1.0] * quick + [30.0] * (RUBBER_STAMP_MIN_TIMED - quick)))
    assert (stats.timed, stats.quick) == (RUBBER_STAMP_MIN_TIMED, quick)
    assert stats.rubber_stamp is not None and "25% of 20 timed verdicts" in stats.rubber_stamp


def test_no_warning_below_the_share_or_on_too_few_verdicts() -> None:
    quick = RUBBER_STAMP_MIN_TIMED // 4
    below_share = _stats(_marks([1.0] * (quick - 1) + [30.0] * (RUBBER_STAMP_MIN_TIMED - quick + 1)))
    assert below_share.rubber_stamp is None
    too_few = _stats(_marks([0.5] * (RUBBER_STAMP_MIN_TIMED - 1)))
    assert too_few.quick_share == 1.0 and too_few.rubber_stamp is None


def test_two_seconds_exactly_is_not_quick_and_a_break_is_not_timed() -> None:
    stats = _stats(_marks([QUICK_SECONDS, BREAK_SECONDS, BREAK_SECONDS + 1]))
    assert stats.timed == 2  # the gap just over the break limit is left out
    assert stats.quick == 0
    assert stats.median_seconds == pytest.approx((QUICK_SECONDS + BREAK_SECONDS) / 2)


def test_events_of_merged_files_may_come_in_any_order() -> None:
    rows = _marks([5.0, 1.0, 20.0])
    assert _stats(rows[::-1]) == _stats(rows)


def test_a_reviewer_with_verdicts_but_no_events_here_still_has_statistics() -> None:
    (stats,) = reviewer_statistics([], [("s1", "imported-by-merge", "supported")], {"s1": "contradicted"})
    assert stats.decisions == 0 and stats.sentences_reviewed == 1
    assert stats.overturned_reading() == "overturned 1 of 1 adjudicated (100%)"
    assert stats.pace_reading().startswith("pace unknown")
