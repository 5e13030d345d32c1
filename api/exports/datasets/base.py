"""What a dataset declares: columns (typed, for CSV, the data package and import),
its visible queryset, and the history tables whose rows mark its records changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet

from timeline.querysets import visible

# Frictionless Table Schema types.
INTEGER, STRING, NUMBER, DATE, DATETIME, ARRAY, BOOLEAN = (
    "integer",
    "string",
    "number",
    "date",
    "datetime",
    "array",
    "boolean",
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str = STRING
    description: str = ""
    required: bool = False
    enum: tuple[str, ...] | None = None
    references: str | None = None  # dataset name whose ``id`` this column holds
    unique: bool = False
    # Where the value comes from on the row (a model attribute or annotation); default: name.
    source: str | None = None

    def value(self, obj) -> Any:
        return getattr(obj, self.source or self.name)

    def descriptor(self) -> dict:
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.description:
            out["description"] = self.description
        if self.type == ARRAY:
            out["description"] = (self.description + " " if self.description else "") + (
                "A JSON array."
            )
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Dependency:
    """Rows of ``history`` newer than ``since`` mark records changed: those whose
    ``lookup`` (a path from the dataset's model) is in the rows' ``field``.

    A link that is gone (its row deleted, or set to NULL by a deletion, which
    leaves no history) is found in the past instead: ``past`` names the column
    of the dataset's own history table that held it, ``m2m`` the many-to-many
    history table (app_label.Model, its column for the changed record, its
    column for ours) that django-simple-history keeps for ``m2m_fields``.
    """

    history: Callable[[], type[models.Model]]
    field: str = "id"
    lookup: str = "pk"
    past: str | None = None
    m2m: tuple[str, str, str] | None = None

    def changed_ids(self, model: type[models.Model], since) -> QuerySet:
        """The pks of ``model`` rows this dependency marks changed since ``since``."""
        rows = self.history().objects.filter(history_date__gt=since).values(self.field)
        if self.m2m is not None:
            through, theirs, ours = self.m2m
            return apps.get_model(through).objects.filter(**{f"{theirs}__in": rows}).values(ours)
        if self.past is not None:
            return model.history.model.objects.filter(**{f"{self.past}__in": rows}).values("id")
        if self.lookup == "pk":
            return rows
        return model._base_manager.filter(**{f"{self.lookup}__in": rows}).values("pk")


@dataclass
class Dataset:
    name: str
    model: type[models.Model]
    columns: list[Column]
    description: str
    # FilterSet class for the API filters; None for datasets selected through another.
    filterset: type | None = None
    # Adds annotations / select_related for the columns; default: none.
    prepare: Callable[[QuerySet], QuerySet] = lambda qs: qs
    dependencies: list[Dependency] = field(default_factory=list)
    # A dataset whose rows exist only with a parent (participants: an event) is
    # selected through that parent: {parent dataset: lookup of the parent's pk}.
    parents: dict[str, str] = field(default_factory=dict)
    has_status: bool = True

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def visible(self) -> QuerySet:
        return visible(self.model._default_manager.all(), unpublished=False)

    def row(self, obj) -> dict[str, Any]:
        return {column.name: column.value(obj) for column in self.columns}

    @property
    def sources(self) -> list[str]:
        """What to select for the columns: ``values_list(*sources)`` gives rows in order,
        without building a model instance per row (the streaming formats use it)."""
        return [column.source or column.name for column in self.columns]

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


def shown_fk(model: type[models.Model], fk: str) -> Exists:
    """True when the row that ``fk`` points to is visible to the public.

    A link to a hidden record is exported as empty, as the API shows it.
    """
    return Exists(visible(model._default_manager.filter(pk=OuterRef(fk)), unpublished=False))


def json_value(value: Any) -> Any:
    """Python value → JSON value, the same way in every format."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value
