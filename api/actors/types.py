"""GraphQL types of actors and the positions people hold."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry import relay

from api.core.limits.lists import bounded_list
from api.core.types import PkNode, Status, Visible
from timeline import models as m

if TYPE_CHECKING:
    from api.events.types import EventType
    from api.statements.types import StatementType

Event = Annotated["EventType", strawberry.lazy("api.events.types")]
Statement = Annotated["StatementType", strawberry.lazy("api.statements.types")]

ActorKind = strawberry.enum(m.ActorKind, name="ActorKind")


@strawberry_django.type(
    m.Actor, name="Actor", description="A state, organisation, person or group."
)
class ActorType(Visible, PkNode, relay.Node):
    slug: str
    name: str
    short_name: str
    aliases: list[str]
    kind: ActorKind
    parent: ActorType | None
    wikidata_id: str
    description: str
    status: Status
    positions: list[PositionType] = bounded_list("Roles this person has held.")
    created_at: dt.datetime
    updated_at: dt.datetime


@strawberry_django.type(m.Position, name="Position", description="A role a person holds.")
class PositionType(Visible, PkNode, relay.Node):
    title: str
    person: ActorType
    organisation: ActorType
    period: str = strawberry_django.field(description="EDTF period, e.g. 2004-03-09/..")
    period_start: dt.date | None
    period_end: dt.date | None = strawberry_django.field(description="Null when still held.")
