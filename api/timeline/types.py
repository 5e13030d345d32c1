"""The timeline: one date-ordered stream of events, statements and treaty actions."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from api.events.types import EventType
from api.statements.types import StatementType
from api.treaties.types import TreatyActionType

TimelineItem = Annotated[
    EventType | StatementType | TreatyActionType,
    strawberry.union("TimelineItem", description="An event, a statement or a treaty action."),
]


@strawberry.type
class TimelineEdge:
    cursor: str
    node: TimelineItem


@strawberry.type(description="A page of the timeline.")
class TimelineConnection:
    edges: list[TimelineEdge]
    page_info: relay.PageInfo
    count: strawberry.Private[object]

    @strawberry.field(description="How many items the whole filtered timeline has.")
    def total_count(self) -> int:
        return self.count()
