"""Timeline filters: the same filters, applied to each kind through its FilterSet."""

from __future__ import annotations

from enum import Enum

import strawberry

from api.core.filters import RecordFilterInput
from api.events.filters import EventFilterSet
from api.statements.filters import StatementFilterSet
from api.treaties.filters import TreatyActionFilterSet

FILTERSETS = {
    "event": EventFilterSet,
    "statement": StatementFilterSet,
    "treaty_action": TreatyActionFilterSet,
}


@strawberry.enum
class TimelineKind(Enum):
    EVENT = "event"
    STATEMENT = "statement"
    TREATY_ACTION = "treaty_action"


@strawberry.input(
    description="Filters for the timeline, applied to each kind as in events, statements "
    "and (for treaty actions: actor, treaty, the recording event's type and tags, the "
    "treaty's text) the same way."
)
class TimelineFilter(RecordFilterInput):
    kinds: list[TimelineKind] | None = strawberry.field(
        default=None, description="Only these kinds of items (default: all)."
    )
