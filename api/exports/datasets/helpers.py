"""Building blocks of the dataset declarations: dependencies, visible links, column sets,
and the annotations each dataset adds to its queryset (``prepare``)."""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import Case, F, OuterRef, Value, When
from django.db.models.functions import JSONObject

from api.exports.datasets.base import DATE, DATETIME, INTEGER, Column, Dependency, shown_fk
from sources.models import Source
from timeline.dates import Precision
from timeline.models import Actor, Event, EventRelation, Position, Treaty
from timeline.querysets import visible


def _history(model):
    return lambda: model.history.model


def own(model) -> Dependency:
    return Dependency(_history(model))


def via(model, lookup: str) -> Dependency:
    return Dependency(_history(model), "id", lookup)


def child(model, field: str) -> Dependency:
    return Dependency(_history(model), field, "pk")


def past(model, column: str) -> Dependency:
    """A link set to NULL when its target was deleted (no history row of our own)."""
    return Dependency(_history(model), past=column)


def m2m(model, through: str, theirs: str, ours: str) -> Dependency:
    """A many-to-many link removed by deleting its target (no m2m_changed signal)."""
    return Dependency(_history(model), m2m=(through, theirs, ours))


def shown_id(model, fk: str):
    """The id in ``fk`` when that record is visible, else NULL."""
    return Case(
        When(shown_fk(model, fk), then=F(fk)),
        default=Value(None),
        output_field=models.BigIntegerField(),
    )


def visible_ids(model, **filters):
    """A sorted array of the visible ``model`` ids matching ``filters`` (OuterRef allowed)."""
    qs = visible(model._default_manager.filter(**filters), unpublished=False)
    return ArraySubquery(qs.order_by("pk").values("pk"))


def choices(enum) -> tuple[str, ...]:
    return tuple(enum.values)


ID = Column("id", INTEGER, required=True, unique=True)
CREATED = Column("created_at", DATETIME, required=True)
UPDATED = Column("updated_at", DATETIME, required=True)
PRECISIONS = choices(Precision)


def edtf_columns(name: str, *, required: bool, precision: str | None = None) -> list[Column]:
    cols = [
        Column(name, description="EDTF (ISO 8601-2) date as recorded.", required=required),
        Column(f"{name}_start", DATE, "Earliest day the date can mean."),
        Column(f"{name}_end", DATE, "Latest day the date can mean; empty: open-ended."),
    ]
    if precision:
        cols.append(Column(precision, enum=PRECISIONS if required else ("", *PRECISIONS)))
    return cols


def prepare_actors(qs):
    return qs.annotate(x_parent_id=shown_id(Actor, "parent_id"))


def prepare_positions(qs):
    return qs


def prepare_event_types(qs):
    return qs


def prepare_outlets(qs):
    return qs.annotate(x_country_id=shown_id(Actor, "country_id"))


def related_events():
    """An event's relations to visible events, as [{kind, event_id}]."""
    qs = EventRelation.objects.filter(
        from_event=OuterRef("pk"), to_event__in=visible(Event.objects.all(), unpublished=False)
    )
    return ArraySubquery(
        qs.order_by("to_event_id", "kind").values(
            json=JSONObject(kind="kind", event_id="to_event_id")
        )
    )


def prepare_events(qs):
    through_tags = Event.tags.through.objects.filter(event=OuterRef("pk"))
    return qs.annotate(
        x_place_country_id=shown_id(Actor, "place_country_id"),
        x_treaties=visible_ids(Treaty, events=OuterRef("pk")),
        x_tags=ArraySubquery(through_tags.order_by("tag_id").values("tag_id")),
        x_related=related_events(),
    )


def prepare_treaty_actions(qs):
    return qs.annotate(
        x_actor_id=shown_id(Actor, "actor_id"), x_event_id=shown_id(Event, "event_id")
    )


def prepare_statements(qs):
    return qs.annotate(
        x_on_behalf_of_id=shown_id(Actor, "on_behalf_of_id"),
        x_speaker_position_id=shown_id(Position, "speaker_position_id"),
        x_treaties=visible_ids(Treaty, statements=OuterRef("pk")),
        x_events=visible_ids(Event, statements=OuterRef("pk")),
    )


def prepare_sources(qs):
    return qs.select_related("outlet").annotate(
        x_duplicate_of_id=shown_id(Source, "duplicate_of_id")
    )


def prepare_participants(qs):
    return qs


def prepare_citations(qs):
    return qs
