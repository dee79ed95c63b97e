"""TIMEX3 values: calendar periods, their arithmetic and their ISO 8601 spelling.

A ``Period`` is a stretch of calendar time at a granularity ("Y" a year, "Q" a
quarter, "M" a month, "W" an ISO week, "D" a day, ...), stored as its first and
last day. Relative expressions are resolved by shifting and coarsening periods;
``Period.value`` spells the result the way TimeML writes it ("2025-03", "2024-Q3",
"2025-W13", "202" for the 2020s, "2019-07/2020-06" for an explicit span of months).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import NamedTuple

from .calendar import SEASON_START_MONTH, add_months, days_in_month

# Granularities from coarse to fine; "I" (a span of months), "WE" (a weekend), "S"
# (a season) and "FY" (a fiscal year) sit beside the ladder.
_RANK = {"C": 0, "E": 1, "Y": 2, "FY": 2, "H": 3, "S": 3, "I": 3, "Q": 4, "M": 5, "W": 6, "WE": 7, "D": 8, "T": 9}

UNIT_MONTHS = {"Y": 12, "H": 6, "Q": 3, "M": 1, "E": 120, "C": 1200, "FY": 12, "S": 12}


class Period(NamedTuple):
    """A calendar period: granularity, first day, last day, and for a time its clock."""

    gran: str
    start: dt.date
    end: dt.date
    time: str | None = None  # "HH:MM" with an optional zone ("Z", "-05:00")
    fy_start: int | None = None  # first month of a fiscal year, when known

    @property
    def value(self) -> str:
        """The TIMEX3 value."""
        s = self.start
        if self.gran == "C":
            return f"{s.year // 100:02d}"
        if self.gran == "E":
            return f"{s.year // 10:03d}"
        if self.gran == "Y":
            return f"{s.year:04d}"
        if self.gran == "H":
            return f"{s.year:04d}-H{(s.month - 1) // 6 + 1}"
        if self.gran == "Q":
            return f"{s.year:04d}-Q{(s.month - 1) // 3 + 1}"
        if self.gran == "S":
            code = next(c for c, m in SEASON_START_MONTH.items() if m == s.month)
            return f"{s.year:04d}-{code}"
        if self.gran == "M":
            return f"{s.year:04d}-{s.month:02d}"
        if self.gran in ("W", "WE"):
            year, week, _ = s.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if self.gran == "WE" else "")
        if self.gran == "D":
            return s.isoformat()
        if self.gran == "T":
            return f"{s.isoformat()}T{self.time}"
        if self.gran == "FY" and self.fy_start is None:
            return f"FY{self.end.year:04d}"
        return f"{s.year:04d}-{s.month:02d}/{self.end.year:04d}-{self.end.month:02d}"

    def coarsen(self, gran: str) -> Period:
        """The period of granularity ``gran`` that holds this one's first day."""
        if gran == self.gran or _RANK.get(gran, 0) > _RANK.get(self.gran, 0):
            return self
        return of(gran, self.start)

    def shift(self, amount: int, unit: str) -> Period:
        """This period moved by ``amount`` units ("Y", "H", "Q", "M", "W", "D", "E", "C")."""
        if unit in ("W", "D"):
            days = amount * (7 if unit == "W" else 1)
            start = self.start + dt.timedelta(days=days)
            end = self.end + dt.timedelta(days=days)
        else:
            months = amount * UNIT_MONTHS[unit]
            start = add_months(self.start, months)
            end = add_months(self.end, months)
            if self.end.day == days_in_month(self.end.year, self.end.month):
                end = end.replace(day=days_in_month(end.year, end.month))
        if self.gran in ("I", "FY", "T"):
            return self._replace(start=start, end=end)
        return of(self.gran, start)

    def finer_or_equal(self, gran: str) -> bool:
        """Whether this period is at least as fine as ``gran``."""
        return _RANK.get(self.gran, 0) >= _RANK.get(gran, 0)


def of(gran: str, day: dt.date) -> Period:
    """The period of granularity ``gran`` that holds ``day``."""
    y, m = day.year, day.month
    if gran == "C":
        return months(y // 100 * 100, 1, y // 100 * 100 + 99, 12, "C")
    if gran == "E":
        return months(y // 10 * 10, 1, y // 10 * 10 + 9, 12, "E")
    if gran in ("Y", "FY"):
        return months(y, 1, y, 12, "Y")
    if gran == "H":
        first = 1 if m <= 6 else 7
        return months(y, first, y, first + 5, "H")
    if gran == "Q":
        first = (m - 1) // 3 * 3 + 1
        return months(y, first, y, first + 2, "Q")
    if gran == "S":
        return season_of(day)
    if gran == "M":
        return months(y, m, y, m, "M")
    if gran == "W":
        monday = day - dt.timedelta(days=day.weekday())
        return Period("W", monday, monday + dt.timedelta(days=6))
    if gran == "WE":
        saturday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=5)
        return Period("WE", saturday, saturday + dt.timedelta(days=1))
    return Period("D", day, day)


@lru_cache(maxsize=4096, typed=True)
def months(y1: int, m1: int, y2: int, m2: int, gran: str = "I") -> Period:
    """The months from (y1, m1) to (y2, m2), both included. A period is immutable and the
    same few recur in every article, so they are kept rather than built again."""
    return Period(gran, dt.date(y1, m1, 1), dt.date(y2, m2, days_in_month(y2, m2)))


def year(y: int) -> Period:
    """A calendar year."""
    return months(y, 1, y, 12, "Y")


def month(y: int, m: int) -> Period:
    """A calendar month."""
    return months(y, m, y, m, "M")


def quarter(y: int, q: int) -> Period:
    """A calendar quarter (1..4)."""
    return months(y, 3 * q - 2, y, 3 * q, "Q")


def half(y: int, h: int) -> Period:
    """A half year (1..2)."""
    return months(y, 6 * h - 5, y, 6 * h, "H")


def day(d: dt.date) -> Period:
    """A calendar day."""
    return Period("D", d, d)


def decade(first_year: int) -> Period:
    """The decade that starts with ``first_year`` (1990 -> the 1990s)."""
    return months(first_year, 1, first_year + 9, 12, "E")


def century(number: int) -> Period:
    """The hundred years 100*number .. 100*number+99 (19 -> the 1900s, TimeML "19")."""
    return months(number * 100, 1, number * 100 + 99, 12, "C")


def season(y: int, code: str) -> Period:
    """A season ("SP", "SU", "FA", "WI") of year ``y``; winter runs into ``y + 1``."""
    first = SEASON_START_MONTH[code]
    start = dt.date(y, first, 1)
    return Period("S", start, add_months(start, 2).replace(day=days_in_month(*_ym(add_months(start, 2)))))


def season_of(d: dt.date) -> Period:
    """The season that holds ``d`` (December counts to that year's winter)."""
    code = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")
    return season(d.year - (1 if d.month < 3 else 0), code)


def fiscal_year(end_year: int, start_month: int | None) -> Period:
    """The fiscal year that ends in ``end_year``; with an unknown start month it is "FY<end_year>"."""
    if start_month is None:
        return Period("FY", dt.date(end_year, 1, 1), dt.date(end_year, 12, 31))
    if start_month == 1:
        return year(end_year)
    return months(end_year - 1, start_month, end_year, start_month - 1, "FY")._replace(fy_start=start_month)


def fiscal_year_of(d: dt.date, start_month: int | None) -> Period:
    """The fiscal year that holds ``d``."""
    if start_month is None or start_month == 1:
        return fiscal_year(d.year, start_month)
    return fiscal_year(d.year + (1 if d.month >= start_month else 0), start_month)


def time_of(d: dt.date, hour: int, minute: int, zone: str = "") -> Period:
    """A clock time on a day."""
    return Period("T", d, d, time=f"{hour:02d}:{minute:02d}{zone}")


def part_of_day(d: dt.date, code: str) -> Period:
    """A part of a day, TIMEX3 style: (2025-03-28, "MO") -> "2025-03-28TMO"."""
    return Period("T", d, d, time=code)


def duration(amount: float | None, unit: str) -> str:
    """An ISO 8601 duration: (5, "Y") -> "P5Y"; (24, "H") -> "PT24H"; None -> "PXY"."""
    if amount is None:
        number = "X"
    else:
        if amount < 1:
            smaller = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "MIN"), "W": (7, "D")}
            if unit in smaller and float(amount * smaller[unit][0]).is_integer():
                amount, unit = amount * smaller[unit][0], smaller[unit][1]
        number = f"{int(amount)}" if float(amount).is_integer() else f"{amount:g}"
    if unit in ("H", "MIN", "SEC"):
        return f"PT{number}{unit[0]}"
    return f"P{number}{unit}"


def _ym(d: dt.date) -> tuple[int, int]:
    return d.year, d.month
