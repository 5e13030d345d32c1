"""GeoJSON (RFC 7946): events with coordinates as Point features, longitude first.

Properties are the events CSV columns. Incremental exports add a foreign
member ``deleted``: tombstones, including events that lost their coordinates.
"""

from __future__ import annotations

from collections.abc import Iterator

from api.exports.datasets import DATASETS as DEFINITIONS
from api.exports.selection import Selection, Tombstone
from api.exports.stream import Counter, dumps, json_array

NAME = "GeoJSON"
MEDIA_TYPE = "application/geo+json"
EXTENSION = "geojson"
SUPPORTED = ("events",)
ALL_DATASETS = ("events",)
INCREMENTAL = True


def feature(dataset, obj) -> dict:
    return {
        "type": "Feature",
        "id": obj.pk,
        "geometry": {
            "type": "Point",
            "coordinates": [float(obj.longitude), float(obj.latitude)],
        },
        "properties": dataset.row(obj),
    }


def render(selection: Selection, counter: Counter) -> Iterator[bytes]:
    dataset = DEFINITIONS["events"]
    qs = selection.queryset("events").filter(latitude__isnull=False, longitude__isnull=False)

    def features():
        for obj in selection.iterate("events", qs):
            counter.rows += 1
            yield dumps(feature(dataset, obj))

    yield b'{"type":"FeatureCollection","features":['
    yield from json_array(features())
    yield b"]"
    if selection.since is not None:
        yield b',"deleted":['
        yield from json_array(dumps(t.as_dict()) for t in _deleted(selection))
        yield b"]"
    yield b"}\n"


def _deleted(selection: Selection) -> Iterator[Tombstone]:
    yield from selection.tombstones("events")
    moved = selection.queryset("events").filter(latitude__isnull=True).values_list("pk", flat=True)
    for pk in moved.iterator():
        yield Tombstone("events", pk, "hidden")
