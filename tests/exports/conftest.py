"""A small world for export tests: published records, plus drafts that must never show."""

from __future__ import annotations

import io

import pytest

from api.exports.runner import plan_export, snapshot
from api.exports.stream import Counter
from sources.models import Citation, Source
from timeline.models import Actor, ActorKind, Event, EventParticipant, Status, Tag

PUBLISHED = Status.PUBLISHED


def export_bytes(fmt: str, dataset: str = "all", since=None, **filters) -> bytes:
    plan = plan_export(fmt, dataset, filters, since)
    with snapshot():
        return b"".join(plan.render(Counter()))


def export_plan(fmt: str, dataset: str = "all", since=None, **filters):
    return plan_export(fmt, dataset, filters, since)


def publish(*objs) -> None:
    for obj in objs:
        obj.status = PUBLISHED
        obj.save()


@pytest.fixture
def world(
    usa,
    russia,
    lavrov,
    lavrov_minister,
    inf_treaty,
    event,
    statement,
    treaty_action,
    outlet,
    source,
    citation,
):
    """Published: two states, a person, the INF Treaty, an event in Washington with
    participants, a tag and a citation, a statement and a treaty action, each cited.
    Hidden: a draft event, a draft actor taking part in the published event, a
    draft source citing the published event."""
    publish(usa, russia, lavrov, inf_treaty, source)
    event.latitude, event.longitude = "38.89511", "-77.03637"
    event.save()
    publish(event)
    tag = Tag.objects.create(name="arms control")
    event.tags.add(tag)
    EventParticipant.objects.create(event=event, actor=usa, role="initiator")
    EventParticipant.objects.create(event=event, actor=russia, role="target")
    secret_actor = Actor.objects.create(name="Secret Committee", kind=ActorKind.GROUP)
    EventParticipant.objects.create(event=event, actor=secret_actor, role="participant")
    Citation.objects.create(source=source, statement=statement, excerpt="the INF Treaty is dead")
    Citation.objects.create(
        source=source, treaty_action=treaty_action, excerpt="suspended its obligations"
    )
    publish(statement, treaty_action)
    draft_event = Event.objects.create(
        title="Draft: talks in Geneva",
        date="2019-05",
        event_type=event.event_type,
        latitude="46.2",
        longitude="6.15",
    )
    draft_source = Source.objects.create(title="Unchecked wire copy", body="Talks in Geneva.")
    Citation.objects.create(source=draft_source, event=event, excerpt="Talks in Geneva")
    return {
        "event": event,
        "statement": statement,
        "treaty_action": treaty_action,
        "draft_event": draft_event,
        "secret_actor": secret_actor,
        "draft_source": draft_source,
        "tag": tag,
    }


@pytest.fixture
def stdout():
    return io.StringIO()
