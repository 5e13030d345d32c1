from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import QuerySet
from strawberry import Info

from api.core.limits.lists import bounded_list
from api.core.pagination import CountedConnection
from api.core.queries import list_queryset, one_record
from api.events.filters import EventFilter, EventFilterSet
from api.events.orders import EventOrder
from api.events.types import EventCategoryType, EventType, TagType
from timeline.models import Event


@strawberry.type
class EventQueries:
    @strawberry_django.connection(
        CountedConnection[EventType], description="Event records, filtered and ordered."
    )
    def events(
        self,
        info: Info,
        filter_by: Annotated[EventFilter | None, strawberry.argument(name="filters")] = None,
        order_by: Annotated[EventOrder | None, strawberry.argument(name="order")] = None,
    ) -> QuerySet[Event]:
        return list_queryset(Event, EventFilterSet, filter_by, order_by, info)

    @strawberry_django.field(
        description="One event, by its global id or its slug (null if it does not exist or "
        "is not visible)."
    )
    def event(self, id: strawberry.ID | None = None, slug: str | None = None) -> EventType | None:
        return one_record(Event, id=id, slug=slug)

    # Taxonomies are small, but a list nobody bounds is an amplification path like any
    # other: a page of them (api.core.limits.lists), costed by the page size, in the
    # models' (unique) name order.
    event_categories: list[EventCategoryType] = bounded_list(
        "The event categories (the event-type taxonomy), by name: what the `types` filters take."
    )
    tags: list[TagType] = bounded_list("The tags, by name: what the `tags` filters take.")
