from __future__ import annotations

from enum import Enum

import strawberry
from strawberry import Info, relay

import sources.querysets  # noqa: F401  (registers the sources read rules)
from api.core.cursors import decode_cursor, encode_cursor
from api.core.errors import bad_input
from api.core.pagination import page_arguments
from api.core.permissions import sees_unpublished
from api.core.unions import fetch_records
from api.search.types import SearchConnection, SearchEdge
from sources.models import Source
from timeline.models import Actor, Event, Statement, Treaty
from timeline.querysets import (
    SearchKey,
    marked_snippet,
    query_terms,
    search_count,
    search_page,
    visible,
)

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


KIND_RANK = {kind: rank for rank, kind in enumerate(SearchKind)}
KIND_BY_RANK = dict(enumerate(SearchKind))


def _key(values: list) -> SearchKey:
    rank, kind, pk = values
    if not isinstance(rank, (int, float)) or isinstance(rank, bool) or not isinstance(pk, int):
        raise ValueError
    return SearchKey(float(rank), KIND_RANK[SearchKind(kind)], pk)


def search_cursor(hit) -> str:
    return encode_cursor(CURSOR_PREFIX, [hit.rank, KIND_BY_RANK[hit.kind].value, hit.pk])


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
        first, _ = page_arguments(first, None)
        if not query_terms(query):
            raise bad_input("Argument 'query' needs at least one word.")
        after_key = decode_cursor(after, CURSOR_PREFIX, "after", size=3, convert=_key)
        unpublished = sees_unpublished(info)
        chosen = [k for k in SearchKind if kinds is None or k in kinds]
        parts = [
            (KIND_RANK[k], visible(MODELS[k].objects.all(), unpublished=unpublished))
            for k in chosen
        ]
        hits = search_page(parts, query, after=after_key, limit=first + 1)
        has_next = len(hits) > first
        hits = hits[:first]
        keys = [(MODELS[KIND_BY_RANK[hit.kind]], hit.pk) for hit in hits]
        records = fetch_records(keys, info, ("edges", "node"))
        edges = [
            SearchEdge(
                cursor=search_cursor(hit),
                node=records[key],
                rank=hit.rank,
                snippet=marked_snippet(hit.snippet),
            )
            for hit, key in zip(hits, keys, strict=True)
            if key in records
        ]
        return SearchConnection(
            edges=edges,
            page_info=relay.PageInfo(
                has_next_page=has_next,
                has_previous_page=after_key is not None,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            count=lambda: search_count([qs for _, qs in parts], query),
        )
