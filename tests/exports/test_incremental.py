"""Incremental exports: replaying increments over edits, retractions and deletions
reaches exactly the state of a full export, and hidden drafts never show."""

from __future__ import annotations

import csv
import json

import pytest
from django.core.management import call_command
from frictionless import validate as frictionless_validate

from api.exports.formats.jsonl import TYPES
from api.exports.runner import plan_export, snapshot
from api.exports.stream import Counter
from tests.exports.conftest import export_bytes
from timeline.models import Event, EventParticipant, EventRelation, Status, Tag

pytestmark = pytest.mark.django_db


def records(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode().splitlines()]


def full_state() -> dict:
    return {(r["type"], r["id"]): r for r in records(export_bytes("jsonl"))}


class Partner:
    """A partner's copy, kept in sync by applying each increment."""

    def __init__(self):
        plan = plan_export("jsonl")
        with snapshot():
            data = b"".join(plan.render(Counter()))
        self.state = {(r["type"], r["id"]): r for r in records(data)}
        self.since = plan.as_of.isoformat()
        self.last: list[dict] = []

    def sync(self) -> list[dict]:
        plan = plan_export("jsonl", since=self.since)
        with snapshot():
            data = b"".join(plan.render(Counter()))
        self.last = records(data)
        for record in self.last:
            if record["type"] == "tombstone":
                self.state.pop((TYPES[record["dataset"]], record["id"]), None)
            else:
                self.state[(record["type"], record["id"])] = record
        self.since = plan.as_of.isoformat()
        return self.last

    def tombstones(self) -> set:
        return {(r["dataset"], r["id"], r["reason"]) for r in self.last if r["type"] == "tombstone"}

    def changed(self) -> set:
        return {(r["type"], r["id"]) for r in self.last if r["type"] != "tombstone"}


def test_replayed_increments_equal_the_full_export(world, usa, lavrov, inf_treaty):
    partner = Partner()
    event, statement, action = world["event"], world["statement"], world["treaty_action"]

    # Nothing changed: an empty increment.
    assert partner.sync() == []

    event.title = "The United States suspends its INF obligations"
    event.save()
    partner.sync()
    assert partner.changed() == {("event", event.pk)}
    assert partner.state == full_state()

    # A new participant changes the event's nested rows, not the event row.
    EventParticipant.objects.create(event=event, actor=lavrov, role="participant")
    partner.sync()
    assert ("event", event.pk) in partner.changed()
    assert partner.state == full_state()

    statement.status = Status.RETRACTED
    statement.save()
    partner.sync()
    assert partner.tombstones() == {("statements", statement.pk, "retracted")}
    assert partner.state == full_state()

    statement.status = Status.PUBLISHED
    statement.save()
    partner.sync()
    assert ("statement", statement.pk) in partner.changed()
    assert partner.state == full_state()

    # The speaker goes back to draft: the statement and his position hide with him.
    lavrov.status = Status.DRAFT
    lavrov.save()
    partner.sync()
    assert {
        ("actors", lavrov.pk, "unpublished"),
        ("statements", statement.pk, "hidden"),
    } <= partner.tombstones()
    assert partner.state == full_state()

    # Deleting the treaty action: listed as deleted; its citation goes with it (cascade).
    action_pk = action.pk
    action.delete()
    partner.sync()
    assert ("treaty_actions", action_pk, "deleted") in partner.tombstones()
    assert partner.state == full_state()

    # Deleting a tag removes it from the event (no m2m signal for that: found in history).
    tag_pk = world["tag"].pk
    Tag.objects.filter(pk=tag_pk).delete()
    partner.sync()
    assert ("tags", tag_pk, "deleted") in partner.tombstones()
    assert ("event", event.pk) in partner.changed()
    assert partner.state == full_state()

    # A new published event related to the first; then the first is deleted.
    later = Event.objects.create(
        title="Russia suspends the treaty",
        date="2019-03-04",
        event_type=event.event_type,
        status=Status.PUBLISHED,
    )
    EventRelation.objects.create(from_event=later, to_event=event, kind="responds_to")
    partner.sync()
    assert partner.state == full_state()
    event_pk = event.pk
    event.delete()  # its citations go with it (cascade)
    partner.sync()
    assert ("events", event_pk, "deleted") in partner.tombstones()
    assert ("event", later.pk) in partner.changed()  # its relation went with the event
    assert partner.state == full_state()


def test_drafts_never_become_tombstones(world):
    partner = Partner()
    draft = world["draft_event"]
    draft.title = "Draft: talks in Geneva, second round"
    draft.save()
    draft.delete()
    assert partner.sync() == []


def test_incremental_csv_package_lists_tombstones_and_validates(world, tmp_path, stdout):
    first = tmp_path / "full"
    call_command(
        "export", "--format", "csv", "--output", str(first), "--no-progress", stdout=stdout
    )
    since = stdout.getvalue().split("--since ")[1].split()[0]
    statement = world["statement"]
    statement.status = Status.RETRACTED
    statement.save()
    out = tmp_path / "increment"
    call_command(
        "export",
        "--format",
        "csv",
        "--since",
        since,
        "--output",
        str(out),
        "--no-progress",
        stdout=stdout,
    )
    report = frictionless_validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])
    rows = list(csv.DictReader((out / "tombstones.csv").open()))
    assert {"dataset": "statements", "id": str(statement.pk), "reason": "retracted"} in rows
    assert list(csv.DictReader((out / "statements.csv").open())) == []
