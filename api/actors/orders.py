from __future__ import annotations

import strawberry

from api.core.orders import RecordOrderInput


@strawberry.input(description="Actor order: DATE (created), TITLE (name) or UPDATED.")
class ActorOrder(RecordOrderInput):
    pass
