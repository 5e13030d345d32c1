from __future__ import annotations

from enum import Enum

import strawberry

from api.core.orders import order_input


@strawberry.enum(name="EventOrderField", description="What to sort events by; ties by id.")
class EventOrderField(Enum):
    DATE = strawberry.enum_value("date", description="Start, then end (open ends last).")
    TITLE = "title"
    CREATED = "created"
    UPDATED = "updated"


EventOrder = order_input("EventOrder", EventOrderField, EventOrderField.DATE, "Event order.")
