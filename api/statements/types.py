"""GraphQL type of statements: what an actor said."""

from __future__ import annotations

import datetime as dt
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
    from api.actors.types import ActorType, PositionType
    from api.events.types import EventType
    from api.sources.types import CitationType
    from api.treaties.types import TreatyType

Actor = Annotated["ActorType", strawberry.lazy("api.actors.types")]
Position = Annotated["PositionType", strawberry.lazy("api.actors.types")]
Event = Annotated["EventType", strawberry.lazy("api.events.types")]
Treaty = Annotated["TreatyType", strawberry.lazy("api.treaties.types")]
Citation = Annotated["CitationType", strawberry.lazy("api.sources.types")]

StatementKind = strawberry.enum(m.StatementKind, name="StatementKind")


@strawberry_django.type(m.Statement, name="Statement", description="What an actor said.")
class StatementType(Visible, PkNode, relay.Node):
    version: int = strawberry_django.field(
        description="Edit counter: send it back with an update; a stale one is a CONFLICT."
    )
    text: str
    kind: StatementKind
    language: str
    venue: str
    cue_verb: str
    date: str = strawberry_django.field(description="The date as EDTF.")
    date_start: dt.date
    date_end: dt.date | None
    date_uncertain: bool = uncertain_field()
    date_approximate: bool = approximate_field()
    precision: Precision
    status: Status
    speaker: Actor
    speaker_position: Position | None = strawberry_django.field(
        description="The speaker's role at the time."
    )
    on_behalf_of: Actor | None
    treaties: list[Treaty] = bounded_list()
    events: list[Event] = bounded_list()
    citations: list[Citation] = bounded_list()
    created_at: dt.datetime
    updated_at: dt.datetime
