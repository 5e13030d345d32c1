"""An EDTF date at its real precision: the parts an export may state (year, month, day).

Built from the stored derived fields (earliest and latest day, precision), so no
EDTF parsing happens per exported row; for ranges, each side's precision is read
from how it is written (2019, 2019-03, 2019-03-20).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline.dates import Precision

_UNCERTAIN = "?~%"
_SIDE = re.compile(r"^[?~%]?(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


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


def written_precision(text: str) -> str:
    """day, month, season or year, by the form of a single EDTF date."""
    match = _SIDE.match(text.strip())
    if match is None:
        return Precision.YEAR
    if match.group(3):
        return Precision.DAY
    if match.group(2):
        return Precision.MONTH if int(match.group(2)) <= 12 else Precision.SEASON
    return Precision.YEAR


def span(edtf: str, first: dt.date, last: dt.date | None, precision: str | None = None) -> Span:
    """``edtf`` with its stored bounds (``first``, ``last``) and precision."""
    qualified = any(mark in edtf for mark in _UNCERTAIN)
    if "/" in edtf:
        left, _, right = edtf.partition("/")
        start = _point(first, _unit(written_precision(left)))
        if right in ("", "..") or last is None:
            return Span(start, None, first, None, Precision.RANGE, qualified)
        end = _point(last, _unit(written_precision(right)))
        return Span(start, end, first, last, Precision.RANGE, qualified)
    precision = precision or written_precision(edtf)
    if precision in (Precision.DAY, Precision.MONTH, Precision.YEAR):
        return Span(_point(first, precision), None, first, last, precision, qualified)
    # Seasons, decades, centuries: the months or years they span.
    unit = _unit(precision)
    return Span(_point(first, unit), _point(last, unit), first, last, precision, qualified)


def _unit(precision: str) -> str:
    if precision in (Precision.DAY, Precision.MONTH, Precision.YEAR):
        return precision
    return Precision.MONTH if precision == Precision.SEASON else Precision.YEAR
