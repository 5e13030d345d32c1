"""EDTF dates between 1945 and 2025 at mixed precisions, with the bounds the models derive.

``timeline.dates.parse_date`` is the authority, but its grammar costs milliseconds a call;
these forms are few and regular, so their bounds are computed directly here (the test
checks every form against ``parse_date``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import random

FIRST = dt.date(1945, 1, 1)
LAST = dt.date(2025, 12, 31)
_FIRST_ORD, _LAST_ORD = FIRST.toordinal(), LAST.toordinal()
_SPAN = _LAST_ORD - _FIRST_ORD + 1

# (form, cumulative probability): most dates are plain days, as in curated data.
FORMS = [
    ("day", 0.68),
    ("month", 0.78),
    ("year", 0.83),
    ("uncertain_day", 0.87),
    ("approximate_day", 0.90),
    ("approximate_month", 0.92),
    ("uncertain_year", 0.93),
    ("season", 0.94),
    ("range", 0.99),
    ("open", 1.0),
]
SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}


def random_day(rng: random.Random) -> dt.date:
    """A day from 1945 to 2025, more recent days more likely (as news archives grow)."""
    return dt.date.fromordinal(_FIRST_ORD + int(_SPAN * rng.random() ** 0.7))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def edtf_date(rng: random.Random, day: dt.date | None = None):
    """(edtf, start, end, precision) for a random date (or one around ``day``)."""
    if day is None:
        day = random_day(rng)
    roll = rng.random()
    form = next(name for name, p in FORMS if roll < p)
    y, m = day.year, day.month
    iso = day.isoformat()
    if form == "day":
        return iso, day, day, "day"
    if form == "uncertain_day":
        return iso + "?", day, day, "day"
    if form == "approximate_day":
        return iso + "~", day, day, "day"
    if form in ("month", "approximate_month"):
        suffix = "~" if form == "approximate_month" else ""
        return f"{y:04d}-{m:02d}{suffix}", day.replace(day=1), _month_end(y, m), "month"
    if form in ("year", "uncertain_year"):
        suffix = "?" if form == "uncertain_year" else ""
        return f"{y:04d}{suffix}", dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    if form == "season":
        code = 21 + (m - 1) // 3 % 4
        if code == 24 and y == LAST.year:
            code = 23  # a winter of 2025 would end in 2026
        first, last = SEASONS[code]
        end_year = y + 1 if code == 24 else y
        return f"{y:04d}-{code}", dt.date(y, first, 1), _month_end(end_year, last), "season"
    if form == "range":
        end = min(day + dt.timedelta(days=rng.randrange(1, 46)), LAST)
        if end == day:
            return iso, day, day, "day"
        return f"{iso}/{end.isoformat()}", day, end, "range"
    return f"{iso}/..", day, None, "range"


def day_near(rng: random.Random, start: dt.date, end: dt.date | None, spread: int = 3) -> dt.date:
    """A day inside [start, end] (or a few days after an open start), never after 2025."""
    if end is None or end == start:
        day = start + dt.timedelta(days=rng.randrange(spread + 1))
    else:
        day = dt.date.fromordinal(rng.randint(start.toordinal(), end.toordinal()))
    return min(day, LAST)
