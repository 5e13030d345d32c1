from __future__ import annotations

from enum import Enum

import strawberry

from api.core.orders import deprecated, order_input


@strawberry.enum(name="TreatyOrderField", description="What to sort treaties by; ties by id.")
class TreatyOrderField(Enum):
    DATE = strawberry.enum_value("date", description="Signature date (no date last), then name.")
    NAME = "name"
    CREATED = "created"
    UPDATED = "updated"
    TITLE = deprecated("title", "NAME")


TreatyOrder = order_input("TreatyOrder", TreatyOrderField, TreatyOrderField.DATE, "Treaty order.")
