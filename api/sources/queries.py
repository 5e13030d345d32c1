from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import QuerySet
from strawberry import Info

from api.core.pagination import CountedConnection
from api.core.queries import list_queryset, one_record
from api.sources.filters import SourceFilter, SourceFilterSet
from api.sources.orders import SourceOrder
from api.sources.types import SourceType
from sources.models import Source


@strawberry.type
class SourceQueries:
    @strawberry_django.connection(
        CountedConnection[SourceType], description="Source records, filtered and ordered."
    )
    def sources(
        self,
        info: Info,
        filter_by: Annotated[SourceFilter | None, strawberry.argument(name="filters")] = None,
        order_by: Annotated[SourceOrder | None, strawberry.argument(name="order")] = None,
    ) -> QuerySet[Source]:
        return list_queryset(Source, SourceFilterSet, filter_by, order_by, info)

    @strawberry_django.field(
        description="One source, by its global id (null if it does not exist or is not visible)."
    )
    def source(self, id: strawberry.ID) -> SourceType | None:
        return one_record(Source, id=id)
