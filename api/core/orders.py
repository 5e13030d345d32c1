"""Ordering inputs (no `from __future__ import annotations`: order_input annotates with a
variable); the orderings themselves are declared in timeline.querysets.ORDERINGS.

Each type has its own field enum, whose values name what it sorts by for that
type (a statement has text, not a title; an actor has a creation time, not a
date). The old shared names are kept on each enum as deprecated aliases.
"""

from enum import Enum

import strawberry

from timeline.querysets import ordered


@strawberry.enum
class OrderDirection(Enum):
    ASC = "asc"
    DESC = "desc"


def deprecated(value: str, instead: str):
    return strawberry.enum_value(value, deprecation_reason=f"Use {instead}.")


def order_input(name: str, field_enum, default, description: str):
    """An ``<Type>Order`` input: ``field`` of the type's own enum, and a direction."""

    @strawberry.input(name=name, description=description)
    class Order:
        field: field_enum = default  # type: ignore[valid-type]
        direction: OrderDirection = OrderDirection.ASC

    return Order


def apply_order(qs, order, default: str = "date"):
    if order is None:
        return ordered(qs, default)
    return ordered(qs, order.field.value, descending=order.direction is OrderDirection.DESC)
