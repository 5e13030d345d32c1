"""The demo dataset loads, reloads without changes, and its facts derive correctly."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from sources.models import Citation, Source
from sources.text import find_excerpt
from timeline.demo.loader import MODELS, counts
from timeline.models import Actor, Event, Statement, Treaty, TreatyAction
from timeline.treaty_status import PartyState, StatusAt, TreatyState

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """Load once per module inside a transaction that is rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_loaded, db):
    """Each test runs in a savepoint inside the module's transaction."""


def history_counts():
    return {m.__name__: m.history.count() for m in MODELS if hasattr(m, "history")}


def test_second_run_changes_nothing(demo):
    before, history_before = counts(), history_counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    assert history_counts() == history_before
    assert "Rows written this run: 0" in out.getvalue()
    for name in ("Treaty", "Event", "Citation"):
        assert name in out.getvalue()


def test_no_duplicate_rows(demo):
    dupes = (
        TreatyAction.objects.values("treaty", "actor", "action", "date")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not dupes.exists()
    assert (
        not Statement.objects.values("speaker", "date", "text")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .exists()
    )
    assert (
        not Citation.objects.values("source", "event", "statement", "treaty_action", "excerpt")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .exists()
    )


def test_every_citation_excerpt_verifies(demo):
    citations = Citation.objects.select_related("source")
    assert citations.count() >= 50
    for citation in citations:
        assert find_excerpt(citation.source.body, citation.excerpt) == (
            citation.start,
            citation.end,
        ), citation.excerpt
        assert citation.record is not None


def test_every_statement_is_cited_and_short(demo):
    for statement in Statement.objects.all():
        assert statement.citations.exists(), statement
        if statement.kind == "direct_quote":
            assert len(statement.text) <= 80 and statement.text.count(".") <= 1


def test_sizes_and_span(demo):
    assert Treaty.objects.count() >= 8
    assert Statement.objects.count() >= 15
    assert Source.objects.count() >= 10
    assert Source.objects.values("outlet").distinct().count() >= 8
    events = Event.objects.all()
    assert events.count() >= 40
    years = {e.date_start.year for e in events}
    assert min(years) == 1968 and max(years) == 2023
    for slug in (
        "inf-treaty",
        "new-start",
        "abm-treaty",
        "open-skies",
        "ctbt",
        "npt",
        "start-i",
        "salt-i",
    ):
        assert Treaty.objects.filter(slug=slug).exists(), slug


def test_some_records_are_not_published(demo):
    for model in (Actor, Treaty, TreatyAction, Event, Statement, Source):
        assert model.objects.exclude(status="published").exists(), model.__name__
    assert Event.objects.filter(status="draft").exists()
    assert Event.objects.filter(status="review").exists()


def test_aliases_cover_wire_names(demo):
    inf = Treaty.objects.get(slug="inf-treaty")
    assert {"INF Treaty", "Intermediate-Range Nuclear Forces Treaty", "INF"} <= set(inf.aliases)
    assert "Prague Treaty" in Treaty.objects.get(slug="new-start").aliases
    mfa = Actor.objects.get(slug="russian-mfa")
    assert {"Russian Foreign Ministry", "Foreign Ministry", "MFA", "Russian MFA"} <= set(
        mfa.aliases
    )
    assert Actor.objects.filter(aliases__contains=["State Department"]).exists()


def test_speaker_role_at_the_time(demo):
    lavrov = Statement.objects.get(speaker__slug="sergei-lavrov", date="2019-02-02")
    assert lavrov.speaker_position.title == "Minister of Foreign Affairs"
    assert lavrov.speaker_position.organisation.slug == "russian-mfa"
    pompeo = Statement.objects.filter(speaker__slug="mike-pompeo").first()
    assert pompeo.speaker_position.title == "Secretary of State"


def test_inf_treaty_status(demo):
    inf = Treaty.objects.get(slug="inf-treaty")
    us = Actor.objects.get(slug="united-states")
    russia = Actor.objects.get(slug="russia")
    assert inf.status_as_of(D("1987-12-07")).status == TreatyState.NOT_SIGNED
    assert inf.status_as_of(D("1988-05-31")).status == TreatyState.SIGNED
    in_force = inf.status_as_of(D("1988-06-01"))
    assert (in_force.status, in_force.since) == (TreatyState.IN_FORCE, D("1988-06-01"))
    parties = inf.parties_as_of(D("1988-06-01"))
    assert parties[us.pk].status == parties[russia.pk].status == PartyState.PARTY
    assert inf.status_as_of(D("2019-08-01")).status == TreatyState.SUSPENDED
    parties = inf.parties_as_of(D("2019-08-01"))
    # The US suspended its obligations and gave notice the same day: it stays suspended.
    assert parties[us.pk] == StatusAt(PartyState.SUSPENDED, D("2019-02-02"))
    assert parties[russia.pk].status == PartyState.SUSPENDED
    for day in ("2019-08-02", "2019-08-03"):
        ended = inf.status_as_of(D(day))
        assert (ended.status, ended.since) == (TreatyState.TERMINATED, D("2019-08-02"))
    assert inf.parties_as_of(D("2019-08-03"))[us.pk].status == PartyState.WITHDRAWN


def test_other_treaty_statuses(demo):
    def status(slug, day):
        return Treaty.objects.get(slug=slug).status_as_of(D(day)).status

    assert status("new-start", "2011-02-04") == TreatyState.SIGNED
    assert status("new-start", "2021-06-01") == TreatyState.IN_FORCE
    assert status("new-start", "2023-02-21") == TreatyState.SUSPENDED
    assert status("abm-treaty", "2002-06-12") == TreatyState.IN_FORCE
    assert status("abm-treaty", "2002-06-13") == TreatyState.TERMINATED
    assert status("start-i", "2000-01-01") == TreatyState.IN_FORCE
    assert status("start-i", "2010-01-01") == TreatyState.EXPIRED
    assert status("npt", "2023-12-31") == TreatyState.IN_FORCE
    assert status("ctbt", "2023-12-31") == TreatyState.SIGNED
    assert status("open-skies", "2022-01-01") == TreatyState.IN_FORCE
    assert status("salt-ii", "1990-01-01") == TreatyState.SIGNED

    ctbt = Treaty.objects.get(slug="ctbt")
    russia = Actor.objects.get(slug="russia")
    assert ctbt.parties_as_of(D("2023-11-01"))[russia.pk].status == PartyState.RATIFIED
    assert ctbt.parties_as_of(D("2023-11-02"))[russia.pk].status == PartyState.SIGNATORY
    open_skies = Treaty.objects.get(slug="open-skies")
    assert open_skies.parties_as_of(D("2021-12-18"))[russia.pk].status == PartyState.WITHDRAWN


# -- reloading never reverts what people changed --------------------------------------------


def _admin_edit(client, record, **changes):
    """Post the record's admin change form back with ``changes``, as a curator's browser does."""
    from django.urls import reverse

    from tests.test_admin import form_data

    meta = record._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_reload_keeps_an_admin_edit(demo, reviewer_client, reviewer):
    event = Event.objects.get(slug="russia-drops-start-ii-2002")
    _admin_edit(reviewer_client, event, place_name="Edited by a curator")
    assert event.history.first().history_user == reviewer

    out = StringIO()
    call_command("load_demo", stdout=out)

    event.refresh_from_db()
    assert event.place_name == "Edited by a curator"
    assert event.history.first().history_user == reviewer
    assert "Rows written this run: 0" in out.getvalue()


def test_reload_keeps_status_changes_and_deletions(demo, reviewer):
    from timeline import services

    event = Event.objects.get(slug="geneva-inf-talks-2019")
    services.transition(event, "draft", reviewer)
    statement = Statement.objects.filter(citations__isnull=False).first()
    # A published record keeps its last citation: retract it first, as a reviewer would.
    services.transition(statement, "retracted", reviewer)
    citation = statement.citations.first()
    excerpt = citation.excerpt
    citation._history_user = reviewer
    citation.delete()
    before = counts()

    out = StringIO()
    call_command("load_demo", stdout=out)

    assert Event.objects.get(slug="geneva-inf-talks-2019").status == "draft"
    assert Statement.objects.get(pk=statement.pk).status == "retracted"
    assert not statement.citations.filter(excerpt=excerpt).exists()
    assert counts() == before
    assert "Rows written this run: 0" in out.getvalue()


def test_a_changed_natural_key_is_not_loaded_again(demo, reviewer):
    statement = Statement.objects.get(speaker__slug="sergei-lavrov", date="2019-02-02")
    statement.text = statement.text + " (corrected)"
    statement._history_user = reviewer
    statement.save()
    before = counts()

    call_command("load_demo", stdout=StringIO())

    assert counts() == before
    assert Statement.objects.filter(speaker__slug="sergei-lavrov", date="2019-02-02").count() == 1


def test_loader_history_rows_say_who_and_why(demo):
    for model in (Actor, Treaty, TreatyAction, Event, Statement, Source, Citation):
        rows = model.history.all()
        assert rows.exists(), model.__name__
        assert set(rows.values_list("history_change_reason", flat=True)) == {"Loaded demo data"}
        assert set(rows.values_list("history_user__username", flat=True)) == {"demo-loader"}
    from django.contrib.auth import get_user_model

    account = get_user_model().objects.get(username="demo-loader")
    assert not account.is_active and not account.has_usable_password()


def test_upgraded_demo_adds_and_refreshes_only_untouched_records(demo, reviewer, monkeypatch):
    from timeline.demo import events as demo_events

    untouched, edited = "us-leaves-abm-treaty-2002", "russia-drops-start-ii-2002"
    kept = Event.objects.get(slug=edited)
    kept.summary = "A curator's summary."
    kept._history_user = reviewer
    kept.save()

    upgraded = []
    for data in demo_events.EVENTS:
        if data["slug"] in (untouched, edited):
            data = {**data, "summary": "The next demo release says more."}
        upgraded.append(data)
    new = {**demo_events.EVENTS[0], "slug": "a-new-demo-event", "cite": []}
    monkeypatch.setattr(demo_events, "EVENTS", [*upgraded, new])

    out = StringIO()
    call_command("load_demo", stdout=out)

    refreshed = Event.objects.get(slug=untouched)
    assert refreshed.summary == "The next demo release says more."
    assert refreshed.history.first().history_change_reason == "Loaded demo data"
    assert Event.objects.get(slug=edited).summary == "A curator's summary."
    assert Event.objects.filter(slug="a-new-demo-event").exists()
    assert "Kept 1 record changed since it was loaded" in out.getvalue()
