"""One export request, validated up front, then streamed inside one read-only snapshot.

The CLI (``manage.py export``) and the HTTP view both go through ``plan_export``:
bad arguments raise ExportError before a byte is produced.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from api.exports.formats import FORMATS, csv_package
from api.exports.names import ALL
from api.exports.selection import ExportError, Selection, parse_since, resolve_datasets
from api.exports.stream import Counter, chunked

# Bumped when an export's bytes change for the same data (part of the ETag).
EXPORT_VERSION = "1"


@dataclass
class ExportPlan:
    format: str
    dataset: str
    filters: dict[str, str]
    since: dt.datetime | None
    selection: Selection
    as_of: dt.datetime = field(default_factory=timezone.now)

    @property
    def module(self):
        return FORMATS[self.format]

    @property
    def is_package(self) -> bool:
        """A CSV export of several datasets: a directory (CLI) or a zip (HTTP)."""
        return self.format == "csv" and len(self.selection.datasets) > 1

    @property
    def media_type(self) -> str:
        return "application/zip" if self.is_package else self.module.MEDIA_TYPE

    @property
    def filename(self) -> str:
        extension = "zip" if self.is_package else self.module.EXTENSION
        return f"timeline-{self.dataset}.{extension}"

    def render(self, counter: Counter) -> Iterator[bytes]:
        """The export's bytes in chunks (call inside ``snapshot()``)."""
        if self.is_package:
            return csv_package.render_zip(self.selection, counter)
        return chunked(self.module.render(self.selection, counter), counter)

    def etag(self, last_modified: dt.datetime | None) -> str:
        parts = [
            EXPORT_VERSION,
            self.format,
            self.dataset,
            repr(sorted(self.filters.items())),
            self.since.isoformat() if self.since else "",
            last_modified.isoformat() if last_modified else "",
        ]
        return '"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32] + '"'

    def parameters(self) -> dict:
        out = dict(self.filters)
        if self.since:
            out["since"] = self.since.isoformat()
        return out


def plan_export(
    format: str, dataset: str = ALL, filters: dict | None = None, since: str | None = None
) -> ExportPlan:
    if format not in FORMATS:
        raise ExportError(f"Unknown format '{format}'. Formats: {', '.join(FORMATS)}.")
    module = FORMATS[format]
    datasets = resolve_datasets(module, dataset)
    since_at = parse_since(since)
    if since_at is not None and not module.INCREMENTAL:
        incremental = ", ".join(name for name, m in FORMATS.items() if m.INCREMENTAL)
        raise ExportError(
            f"The {module.NAME} format is always a full export; 'since' works with: {incremental}."
        )
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    selection = Selection(datasets, filters, since_at)
    return ExportPlan(format, dataset, filters, since_at, selection)


@contextlib.contextmanager
def snapshot():
    """One consistent, read-only view of the database for the whole export.

    Inside an outer transaction (tests, a caller's atomic block) it joins it.
    Just-in-time compilation is off for it: the export statements format every column
    in wide expressions that take PostgreSQL longer to compile than to interpret
    (tests/bench/bench_exports.py).
    """
    outer = connection.in_atomic_block
    with transaction.atomic():
        with connection.cursor() as cursor:
            if not outer:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SET LOCAL jit = off")
        yield
