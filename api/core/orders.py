"""Ordering inputs; the orderings themselves are declared in timeline.querysets.ORDERINGS."""

from __future__ import annotations

from enum import Enum

import strawberry

from timeline.querysets import ordered


@strawberry.enum(description="What to sort a list by; ties are broken by a unique key.")
class OrderField(Enum):
    DATE = "date"
    TITLE = "title"
    UPDATED = "updated"


@strawberry.enum
class OrderDirection(Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.input(name="RecordOrder")
class RecordOrderInput:
    """Decorated per domain (EventOrder, …)."""

    field: OrderField = OrderField.DATE
    direction: OrderDirection = OrderDirection.ASC


def apply_order(qs, order: RecordOrderInput | None):
    if order is None:
        return ordered(qs, "date")
    return ordered(qs, order.field.value, descending=order.direction is OrderDirection.DESC)
