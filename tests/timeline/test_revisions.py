"""Pending revisions: a curator's edit of a published record waits for a reviewer."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from sources.models import Citation
from tests.test_admin import form_data, messages_of, url
from timeline import services
from timeline.errors import ErrorCode
from timeline.models import Revision, RevisionStatus, Statement, Status

pytestmark = pytest.mark.django_db

OLD, NEW = "the INF Treaty is dead", "the INF Treaty is dead and buried"


@pytest.fixture
def published(statement, source, lavrov, russia):
    Citation.objects.create(source=source, statement=statement, excerpt=OLD)
    for record in (source, statement, lavrov, russia):
        type(record).objects.filter(pk=record.pk).update(status=Status.PUBLISHED)
    statement.refresh_from_db()
    return statement


def public_text(pk: int) -> list[str]:
    body = json.loads(
        Client()
        .post(
            "/graphql/",
            json.dumps({"query": "{ statements { edges { node { text } } } }"}),
            content_type="application/json",
        )
        .content
    )
    return [e["node"]["text"] for e in body["data"]["statements"]["edges"]]


def curator_edit(client, statement, **changes):
    change_url = url(Statement, "change", statement.pk)
    data = form_data(client.get(change_url))
    data.update(changes)
    return client.post(change_url, data, follow=True)


def test_curator_edit_of_a_published_record_is_a_pending_revision(
    curator_client, curator, published
):
    response = curator_edit(curator_client, published, text=NEW)
    revision = Revision.objects.get()
    assert messages_of(response) == [
        (
            "warning",
            f"Your changes to “{published}” were saved as revision #{revision.pk} for review "
            "(Text). The published version stays as it is until a reviewer approves it.",
        )
    ]
    assert (revision.status, revision.created_by, revision.base_version) == (
        RevisionStatus.PENDING,
        curator,
        1,
    )
    assert revision.changes == {"fields": {"text": NEW}, "inlines": []}
    published.refresh_from_db()
    assert (published.text, published.version) == (OLD, 1)
    assert public_text(published.pk) == [OLD]


def test_reviewer_approves_and_the_public_sees_the_new_text(curator_client, reviewer, published):
    curator_edit(curator_client, published, text=NEW)
    revision = Revision.objects.get()
    services.approve_revision(revision, reviewer, comment="Fine.")
    published.refresh_from_db()
    assert (published.text, published.version, published.status) == (NEW, 2, Status.PUBLISHED)
    assert public_text(published.pk) == [NEW]
    revision.refresh_from_db()
    assert (revision.status, revision.reviewed_by, revision.comment) == (
        RevisionStatus.APPROVED,
        reviewer,
        "Fine.",
    )
    latest = published.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        reviewer,
        f"Revision #{revision.pk} by curator approved: Text",
    )


def test_reject_needs_a_comment_and_changes_nothing(curator_client, reviewer, published):
    curator_edit(curator_client, published, text=NEW)
    revision = Revision.objects.get()
    with pytest.raises(ValidationError) as info:
        services.reject_revision(revision, reviewer, comment="  ")
    assert info.value.message_dict == {
        "comment": ["Say why it is sent back, so that the curator can fix it."]
    }
    services.reject_revision(revision, reviewer, comment="Source says otherwise.")
    revision.refresh_from_db()
    assert (revision.status, revision.comment) == (
        RevisionStatus.REJECTED,
        "Source says otherwise.",
    )
    published.refresh_from_db()
    assert published.text == OLD
    with pytest.raises(ValidationError) as info:
        services.approve_revision(revision, reviewer)
    assert info.value.code == ErrorCode.INVALID_TRANSITION


def test_curator_may_not_approve(curator_client, curator, published):
    curator_edit(curator_client, published, text=NEW)
    with pytest.raises(PermissionDenied):
        services.approve_revision(Revision.objects.get(), curator)
    assert Statement.objects.get(pk=published.pk).text == OLD


def test_two_person_rule_for_revisions(published):
    both = User.objects.create_user("both", is_staff=True)
    both.groups.add(*Group.objects.filter(name__in=["curator", "reviewer"]))
    revision = services.propose(published, {"fields": {"text": NEW}}, both, 1, "edit")
    with pytest.raises(PermissionDenied) as info:
        services.approve_revision(revision.revision, both)
    assert str(info.value) == (
        f"You proposed revision #{revision.revision.pk} yourself; another reviewer must approve "
        "it (two-person rule)."
    )


def test_two_person_rule_can_be_switched_off(published, settings):
    settings.WORKFLOW_TWO_PERSON_RULE = False
    both = User.objects.create_user("both", is_staff=True)
    both.groups.add(*Group.objects.filter(name__in=["curator", "reviewer"]))
    outcome = services.propose(published, {"fields": {"text": NEW}}, both, 1, "edit")
    services.approve_revision(outcome.revision, both)
    assert Statement.objects.get(pk=published.pk).text == NEW


def test_a_stale_revision_is_a_conflict(curator_client, reviewer, published):
    curator_edit(curator_client, published, text=NEW)
    published.venue = "Geneva"
    services.save_versioned(published, 1)
    with pytest.raises(ValidationError) as info:
        services.approve_revision(Revision.objects.get(), reviewer)
    assert info.value.code == ErrorCode.CONFLICT
    assert Statement.objects.get(pk=published.pk).text == OLD


def test_inline_changes_wait_too(curator_client, reviewer, published, source):
    change_url = url(Statement, "change", published.pk)
    data = form_data(curator_client.get(change_url))
    data.update(
        {
            "citations-TOTAL_FORMS": "2",
            "citations-1-source": str(source.pk),
            "citations-1-excerpt": "Moscow remains open to dialogue",
        }
    )
    curator_client.post(change_url, data)
    assert published.citations.count() == 1
    revision = Revision.objects.get()
    assert revision.summary == "Citation added: “Moscow remains open to dialog…”"
    services.approve_revision(revision, reviewer)
    assert sorted(c.excerpt for c in published.citations.all()) == [
        "Moscow remains open to dialogue",
        OLD,
    ]


def test_a_standalone_citation_delete_by_a_curator_waits(curator_client, published, source):
    Citation.objects.create(
        source=source, statement=published, excerpt="Moscow remains open to dialogue"
    )
    citation = published.citations.get(excerpt=OLD)
    response = curator_client.post(url(Citation, "delete", citation.pk), {"post": "yes"})
    assert response.status_code == 302
    assert Citation.objects.filter(pk=citation.pk).exists()
    revision = Revision.objects.get()
    assert (revision.object_id, revision.changes["inlines"][0]["op"]) == (published.pk, "delete")


def test_a_revision_that_could_never_apply_is_refused_at_once(curator_client, published):
    response = curator_edit(curator_client, published, date="2019-13-45")
    assert response.status_code == 200
    assert "date" in response.context["adminform"].form.errors
    assert not Revision.objects.exists()


def test_reviewer_edits_apply_directly(reviewer_client, published):
    curator_edit(reviewer_client, published, text=NEW)
    assert Statement.objects.get(pk=published.pk).text == NEW
    assert not Revision.objects.exists()


def test_change_form_shows_pending_revisions(curator_client, published):
    curator_edit(curator_client, published, text=NEW)
    page = curator_client.get(url(Statement, "change", published.pk)).content.decode()
    revision = Revision.objects.get()
    assert f"Revision #{revision.pk} by curator awaits review" in page
    assert reverse("admin:timeline_revision_review", args=[revision.pk]) in page
