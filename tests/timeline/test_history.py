"""Edit history: every edit leaves a row with who and what, visible in the admin."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.test_admin import form_data
from timeline import services
from timeline.models import Event, EventType, Status

pytestmark = pytest.mark.django_db


def change_url(event):
    return reverse("admin:timeline_event_change", args=[event.pk])


def test_creating_an_event_leaves_a_creation_row(event_type):
    event = Event.objects.create(title="INF signed", date="1987-12-08", event_type=event_type)
    assert [(r.history_type, r.title, r.history_user) for r in event.history.all()] == [
        ("+", "INF signed", None)
    ]


def test_admin_edit_records_the_user_and_the_change(curator_client, curator, event):
    data = form_data(curator_client.get(change_url(event)))
    data["title"] = "US suspends INF Treaty obligations"
    data["date"] = "2019-02-01/2019-02-02"
    response = curator_client.post(change_url(event), data)
    assert response.status_code == 302

    latest, before = event.history.all()[:2]
    assert (latest.history_type, latest.history_user, latest.version) == ("~", curator, 2)
    assert latest.history_change_reason == "Changed in the admin: Title, Date"
    assert (latest.title, latest.date, str(latest.date_start)) == (
        "US suspends INF Treaty obligations",
        "2019-02-01/2019-02-02",
        "2019-02-01",
    )
    changed = {c.field: (c.old, c.new) for c in latest.diff_against(before).changes}
    assert changed["title"] == (
        "United States suspends INF Treaty obligations",
        "US suspends INF Treaty obligations",
    )
    assert changed["date"] == ("2019-02-02", "2019-02-01/2019-02-02")


def test_history_view_shows_the_edit_and_its_author(curator_client, curator, event):
    data = form_data(curator_client.get(change_url(event)))
    data["summary"] = "Edited summary."
    curator_client.post(change_url(event), data)

    response = curator_client.get(reverse("admin:timeline_event_history", args=[event.pk]))
    assert response.status_code == 200
    rows = list(response.context["page_obj"])
    # Newest first: the admin edit, the fixture's m2m change (treaties.add), the creation.
    assert [(r.history_type, r.history_user, r.summary) for r in rows] == [
        ("~", curator, "Edited summary."),
        ("~", None, "The US suspends its obligations and gives notice of withdrawal."),
        ("+", None, "The US suspends its obligations and gives notice of withdrawal."),
    ]
    html = response.content.decode()
    # One row per record: its type, then its author (or "None").
    authors = re.findall(
        r"<td>(Changed|Created)</td>\s*<td>\s*(?:<a [^>]*>)?([^<]*?)\s*(?:</a>)?\s*</td>", html
    )
    assert authors == [("Changed", "curator"), ("Changed", "None"), ("Created", "None")]


def test_history_view_needs_permission(client, staff_without_perms, event):
    client.force_login(staff_without_perms)
    response = client.get(reverse("admin:timeline_event_history", args=[event.pk]))
    assert response.status_code == 403


def test_service_edits_record_the_user_and_reason(event, curator):
    services.transition(event, Status.REVIEW, curator)
    latest = event.history.first()
    assert (latest.history_user, latest.status, latest.history_change_reason) == (
        curator,
        Status.REVIEW,
        "status → review",
    )
    assert event.history.count() == 3  # creation, treaties.add, transition


def test_m2m_changes_are_in_history(event, inf_treaty):
    event.treaties.remove(inf_treaty)
    rows = list(event.history.all())
    assert [[t.treaty_id for t in r.treaties.all()] for r in rows] == [[], [inf_treaty.pk], []]
    assert [r.history_type for r in rows] == ["~", "~", "+"]


def test_each_save_adds_a_row(event):
    for summary in ("one", "two"):
        event.summary = summary
        event.save()
    assert [r.summary for r in Event.history.filter(id=event.pk)][:3] == [
        "two",
        "one",
        "The US suspends its obligations and gives notice of withdrawal.",
    ]
    assert event.history.count() == 4


def test_adding_in_the_admin_says_so(curator_client, curator):
    data = form_data(curator_client.get("/admin/timeline/eventtype/add/"))
    data.update(name="Missile test", slug="missile-test")
    assert curator_client.post("/admin/timeline/eventtype/add/", data).status_code == 302
    row = EventType.history.get(name="Missile test")
    assert (row.history_user, row.history_change_reason) == (curator, "Added in the admin")


# --- inline changes are in the parent's history ------------------------------------------


def test_parent_history_lists_inline_changes(reviewer_client, reviewer, event, citation):
    data = form_data(reviewer_client.get(change_url(event)))
    data["citations-0-DELETE"] = "on"
    data.update(
        {
            "participations-TOTAL_FORMS": "1",
            "participations-0-actor": str(event.place_country_id),
            "participations-0-role": "initiator",
        }
    )
    assert reviewer_client.post(change_url(event), data).status_code == 302
    latest = event.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        reviewer,
        "Changed in the admin: Event participant added; Citation removed: “the United States "
        "suspended i…”",
    )
    page = reviewer_client.get(reverse("admin:timeline_event_history", args=[event.pk]))
    assert "Citation removed" in page.content.decode()


def test_deleting_a_citation_on_its_own_page_is_in_the_record_history(
    reviewer_client, event, citation
):
    response = reviewer_client.post(
        reverse("admin:sources_citation_delete", args=[citation.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert event.history.first().history_change_reason == (
        "Citation removed: “the United States suspended its obl…”"
    )
