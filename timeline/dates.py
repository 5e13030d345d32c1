"""Historical dates as EDTF (ISO 8601-2) strings, with derived day bounds.

A curator types `2019-03-19`, `2019-03`, `2021`, `2019-21` (spring),
`2019-03-20/2019-03-21`, `2019-03-19?` (uncertain) or `2019-03-19~`
(approximate). We keep the string for display and export, and derive the
earliest and latest day it can mean for queries and ordering. Parsing is done
by the `edtf` library; this module only turns its answer into bounds and a
precision, and its failures into one clear message.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from edtf import EDTFParseException, parse_edtf, struct_time_to_date

ACCEPTED_FORMS = (
    "an EDTF date: 2019-03-19 (day), 2019-03 (month), 2021 (year), 2019-21 (spring), "
    "2019-03-20/2019-03-21 (range), 2004-03-09/.. (open-ended), "
    "2019-03-19? (uncertain) or 2019-03-19~ (approximate)"
)

REQUIRED_MESSAGE = "A date is required. Enter " + ACCEPTED_FORMS + "."

OPEN_ENDS = {"..", ""}


class Precision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    SEASON = "season", "season"
    YEAR = "year", "year"
    DECADE = "decade", "decade"
    CENTURY = "century", "century"
    RANGE = "range", "range"


@dataclass(frozen=True)
class DateBounds:
    edtf: str
    start: dt.date | None
    end: dt.date | None  # None: open-ended (still going on)
    precision: str


def _invalid(value: str) -> ValidationError:
    return ValidationError(
        "'%(value)s' is not a valid date. Enter " + ACCEPTED_FORMS + ".",
        code="invalid_edtf",
        params={"value": value},
    )


def _open_start(value: str) -> ValidationError:
    return ValidationError(
        "'%(value)s' needs a known start; only its end may be open (..).",
        code="open_start",
        params={"value": value},
    )


WINTER = 24


@functools.lru_cache(maxsize=4096)
def _parse_bounds(value: str) -> tuple[dt.date, dt.date, object]:
    # Cached: the pyparsing grammar costs ~10 ms a call and the same dates recur.
    # A failure raises, and exceptions are not cached, so bad input is re-checked.
    try:
        parsed = parse_edtf(value)
        start = struct_time_to_date(parsed.lower_strict())
        end = struct_time_to_date(parsed.upper_strict())
    except (EDTFParseException, ValueError, TypeError, OverflowError) as exc:
        raise _invalid(value) from exc
    if type(parsed).__name__ == "Season" and int(parsed.season) == WINTER:
        # The library bounds winter to December alone; a (northern) winter runs
        # from December into the end of February of the next year.
        start = dt.date(start.year, 12, 1)
        end = dt.date(start.year + 1, 3, 1) - dt.timedelta(days=1)
    return start, end, parsed


def _precision_of(start: dt.date, end: dt.date, parsed: object) -> str:
    if type(parsed).__name__ == "Season":
        return Precision.SEASON
    if start == end:
        return Precision.DAY
    if start.day == 1 and end == start.replace(day=calendar.monthrange(start.year, start.month)[1]):
        return Precision.MONTH
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        span = end.year - start.year + 1
        if span == 1:
            return Precision.YEAR
        if span == 10 and start.year % 10 == 0:
            return Precision.DECADE
        if span == 100 and start.year % 100 == 0:
            return Precision.CENTURY
    return Precision.RANGE


def parse_date(value: str) -> DateBounds:
    """Parse an EDTF string; raise ValidationError (code ``invalid_edtf``) if it is not one."""
    value = (value or "").strip()
    if not value:
        raise ValidationError(REQUIRED_MESSAGE, code="required")
    if "/" in value:
        left, _, right = value.partition("/")
        if left in OPEN_ENDS and right in OPEN_ENDS:
            raise _invalid(value)
        start = end = None
        if left not in OPEN_ENDS:
            start, _, _ = _parse_bounds(left)
        if right not in OPEN_ENDS:
            _, end, _ = _parse_bounds(right)
        if start and end and start > end:
            raise ValidationError(
                "'%(value)s' ends before it starts.", code="invalid_range", params={"value": value}
            )
        # Validate the whole interval with the library too (qualifiers, syntax).
        if left not in OPEN_ENDS and right not in OPEN_ENDS:
            _parse_bounds(value)
        return DateBounds(value, start, end, Precision.RANGE)
    start, end, parsed = _parse_bounds(value)
    return DateBounds(value, start, end, _precision_of(start, end, parsed))


@functools.lru_cache(maxsize=4096)
def qualifiers(value: str) -> tuple[bool, bool]:
    """(uncertain, approximate) of an EDTF string: `?` uncertain, `~` approximate, `%` both,
    on the whole date, a part of it or either end of an interval. Empty or invalid: neither."""
    value = (value or "").strip()
    if not value or not any(mark in value for mark in "?~%"):
        return False, False
    try:
        parsed = parse_edtf(value)
    except (EDTFParseException, ValueError, TypeError, OverflowError):
        return False, False
    both = bool(getattr(parsed, "is_uncertain_and_approximate", False))
    uncertain = bool(getattr(parsed, "is_uncertain", False)) or both
    approximate = bool(getattr(parsed, "is_approximate", False)) or both
    return uncertain, approximate


# The same flags in SQL, for the compiled read path (api/compiled): a stored date is
# valid EDTF (it was parsed to derive its bounds), and in valid EDTF these characters
# occur only as qualifiers, so their presence is the flag. tests/timeline/test_dates.py
# checks the two forms agree. chr(37) is '%' (a literal one would be a parameter mark).
QUALIFIER_MARKS = {"uncertain": ("?", "chr(37)"), "approximate": ("~", "chr(37)")}


def qualifier_sql(column_sql: str, which: str) -> str:
    """SQL of ``qualifiers(column)[0]`` (``which="uncertain"``) or ``[1]`` ("approximate")."""
    mark, both = QUALIFIER_MARKS[which]
    return (
        f"(coalesce(position('{mark}' in {column_sql}), 0) > 0 "
        f"OR coalesce(position({both} in {column_sql}), 0) > 0)"
    )


class EDTFField(models.CharField):
    """A CharField holding an EDTF string, validated on full_clean."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault(
            "help_text", "EDTF, e.g. 2019-03-19, 2019-03, 2021, 2019-03-20/2019-03-21"
        )
        super().__init__(*args, **kwargs)
        # Not passed as a kwarg, so it stays out of deconstruct() and migrations.
        self.error_messages = {**self.error_messages, "blank": REQUIRED_MESSAGE}

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value:
            bounds = parse_date(value)
            if bounds.start is None and self.name not in getattr(
                model_instance, "edtf_open_start", ()
            ):
                raise _open_start(value)


class EDTFMixin(models.Model):
    """Recomputes derived bounds for each EDTF field on every save.

    ``edtf_fields`` maps an EDTF field name to the names of its derived
    (start, end, precision) fields; precision may be None.
    """

    edtf_fields: dict[str, tuple[str, str, str | None]] = {}
    # Fields allowed to start open ("../2019"); elsewhere a start is required.
    edtf_open_start: frozenset[str] = frozenset()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.compute_dates()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # EDTFField.validate (clean_fields) already reported invalid values under
        # their field; raising them again here would show each message twice.
        self.compute_dates(raise_errors=False)

    def compute_dates(self, *, raise_errors: bool = True) -> None:
        errors = {}
        for name, (start_name, end_name, precision_name) in self.edtf_fields.items():
            value = getattr(self, name)
            if not value or not value.strip():
                if not self._meta.get_field(name).blank:
                    errors[name] = ValidationError(REQUIRED_MESSAGE, code="required")
                    continue
                bounds = DateBounds("", None, None, "")
            else:
                try:
                    bounds = parse_date(value)
                except ValidationError as exc:
                    errors[name] = exc
                    continue
                if bounds.start is None and name not in self.edtf_open_start:
                    errors[name] = _open_start(value)
                    continue
            setattr(self, name, bounds.edtf)
            setattr(self, start_name, bounds.start)
            setattr(self, end_name, bounds.end)
            if precision_name:
                setattr(self, precision_name, bounds.precision)
        if errors and raise_errors:
            raise ValidationError(errors)
