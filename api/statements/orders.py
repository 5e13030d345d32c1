from __future__ import annotations

from enum import Enum

import strawberry

from api.core.orders import deprecated, order_input


@strawberry.enum(name="StatementOrderField", description="What to sort statements by; ties by id.")
class StatementOrderField(Enum):
    DATE = strawberry.enum_value("date", description="Start, then end (open ends last).")
    TEXT = "text"
    SPEAKER = strawberry.enum_value("speaker", description="The speaker's name, then date.")
    CREATED = "created"
    UPDATED = "updated"
    TITLE = deprecated("title", "TEXT (a statement has no title; this sorted by its text)")


StatementOrder = order_input(
    "StatementOrder", StatementOrderField, StatementOrderField.DATE, "Statement order."
)
