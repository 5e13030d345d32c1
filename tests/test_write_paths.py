"""Every write path goes through the services layer (DESIGN §1): each path below is run
while every save, delete and many-to-many change of a domain model is watched, and
each one must happen inside a service function."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.test import Client

from sources.models import Citation, Outlet, Source
from tests.test_admin import form_data, run_action, url
from timeline import services
from timeline.admin_tools import ServiceWritesMixin, VersionedInline
from timeline.models import Event, Position, Revision, Statement, Status, Tag

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
DOMAIN_APPS = ("timeline", "sources")


@pytest.fixture
def watch():
    """Records (model, inside a service?) for every domain write while the test runs.

    Listed last in each test's arguments, so the other fixtures' set-up is not watched.
    """
    seen: list[tuple[str, bool]] = []

    def record(sender, **kwargs):
        if sender._meta.app_label in DOMAIN_APPS:
            seen.append((sender.__name__, services.in_service()))

    models = [m for m in apps.get_models() if m._meta.app_label in DOMAIN_APPS]
    for model in models:
        pre_save.connect(record, sender=model, weak=False)
        pre_delete.connect(record, sender=model, weak=False)
    m2m_changed.connect(record, weak=False)
    yield seen
    for model in models:
        pre_save.disconnect(record, sender=model)
        pre_delete.disconnect(record, sender=model)
    m2m_changed.disconnect(record)


def assert_all_through_services(seen, *expected_models):
    assert seen, "the path wrote nothing"
    outside = sorted({name for name, inside in seen if not inside})
    assert outside == [], f"written outside the services layer: {outside}"
    written = {name for name, _ in seen}
    assert set(expected_models) <= written, written


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_form(client, target, **changes):
    data = form_data(client.get(target))
    data.update(changes)
    response = client.post(target, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


# --- the admin -------------------------------------------------------------------------------


def test_every_domain_admin_and_inline_writes_through_services():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in DOMAIN_APPS or model is Revision:
            continue
        assert isinstance(model_admin, ServiceWritesMixin), model
        for inline in model_admin.inlines:
            assert issubclass(inline, VersionedInline), inline


def test_admin_add_with_inline(curator, event_type, source, watch):
    client = login(curator)
    data = form_data(client.get(url(Event, "add")))
    data.update(
        title="Talks resume",
        date="2019-03-19",
        event_type=str(event_type.pk),
        **{
            "citations-TOTAL_FORMS": "1",
            "citations-0-source": str(source.pk),
            "citations-0-excerpt": "Moscow remains open to dialogue",
        },
    )
    assert client.post(url(Event, "add"), data).status_code == 302
    assert_all_through_services(watch, "Event", "Citation", "HistoricalEvent")


def test_admin_change_and_inline_delete(reviewer, event, citation, watch):
    client = login(reviewer)
    post_form(
        client, url(Event, "change", event.pk), title="Renamed", **{"citations-0-DELETE": "on"}
    )
    assert not Citation.objects.exists()
    assert_all_through_services(watch, "Event", "Citation")


def test_admin_standalone_rows(curator, lavrov, russia, outlet, citation, watch):
    client = login(curator)
    post_form(client, url(Citation, "change", citation.pk), note="checked")
    post_form(client, url(Outlet, "change", outlet.pk), url="https://tass.example")
    data = form_data(client.get(url(Position, "add")))
    data.update(person=lavrov.pk, organisation=russia.pk, title="Envoy", period="1990/1992")
    assert client.post(url(Position, "add"), data).status_code == 302
    data = form_data(client.get(url(Tag, "add")))
    data.update(name="arms control", slug="arms-control")
    assert client.post(url(Tag, "add"), data).status_code == 302
    assert_all_through_services(watch, "Citation", "Outlet", "Position", "Tag")


def test_admin_delete_views_and_bulk_delete(reviewer, event, citation, statement, watch):
    client = login(reviewer)
    assert client.post(url(Citation, "delete", citation.pk), {"post": "yes"}).status_code == 302
    response = client.post(
        url(Statement, "changelist"),
        {"action": "delete_selected", "_selected_action": [statement.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Statement.objects.exists()
    assert_all_through_services(watch, "Citation", "Statement")


def test_admin_bulk_actions_and_buttons(reviewer, curator, event, citation, source, watch):
    Source.objects.filter(pk=source.pk).update(status=Status.PUBLISHED)
    run_action(login(curator), Event, "mark_review", event)
    response = login(reviewer).post(
        url(Event, "workflow", event.pk), {"to": Status.PUBLISHED}, follow=True
    )
    assert response.status_code == 200
    assert Event.objects.get(pk=event.pk).status == Status.PUBLISHED
    assert_all_through_services(watch, "Event", "HistoricalEvent")


def test_history_restore(reviewer, event, watch):
    client = login(reviewer)
    post_form(client, url(Event, "change", event.pk), title="Renamed")
    row = event.history.order_by("history_date").first()
    target = f"/admin/timeline/event/{event.pk}/history/{row.history_id}/"
    assert client.post(target, form_data(client.get(target))).status_code == 302
    assert_all_through_services(watch, "Event")


def test_revision_proposed_and_approved(curator, reviewer, event, citation, source, watch):
    Source.objects.filter(pk=source.pk).update(status=Status.PUBLISHED)
    Event.objects.filter(pk=event.pk).update(status=Status.PUBLISHED)
    post_form(login(curator), url(Event, "change", event.pk), title="Renamed")
    revision = Revision.objects.get()
    response = login(reviewer).post(
        f"/admin/timeline/revision/{revision.pk}/review/", {"approve": "1"}
    )
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).title == "Renamed"
    assert_all_through_services(watch, "Event", "Revision")


# --- the ingester ----------------------------------------------------------------------------


def test_ingester(watch):
    # All fixture articles: same-story links, reposts and unreadable files included.
    call_command(
        "ingest_articles",
        *sorted(str(p) for p in ARTICLES.glob("*.txt")),
        "--no-progress",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert_all_through_services(watch, "Source", "Statement", "Citation")


# --- GraphQL mutations -------------------------------------------------------------------------


def test_graphql_mutations(curator, lavrov, source, watch):
    from tests.api.conftest import GraphQLClient, gid

    client = Client()
    client.force_login(curator)
    created = GraphQLClient(client).data(
        """mutation($input: StatementInput!) { statementCreate(input: $input) {
          statement { id } errors { message } } }""",
        {"input": {"speaker": gid("Actor", lavrov.pk), "date": "2019", "text": "Said."}},
    )["statementCreate"]
    assert created["errors"] == []
    GraphQLClient(client).data(
        """mutation($id: ID!) { recordSubmit(id: $id) { errors { message } } }""",
        {"id": created["statement"]["id"]},
    )
    assert_all_through_services(watch, "Statement", "HistoricalStatement")
