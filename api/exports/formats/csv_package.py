"""CSV, one file per dataset, and a Frictionless data package (``datapackage.json``)
describing every column: type, format, constraints, primary and foreign keys.

Cells: unquoted empty = null, ``""`` = empty text; arrays are JSON arrays;
dates ``YYYY-MM-DD``; timestamps ISO 8601 UTC with microseconds.

The rows are written by PostgreSQL itself: the export's queryset (visibility,
filters, links, arrays) wrapped in ``COPY (…) TO STDOUT WITH CSV``, with each
column formatted in SQL, and streamed block by block; Python only passes the
bytes on. So a CSV export runs at COPY speed. Foreign keys are declared only in a full, unfiltered
package: a filtered or incremental one may point at rows it does not contain.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from decimal import Decimal

import orjson
from django.db import connection
from django.db.models import F

from api.exports.datasets import DATASETS as DEFINITIONS
from api.exports.datasets.base import ARRAY, DATE, DATETIME, NUMBER
from api.exports.names import DATASETS as ORDER
from api.exports.selection import Selection
from api.exports.sqltext import copy_out
from api.exports.stream import Counter

NAME = "CSV"
MEDIA_TYPE = "text/csv; charset=utf-8"
EXTENSION = "csv"
SUPPORTED = ORDER
ALL_DATASETS = ORDER
INCREMENTAL = True
DESCRIPTOR = "datapackage.json"
TOMBSTONES = "tombstones"


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return orjson.dumps(value).decode()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


class _Line:
    """A csv.writer target that hands back what one writerow wrote."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text


def _rows(header: list[str], values: Iterator[list], counter: Counter | None) -> Iterator[bytes]:
    line = _Line()
    writer = csv.writer(line, lineterminator="\r\n")
    writer.writerow(header)
    yield line.text.encode()
    for row in values:
        line.text = ""
        writer.writerow([cell(v) for v in row])
        if counter is not None:
            counter.rows += 1
        yield line.text.encode()


_FORMATS = {
    DATE: "to_char({}, 'YYYY-MM-DD')",
    DATETIME: "to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')",
    NUMBER: "trim_scale({})",
    ARRAY: "to_json({})::text",
}


def copy_statement(selection: Selection, name: str) -> str:
    """COPY of the dataset's export query, each column formatted as the data package says."""
    dataset = DEFINITIONS[name]
    qs = selection.queryset(name)
    inner = qs.values(**{f"c{i}": F(source) for i, source in enumerate(dataset.sources)})
    sql, params = inner.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(
        _FORMATS.get(column.type, "{}").format(f"t.c{i}") + f" AS {quote(column.name)}"
        for i, column in enumerate(dataset.columns)
    )
    query = connection.ops.compose_sql(f"SELECT {columns} FROM ({sql}) t ORDER BY t.c0", params)
    return f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER)"


def render_dataset(selection: Selection, name: str, counter: Counter) -> Iterator[bytes]:
    return copy_out(copy_statement(selection, name), counter)


def render_tombstones(selection: Selection) -> Iterator[bytes]:
    values = (
        [t.dataset, t.id, t.reason]
        for name in selection.datasets
        for t in selection.tombstones(name)
    )
    return _rows(["dataset", "id", "reason"], values, None)


def render(selection: Selection, counter: Counter) -> Iterator[bytes]:
    """One dataset as one CSV file (HTTP ``/exports/<dataset>.csv``)."""
    (name,) = selection.datasets
    return render_dataset(selection, name, counter)


def descriptor(selection: Selection) -> dict:
    full = selection.since is None and not selection.filtered
    resources = []
    for name in selection.datasets:
        dataset = DEFINITIONS[name]
        schema: dict = {
            "fields": [c.descriptor() for c in dataset.columns],
            "missingValues": [""],
            "primaryKey": ["id"],
        }
        if full:
            keys = [
                {
                    "fields": c.name,
                    "reference": {
                        "resource": "" if c.references == name else c.references,
                        "fields": "id",
                    },
                }
                for c in dataset.columns
                if c.references and c.references in selection.datasets
            ]
            if keys:
                schema["foreignKeys"] = keys
        resources.append(_resource(name, dataset.description, schema))
    if selection.since is not None:
        schema = {
            "fields": [
                {
                    "name": "dataset",
                    "type": "string",
                    "constraints": {"required": True, "enum": list(ORDER)},
                },
                {"name": "id", "type": "integer", "constraints": {"required": True}},
                {
                    "name": "reason",
                    "type": "string",
                    "constraints": {
                        "required": True,
                        "enum": ["deleted", "retracted", "unpublished", "hidden"],
                    },
                },
            ],
            "primaryKey": ["dataset", "id"],
        }
        resources.append(
            _resource(
                TOMBSTONES, "Records to delete: removed from the export since 'since'.", schema
            )
        )
    return {
        "profile": "tabular-data-package",
        "name": "timeline",
        "title": "timeline: events, treaties, statements, actors and their sources",
        "description": (
            "Published records only."
            + (
                " Incremental: records changed since the 'since' time, and tombstones."
                if selection.since is not None
                else ""
            )
            + (" Filtered." if selection.filtered else "")
        ),
        "resources": resources,
    }


def _resource(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def package_files(selection: Selection, counter: Counter):
    """(file name, byte chunks) for every file of the package, descriptor first."""
    yield DESCRIPTOR, iter([orjson.dumps(descriptor(selection), option=orjson.OPT_INDENT_2)])
    for name in selection.datasets:
        yield f"{name}.csv", render_dataset(selection, name, counter)
    if selection.since is not None:
        yield f"{TOMBSTONES}.csv", render_tombstones(selection)


class _Sink(io.RawIOBase):
    """A write-only, non-seekable stream: zipfile then writes data descriptors."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def drain(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def render_zip(selection: Selection, counter: Counter) -> Iterator[bytes]:
    """The whole package as one streamed zip file (HTTP ``/exports/all.csv``)."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for filename, chunks in package_files(selection, counter):
            # A fixed date: the same data gives the same bytes.
            info = zipfile.ZipInfo(filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as member:
                for chunk in chunks:
                    member.write(chunk)
                    data = sink.drain()
                    if data:
                        yield data
            yield sink.drain()
    yield sink.drain()
