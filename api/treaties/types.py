"""GraphQL types of treaties, treaty actions and the status derived from the actions."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from django.db.models import Prefetch
from strawberry import Info, relay

from api.core.limits.lists import bounded_list
from api.core.permissions import sees_unpublished
from api.core.types import (
    PkNode,
    Precision,
    Status,
    Visible,
    approximate_field,
    uncertain_field,
)
from timeline import models as m
from timeline import treaty_status
from timeline.querysets import visible

if TYPE_CHECKING:
    from api.actors.types import ActorType
    from api.events.types import EventType
    from api.sources.types import CitationType
    from api.statements.types import StatementType

Actor = Annotated["ActorType", strawberry.lazy("api.actors.types")]
Event = Annotated["EventType", strawberry.lazy("api.events.types")]
Statement = Annotated["StatementType", strawberry.lazy("api.statements.types")]
Citation = Annotated["CitationType", strawberry.lazy("api.sources.types")]

TreatyKind = strawberry.enum(m.TreatyKind, name="TreatyKind")
ActionKind = strawberry.enum(m.ActionKind, name="TreatyActionKind")


@strawberry.enum(description="A treaty's status on a date, derived from its actions.")
class TreatyState(Enum):
    NOT_SIGNED = treaty_status.TreatyState.NOT_SIGNED
    SIGNED = treaty_status.TreatyState.SIGNED
    IN_FORCE = treaty_status.TreatyState.IN_FORCE
    SUSPENDED = treaty_status.TreatyState.SUSPENDED
    TERMINATED = treaty_status.TreatyState.TERMINATED
    EXPIRED = treaty_status.TreatyState.EXPIRED


@strawberry.enum(description="An actor's standing towards a treaty on a date.")
class PartyState(Enum):
    SIGNATORY = treaty_status.PartyState.SIGNATORY
    RATIFIED = treaty_status.PartyState.RATIFIED
    PARTY = treaty_status.PartyState.PARTY
    SUSPENDED = treaty_status.PartyState.SUSPENDED
    WITHDRAWING = treaty_status.PartyState.WITHDRAWING
    WITHDRAWN = treaty_status.PartyState.WITHDRAWN
    TREATY_ENDED = treaty_status.PartyState.TREATY_ENDED


@strawberry.type
class TreatyStatus:
    status: TreatyState
    since: dt.date | None = strawberry.field(description="The day this status began.")


@strawberry.type
class TreatyParty:
    actor: Actor
    status: PartyState
    since: dt.date | None = strawberry.field(description="The day this status began.")


def _visible_actions(info: Info):
    """The actions the reader may see, with their actors: what the derived status uses."""
    unpublished = sees_unpublished(info)
    actors = visible(m.Actor.objects.all(), unpublished=unpublished)
    return visible(m.TreatyAction.objects.all(), unpublished=unpublished).prefetch_related(
        Prefetch("actor", queryset=actors)
    )


def _status_actions(info: Info) -> Prefetch:
    return Prefetch("actions", queryset=_visible_actions(info), to_attr="status_actions")


def _actions(treaty: m.Treaty, info: Info):
    """The prefetched actions; loaded here only where the optimizer is off (union pages)."""
    actions = getattr(treaty, "status_actions", None)
    if actions is None:
        actions = list(_visible_actions(info).filter(treaty=treaty))
    return actions


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


@strawberry_django.type(m.Treaty, name="Treaty", description="An agreement between actors.")
class TreatyType(Visible, PkNode, relay.Node):
    slug: str
    name: str
    short_name: str
    aliases: list[str]
    kind: TreatyKind
    signed: str = strawberry_django.field(
        description="The first signature's date as EDTF, derived from the published actions "
        "(empty when none)."
    )
    signed_start: dt.date | None
    signed_end: dt.date | None
    entered_into_force: str = strawberry_django.field(
        description="The day the treaty first entered into force as EDTF, derived from the "
        "published actions by the same replay as statusAsOf (empty when it never did)."
    )
    entered_into_force_start: dt.date | None
    entered_into_force_end: dt.date | None
    expires: str = strawberry_django.field(description="Original expiry as EDTF (may be empty).")
    expires_start: dt.date | None
    expires_end: dt.date | None
    ended: dt.date | None = strawberry_django.field(
        description="The first day the treaty was no longer in force (terminated or expired), "
        "derived from its published actions; null while in force or not yet in force."
    )
    wikidata_id: str
    summary: str
    status: Status
    actions: list[TreatyActionType] = bounded_list()
    events: list[Event] = bounded_list()
    statements: list[Statement] = bounded_list()
    created_at: dt.datetime
    updated_at: dt.datetime

    @strawberry_django.field(
        only=["kind", "expires_end"],
        prefetch_related=[_status_actions],
        description="The treaty's status on a date (default: today), derived from its actions.",
    )
    def status_as_of(self, info: Info, date: dt.date | None = None) -> TreatyStatus:
        result = self.status_as_of(date or _today(), actions=_actions(self, info))
        return TreatyStatus(status=TreatyState(result.status), since=result.since)

    @strawberry_django.field(
        only=["kind", "expires_end"],
        prefetch_related=[_status_actions],
        description="Each actor that acted on the treaty, with its status on a date "
        "(default: today) and since when; ordered by actor name.",
    )
    def parties(self, info: Info, as_of: dt.date | None = None) -> list[TreatyParty]:
        actions = _actions(self, info)
        actors = {a.actor_id: a.actor for a in actions if a.actor is not None}
        statuses = self.parties_as_of(as_of or _today(), actions=actions)
        parties = [
            TreatyParty(actor=actors[pk], status=PartyState(state.status), since=state.since)
            for pk, state in statuses.items()
            if pk in actors
        ]
        return sorted(parties, key=lambda p: (p.actor.name, p.actor.pk))


@strawberry_django.type(
    m.TreatyAction, name="TreatyAction", description="An actor's action on a treaty."
)
class TreatyActionType(Visible, PkNode, relay.Node):
    version: int = strawberry_django.field(
        description="Edit counter: send it back with an update; a stale one is a CONFLICT."
    )
    action: ActionKind
    treaty: TreatyType
    actor: Actor | None = strawberry_django.field(
        description="Null for a treaty-wide action (or an actor not visible to you)."
    )
    date: str = strawberry_django.field(description="The date as EDTF.")
    date_start: dt.date
    date_end: dt.date | None
    date_uncertain: bool = uncertain_field()
    date_approximate: bool = approximate_field()
    precision: Precision
    extended_until: str
    extended_until_start: dt.date | None
    extended_until_end: dt.date | None
    event: Event | None = strawberry_django.field(description="The event that records it.")
    note: str
    status: Status
    citations: list[Citation] = bounded_list()
    created_at: dt.datetime
    updated_at: dt.datetime
