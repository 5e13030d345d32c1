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
from api.core.queries import list_queryset
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
        return list_queryset(Actor, ActorFilterSet, filter_by, order_by, info)

    @strawberry_django.field(description="One actor, by its slug (null if not visible).")
    def actor(self, slug: str) -> ActorType | None:
        return Actor.objects.filter(slug=slug)
