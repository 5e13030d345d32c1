"""Full-text search results: a ranked stream over five kinds of records."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from api.actors.types import ActorType
from api.events.types import EventType
from api.sources.types import SourceType
from api.statements.types import StatementType
from api.treaties.types import TreatyType

SearchResult = Annotated[
    EventType | StatementType | TreatyType | ActorType | SourceType,
    strawberry.union("SearchResult"),
]


@strawberry.type
class SearchEdge:
    cursor: str
    node: SearchResult
    rank: float = strawberry.field(description="Relevance (higher is better).")
    snippet: str = strawberry.field(
        description="The matching passage, matched words wrapped in <mark>…</mark>."
    )


@strawberry.type(description="A page of search results, best first.")
class SearchConnection:
    edges: list[SearchEdge]
    page_info: relay.PageInfo
    count: strawberry.Private[object]

    @strawberry.field(description="How many records match.")
    def total_count(self) -> int:
        return self.count()
