from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import QuerySet
from strawberry import Info

from api.actors.filters import ActorFilter, ActorFilterSet
from api.actors.orders import ActorOrder
from api.actors.types import ActorType
from api.core.pagination import CountedConnection
from api.core.queries import list_queryset, one_record
from timeline.models import Actor


@strawberry.type
class ActorQueries:
    @strawberry_django.connection(
        CountedConnection[ActorType], description="Actor records, filtered and ordered."
    )
    def actors(
        self,
        info: Info,
        filter_by: Annotated[ActorFilter | None, strawberry.argument(name="filters")] = None,
        order_by: Annotated[ActorOrder | None, strawberry.argument(name="order")] = None,
    ) -> QuerySet[Actor]:
        return list_queryset(Actor, ActorFilterSet, filter_by, order_by, info, default_order="name")

    @strawberry_django.field(
        description="One actor, by its global id or its slug (null if it does not exist or "
        "is not visible)."
    )
    def actor(self, id: strawberry.ID | None = None, slug: str | None = None) -> ActorType | None:
        return one_record(Actor, id=id, slug=slug)
