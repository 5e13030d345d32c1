"""One module per export format; FORMATS maps a format name to its module."""

from __future__ import annotations

from api.exports.formats import csv_package, geojson, ical, jsonl, jsonld, timelinejs

FORMATS = {
    "csv": csv_package,
    "jsonl": jsonl,
    "jsonld": jsonld,
    "geojson": geojson,
    "timelinejs": timelinejs,
    "ics": ical,
}
