from __future__ import annotations

from enum import Enum

import strawberry

from api.core.orders import deprecated, order_input


@strawberry.enum(name="ActorOrderField", description="What to sort actors by; ties by id.")
class ActorOrderField(Enum):
    NAME = "name"
    CREATED = "created"
    UPDATED = "updated"
    DATE = deprecated("date", "CREATED (actors have no date; this sorted by creation time)")
    TITLE = deprecated("title", "NAME")


ActorOrder = order_input("ActorOrder", ActorOrderField, ActorOrderField.NAME, "Actor order.")
