"""Event times: one project file's events never share a time, and their text sorts in time order,
even when the clock stands still or goes back (a laptop's clock corrected by the network)."""

from datetime import UTC, datetime, timedelta, timezone

from factcheck.core.events import format_time, next_time, stored_time

MOMENT = datetime(2026, 12, 2, 15, 30, 0, 250_000, tzinfo=UTC)


def test_a_later_moment_is_kept_as_it_is():
    last = format_time(MOMENT - timedelta(seconds=1))
    assert next_time(MOMENT, last) == format_time(MOMENT)
    assert next_time(MOMENT, None) == format_time(MOMENT)


def test_the_same_moment_again_is_nudged_one_microsecond_past_the_last():
    last = format_time(MOMENT)
    assert stored_time(next_time(MOMENT, last)) == MOMENT + timedelta(microseconds=1)


def test_a_clock_gone_back_still_gives_a_time_after_the_last():
    last = format_time(MOMENT)
    earlier = next_time(MOMENT - timedelta(hours=1), last)
    assert earlier > last
    assert stored_time(earlier) == MOMENT + timedelta(microseconds=1)


def test_a_moment_in_another_time_zone_is_stored_in_utc():
    paris = MOMENT.astimezone(timezone(timedelta(hours=1)))
    assert next_time(paris, None) == format_time(MOMENT)
    assert next_time(paris, format_time(MOMENT)) == format_time(MOMENT + timedelta(microseconds=1))
