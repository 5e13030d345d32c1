from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import QuerySet
from strawberry import Info

from api.core.pagination import CountedConnection
from api.core.queries import list_queryset, one_record
from api.statements.filters import StatementFilter, StatementFilterSet
from api.statements.orders import StatementOrder
from api.statements.types import StatementType
from timeline.models import Statement


@strawberry.type
class StatementQueries:
    @strawberry_django.connection(
        CountedConnection[StatementType], description="Statement records, filtered and ordered."
    )
    def statements(
        self,
        info: Info,
        filter_by: Annotated[StatementFilter | None, strawberry.argument(name="filters")] = None,
        order_by: Annotated[StatementOrder | None, strawberry.argument(name="order")] = None,
    ) -> QuerySet[Statement]:
        return list_queryset(Statement, StatementFilterSet, filter_by, order_by, info)

    @strawberry_django.field(
        description="One statement, by its global id (null if it does not exist or is not visible)."
    )
    def statement(self, id: strawberry.ID) -> StatementType | None:
        return one_record(Statement, id=id)
