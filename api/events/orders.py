from __future__ import annotations

import strawberry

from api.core.orders import RecordOrderInput


@strawberry.input(description="Event order: DATE (start, end), TITLE or UPDATED.")
class EventOrder(RecordOrderInput):
    pass
