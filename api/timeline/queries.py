from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry import Info, relay

from api.core.cursors import decode_cursor, encode_cursor
from api.core.filters import apply_filters
from api.core.pagination import page_arguments
from api.core.permissions import sees_unpublished
from api.core.unions import fetch_records
from api.timeline.filters import FILTERSETS, TimelineFilter
from api.timeline.types import TimelineConnection, TimelineEdge
from timeline.querysets import (
    KIND_RANK,
    TIMELINE_KINDS,
    TimelineKey,
    timeline_count,
    timeline_page,
    visible,
)

CURSOR_PREFIX = "timeline"
KIND_BY_RANK = {rank: kind for kind, rank in KIND_RANK.items()}


def timeline_cursor(key: TimelineKey) -> str:
    values = [key.date_start.isoformat(), key.date_end.isoformat(), KIND_BY_RANK[key.kind], key.pk]
    return encode_cursor(CURSOR_PREFIX, values)


def _key(values: list) -> TimelineKey:
    start, end, kind, pk = values
    if not isinstance(pk, int) or kind not in KIND_RANK:
        raise ValueError
    return TimelineKey(
        dt.date.fromisoformat(start), dt.date.fromisoformat(end), KIND_RANK[kind], pk
    )


def timeline_key(cursor: str | None, argument: str) -> TimelineKey | None:
    return decode_cursor(cursor, CURSOR_PREFIX, argument, size=4, convert=_key)


def timeline_parts(info: Info, filters: TimelineFilter | None) -> dict:
    unpublished = sees_unpublished(info)
    kinds = [k.value for k in filters.kinds] if filters and filters.kinds else list(TIMELINE_KINDS)
    parts = {}
    for kind in TIMELINE_KINDS:
        if kind not in kinds:
            continue
        model = TIMELINE_KINDS[kind]
        qs = visible(model.objects.all(), unpublished=unpublished)
        parts[kind] = apply_filters(FILTERSETS[kind], qs, filters, info)
    return parts


@strawberry.type
class TimelineQueries:
    @strawberry.field(
        description="Events, statements and treaty actions in one stream ordered by date "
        "(start, then end with open ends last, then kind, then id)."
    )
    def timeline(
        self,
        info: Info,
        filter_by: Annotated[TimelineFilter | None, strawberry.argument(name="filters")] = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> TimelineConnection:
        first, last = page_arguments(first, last)
        after_key = timeline_key(after, "after")
        before_key = timeline_key(before, "before")
        parts = timeline_parts(info, filter_by)

        if first is not None:
            keys = timeline_page(parts, after=after_key, before=before_key, limit=first + 1)
            has_next = len(keys) > first
            keys = keys[:first]
            has_previous = after_key is not None
            if last is not None and len(keys) > last:
                keys, has_previous = keys[-last:], True
        else:
            keys = timeline_page(
                parts, after=after_key, before=before_key, limit=last + 1, reverse=True
            )
            has_previous = len(keys) > last
            keys = keys[-last:] if last else []
            has_next = before_key is not None

        wanted = [(TIMELINE_KINDS[KIND_BY_RANK[k.kind]], k.pk) for k in keys]
        records = fetch_records(wanted, info, ("edges", "node"))
        edges = [
            TimelineEdge(cursor=timeline_cursor(key), node=records[record_key])
            for key, record_key in zip(keys, wanted, strict=True)
            if record_key in records
        ]
        return TimelineConnection(
            edges=edges,
            page_info=relay.PageInfo(
                has_next_page=has_next,
                has_previous_page=has_previous,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            count=lambda: timeline_count(parts),
        )
