from __future__ import annotations

from enum import Enum

import strawberry
from strawberry import Info, relay

import sources.querysets  # noqa: F401  (registers the sources read rules)
from api.core.errors import bad_input
from api.core.pagination import page_arguments
from api.core.permissions import sees_unpublished
from api.core.unions import fetch_records
from api.search.types import SearchConnection, SearchEdge
from sources.models import Source
from timeline.models import Actor, Event, Statement, Treaty
from timeline.querysets import query_terms, search_count, search_page, visible

CURSOR_PREFIX = "search"


@strawberry.enum
class SearchKind(Enum):
    EVENT = "event"
    STATEMENT = "statement"
    TREATY = "treaty"
    ACTOR = "actor"
    SOURCE = "source"


MODELS = {
    SearchKind.EVENT: Event,
    SearchKind.STATEMENT: Statement,
    SearchKind.TREATY: Treaty,
    SearchKind.ACTOR: Actor,
    SearchKind.SOURCE: Source,
}


def _offset(after: str | None) -> int:
    if after is None:
        return 0
    try:
        prefix, raw = relay.from_base64(after)
        if prefix != CURSOR_PREFIX or int(raw) < 0:
            raise ValueError
        return int(raw) + 1
    except (ValueError, TypeError):
        raise bad_input("Argument 'after' is not a valid search cursor.") from None


@strawberry.type
class SearchQueries:
    @strawberry.field(
        description="Full-text search over events, statements, treaties, actors and sources, "
        "best first. Every word must match (as a word prefix); words are stemmed in the "
        "record's language."
    )
    def search(
        self,
        info: Info,
        query: str,
        first: int | None = None,
        after: str | None = None,
        kinds: list[SearchKind] | None = None,
    ) -> SearchConnection:
        try:
            first, _ = page_arguments(first, None)
        except ValueError as exc:
            raise bad_input(str(exc)) from None
        if not query_terms(query):
            raise bad_input("Argument 'query' needs at least one word.")
        offset = _offset(after)
        unpublished = sees_unpublished(info)
        chosen = [k for k in SearchKind if kinds is None or k in kinds]
        parts = [visible(MODELS[k].objects.all(), unpublished=unpublished) for k in chosen]
        hits = search_page(parts, query, offset=offset, limit=first + 1)
        has_next = len(hits) > first
        hits = hits[:first]
        keys = [(MODELS[chosen[hit.kind]], hit.pk) for hit in hits]
        records = fetch_records(keys, info, ("edges", "node"))
        edges = [
            SearchEdge(
                cursor=relay.to_base64(CURSOR_PREFIX, offset + index),
                node=records[key],
                rank=hit.rank,
                snippet=hit.snippet,
            )
            for index, (hit, key) in enumerate(zip(hits, keys, strict=True))
            if key in records
        ]
        return SearchConnection(
            edges=edges,
            page_info=relay.PageInfo(
                has_next_page=has_next,
                has_previous_page=offset > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            count=lambda: search_count(parts, query),
        )
