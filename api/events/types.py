"""GraphQL types of the event domain: Event, EventCategory (the event-type taxonomy), Tag."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry import relay

from api.core.limits.lists import bounded_list
from api.core.types import (
    PkNode,
    Precision,
    Status,
    Visible,
    approximate_field,
    uncertain_field,
)
from timeline import models as m

if TYPE_CHECKING:
    from api.actors.types import ActorType
    from api.sources.types import CitationType
    from api.statements.types import StatementType
    from api.treaties.types import TreatyActionType, TreatyType

Actor = Annotated["ActorType", strawberry.lazy("api.actors.types")]
Treaty = Annotated["TreatyType", strawberry.lazy("api.treaties.types")]
TreatyAction = Annotated["TreatyActionType", strawberry.lazy("api.treaties.types")]
Statement = Annotated["StatementType", strawberry.lazy("api.statements.types")]
Citation = Annotated["CitationType", strawberry.lazy("api.sources.types")]

ParticipantRole = strawberry.enum(m.ParticipantRole, name="ParticipantRole")
RelationKind = strawberry.enum(m.RelationKind, name="RelationKind")


# The model is called EventType; in GraphQL "EventType" would read as "the type
# of Event", so the taxonomy term is an EventCategory.
@strawberry_django.type(m.EventType, name="EventCategory", description="A kind of event.")
class EventCategoryType(PkNode, relay.Node):
    name: str
    slug: str
    parent: EventCategoryType | None
    plover_code: str = strawberry_django.field(description="PLOVER code, e.g. AGREE.")
    cameo_code: str = strawberry_django.field(description="CAMEO code, e.g. 057.")
    description: str


@strawberry_django.type(m.Tag, name="Tag")
class TagType(PkNode, relay.Node):
    name: str
    slug: str


@strawberry_django.type(m.EventParticipant, name="EventParticipant")
class EventParticipantType(Visible):
    role: ParticipantRole
    actor: Actor


@strawberry_django.type(m.EventRelation, name="EventRelation")
class EventRelationType(Visible):
    kind: RelationKind
    event: EventType | None = strawberry_django.field(
        field_name="to_event", description="The related event (null if not visible to you)."
    )


@strawberry_django.type(m.Event, name="Event", description="Something that happened.")
class EventType(Visible, PkNode, relay.Node):
    version: int = strawberry_django.field(
        description="Edit counter: send it back with an update; a stale one is a CONFLICT."
    )
    slug: str
    title: str
    summary: str
    date: str = strawberry_django.field(description="The date as EDTF, e.g. 2019-08-02, 2019-03.")
    date_start: dt.date = strawberry_django.field(description="Earliest day the date can mean.")
    date_end: dt.date | None = strawberry_django.field(
        description="Latest day the date can mean; null when open-ended."
    )
    date_uncertain: bool = uncertain_field()
    date_approximate: bool = approximate_field()
    precision: Precision
    status: Status
    event_type: EventCategoryType
    place_name: str
    place_country: Actor | None
    latitude: decimal.Decimal | None
    longitude: decimal.Decimal | None
    participants: list[EventParticipantType] = bounded_list(
        "Actors with their roles.", field_name="participations"
    )
    treaties: list[Treaty] = bounded_list()
    tags: list[TagType] = bounded_list()
    statements: list[Statement] = bounded_list()
    treaty_actions: list[TreatyAction] = bounded_list()
    citations: list[Citation] = bounded_list()
    relations: list[EventRelationType] = bounded_list(
        "This event responds to, is part of, follows…", field_name="relations_out"
    )
    created_at: dt.datetime
    updated_at: dt.datetime
