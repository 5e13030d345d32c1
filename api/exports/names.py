"""Export dataset and format names: plain constants, importable from models without cycles."""

from __future__ import annotations

# In dependency order: a dataset only refers to datasets before it (or to itself).
DATASETS = (
    "actors",
    "positions",
    "event_types",
    "tags",
    "outlets",
    "treaties",
    "events",
    "participants",
    "treaty_actions",
    "statements",
    "sources",
    "citations",
)
ALL = "all"
FORMATS = ("csv", "jsonl", "jsonld", "geojson", "timelinejs", "ics")
