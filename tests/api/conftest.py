"""Shared fixtures for API tests: a client that posts GraphQL to /graphql/, users, a small world.

Add fixtures here; do not rewrite the ones others rely on.
"""

from __future__ import annotations

import base64
import json

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sources.models import Citation, Outlet, Source
from timeline.models import (
    Actor,
    Event,
    EventParticipant,
    EventRelation,
    EventType,
    Position,
    Statement,
    Tag,
    Treaty,
    TreatyAction,
)

PUBLISHED, DRAFT, REVIEW = "published", "draft", "review"


def gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


class GraphQLClient:
    """Posts JSON to the real view and returns the decoded body."""

    def __init__(self, client: Client):
        self.client = client
        self.queries = None

    def __call__(self, query: str, variables: dict | None = None, *, count_queries=False):
        payload = {"query": query, "variables": variables or {}}
        if count_queries:
            with CaptureQueriesContext(connection) as ctx:
                response = self.client.post(
                    "/graphql/", json.dumps(payload), content_type="application/json"
                )
            self.queries = ctx.captured_queries
        else:
            response = self.client.post(
                "/graphql/", json.dumps(payload), content_type="application/json"
            )
        assert response.status_code in (200, 400), response.content
        return json.loads(response.content)

    def data(self, query: str, variables: dict | None = None) -> dict:
        body = self(query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    def error(self, query: str, variables: dict | None = None) -> dict:
        body = self(query, variables)
        assert body.get("errors"), body
        return body["errors"][0]


@pytest.fixture
def gql(client) -> GraphQLClient:
    """Anonymous."""
    return GraphQLClient(client)


@pytest.fixture
def curator(db) -> User:
    user = User.objects.create_user("cura", password="x")
    group, _ = Group.objects.get_or_create(name="curator")
    user.groups.add(group)
    return user


@pytest.fixture
def curator_gql(curator) -> GraphQLClient:
    client = Client()
    client.force_login(curator)
    return GraphQLClient(client)


@pytest.fixture
def plain_user_gql(db) -> GraphQLClient:
    """Signed in, but neither staff nor curator: sees what the public sees."""
    client = Client()
    client.force_login(User.objects.create_user("reader", password="x"))
    return GraphQLClient(client)


class World:
    """A small, fully known dataset; attributes name the records."""


def _source(title, body, outlet=None, status=PUBLISHED, published="2019-08-02", **extra):
    return Source.objects.create(
        title=title, body=body, outlet=outlet, status=status, published=published, **extra
    )


@pytest.fixture
def world(db) -> World:
    w = World()
    w.usa = Actor.objects.create(
        name="United States", short_name="US", kind="state", status=PUBLISHED, aliases=["USA"]
    )
    w.russia = Actor.objects.create(
        name="Russia", kind="state", status=PUBLISHED, aliases=["Russian Federation"]
    )
    w.lavrov = Actor.objects.create(name="Sergei Lavrov", kind="person", status=PUBLISHED)
    w.pompeo = Actor.objects.create(name="Mike Pompeo", kind="person", status=PUBLISHED)
    w.secret = Actor.objects.create(name="Secret Actor", kind="group", status=DRAFT)
    w.lavrov_fm = Position.objects.create(
        person=w.lavrov,
        organisation=w.russia,
        title="Minister of Foreign Affairs",
        period="2004-03-09/..",
    )

    w.agreement = EventType.objects.create(name="Agreement", plover_code="AGREE")
    w.signing = EventType.objects.create(name="Signing", parent=w.agreement, cameo_code="057")
    w.withdrawal = EventType.objects.create(name="Withdrawal")
    w.test_type = EventType.objects.create(name="Missile test")
    w.nuclear = Tag.objects.create(name="Nuclear")
    w.europe = Tag.objects.create(name="Europe")

    w.inf = Treaty.objects.create(
        name="Intermediate-Range Nuclear Forces Treaty",
        short_name="INF Treaty",
        aliases=["INF"],
        kind="bilateral",
        signed="1987-12-08",
        entered_into_force="1988-06-01",
        summary="Eliminated ground-launched missiles with ranges of 500 to 5,500 km.",
        status=PUBLISHED,
    )
    w.draft_treaty = Treaty.objects.create(name="Draft Accord", kind="multilateral", status=DRAFT)

    w.ev_sign = Event.objects.create(
        title="INF Treaty signed",
        date="1987-12-08",
        event_type=w.signing,
        summary="Reagan and Gorbachev sign the treaty in Washington.",
        status=PUBLISHED,
        place_name="Washington",
        place_country=w.usa,
    )
    w.ev_suspend = Event.objects.create(
        title="United States suspends INF obligations",
        date="2019-02-02",
        event_type=w.withdrawal,
        summary="The United States suspends its obligations.",
        status=PUBLISHED,
    )
    w.ev_withdraw = Event.objects.create(
        title="United States withdraws from the INF Treaty",
        date="2019-08-02",
        event_type=w.withdrawal,
        summary="The withdrawal takes effect.",
        status=PUBLISHED,
    )
    w.ev_test = Event.objects.create(
        title="Ground-launched cruise missile test",
        date="2019-08-18",
        event_type=w.test_type,
        summary="A test of a missile the treaty had banned.",
        status=PUBLISHED,
    )
    w.ev_talks = Event.objects.create(
        title="Strategic stability talks",
        date="2019-03/2019-05",
        event_type=w.agreement,
        summary="Talks over several months.",
        status=PUBLISHED,
    )
    w.ev_ongoing = Event.objects.create(
        title="Moratorium on deployment",
        date="2019-09-01/..",
        event_type=w.agreement,
        summary="A moratorium that is still in place.",
        status=PUBLISHED,
    )
    w.ev_draft = Event.objects.create(
        title="Draft event about INF",
        date="2019-08-02",
        event_type=w.withdrawal,
        status=DRAFT,
    )
    w.ev_review = Event.objects.create(
        title="Event in review",
        date="2019-08-05",
        event_type=w.withdrawal,
        status=REVIEW,
    )
    for event, actor, role in [
        (w.ev_sign, w.usa, "participant"),
        (w.ev_sign, w.russia, "participant"),
        (w.ev_suspend, w.usa, "initiator"),
        (w.ev_suspend, w.russia, "target"),
        (w.ev_withdraw, w.usa, "initiator"),
        (w.ev_withdraw, w.secret, "participant"),
        (w.ev_test, w.usa, "initiator"),
        (w.ev_draft, w.russia, "initiator"),
    ]:
        EventParticipant.objects.create(event=event, actor=actor, role=role)
    for event in (w.ev_sign, w.ev_suspend, w.ev_withdraw, w.ev_test):
        event.treaties.add(w.inf)
    w.ev_withdraw.treaties.add(w.draft_treaty)
    w.ev_withdraw.tags.add(w.nuclear, w.europe)
    w.ev_test.tags.add(w.nuclear)
    EventRelation.objects.create(from_event=w.ev_test, to_event=w.ev_withdraw, kind="follows")
    EventRelation.objects.create(from_event=w.ev_test, to_event=w.ev_draft, kind="responds_to")

    def action(kind, actor, date, **extra):
        return TreatyAction.objects.create(
            treaty=extra.pop("treaty", w.inf),
            actor=actor,
            action=kind,
            date=date,
            status=extra.pop("status", PUBLISHED),
            **extra,
        )

    w.act_sign_us = action("signature", w.usa, "1987-12-08", event=w.ev_sign)
    w.act_sign_ru = action("signature", w.russia, "1987-12-08", event=w.ev_sign)
    w.act_force = action("entry_into_force", None, "1988-06-01")
    w.act_suspend = action("suspension", w.usa, "2019-02-02", event=w.ev_suspend)
    w.act_notice = action("withdrawal_notice", w.usa, "2019-02-02")
    w.act_withdraw = action("withdrawal_effective", w.usa, "2019-08-02", event=w.ev_withdraw)
    w.act_draft = action("withdrawal_notice", w.russia, "2019-03-04", status=DRAFT)
    w.act_hidden_treaty = action("signature", w.usa, "2019-08-02", treaty=w.draft_treaty)

    w.st_lavrov = Statement.objects.create(
        speaker=w.lavrov,
        on_behalf_of=w.russia,
        date="2019-08-02",
        venue="Moscow",
        text="The United States has destroyed the treaty with its own hands.",
        status=PUBLISHED,
        language="en",
    )
    w.st_lavrov.treaties.add(w.inf)
    w.st_lavrov.events.add(w.ev_withdraw)
    w.st_pompeo = Statement.objects.create(
        speaker=w.pompeo,
        on_behalf_of=w.usa,
        date="2019-02-01",
        text="Russia is solely responsible for the treaty's demise.",
        status=PUBLISHED,
    )
    w.st_pompeo.treaties.add(w.inf)
    w.st_russian = Statement.objects.create(
        speaker=w.lavrov,
        date="2019-08-03",
        language="ru",
        text="Договоры о ракетах больше не действуют.",
        status=PUBLISHED,
    )
    w.st_draft = Statement.objects.create(
        speaker=w.lavrov,
        date="2019-08-02",
        text="A draft quote.",
        status=DRAFT,
    )
    w.st_hidden_speaker = Statement.objects.create(
        speaker=w.secret,
        date="2019-08-02",
        text="Words of a secret actor.",
        status=PUBLISHED,
    )

    w.tass = Outlet.objects.create(name="TASS", kind="wire", country=w.russia)
    w.src_tass = _source(
        "Lavrov: US destroyed INF Treaty",
        "MOSCOW, August 2. /TASS/. The United States has destroyed the treaty with its own "
        "hands, Foreign Minister Sergei Lavrov said. The withdrawal took effect on Friday.",
        outlet=w.tass,
        url="https://tass.example/1",
    )
    w.src_draft = _source(
        "Unpublished wire copy",
        "The United States withdraws from the INF Treaty, officials said on Friday.",
        status=DRAFT,
    )
    w.cit_statement = Citation.objects.create(
        source=w.src_tass,
        statement=w.st_lavrov,
        excerpt="The United States has destroyed the treaty with its own hands",
    )
    w.cit_event = Citation.objects.create(
        source=w.src_tass,
        event=w.ev_withdraw,
        excerpt="The withdrawal took effect on Friday",
    )
    w.cit_draft_source = Citation.objects.create(
        source=w.src_draft,
        event=w.ev_withdraw,
        excerpt="The United States withdraws from the INF Treaty",
    )
    w.cit_action = Citation.objects.create(
        source=w.src_tass,
        treaty_action=w.act_withdraw,
        excerpt="The withdrawal took effect",
    )
    return w


@pytest.fixture
def count_queries():
    """Context manager capturing the SQL of a block: ``with count_queries() as ctx``."""
    return lambda: CaptureQueriesContext(connection)
