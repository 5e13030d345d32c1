from __future__ import annotations

import strawberry

from api.core.orders import RecordOrderInput


@strawberry.input(description="Treaty order: DATE (signature), TITLE (name) or UPDATED.")
class TreatyOrder(RecordOrderInput):
    pass
