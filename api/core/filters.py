"""The GraphQL side of filtering: inputs that hand their values to a FilterSet."""

from __future__ import annotations

from typing import NewType

import strawberry
from strawberry import Info

from api.core.errors import bad_input
from api.core.permissions import sees_unpublished
from api.core.types import Status

EDTFDate = NewType("EDTFDate", str)
EDTF_DATE_SCALAR = strawberry.scalar(
    name="EDTFDate",
    description="A date as EDTF (ISO 8601-2): 2019, 2019-03, 2019-03-19, 2019-21 (spring), "
    "2019-03-20/2019-03-21, 2019-03-19? (uncertain), 2019-03-19~ (approximate).",
    serialize=str,
    parse_value=str,
)


@strawberry.input(name="RecordFilter")
class RecordFilterInput:
    """Fields every list filter has; decorated per domain (EventFilter, …)."""

    from_: EDTFDate | None = strawberry.field(
        name="from",
        default=None,
        description="Records whose dates overlap [from, to]; from the earliest day this EDTF "
        "date can mean (2019, 2019-03, 2019-03-19, 2019-03/2019-05).",
    )
    to: EDTFDate | None = strawberry.field(
        default=None, description="To the latest day this EDTF date can mean."
    )
    actors: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Actor ids or slugs: records involving any of them. An unknown one "
        "is an error.",
    )
    treaties: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Treaty ids or slugs: records concerning any of them. An unknown one "
        "is an error.",
    )
    types: list[str] | None = strawberry.field(
        default=None,
        description="Event type slugs (subtypes included); an unknown one is an error.",
    )
    tags: list[str] | None = strawberry.field(
        default=None, description="Tag slugs; an unknown one is an error."
    )
    search: str | None = strawberry.field(default=None, description="Full-text query.")
    status: list[Status] | None = strawberry.field(
        default=None, description="Workflow statuses (curators only; others: PUBLISHED)."
    )

    def to_data(self) -> dict:
        """FilterSet data, the same shape a query string gives an export."""
        data: dict = {}
        for name, value in (("from", self.from_), ("to", self.to)):
            if value is not None and not value.strip():
                raise bad_input(
                    f"Argument 'filters.{name}': an empty string is not a date; leave it "
                    "out (null) for no bound."
                )
        if self.from_ is not None:
            data["from"] = self.from_
        if self.to is not None:
            data["to"] = self.to
        if self.actors is not None:
            data["actors"] = ",".join(self.actors)
        if self.treaties is not None:
            data["treaties"] = ",".join(self.treaties)
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
