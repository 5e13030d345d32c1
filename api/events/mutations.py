"""Event mutations: eventCreate, eventUpdate (same rules as the admin, via timeline.services)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Info, relay

from api.core.mutations import MutationError, PendingRevision, pending_revision, save_record
from timeline.models import Event

if TYPE_CHECKING:
    from api.events.types import EventType

EventNode = Annotated["EventType", strawberry.lazy("api.events.types")]
RELATIONS = {
    "event_type": "EventCategory",
    "place_country": "Actor",
    "treaties": "Treaty",
    "tags": "Tag",
}


@strawberry.input(description="Event fields; on update, only the fields given change.")
class EventInput:
    title: str | None = strawberry.UNSET
    summary: str | None = strawberry.UNSET
    date: str | None = strawberry.field(default=strawberry.UNSET, description="EDTF date.")
    event_type: relay.GlobalID | None = strawberry.UNSET
    place_name: str | None = strawberry.UNSET
    place_country: relay.GlobalID | None = strawberry.UNSET
    latitude: float | None = strawberry.UNSET
    longitude: float | None = strawberry.UNSET
    treaties: list[relay.GlobalID] | None = strawberry.UNSET
    tags: list[relay.GlobalID] | None = strawberry.UNSET


@strawberry.type
class EventPayload:
    event: EventNode | None = None
    pending_revision: PendingRevision | None = strawberry.field(
        default=None,
        description="Set when the change waits for a reviewer (a published record edited "
        "without publish permission); ``event`` is then the published version.",
    )
    errors: list[MutationError] = strawberry.field(default_factory=list)


def _payload(record, revision, errors) -> EventPayload:
    return EventPayload(event=record, pending_revision=pending_revision(revision), errors=errors)


@strawberry.type
class EventMutations:
    @strawberry.mutation(description="Create a draft event.")
    def event_create(self, info: Info, input: EventInput) -> EventPayload:
        return _payload(*save_record(info, Event, input, RELATIONS, type_name="Event"))

    @strawberry.mutation(
        description="Change an event. ``version`` is the version you edited; a stale one "
        "is a CONFLICT."
    )
    def event_update(
        self, info: Info, id: relay.GlobalID, version: int, input: EventInput
    ) -> EventPayload:
        return _payload(
            *save_record(info, Event, input, RELATIONS, type_name="Event", id=id, version=version)
        )
