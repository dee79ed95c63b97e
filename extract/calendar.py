"""Calendar words and absolute date forms shared by the article and dates components."""

from __future__ import annotations

import datetime as dt
import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip

_MONTH = r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)(?::[0-5]\d)?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"

# Each form names its groups; the first that matches at a position wins.
_DATE_FORMS = [
    re.compile(rf"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:[T ]+{_TIME})?"),
    re.compile(rf"\b{_MONTH}\s*{_DAY},?\s*{_YEAR}\b(?:\s*(?:[,|/]|at)?\s*{_TIME})?", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s*{_YEAR}\b(?:\s*(?:[,|/]|at)?\s*{_TIME})?", re.IGNORECASE),
    re.compile(rf"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/{_YEAR}\b(?:\s*(?:[,|/]|at)?\s*{_TIME})?"),
]
_TIME_BEFORE = re.compile(rf"{_TIME}(?:\s*[A-Z]{{2,4}})?\s*,?\s*$")


def month_number(word: str) -> int | None:
    """1..12 for a month name or abbreviation ("Sept.", "march"), else None."""
    return MONTHS.get(word.lower().rstrip("."))


def find_absolute_date(text: str) -> tuple[str, int, int] | None:
    """The first full calendar date in ``text`` (with its time when one is attached)
    as an ISO string and the character range it came from."""
    best: tuple[int, re.Match[str]] | None = None
    for form in _DATE_FORMS:
        for m in form.finditer(text):
            if _valid(m):
                if best is None or m.start() < best[0]:
                    best = (m.start(), m)
                break
    if best is None:
        return None
    m = best[1]
    groups = m.groupdict()
    month = int(groups["month"]) if groups["month"].isdigit() else month_number(groups["month"])
    iso = f"{int(groups['year']):04d}-{month:02d}-{int(groups['day']):02d}"
    hour, minute = groups.get("hour"), groups.get("minute")
    start = m.start()
    if hour is None:
        # "09:09, June 13, 2024": a time just before the date
        before = _TIME_BEFORE.search(text[: m.start()])
        if before:
            hour, minute = before.group("hour"), before.group("minute")
            groups = {**groups, "ampm": before.group("ampm")}
    if hour is not None and minute is not None:
        h = int(hour)
        ampm = (groups.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and h < 12:
            h += 12
        elif ampm == "am" and h == 12:
            h = 0
        if h < 24:
            iso += f"T{h:02d}:{int(minute):02d}"
    return iso, start, m.end()


def _valid(m: re.Match[str]) -> bool:
    g = m.groupdict()
    month = int(g["month"]) if g["month"].isdigit() else month_number(g["month"])
    if month is None:
        return False
    try:
        dt.date(int(g["year"]), month, int(g["day"]))
    except ValueError:
        return False
    return True


SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
"""TIMEX3 season codes."""

SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
"""First month of each season (meteorological, northern hemisphere)."""


def weekday_number(word: str) -> int | None:
    """0 (Monday) .. 6 (Sunday) for a weekday name or abbreviation, else None."""
    return WEEKDAYS.get(word.lower().rstrip("."))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, the day of month clamped to the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, days_in_month(year, month + 1)))


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30)  # January .. November


def days_in_month(year: int, month: int) -> int:
    """28..31; ValueError out of the calendar (a December is 31 days in any year)."""
    if month == 12:
        return 31
    if not (1 <= month <= 11 and dt.MINYEAR <= year <= dt.MAXYEAR):
        raise ValueError(f"no month {year}-{month}")
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_offset) // 451
    month, day = divmod(h + weekday_offset - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` (0 = Monday) of a month; ``n = -1`` is the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, days_in_month(year, month))
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-n - 1))
