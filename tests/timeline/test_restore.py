"""Restoring an old version from the history page works, under the workflow rules."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sources.models import Citation
from tests.test_admin import form_data, messages_of, url
from timeline.models import Event, Revision, Status

pytestmark = pytest.mark.django_db

TITLE = "United States suspends INF Treaty obligations"


def restore_url(event, row):
    return reverse("admin:timeline_event_simple_history", args=[event.pk, row.history_id])


def edit_title(client, event, title):
    change_url = url(Event, "change", event.pk)
    data = form_data(client.get(change_url))
    data["title"] = title
    assert client.post(change_url, data).status_code == 302


def test_restoring_an_old_version_works(reviewer_client, reviewer, event, inf_treaty):
    before = event.history.first()  # title and the INF Treaty link, before the edits
    edit_title(reviewer_client, event, "A wrong title")
    event.treaties.clear()
    first = before
    page = reviewer_client.get(restore_url(event, first))
    assert page.status_code == 200
    response = reviewer_client.post(restore_url(event, first), form_data(page), follow=True)
    assert response.status_code == 200
    assert not [m for m in messages_of(response) if m[0] == "error"], messages_of(response)
    event.refresh_from_db()
    assert event.title == TITLE
    # The m2m links of the old version come back too, through the same change set.
    assert list(event.treaties.all()) == [inf_treaty]
    latest = event.history.first()
    assert latest.history_user == reviewer
    assert latest.history_change_reason.startswith("Restored from history (version 1): Title")


def test_a_stale_restore_form_is_refused(reviewer_client, event):
    first = event.history.order_by("history_date").first()
    data = form_data(reviewer_client.get(restore_url(event, first)))
    edit_title(reviewer_client, event, "Edited meanwhile")
    response = reviewer_client.post(restore_url(event, first), data)
    assert response.status_code == 200
    assert (
        response.context["adminform"]
        .form.non_field_errors()[0]
        .startswith(
            "Someone else saved this record while you were editing it (now version 2, you opened "
            "version 1)."
        )
    )
    assert Event.objects.get(pk=event.pk).title == "Edited meanwhile"


def test_a_curators_restore_of_a_published_record_is_a_revision(
    curator, reviewer, event, source, citation
):
    reviewer_client, curator_client = Client(), Client()
    reviewer_client.force_login(reviewer)
    curator_client.force_login(curator)
    edit_title(reviewer_client, event, "Better title")
    type(source).objects.filter(pk=source.pk).update(status=Status.PUBLISHED)
    Event.objects.filter(pk=event.pk).update(status=Status.PUBLISHED)
    first = event.history.order_by("history_date").first()
    data = form_data(curator_client.get(restore_url(event, first)))
    response = curator_client.post(restore_url(event, first), data, follow=True)
    revision = Revision.objects.get()
    assert messages_of(response)[0][0] == "warning"
    assert revision.changes["fields"]["title"] == TITLE
    assert Event.objects.get(pk=event.pk).title == "Better title"
    assert Citation.objects.filter(pk=citation.pk).exists()


@pytest.mark.parametrize("view", ["change", "restore"])
def test_a_post_without_the_version_is_refused(reviewer_client, event, view):
    first = event.history.order_by("history_date").first()
    target = url(Event, "change", event.pk) if view == "change" else restore_url(event, first)
    data = form_data(reviewer_client.get(target))
    data["title"] = "Overwrite"
    del data["edited_version"]
    response = reviewer_client.post(target, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "This form was sent without the version of the record it edits, so saving it could "
        "overwrite someone else's changes. Nothing was saved: reload the page and make your "
        "changes again."
    ]
    assert Event.objects.get(pk=event.pk).title == TITLE
