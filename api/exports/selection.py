"""Which rows an export contains: visible, filtered by the API's filter sets, changed since.

Visibility comes from ``timeline.querysets.visible`` and filtering from each
dataset's FilterSet (the same classes the GraphQL lists use, fed the same
string data a query string gives), so an export never shows what the API
hides. Published records only, whoever asks.

Incremental exports (``since``) are derived from the edit history that
django-simple-history keeps for every exported model: a record is *changed*
when it, or a record its export depends on (a participant, a citation, the
speaker whose visibility it needs…), has a history row after ``since``; a
*tombstone* is an id that was changed (or deleted: history type ``-``) after
``since``, was published at some time, and is not in the selection now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from django.db import models
from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery
from graphql import GraphQLError

from api.exports.datasets import DATASETS, Dataset
from api.exports.names import ALL
from timeline.models import Status

# The filters an export takes: the API's list filters (not status: exports are published only).
FILTER_KEYS = ("from", "to", "actors", "treaties", "types", "tags", "search")
CHUNK_SIZE = 2000


class ExportError(Exception):
    """A bad export request: a clear message, and nothing is written."""


@dataclass(frozen=True)
class Tombstone:
    dataset: str
    id: int
    reason: str  # deleted | retracted | unpublished | hidden

    def as_dict(self) -> dict:
        return {"dataset": self.dataset, "id": self.id, "reason": self.reason}


@dataclass
class Selection:
    datasets: tuple[str, ...]
    filters: dict[str, str] = field(default_factory=dict)
    since: dt.datetime | None = None

    def __post_init__(self) -> None:
        unknown = sorted(set(self.filters) - set(FILTER_KEYS))
        if unknown:
            raise ExportError(
                f"Unknown filter(s): {', '.join(unknown)}. Filters are: {', '.join(FILTER_KEYS)}."
            )
        self._bases: dict[str, QuerySet] = {}
        # Build every queryset now, so a bad filter fails before anything is written.
        for name in self.datasets:
            self.base(name)

    @property
    def filtered(self) -> bool:
        return any(v not in (None, "") for v in self.filters.values())

    # -- rows ------------------------------------------------------------------
    def base(self, name: str) -> QuerySet:
        """The visible rows of ``name`` matching the filters (ignoring ``since``)."""
        if name in self._bases:
            return self._bases[name]
        dataset = DATASETS[name]
        qs = dataset.visible()
        if dataset.filterset is not None:
            data = {k: v for k, v in self.filters.items() if v not in (None, "")}
            try:
                qs = dataset.filterset(data, qs, unpublished=False).qs
            except GraphQLError as exc:
                raise ExportError(exc.message) from exc
        elif dataset.parents:
            # EXISTS, not IN: an OR of IN (subquery) is no semi-join, and with more parent
            # ids than work_mem hashes PostgreSQL scans the whole subquery for every row
            # (hours at 1M events); EXISTS probes the parent's primary key once per row.
            q = Q()
            for parent, lookup in dataset.parents.items():
                field = dataset.model._meta.get_field(lookup).attname
                q |= Q(Exists(self.base(parent).filter(pk=OuterRef(field))))
            qs = qs.filter(q)
        self._bases[name] = qs
        return qs

    def changed_q(self, dataset: Dataset) -> Q:
        since = self.since
        q = Q()
        if any(f.name == "updated_at" for f in dataset.model._meta.get_fields()):
            q |= Q(updated_at__gt=since)
        for dep in dataset.dependencies:
            q |= Q(pk__in=dep.changed_ids(dataset.model, since))
        return q

    def queryset(self, name: str) -> QuerySet:
        """The rows to export for ``name``: changed since ``since`` if given, by id."""
        dataset = DATASETS[name]
        qs = self.base(name)
        if self.since is not None:
            qs = qs.filter(self.changed_q(dataset))
        return dataset.prepare(qs).order_by("pk")

    def iterate(self, name: str, qs: QuerySet | None = None) -> Iterator[models.Model]:
        """Stream rows through a server-side cursor, CHUNK_SIZE at a time."""
        qs = self.queryset(name) if qs is None else qs
        return qs.iterator(chunk_size=CHUNK_SIZE)

    def count(self, name: str) -> int:
        return (
            self.base(name).filter(self.changed_q(DATASETS[name])).count()
            if self.since
            else (self.base(name).count())
        )

    # -- tombstones --------------------------------------------------------------
    def tombstones(self, name: str) -> Iterator[Tombstone]:
        if self.since is None:
            return iter(())
        dataset = DATASETS[name]
        model = dataset.model
        history = model.history.model
        since = self.since
        candidates = Q()
        for dep in dataset.dependencies:
            candidates |= Q(id__in=dep.changed_ids(model, since))
        gone = history.objects.filter(candidates).exclude(id__in=self.base(name).values("pk"))
        if dataset.has_status:
            # Never published: the public never saw it, so it is not listed (hidden = nonexistent).
            gone = gone.filter(status=Status.PUBLISHED)
        current = model._base_manager.filter(pk=OuterRef("id"))
        if dataset.has_status:
            gone = gone.annotate(current=Subquery(current.values("status")[:1]))
        else:
            gone = gone.annotate(current=Subquery(current.values("pk")[:1]))
        rows = gone.order_by("id").distinct("id").values_list("id", "current")
        return (self._tombstone(name, dataset, pk, current) for pk, current in rows.iterator())

    @staticmethod
    def _tombstone(name, dataset, pk, current) -> Tombstone:
        if current is None:
            reason = "deleted"
        elif not dataset.has_status or current == Status.PUBLISHED:
            reason = "hidden"
        elif current == Status.RETRACTED:
            reason = "retracted"
        else:
            reason = "unpublished"
        return Tombstone(name, pk, reason)

    # -- caching validators ----------------------------------------------------
    @cached_property
    def last_modified(self) -> dt.datetime | None:
        """The latest change (edit, deletion, publication) that can affect these datasets."""
        histories = {dep.history() for name in self.datasets for dep in DATASETS[name].dependencies}
        stamps = [h.objects.aggregate(m=Max("history_date"))["m"] for h in histories]
        for name in self.datasets:
            model = DATASETS[name].model
            if any(f.name == "updated_at" for f in model._meta.get_fields()):
                stamps.append(model._base_manager.aggregate(m=Max("updated_at"))["m"])
        stamps = [s for s in stamps if s is not None]
        return max(stamps) if stamps else None


def resolve_datasets(format_module, dataset: str) -> tuple[str, ...]:
    """The datasets ``dataset`` means for this format, or a clear error."""
    supported = format_module.SUPPORTED
    if dataset == ALL:
        return format_module.ALL_DATASETS
    if dataset not in DATASETS:
        raise ExportError(f"Unknown dataset '{dataset}'. Datasets: {', '.join([ALL, *DATASETS])}.")
    if dataset not in supported:
        raise ExportError(
            f"The {format_module.NAME} format does not export '{dataset}'. "
            f"It exports: {', '.join([ALL, *supported])}."
        )
    return (dataset,)


def parse_since(value: str | None) -> dt.datetime | None:
    """An ISO 8601 timestamp (a date means its midnight UTC); naive means UTC."""
    if value in (None, ""):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace(" ", "T"))
    except ValueError:
        raise ExportError(
            f"since: '{value}' is not an ISO 8601 timestamp, e.g. 2026-11-30T04:00:00Z "
            "(the as-of time a previous export reported)."
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed
