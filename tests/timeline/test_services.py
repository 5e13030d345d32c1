"""Workflow transitions and versioned saves: the rules the admin, API and scripts share."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from timeline import services
from timeline.errors import ErrorCode
from timeline.models import Event, Status

pytestmark = pytest.mark.django_db

ALL = [Status.DRAFT, Status.REVIEW, Status.PUBLISHED, Status.RETRACTED]
ALLOWED = {
    (Status.DRAFT, Status.REVIEW),
    (Status.REVIEW, Status.DRAFT),
    (Status.REVIEW, Status.PUBLISHED),
    (Status.PUBLISHED, Status.RETRACTED),
    (Status.RETRACTED, Status.DRAFT),
}
EVENT = "“United States suspends INF Treaty obligations (2019-02-02)”"


def set_status(record, status):
    type(record).objects.filter(pk=record.pk).update(status=status)
    record.refresh_from_db()


@pytest.mark.parametrize("to_status", ALL)
@pytest.mark.parametrize("from_status", ALL)
def test_transition_table(event, citation, reviewer, from_status, to_status):
    set_status(citation.source, Status.PUBLISHED)
    set_status(event, from_status)
    if (from_status, to_status) in ALLOWED:
        moved = services.transition(event, to_status, reviewer)
        assert moved.status == to_status
        assert Event.objects.get(pk=event.pk).status == to_status
        return
    allowed = {
        Status.DRAFT: "review",
        Status.REVIEW: "draft, published",
        Status.PUBLISHED: "retracted",
        Status.RETRACTED: "draft",
    }[from_status]
    with pytest.raises(ValidationError) as info:
        services.transition(event, to_status, reviewer)
    assert info.value.code == ErrorCode.INVALID_TRANSITION
    assert info.value.messages == [
        f"Cannot move event {EVENT} from {from_status} to {to_status}; allowed: {allowed}."
    ]
    assert Event.objects.get(pk=event.pk).status == from_status


def test_curator_may_submit_for_review(event, curator):
    moved = services.transition(event, Status.REVIEW, curator)
    assert moved.status == Status.REVIEW


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [
        (Status.REVIEW, Status.PUBLISHED),
        (Status.REVIEW, Status.DRAFT),
        (Status.PUBLISHED, Status.RETRACTED),
        (Status.RETRACTED, Status.DRAFT),
    ],
)
def test_curator_may_not_publish_retract_or_return(
    event, citation, curator, from_status, to_status
):
    set_status(event, from_status)
    with pytest.raises(PermissionDenied) as info:
        services.transition(event, to_status, curator)
    assert str(info.value) == f"You may not move this event from {from_status} to {to_status}."
    assert Event.objects.get(pk=event.pk).status == from_status


def test_staff_without_permissions_may_not_even_submit(event, staff_without_perms):
    with pytest.raises(PermissionDenied):
        services.transition(event, Status.REVIEW, staff_without_perms)


def test_reviewer_publishes_a_cited_event(event, citation, reviewer):
    set_status(citation.source, Status.PUBLISHED)
    set_status(event, Status.REVIEW)
    moved = services.transition(event, Status.PUBLISHED, reviewer)
    assert moved.status == Status.PUBLISHED
    assert moved.version == 2


def test_publishing_an_uncited_event_is_refused(event, reviewer):
    set_status(event, Status.REVIEW)
    with pytest.raises(ValidationError) as info:
        services.transition(event, Status.PUBLISHED, reviewer)
    assert info.value.code == ErrorCode.UNCITED
    assert info.value.messages == [
        f"{EVENT} cites no source; add a citation of a published source before publishing."
    ]
    assert Event.objects.get(pk=event.pk).status == Status.REVIEW


@pytest.mark.parametrize("fixture", ["statement", "treaty_action"])
def test_statements_and_treaty_actions_must_cite_too(request, reviewer, fixture):
    record = request.getfixturevalue(fixture)
    set_status(record, Status.REVIEW)
    with pytest.raises(ValidationError) as info:
        services.transition(record, Status.PUBLISHED, reviewer)
    assert info.value.code == ErrorCode.UNCITED


def test_actors_publish_without_citations(russia, reviewer):
    set_status(russia, Status.REVIEW)
    assert services.transition(russia, Status.PUBLISHED, reviewer).status == Status.PUBLISHED


def test_transition_records_who_and_why_in_history(event, reviewer, curator):
    services.transition(event, Status.REVIEW, curator)
    latest = Event.history.filter(id=event.pk).latest("history_date")
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        Status.REVIEW,
        curator,
        "status → review",
    )


# --- versioned save ----------------------------------------------------------------------


def test_versioned_save_bumps_the_version(event):
    event.title = "US suspends INF obligations"
    services.save_versioned(event, 1)
    event.refresh_from_db()
    assert (event.title, event.version) == ("US suspends INF obligations", 2)


def test_stale_version_is_a_conflict(event):
    mine = Event.objects.get(pk=event.pk)
    theirs = Event.objects.get(pk=event.pk)
    theirs.summary = "Their edit."
    services.save_versioned(theirs, theirs.version)
    mine.summary = "My edit."
    with pytest.raises(ValidationError) as info:
        services.save_versioned(mine, 1)
    assert info.value.code == ErrorCode.CONFLICT
    assert info.value.messages == [
        f"Event {EVENT} was changed by someone else (version 2, you edited version 1); reload "
        "it. Someone changed: summary “The US suspends its obligations and gives notice of "
        "withd…” → “Their edit.”."
    ]
    event.refresh_from_db()
    assert (event.summary, event.version) == ("Their edit.", 2)


def test_invalid_versioned_save_leaves_the_version(event):
    event.date = "2019-13-01"
    with pytest.raises(ValidationError) as info:
        services.save_versioned(event, 1)
    assert list(info.value.message_dict) == ["date"]
    event.refresh_from_db()
    assert (event.date, event.version) == ("2019-02-02", 1)


def test_versioned_save_of_a_new_record_starts_at_one(event_type):
    event = Event(title="New", date="2019-03", event_type=event_type)
    event.version = 7
    services.save_versioned(event, 7)
    event.refresh_from_db()
    assert event.version == 1


def test_transition_on_a_stale_copy_uses_the_current_row(event, curator):
    stale = Event.objects.get(pk=event.pk)
    event.summary = "Edited meanwhile."
    services.save_versioned(event, 1)
    moved = services.transition(stale, Status.REVIEW, curator)
    assert (moved.status, moved.summary, moved.version) == (Status.REVIEW, "Edited meanwhile.", 3)
