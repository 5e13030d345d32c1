from __future__ import annotations

import strawberry

from api.core.orders import RecordOrderInput


@strawberry.input(description="Statement order: DATE, TITLE (the text) or UPDATED.")
class StatementOrder(RecordOrderInput):
    pass
