from __future__ import annotations

import strawberry

from api.core.orders import RecordOrderInput


@strawberry.input(description="Source order: DATE (publication), TITLE or UPDATED.")
class SourceOrder(RecordOrderInput):
    pass
