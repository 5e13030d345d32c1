"""iCalendar (RFC 5545): events as all-day VEVENTs.

A day-precision event is one all-day entry; month, year, season and range
precision become all-day periods (DTEND is the day after the last day it can
mean, as RFC 5545 wants). UID is stable (``event-<id>@<host>``); DTSTAMP and
LAST-MODIFIED are the record's last change, so the same data gives the same file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.db.models import F
from icalendar import Event as VEvent
from icalendar import vGeo

from api.exports.dates import span
from api.exports.selection import Selection
from api.exports.stream import Counter

NAME = "iCalendar"
MEDIA_TYPE = "text/calendar; charset=utf-8"
EXTENSION = "ics"
SUPPORTED = ("events",)
ALL_DATASETS = ("events",)
INCREMENTAL = False

HEADER = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//timeline//exports//EN\r\n"
    "CALSCALE:GREGORIAN\r\n"
    "X-WR-CALNAME:timeline events\r\n"
)
FOOTER = "END:VCALENDAR\r\n"


def uid_host() -> str:
    return getattr(settings, "TIMELINE_ICAL_UID_HOST", "timeline.invalid")


def vevent(obj) -> VEvent:
    s = span(obj.date, obj.date_start, obj.date_end, obj.precision)
    entry = VEvent()
    entry.add("uid", f"event-{obj.pk}@{uid_host()}")
    entry.add("dtstamp", obj.updated_at.astimezone(dt.UTC))
    entry.add("created", obj.created_at.astimezone(dt.UTC))
    entry.add("last-modified", obj.updated_at.astimezone(dt.UTC))
    entry.add("dtstart", s.first_day)
    if s.last_day is not None:
        entry.add("dtend", s.last_day + dt.timedelta(days=1))
    entry.add("summary", obj.title)
    lines = [obj.summary] if obj.summary else []
    if s.precision != "day" or s.qualified:
        lines.append(f"Date as recorded (EDTF): {obj.date} ({s.precision} precision).")
    if lines:
        entry.add("description", "\n\n".join(lines))
    if obj.place_name:
        entry.add("location", obj.place_name)
    if obj.latitude is not None:
        entry.add("geo", vGeo((float(obj.latitude), float(obj.longitude))))
    entry.add("categories", [obj.i_type])
    entry.add("transp", "TRANSPARENT")
    return entry


def render(selection: Selection, counter: Counter) -> Iterator[bytes]:
    yield HEADER.encode()
    qs = selection.queryset("events").annotate(i_type=F("event_type__name"))
    for obj in selection.iterate("events", qs):
        counter.rows += 1
        yield vevent(obj).to_ical()
    yield FOOTER.encode()
