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


def feature(properties: dict) -> dict:
    return {
        "type": "Feature",
        "id": properties["id"],
        "geometry": {
            "type": "Point",
            "coordinates": [float(properties["longitude"]), float(properties["latitude"])],
        },
        "properties": properties,
    }


def render(selection: Selection, counter: Counter) -> Iterator[bytes]:
    dataset = DEFINITIONS["events"]
    qs = selection.queryset("events").filter(latitude__isnull=False, longitude__isnull=False)
    qs = qs.values_list(*dataset.sources)
    names = dataset.names

    def features():
        for row in selection.iterate("events", qs):
            counter.rows += 1
            yield dumps(feature(dict(zip(names, row, strict=True))))

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
