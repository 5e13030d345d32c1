"""The review queue, the workflow buttons, the two-person rule and the source page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sources.models import Citation, Source
from tests.test_admin import messages_of, url
from timeline import services
from timeline.models import Event, Revision, RevisionStatus, Statement, Status

pytestmark = pytest.mark.django_db

QUEUE = "/admin/timeline/revision/queue/"


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def submitted(curator, statement, source, event, citation):
    """A statement and an event submitted by the curator (statement first), source published."""
    Source.objects.filter(pk=source.pk).update(status=Status.PUBLISHED)
    Citation.objects.create(source=source, statement=statement, excerpt="the INF Treaty is dead")
    services.transition(statement, Status.REVIEW, curator)
    services.transition(event, Status.REVIEW, curator)
    return statement, event


def test_queue_lists_oldest_first_with_submitter_and_highlighted_excerpt(
    reviewer, submitted, statement
):
    page = login(reviewer).get(QUEUE)
    assert page.status_code == 200
    items = page.context["items"]
    assert [(i.record, i.submitted_by.username) for i in items] == [
        (statement, "curator"),
        (submitted[1], "curator"),
    ]
    html = page.content.decode()
    assert "<mark" in html and ">the INF Treaty is dead</mark>" in html
    # A new record's "diff" shows its values.
    assert any(row.label == "Text" for row in items[0].change.rows)


def test_queue_approves_in_bulk(reviewer, submitted):
    statement, event = submitted
    response = login(reviewer).post(
        QUEUE,
        {
            "item": [
                f"record:timeline.statement:{statement.pk}",
                f"record:timeline.event:{event.pk}",
            ],
            "approve": "1",
        },
        follow=True,
    )
    assert messages_of(response) == [
        ("success", f"“{statement}” published."),
        ("success", f"“{event}” published."),
    ]
    assert {Statement.objects.get().status, Event.objects.get().status} == {Status.PUBLISHED}


def test_queue_sends_back_only_with_a_comment(reviewer, submitted):
    statement, _ = submitted
    key = f"record:timeline.statement:{statement.pk}"
    client = login(reviewer)
    response = client.post(QUEUE, {"item": [key], "send_back": "1"}, follow=True)
    assert messages_of(response) == [
        ("error", "Say why it is sent back, so that the curator can fix it.")
    ]
    assert Statement.objects.get().status == Status.REVIEW
    client.post(QUEUE, {"item": [key], "send_back": "1", "comment": "Date is wrong."})
    statement.refresh_from_db()
    assert statement.status == Status.DRAFT
    assert statement.history.first().history_change_reason == (
        "status → draft: sent back: Date is wrong."
    )


def test_two_person_rule_in_the_queue(curator, submitted, django_user_model):
    from django.contrib.auth.models import Group

    statement, _ = submitted
    # The curator who submitted becomes a reviewer too: still may not publish their own.
    curator.groups.add(Group.objects.get(name="reviewer"))
    client = login(django_user_model.objects.get(pk=curator.pk))
    page = client.get(QUEUE)
    assert page.context["items"][0].refusal == (
        f"You submitted “{statement}” for review yourself; another reviewer must publish it "
        "(two-person rule)."
    )
    response = client.post(
        QUEUE, {"item": [f"record:timeline.statement:{statement.pk}"], "approve": "1"}, follow=True
    )
    assert messages_of(response)[0][0] == "error"
    assert Statement.objects.get().status == Status.REVIEW


def test_queue_includes_revisions_and_approves_them(curator, reviewer, submitted, statement):
    services.transition(statement, Status.PUBLISHED, reviewer)
    statement.refresh_from_db()
    outcome = services.apply_changes(
        statement, {"fields": {"venue": "Geneva"}}, curator, expected_version=statement.version
    )
    page = login(reviewer).get(QUEUE)
    (item,) = [i for i in page.context["items"] if i.revision]
    assert [(r.label, str(r.old), str(r.new)) for r in item.change.rows] == [
        ("Venue", "<del>Moscow</del>", "<ins>Geneva</ins>")
    ]
    review = login(reviewer).get(f"/admin/timeline/revision/{outcome.revision.pk}/review/")
    assert "<ins>Geneva</ins>" in review.content.decode()
    login(reviewer).post(QUEUE, {"item": [item.key], "approve": "1"})
    assert Statement.objects.get(pk=statement.pk).venue == "Geneva"
    assert Revision.objects.get().status == RevisionStatus.APPROVED


def test_queue_needs_a_curator_or_reviewer(staff_without_perms):
    assert login(staff_without_perms).get(QUEUE).status_code == 403


# --- workflow buttons on the change form -----------------------------------------------------


def test_change_form_buttons_state_why_a_move_is_refused(curator, submitted, statement):
    page = login(curator).get(url(Statement, "change", statement.pk))
    moves = {m["to"]: m["refusal"] for m in page.context["workflow_moves"]}
    assert moves == {
        Status.DRAFT: "You may not move this statement from review to draft.",
        Status.PUBLISHED: "You may not move this statement from review to published.",
    }


def test_buttons_publish_and_retract_with_a_reason(reviewer, submitted, statement):
    client = login(reviewer)
    target = url(Statement, "workflow", statement.pk)
    response = client.post(target, {"to": Status.PUBLISHED}, follow=True)
    assert messages_of(response) == [("success", f"“{statement}” is now published.")]
    response = client.post(target, {"to": Status.RETRACTED}, follow=True)
    assert messages_of(response) == [
        ("error", "Retract: say why in the comment, so that the curator knows.")
    ]
    client.post(target, {"to": Status.RETRACTED, "comment": "Misattributed."})
    statement.refresh_from_db()
    assert statement.status == Status.RETRACTED
    assert statement.history.first().history_change_reason == "status → retracted: Misattributed."


def test_button_refusal_is_reported(curator, submitted, statement):
    response = login(curator).post(
        url(Statement, "workflow", statement.pk), {"to": Status.PUBLISHED}, follow=True
    )
    assert messages_of(response) == [
        ("error", "You may not move this statement from review to published.")
    ]


# --- the source page ---------------------------------------------------------------------


def test_source_page_highlights_every_excerpt_and_links_records(
    reviewer, source, citation, statement, outlet
):
    Citation.objects.create(source=source, statement=statement, excerpt="the INF Treaty is dead")
    copy = Source.objects.create(title="Repost", body="Repost: " + source.body, duplicate_of=source)
    other = Source.objects.create(title="Same story elsewhere", body="Another report.")
    source.same_story_as.add(other)
    page = login(reviewer).get(reverse("admin:sources_source_text", args=[source.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<mark") == 2
    assert ">the INF Treaty is dead</mark>" in html
    assert ">the United States suspended its obligations</mark>" in html
    for record in (statement, citation.event):
        assert url(type(record), "change", record.pk) in html
    for related in (copy, other):
        assert url(Source, "change", related.pk) in html
    change = login(reviewer).get(url(Source, "change", source.pk)).content.decode()
    assert reverse("admin:sources_source_text", args=[source.pk]) in change


def test_source_page_escapes_the_text(reviewer, outlet):
    source = Source.objects.create(title="Hostile", body="Before <script>alert(1)</script> after")
    Citation.objects.create(
        source=source,
        event=None,
        statement=Statement.objects.create(speaker=outlet.country, date="2019", text="x"),
        excerpt="<script>alert(1)</script>",
    )
    html = login(reviewer).get(reverse("admin:sources_source_text", args=[source.pk])).content
    assert b"<script>alert(1)</script>" not in html
    assert b"<mark" in html and b"&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in html
