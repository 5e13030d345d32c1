"""GraphQL types of outlets, sources and citations."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry import Info, relay

import sources.querysets  # noqa: F401  (registers the sources read rules)
from api.core.limits.lists import bounded_list
from api.core.permissions import sees_unpublished
from api.core.types import (
    PkNode,
    Precision,
    Status,
    Visible,
    approximate_field,
    compiled_leaf,
    uncertain_field,
)
from sources import models as s

if TYPE_CHECKING:
    from api.actors.types import ActorType
    from api.events.types import EventType
    from api.statements.types import StatementType
    from api.treaties.types import TreatyActionType

Actor = Annotated["ActorType", strawberry.lazy("api.actors.types")]
Event = Annotated["EventType", strawberry.lazy("api.events.types")]
Statement = Annotated["StatementType", strawberry.lazy("api.statements.types")]
TreatyAction = Annotated["TreatyActionType", strawberry.lazy("api.treaties.types")]

OutletKind = strawberry.enum(s.OutletKind, name="OutletKind")


@strawberry_django.type(s.Outlet, name="Outlet", description="A publisher.")
class OutletType(PkNode, relay.Node):
    name: str
    slug: str
    aliases: list[str]
    kind: OutletKind
    country: Actor | None
    url: str


@strawberry_django.type(s.Source, name="Source", description="One document.")
class SourceType(Visible, PkNode, relay.Node):
    version: int = strawberry_django.field(
        description="Edit counter: send it back with an update; a stale one is a CONFLICT."
    )
    title: str
    url: str | None
    outlet: OutletType | None
    date: str = strawberry_django.field(
        field_name="published", description="Publication date as EDTF (may be empty)."
    )
    date_start: dt.date | None = strawberry_django.field(field_name="published_start")
    date_end: dt.date | None = strawberry_django.field(field_name="published_end")
    date_uncertain: bool = uncertain_field("published")
    date_approximate: bool = approximate_field("published")

    @strawberry_django.field(only=["published_precision"])
    def precision(self) -> Precision | None:
        return self.published_precision or None

    compiled_leaf(precision, "published_precision", lambda sql, _: sql)  # '' -> null (enum)

    dateline_place: str
    language: str
    body: str
    status: Status
    retrieved_at: dt.datetime | None
    duplicate_of: SourceType | None
    citations: list[CitationType] = bounded_list("The excerpts of this source that back records.")
    created_at: dt.datetime
    updated_at: dt.datetime


@strawberry_django.type(
    s.Citation, name="Citation", description="A source excerpt backing a record."
)
class CitationType(Visible, PkNode, relay.Node):
    version: int = strawberry_django.field(
        description="Edit counter: send it back with an update; a stale one is a CONFLICT."
    )
    excerpt: str
    start: int = strawberry_django.field(description="Offset of the excerpt in the source body.")
    end: int
    source: SourceType
    event: Event | None = strawberry_django.field(description="The event it backs, if any.")
    statement: Statement | None
    treaty_action: TreatyAction | None

    @strawberry_django.field(
        only=["note"],
        description="The curator's internal note: shown to curators only, empty for everyone else.",
    )
    def note(self, info: Info) -> str:
        return self.note if sees_unpublished(info) else ""

    compiled_leaf(note, "note", lambda sql, unpublished: sql if unpublished else "''")
