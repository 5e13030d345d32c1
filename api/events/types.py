"""GraphQL types of the event domain: Event, EventCategory (the event-type taxonomy), Tag."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry import relay

from api.core.types import PkNode, Precision, Status, Visible
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
class EventRelationType:
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
    precision: Precision
    status: Status
    event_type: EventCategoryType
    place_name: str
    place_country: Actor | None
    latitude: decimal.Decimal | None
    longitude: decimal.Decimal | None
    participants: list[EventParticipantType] = strawberry_django.field(
        field_name="participations", description="Actors with their roles."
    )
    treaties: list[Treaty]
    tags: list[TagType]
    statements: list[Statement]
    treaty_actions: list[TreatyAction]
    citations: list[Citation]
    relations: list[EventRelationType] = strawberry_django.field(
        field_name="relations_out", description="This event responds to, is part of, follows…"
    )
    created_at: dt.datetime
    updated_at: dt.datetime
