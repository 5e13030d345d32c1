from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import QuerySet
from strawberry import Info

from api.core.pagination import CountedConnection
from api.core.queries import list_queryset, one_record
from api.treaties.filters import TreatyFilter, TreatyFilterSet
from api.treaties.orders import TreatyOrder
from api.treaties.types import TreatyType
from timeline.models import Treaty


@strawberry.type
class TreatyQueries:
    @strawberry_django.connection(
        CountedConnection[TreatyType], description="Treaty records, filtered and ordered."
    )
    def treaties(
        self,
        info: Info,
        filter_by: Annotated[TreatyFilter | None, strawberry.argument(name="filters")] = None,
        order_by: Annotated[TreatyOrder | None, strawberry.argument(name="order")] = None,
    ) -> QuerySet[Treaty]:
        return list_queryset(Treaty, TreatyFilterSet, filter_by, order_by, info)

    @strawberry_django.field(
        description="One treaty, by its global id or its slug (null if it does not exist or "
        "is not visible)."
    )
    def treaty(self, id: strawberry.ID | None = None, slug: str | None = None) -> TreatyType | None:
        return one_record(Treaty, id=id, slug=slug)
