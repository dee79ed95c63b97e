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
