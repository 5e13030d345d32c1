from __future__ import annotations

from enum import Enum

import strawberry

from api.core.orders import order_input


@strawberry.enum(name="SourceOrderField", description="What to sort sources by; ties by id.")
class SourceOrderField(Enum):
    DATE = strawberry.enum_value("date", description="Publication date (none last), then title.")
    TITLE = "title"
    CREATED = "created"
    UPDATED = "updated"


SourceOrder = order_input("SourceOrder", SourceOrderField, SourceOrderField.DATE, "Source order.")
