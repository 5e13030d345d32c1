"""The parser's lookup tables (actors, positions, treaties, outlets) read from the database."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from sources.ingest.knowledge import (
    ActorInfo,
    EventInfo,
    Knowledge,
    OutletInfo,
    PositionInfo,
    TreatyInfo,
)
from sources.models import Outlet
from timeline.models import ActionKind, Actor, Event, EventParticipant, Status, Treaty


def load_knowledge(today: dt.date | None = None) -> Knowledge:
    actors = []
    positions: dict[int, list[PositionInfo]] = {}
    from timeline.models import Position

    for pos in Position.objects.select_related("organisation").all():
        positions.setdefault(pos.person_id, []).append(
            PositionInfo(pos.title, pos.organisation.name, pos.period_start, pos.period_end)
        )
    for a in Actor.objects.exclude(status=Status.RETRACTED).only(
        "id", "name", "short_name", "aliases", "kind", "parent_id"
    ):
        actors.append(
            ActorInfo(
                a.id,
                a.name,
                a.kind,
                a.short_name,
                list(a.aliases),
                positions.get(a.id, []),
                a.parent_id,
            )
        )
    treaties = []
    for t in Treaty.objects.exclude(status=Status.RETRACTED).prefetch_related("actions"):
        actions = [x for x in t.actions.all() if x.status != Status.RETRACTED]
        dates = [x.date_start for x in actions if x.date_start]
        ends = t.expires_end
        extensions = [
            x.extended_until_end
            for x in actions
            if x.action == ActionKind.EXTENSION and x.extended_until_end
        ]
        if extensions:
            ends = max(extensions)
        withdrawals = [
            x.date_start
            for x in actions
            if x.action == ActionKind.WITHDRAWAL_EFFECTIVE and x.date_start
        ]
        if withdrawals and t.kind == "bilateral":
            ends = min(withdrawals) if ends is None else min(ends, min(withdrawals))
        treaties.append(
            TreatyInfo(
                t.id,
                t.name,
                t.short_name,
                list(t.aliases),
                t.signed_start,
                t.entered_into_force_start,
                ends,
                dates,
            )
        )
    outlets = [OutletInfo(o.id, o.name, list(o.aliases)) for o in Outlet.objects.all()]
    return Knowledge(actors, treaties, outlets, today or timezone.localdate(), _events())


def _events() -> list[EventInfo]:
    """Known events with their treaties and participants (for linking mentions to them)."""
    events: dict[int, EventInfo] = {}
    rows = Event.objects.exclude(status=Status.RETRACTED).values_list(
        "id", "title", "event_type__name", "date_start", "date_end"
    )
    for pk, title, type_name, start, end in rows:
        events[pk] = EventInfo(pk, title, type_name, start, end or start)
    links = Event.treaties.through.objects.values_list("event_id", "treaty_id")
    for event_id, treaty_id in links:
        if event_id in events:
            events[event_id].treaty_ids.add(treaty_id)
    for event_id, actor_id in EventParticipant.objects.values_list("event_id", "actor_id"):
        if event_id in events:
            events[event_id].actor_ids.add(actor_id)
    return list(events.values())
