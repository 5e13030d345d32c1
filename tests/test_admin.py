"""The admin as curators and reviewers use it: every model's pages, permissions, search, actions."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.urls import reverse

from sources.models import Citation, Outlet, Source
from timeline.models import (
    Actor,
    Event,
    EventParticipant,
    EventRelation,
    EventType,
    ParticipantRole,
    Position,
    RelationKind,
    Revision,
    Statement,
    Status,
    Tag,
    Treaty,
    TreatyAction,
)

pytestmark = pytest.mark.django_db

DOMAIN_MODELS = [
    Actor,
    Position,
    Treaty,
    TreatyAction,
    EventType,
    Tag,
    Event,
    EventParticipant,
    EventRelation,
    Statement,
    Outlet,
    Source,
    Citation,
]


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def one_of_each(
    usa, lavrov_minister, inf_treaty, treaty_action, event, statement, outlet, source, citation
):
    """One row of every domain model, keyed by model."""
    other = Event.objects.create(
        title="Russia suspends", date="2019-03-04", event_type=event.event_type
    )
    return {
        Actor: usa,
        Position: lavrov_minister,
        Treaty: inf_treaty,
        TreatyAction: treaty_action,
        EventType: event.event_type,
        Tag: Tag.objects.create(name="arms control"),
        Event: event,
        EventParticipant: EventParticipant.objects.create(
            event=event, actor=usa, role=ParticipantRole.INITIATOR
        ),
        EventRelation: EventRelation.objects.create(
            from_event=other, to_event=event, kind=RelationKind.RESPONDS_TO
        ),
        Statement: statement,
        Outlet: outlet,
        Source: source,
        Citation: citation,
    }


def test_every_domain_model_is_registered():
    registered = {m for m in admin.site._registry if m._meta.app_label in ("timeline", "sources")}
    # Revisions are listed read-only; they are made by editing records (tests/timeline).
    assert registered == {*DOMAIN_MODELS, Revision}


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda m: m.__name__)
def test_curator_sees_changelist_add_and_change_forms(curator_client, one_of_each, model):
    record = one_of_each[model]
    changelist = curator_client.get(url(model, "changelist"))
    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count == model.objects.count() >= 1
    assert curator_client.get(url(model, "add")).status_code == 200
    change = curator_client.get(url(model, "change", record.pk))
    assert change.status_code == 200
    assert change.context["original"] == record


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda m: m.__name__)
def test_staff_without_permission_gets_403(client, staff_without_perms, one_of_each, model):
    client.force_login(staff_without_perms)
    assert client.get(url(model, "changelist")).status_code == 403
    assert client.get(url(model, "change", one_of_each[model].pk)).status_code == 403


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(url(Event, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("model", "query", "fixture"),
    [
        (Treaty, "Shorter-Range Missiles", "inf_treaty"),
        (Treaty, "inf", "inf_treaty"),
        (Actor, "Washington", "usa"),
        (Actor, "russian federation", "russia"),
        (Outlet, "/TASS/", "outlet"),
    ],
)
def test_admin_search_finds_by_alias(curator_client, request, model, query, fixture):
    record = request.getfixturevalue(fixture)
    Treaty.objects.create(name="Treaty on Open Skies", short_name="Open Skies", kind="multilateral")
    Actor.objects.create(name="Canada", kind="state", aliases=["Ottawa"])
    response = curator_client.get(url(model, "changelist"), {"q": query})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [record]


def test_changelist_decade_filter(curator_client, event, event_type):
    Event.objects.create(title="INF signed", date="1987-12-08", event_type=event_type)
    response = curator_client.get(url(Event, "changelist"), {"decade": "2010"})
    assert list(response.context["cl"].result_list) == [event]


# --- workflow actions ------------------------------------------------------------------------


def run_action(client, model, action, *records):
    return client.post(
        url(model, "changelist"),
        {"action": action, "_selected_action": [r.pk for r in records]},
        follow=True,
    )


def messages_of(response):
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


def test_curator_submits_for_review(curator_client, event):
    response = run_action(curator_client, Event, "mark_review", event)
    event.refresh_from_db()
    assert event.status == Status.REVIEW
    assert messages_of(response) == [("success", "1 record(s) moved to review.")]


def test_publish_action_as_curator_is_refused(curator_client, event, citation):
    Event.objects.filter(pk=event.pk).update(status=Status.REVIEW)
    response = run_action(curator_client, Event, "mark_published", event)
    event.refresh_from_db()
    assert event.status == Status.REVIEW
    assert messages_of(response) == [
        ("error", "You may not move this event from review to published.")
    ]


def test_publish_action_as_reviewer_publishes(reviewer_client, event, citation):
    Source.objects.filter(pk=citation.source_id).update(status=Status.PUBLISHED)
    Event.objects.filter(pk=event.pk).update(status=Status.REVIEW)
    response = run_action(reviewer_client, Event, "mark_published", event)
    event.refresh_from_db()
    assert (event.status, event.version) == (Status.PUBLISHED, 2)
    assert messages_of(response) == [("success", "1 record(s) moved to published.")]


def test_publish_action_reports_uncited_records(reviewer_client, event, statement, citation):
    Event.objects.filter(pk=event.pk).update(status=Status.REVIEW)
    Statement.objects.filter(pk=statement.pk).update(status=Status.REVIEW)
    response = run_action(reviewer_client, Statement, "mark_published", statement)
    statement.refresh_from_db()
    assert statement.status == Status.REVIEW
    assert messages_of(response) == [
        (
            "error",
            "“Sergei Lavrov: “the INF Treaty is dead” (2019-03-19)” cites no source; "
            "add a citation of a published source before publishing.",
        )
    ]


# --- the change form cannot bypass the workflow ---------------------------------------------


def form_data(response) -> dict:
    """The POST data a browser would send back for the rendered change form, unchanged."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            bound = form[name]
            value = field.prepare_value(bound.value())
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = str(value)

    add(response.context["adminform"].form)
    # The history "revert" page has no inlines.
    inlines = response.context.get("inline_admin_formsets") or []
    for inline in inlines:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


@pytest.mark.parametrize("model", [Event, Treaty, Actor, Statement, TreatyAction, Source])
def test_status_is_not_editable_in_the_change_form(curator_client, one_of_each, model):
    record = one_of_each[model]
    change_url = url(model, "change", record.pk)
    data = form_data(curator_client.get(change_url))
    data["status"] = Status.PUBLISHED
    response = curator_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record.refresh_from_db()
    assert record.status == Status.DRAFT


def test_treaty_inline_cannot_publish_actions(curator_client, treaty_action):
    change_url = url(Treaty, "change", treaty_action.treaty.pk)
    data = form_data(curator_client.get(change_url))
    data["actions-0-status"] = Status.PUBLISHED
    response = curator_client.post(change_url, data)
    assert response.status_code == 302
    treaty_action.refresh_from_db()
    assert treaty_action.status == Status.DRAFT


def test_curator_adds_an_event_as_a_draft(curator_client, event_type):
    response = curator_client.get(url(Event, "add"))
    data = form_data(response)
    data.update(title="Russia suspends INF", slug="", date="2019-03-04", event_type=event_type.pk)
    response = curator_client.post(url(Event, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(title="Russia suspends INF")
    assert (event.status, event.version, event.slug) == (
        Status.DRAFT,
        1,
        "russia-suspends-inf-2019",
    )


def test_invalid_date_in_the_change_form_is_shown_once(curator_client, event):
    change_url = url(Event, "change", event.pk)
    data = form_data(curator_client.get(change_url))
    data["date"] = "March 19"
    response = curator_client.post(change_url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["date"]
    assert len(errors["date"]) == 1
    assert errors["date"][0].startswith("'March 19' is not a valid date. Enter an EDTF date:")


# --- deleting a source ----------------------------------------------------------------------


SOURCE_DELETE_REFUSAL = (
    "Source “Lavrov: the INF Treaty is dead” cannot be deleted: it backs published event "
    "“United States suspends INF Treaty obligations (2019-02-02)”. Nothing was deleted. "
    "Retract those records, or cite another published source for them and remove this "
    "source's citations, then delete it."
)


def test_admin_refuses_to_delete_a_source_backing_a_published_record(
    reviewer_client, source, citation, event
):
    Event.objects.filter(pk=event.pk).update(status=Status.PUBLISHED)
    delete_url = url(Source, "delete", source.pk)
    for response in (
        reviewer_client.get(delete_url, follow=True),
        reviewer_client.post(delete_url, {"post": "yes"}, follow=True),
    ):
        assert response.redirect_chain == [(url(Source, "change", source.pk), 302)]
        assert messages_of(response) == [("error", SOURCE_DELETE_REFUSAL)]
        html = response.content.decode()
        assert "protected related objects" not in html
    assert Source.objects.filter(pk=source.pk).exists()
    assert Citation.objects.filter(pk=citation.pk).exists()


def test_bulk_delete_of_sources_gives_our_refusal_before_any_confirmation(
    reviewer_client, source, citation, event
):
    Event.objects.filter(pk=event.pk).update(status=Status.PUBLISHED)
    response = run_action(reviewer_client, Source, "delete_selected", source)
    assert messages_of(response) == [("error", SOURCE_DELETE_REFUSAL)]
    assert "protected related objects" not in response.content.decode()
    assert Source.objects.filter(pk=source.pk).exists()


def test_admin_deletes_a_source_backing_only_drafts(reviewer_client, source, citation):
    response = reviewer_client.post(url(Source, "delete", source.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Source.objects.exists()
    assert not Citation.objects.exists()


def test_curator_may_not_delete_sources(curator_client, source):
    assert curator_client.get(url(Source, "delete", source.pk)).status_code == 403


# --- concurrent edits -------------------------------------------------------------------------


def test_admin_edit_bumps_the_version(curator_client, event):
    change_url = url(Event, "change", event.pk)
    data = form_data(curator_client.get(change_url))
    data["title"] = "Edited title"
    response = curator_client.post(change_url, data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.version) == ("Edited title", 2)


def test_admin_refuses_a_stale_edit_and_keeps_the_other_curators_change(curator_client, event):
    change_url = url(Event, "change", event.pk)
    opened = form_data(curator_client.get(change_url))
    # Someone else saves first.
    other = curator_client.post(change_url, {**opened, "title": "Their title"})
    assert other.status_code == 302
    response = curator_client.post(change_url, {**opened, "title": "My title"})
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert errors == [
        "Someone else saved this record while you were editing it (now version 2, you opened "
        "version 1). Your changes were not saved: reload the page to see theirs. curator "
        "changed: title “United States suspends INF Treaty obligations” → “Their title”."
    ]
    event.refresh_from_db()
    assert (event.title, event.version) == ("Their title", 2)


# --- review queue -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("band", "expected"),
    [("low", ["0.3"]), ("medium", ["0.6"]), ("high", ["0.9"]), ("manual", ["None"])],
)
def test_review_queue_filters_statements_by_confidence(curator_client, lavrov, band, expected):
    for confidence in (0.3, 0.6, 0.9, None):
        Statement.objects.create(
            speaker=lavrov,
            date="2019-03-19",
            text=f"Said with {confidence}.",
            confidence=confidence,
        )
    response = curator_client.get(url(Statement, "changelist"), {"confidence": band})
    shown = [str(s.confidence) for s in response.context["cl"].result_list]
    assert shown == expected


def test_source_list_counts_the_draft_records_it_backs(curator_client, source, citation):
    response = curator_client.get(url(Source, "changelist"))
    row = next(s for s in response.context["cl"].result_list if s.pk == source.pk)
    assert row.draft_count == 1
    assert "Draft records cited" in response.content.decode()
