"""JSON Lines are built by PostgreSQL (api/exports/sqltext.py): each line must be the
bytes orjson writes for the same record read through Django, as the export wrote
them before. Awkward values on purpose: quotes, backslashes, control characters,
non-ASCII, whole-second and fractional timestamps, integral and tiny decimals."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import orjson
import pytest

from api.exports.datasets import DATASETS
from api.exports.datasets.definitions import NESTED
from api.exports.formats.jsonl import TYPES
from api.exports.selection import Selection
from api.exports.stream import dumps
from sources.models import Citation
from timeline.models import Event, EventRelation, RelationKind
from timeline.querysets import visible

from .conftest import export_bytes, publish

AWKWARD = 'quote " backslash \\ newline \n tab \t bell \x07 unit \x1f del \x7f é ☃ 𝄞 / </script>'


def reference_lines(names) -> list[bytes]:
    """The lines as the export wrote them in Python: rows through Django, orjson."""
    lines = []
    selection = Selection(tuple(names))
    for name in names:
        dataset = DATASETS[name]
        nested = NESTED.get(name, {})
        qs = selection.queryset(name)
        for row in qs.values_list(*dataset.sources):
            record = {"type": TYPES[name], **dict(zip(dataset.names, row, strict=True))}
            for key, (child, lookup) in nested.items():
                child_set = DATASETS[child]
                rows = (
                    child_set.prepare(visible(child_set.model.objects.all(), unpublished=False))
                    .filter(**{lookup: row[0]})
                    .order_by("pk")
                    .values_list(*child_set.sources)
                )
                # Nested rows used to go through jsonb: its key order, its datetime text.
                record[key] = [
                    json.loads(
                        json.dumps(
                            _jsonb_order(dict(zip(child_set.names, r, strict=True))),
                            default=_jsonb_value,
                        )
                    )
                    for r in rows
                ]
            lines.append(dumps(record) + b"\n")
    return lines


def _jsonb_order(row: dict) -> dict:
    return {k: row[k] for k in sorted(row, key=lambda k: (len(k.encode()), k.encode()))}


def _jsonb_value(value):
    if isinstance(value, dt.datetime):
        # PostgreSQL's JSON timestamp: trailing zeros of the fraction dropped.
        text = value.isoformat()
        if value.microsecond:
            head, _, rest = text.partition(".")
            fraction, zone = rest[:6].rstrip("0"), rest[6:]
            text = f"{head}.{fraction}{zone}"
        return text
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("latitude", "longitude", "since"),
    [
        ("38.89511", "-77.03637", None),
        ("12", "-180", None),
        ("0", "0.00001", None),
        # Incremental: nested rows looked up per record instead of grouped in one pass.
        ("-0.5", "90.10000", "2000-01-01"),
    ],
)
def test_sql_lines_are_the_bytes_orjson_writes(world, latitude, longitude, since):
    event = world["event"]
    event.title = AWKWARD
    event.summary = ""
    event.place_name = ""
    event.place_country = None
    event.latitude, event.longitude = Decimal(latitude), Decimal(longitude)
    event.save()
    # A whole-second timestamp (orjson then writes no fraction).
    Event.objects.filter(pk=event.pk).update(
        created_at=dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        updated_at=dt.datetime(2020, 1, 2, 3, 4, 5, 120000, tzinfo=dt.UTC),
    )
    other = Event.objects.create(title="Other", date="2019-05", event_type=event.event_type)
    publish(other)
    EventRelation.objects.create(from_event=event, to_event=other, kind=RelationKind.RESPONDS_TO)
    Citation.objects.filter(event=event).update(excerpt=AWKWARD)
    Citation.objects.filter(event=event).update(
        created_at=dt.datetime(2021, 6, 7, 8, 9, 10, 500, tzinfo=dt.UTC)
    )
    names = ("actors", "treaties", "events", "treaty_actions", "statements", "sources")
    expected = b"".join(reference_lines(names))
    got = b"".join(export_bytes("jsonl", dataset, since) for dataset in names)
    assert got.splitlines() == expected.splitlines()
    assert AWKWARD.encode() not in got  # escaped, not raw
    records = [orjson.loads(li) for li in got.splitlines()]
    (record,) = [r for r in records if r["type"] == "event" and r["id"] == event.pk]
    assert record["title"] == AWKWARD
    assert record["related"] == [{"kind": "responds_to", "event_id": other.pk}]
    assert record["created_at"] == "2020-01-02T03:04:05+00:00"
    assert record["citations"]
