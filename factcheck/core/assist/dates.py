"""The source's dates, indexed by field: each field of a claimed date is looked up on its own
("March 2019" needs a March of 2019, not only 2019; "14 May 2020" needs 14 May, not a Thursday)."""

import datetime
from dataclasses import dataclass

from factcheck.core.assist.facts import Fact

FIELDS = ("weekday", "day", "month", "year")
"""The fields of a date's key, in the key's order."""


@dataclass(frozen=True, slots=True)
class SourceDates:
    """Every date of a source, by field."""

    years: frozenset[int]
    """Every year, in a date or on its own."""
    month_days: dict[tuple[int, int], frozenset[int | None]]
    """(month, day) → the years they are given with (None: without a year)."""
    months: dict[int, frozenset[int | None]]
    """month → the years it is given with (None: without a year)."""
    weekdays: frozenset[int]
    """Weekdays written out, or implied by a full date."""

    @classmethod
    def of(cls, found: list[Fact]) -> "SourceDates":
        """The index of these date facts."""
        month_days: dict[tuple[int, int], set[int | None]] = {}
        months: dict[int, set[int | None]] = {}
        weekdays = set()
        for weekday, day, month, year in (f.key for f in found):
            if month is not None:
                months.setdefault(month, set()).add(year)
                if day is not None:
                    month_days.setdefault((month, day), set()).add(year)
            implied = weekday_of(day, month, year)
            weekdays.update(w for w in (weekday, implied) if w is not None)
        return cls(
            years=frozenset(f.key[3] for f in found if f.key[3] is not None),
            month_days={k: frozenset(v) for k, v in month_days.items()},
            months={k: frozenset(v) for k, v in months.items()},
            weekdays=frozenset(weekdays),
        )

    def unsupported(self, key: tuple) -> frozenset[str]:
        """The fields of a claimed date that no date of the source gives: a day only together with
        its month, a month only in the same year (or in a date without a year), a weekday only as
        a weekday (written out or implied by a full date)."""
        weekday, day, month, year = key

        def compatible(years: frozenset[int | None] | None) -> bool:
            return years is not None and (year is None or None in years or year in years)

        missing = set()
        if year is not None and year not in self.years:
            missing.add("year")
        if month is not None and not compatible(self.months.get(month)):
            missing.add("month")
        if day is not None and not compatible(self.month_days.get((month, day))):
            missing.add("day")
        if weekday is not None and weekday not in self.weekdays:
            missing.add("weekday")
        return frozenset(missing)


def weekday_of(day: int | None, month: int | None, year: int | None) -> int | None:
    """The weekday (0 = Monday) of a full date; None when a field is missing or it is no date."""
    if None in (day, month, year):
        return None
    try:
        return datetime.date(year, month, day).weekday()
    except ValueError:  # 31 February: no weekday
        return None
