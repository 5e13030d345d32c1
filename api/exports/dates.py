"""An EDTF date at its real precision: the parts an export may state (year, month, day)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline.dates import Precision, parse_date

_UNCERTAIN = "?~%"


@dataclass(frozen=True)
class Point:
    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """ISO 8601 at this precision: 2019, 2019-03 or 2019-03-19."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def parts(self) -> dict[str, int]:
        out = {"year": self.year}
        if self.month is not None:
            out["month"] = self.month
            if self.day is not None:
                out["day"] = self.day
        return out


@dataclass(frozen=True)
class Span:
    start: Point
    end: Point | None  # None: a single point at its precision
    first_day: dt.date
    last_day: dt.date | None  # None: open-ended
    precision: str
    qualified: bool  # uncertain or approximate


def _point(day: dt.date, precision: str) -> Point:
    if precision == Precision.DAY:
        return Point(day.year, day.month, day.day)
    if precision == Precision.MONTH:
        return Point(day.year, day.month)
    return Point(day.year)


def _side(text: str, *, end: bool) -> tuple[Point, dt.date, dt.date | None, str]:
    bounds = parse_date(text)
    day = bounds.end if end else bounds.start
    return _point(day, bounds.precision), bounds.start, bounds.end, bounds.precision


def span(edtf: str) -> Span:
    """Start (and end, when the date covers more than its own precision) of an EDTF date."""
    qualified = any(mark in edtf for mark in _UNCERTAIN)
    if "/" in edtf:
        left, _, right = edtf.partition("/")
        start, first, _, _ = _side(left, end=False)
        if right in ("", ".."):
            return Span(start, None, first, None, Precision.RANGE, qualified)
        end, _, last, _ = _side(right, end=True)
        return Span(start, end, first, last, Precision.RANGE, qualified)
    bounds = parse_date(edtf)
    precision = bounds.precision
    if precision in (Precision.DAY, Precision.MONTH, Precision.YEAR):
        return Span(
            _point(bounds.start, precision), None, bounds.start, bounds.end, precision, qualified
        )
    # Seasons, decades, centuries: the months or years they span.
    unit = Precision.MONTH if precision == Precision.SEASON else Precision.YEAR
    return Span(
        _point(bounds.start, unit),
        _point(bounds.end, unit),
        bounds.start,
        bounds.end,
        precision,
        qualified,
    )
