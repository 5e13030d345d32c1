"""The GraphQL side of filtering: inputs that hand their values to a FilterSet."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import Info, relay

from api.core.ids import decode_ids
from api.core.permissions import sees_unpublished
from api.core.types import Status


@strawberry.input(name="RecordFilter")
class RecordFilterInput:
    """Fields every list filter has; decorated per domain (EventFilter, …)."""

    from_: dt.date | None = strawberry.field(
        name="from", default=None, description="Records whose dates overlap [from, to]."
    )
    to: dt.date | None = None
    actors: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Actor ids: records involving any of them."
    )
    treaties: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Treaty ids: records concerning any of them."
    )
    types: list[str] | None = strawberry.field(
        default=None, description="Event type slugs (subtypes included)."
    )
    tags: list[str] | None = strawberry.field(default=None, description="Tag slugs.")
    search: str | None = strawberry.field(default=None, description="Full-text query.")
    status: list[Status] | None = strawberry.field(
        default=None, description="Workflow statuses (curators only; others: PUBLISHED)."
    )

    def to_data(self) -> dict:
        """FilterSet data, the same shape a query string gives an export."""
        data: dict = {}
        if self.from_ is not None:
            data["from"] = self.from_.isoformat()
        if self.to is not None:
            data["to"] = self.to.isoformat()
        if self.actors is not None:
            data["actors"] = ",".join(map(str, decode_ids(self.actors, "Actor", "actors")))
        if self.treaties is not None:
            data["treaties"] = ",".join(map(str, decode_ids(self.treaties, "Treaty", "treaties")))
        if self.types is not None:
            data["types"] = ",".join(self.types)
        if self.tags is not None:
            data["tags"] = ",".join(self.tags)
        if self.search is not None:
            data["search"] = self.search
        return data

    def statuses(self) -> list[str]:
        return [s.value for s in self.status or ()]


def apply_filters(filterset_class, queryset, filters: RecordFilterInput | None, info: Info):
    """Run ``filters`` through the FilterSet on an already visible queryset."""
    unpublished = sees_unpublished(info)
    if filters is None:
        return queryset
    data = filters.to_data()
    if filters.status is not None:
        data["status"] = filters.statuses()  # a list: SelectMultiple reads it as is
    return filterset_class(data, queryset, unpublished=unpublished).qs
