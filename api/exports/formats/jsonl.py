"""JSON Lines: one record per line, each with a ``type``; nested participants and citations.

Line schema (also in the README):

- every line is a JSON object with ``type`` first: ``actor``, ``position``,
  ``event_type``, ``tag``, ``outlet``, ``treaty``, ``event``, ``treaty_action``,
  ``statement``, ``source`` (and ``participant`` / ``citation`` when those
  datasets are exported on their own), then the dataset's CSV columns, with
  arrays as JSON arrays, dates as ``YYYY-MM-DD``, timestamps as ISO 8601 UTC;
- ``event`` lines add ``participants`` (participant rows without ``event_id``
  being implied, kept for import) and ``citations``; ``treaty_action`` and
  ``statement`` lines add ``citations``;
- incremental exports end with ``{"type": "tombstone", "dataset", "id", "reason"}``
  lines: records deleted, retracted or hidden since ``since``.

Lines come in dependency order (a record only refers to records on earlier
lines or to itself), each dataset by id, so a reader can load them in one pass.

Each line is built by PostgreSQL as the text orjson writes for the record
(api/exports/sqltext.py) and streamed with COPY, so Python never touches a row.
"""

from __future__ import annotations

from collections.abc import Iterator

import orjson
from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import F, OuterRef
from django.db.models.functions import JSONObject

from api.exports.datasets import DATASETS as DEFINITIONS
from api.exports.datasets.definitions import NESTED
from api.exports.names import DATASETS as ORDER
from api.exports.selection import Selection
from api.exports.sqltext import (
    PASSTHROUGH,
    JSONObjectText,
    copy_out,
    json_object,
    json_value,
    jsonb_key_order,
    literal,
)
from api.exports.stream import Counter, dumps

NAME = "JSON Lines"
MEDIA_TYPE = "application/jsonl"
EXTENSION = "jsonl"
SUPPORTED = ORDER
# participants and citations are nested in their records in a full export.
ALL_DATASETS = tuple(n for n in ORDER if n not in ("participants", "citations"))
INCREMENTAL = True

TYPES = {
    "actors": "actor",
    "positions": "position",
    "event_types": "event_type",
    "tags": "tag",
    "outlets": "outlet",
    "treaties": "treaty",
    "events": "event",
    "participants": "participant",
    "treaty_actions": "treaty_action",
    "statements": "statement",
    "sources": "source",
    "citations": "citation",
}
DATASET_OF_TYPE = {v: k for k, v in TYPES.items()}


def nested_rows(child: str, lookup: str) -> ArraySubquery:
    """The visible ``child`` rows of the outer record, as JSON objects of its columns."""
    dataset = DEFINITIONS[child]
    qs = dataset.prepare(dataset.visible().filter(**{lookup: OuterRef("pk")}))
    columns = {c.name: F(c.source or c.name) for c in dataset.columns}
    return ArraySubquery(qs.order_by("pk").values(json=JSONObject(**columns)))


def _nested_fields(dataset) -> dict:
    sources = {c.name: F(c.source or c.name) for c in dataset.columns}
    return {name: sources[name] for name in jsonb_key_order(sources)}


def nested_text(child: str, lookup: str) -> ArraySubquery:
    """``nested_rows`` as compact JSON texts (keys in the jsonb order it has always had)."""
    dataset = DEFINITIONS[child]
    qs = dataset.prepare(dataset.visible().filter(**{lookup: OuterRef("pk")}))
    return ArraySubquery(qs.order_by("pk").values(json=JSONObjectText(_nested_fields(dataset))))


def nested_grouped(child: str, lookup: str) -> str:
    """The same texts for every parent at once: (k = the parent's id, a = its rows),
    one pass over the child table instead of one lookup per parent (a full export)."""
    dataset = DEFINITIONS[child]
    key = dataset.model._meta.get_field(lookup).attname
    qs = (
        dataset.prepare(dataset.visible().filter(**{f"{key}__isnull": False}))
        .order_by()
        .values(k=F(key))
        .annotate(a=ArrayAgg(JSONObjectText(_nested_fields(dataset)), order_by="pk"))
        .order_by("k")
    )
    sql, params = qs.query.sql_with_params()
    return connection.ops.compose_sql(sql, params)


def line_statement(selection: Selection, name: str) -> str:
    """COPY of the dataset's export query, each row one JSON line built by PostgreSQL.

    Nested rows: in a full export, grouped per parent in one pass and merged by id;
    in a filtered or incremental one (few parents), looked up per parent.
    """
    dataset = DEFINITIONS[name]
    nested = NESTED.get(name, {})
    grouped = selection.since is None and not selection.filtered
    qs = selection.queryset(name)
    if not grouped:
        qs = qs.annotate(**{f"n_{key}": nested_text(*spec) for key, spec in nested.items()})
    inner = qs.values(
        **{f"c{i}": F(source) for i, source in enumerate(dataset.sources)},
        **({} if grouped else {f"n{i}": F(f"n_{key}") for i, key in enumerate(nested)}),
    )
    fields = {alias: expr.output_field for alias, expr in inner.query.annotations.items()}
    pairs = [("type", literal(orjson.dumps(TYPES[name]).decode()))]
    pairs += [
        (column.name, json_value(column, f"t.c{i}", fields[f"c{i}"]))
        for i, column in enumerate(dataset.columns)
    ]
    rows = (
        "coalesce(array_to_string(g{i}.a, ','), '')" if grouped else "array_to_string(t.n{i}, ',')"
    )
    pairs += [(key, f"'[' || {rows.format(i=i)} || ']'") for i, key in enumerate(nested)]
    sql, params = inner.query.sql_with_params()
    joins = "".join(
        f" LEFT JOIN ({nested_grouped(*spec)}) g{i} ON g{i}.k = t.c0"
        for i, spec in enumerate(nested.values())
        if grouped
    )
    query = connection.ops.compose_sql(f"SELECT {json_object(pairs)} FROM ({sql}) t", params)
    return f"COPY ({query}{joins} ORDER BY t.c0) TO STDOUT WITH {PASSTHROUGH}"


def render(selection: Selection, counter: Counter) -> Iterator[bytes]:
    for name in selection.datasets:
        yield from copy_out(line_statement(selection, name), counter)
    for name in selection.datasets:
        for tombstone in selection.tombstones(name):
            yield dumps({"type": "tombstone", **tombstone.as_dict()}) + b"\n"
