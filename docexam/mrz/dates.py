"""YYMMDD dates of the MRZ and the century each one belongs to.

An MRZ date has no century, so the reading depends on ``today``; it is a parameter so
that a verdict can be reproduced later and tests do not age.

* Birth date: the latest date not after ``today`` (a holder cannot be born in the
  future), i.e. within the 100 years ending today.
* Expiry date: the date inside the window [today - 50 years, today + 50 years). Documents
  are issued for at most about ten years, so a far-future reading is as unlikely as a
  far-past one; the half-open window makes the choice unique.

Day and month are checked against the calendar of the resolved year, so 29 February is
valid only in a leap year of the chosen century.
"""

from __future__ import annotations

import datetime


def _split(raw: str) -> tuple[int, int, int] | None:
    if len(raw) != 6 or not all("0" <= ch <= "9" for ch in raw):
        return None
    return int(raw[0:2]), int(raw[2:4]), int(raw[4:6])


def _make(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _latest_year_ending(yy: int, year: int) -> int:
    """The largest year <= ``year`` whose last two digits are ``yy``."""
    return year - ((year - yy) % 100)


def resolve_birth_date(raw: str, today: datetime.date) -> datetime.date | None:
    """The birth date ``raw`` denotes as seen on ``today``; None when it is no real date."""
    parts = _split(raw)
    if parts is None:
        return None
    yy, month, day = parts
    year = _latest_year_ending(yy, today.year)
    if (month, day) > (today.month, today.day) and year == today.year:
        year -= 100
    if year < 1:
        return None
    return _make(year, month, day)


def resolve_expiry_date(raw: str, today: datetime.date) -> datetime.date | None:
    """The expiry date ``raw`` denotes as seen on ``today``; None when it is no real date."""
    parts = _split(raw)
    if parts is None:
        return None
    yy, month, day = parts
    low = (today.year - 50, today.month, today.day)
    high = (today.year + 50, today.month, today.day)
    base = _latest_year_ending(yy, today.year + 50)
    year = base
    for candidate in (base, base - 100):
        if low <= (candidate, month, day) < high:
            year = candidate
            break
    if not 1 <= year <= 9999:
        return None
    return _make(year, month, day)


def date_problem(raw: str) -> str:
    """Why ``raw`` is not a date, as a phrase for an error message."""
    if len(raw) != 6:
        return f"has {len(raw)} characters instead of 6"
    if not all("0" <= ch <= "9" for ch in raw):
        return "contains characters other than digits"
    month, day = int(raw[2:4]), int(raw[4:6])
    if not 1 <= month <= 12:
        return f"has month {month:02d}"
    if day < 1:
        return "has day 00"
    return f"has no day {day:02d} in month {month:02d} of the resolved year"
