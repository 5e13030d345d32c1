"""Shared fixtures: users in the curator/reviewer groups and a small, generic data set.

The groups come from migration ``timeline.0003_curator_reviewer_groups``; the
fixtures only put users in them, so tests exercise the real permissions.
Sub-folders may add their own conftest files; keep these generic.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from sources.models import Citation, Outlet, OutletKind, Source
from timeline.models import (
    ActionKind,
    Actor,
    ActorKind,
    Event,
    EventType,
    Position,
    Statement,
    Treaty,
    TreatyAction,
    TreatyKind,
)

SOURCE_BODY = (
    "MOSCOW, March 19 (TASS). Russian Foreign Minister Sergei Lavrov said on Tuesday that "
    "\u201cthe INF Treaty is dead\u201d after the United States suspended its obligations.\n\n"
    "He added that Moscow   remains open to dialogue."
)


def _staff_user(username: str, group: str | None = None) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", None, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def curator(db) -> User:
    """A staff user in the "curator" group: edits and submits, cannot publish."""
    return _staff_user("curator", "curator")


@pytest.fixture
def reviewer(db) -> User:
    """A staff user in the "reviewer" group: may also publish, retract and delete."""
    return _staff_user("reviewer", "reviewer")


@pytest.fixture
def staff_without_perms(db) -> User:
    """A staff user in no group and with no permissions."""
    return _staff_user("nobody")


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def usa(db) -> Actor:
    return Actor.objects.create(
        name="United States of America",
        short_name="United States",
        aliases=["US", "USA", "Washington"],
        kind=ActorKind.STATE,
        wikidata_id="Q30",
    )


@pytest.fixture
def russia(db) -> Actor:
    return Actor.objects.create(
        name="Russia",
        aliases=["Russian Federation", "Moscow"],
        kind=ActorKind.STATE,
        wikidata_id="Q159",
    )


@pytest.fixture
def lavrov(db, russia) -> Actor:
    return Actor.objects.create(
        name="Sergei Lavrov", aliases=["Lavrov"], kind=ActorKind.PERSON, wikidata_id="Q131214"
    )


@pytest.fixture
def lavrov_minister(lavrov, russia) -> Position:
    return Position.objects.create(
        person=lavrov,
        organisation=russia,
        title="Minister of Foreign Affairs",
        period="2004-03-09/..",
    )


@pytest.fixture
def event_type(db) -> EventType:
    return EventType.objects.create(
        name="Suspend agreement", plover_code="REDUCE", cameo_code="1056"
    )


@pytest.fixture
def inf_treaty(db) -> Treaty:
    """The INF Treaty with no actions (tests add the ones they need)."""
    return Treaty.objects.create(
        name="Intermediate-Range Nuclear Forces Treaty",
        short_name="INF Treaty",
        aliases=[
            "INF",
            "Treaty on the Elimination of Intermediate-Range and Shorter-Range Missiles",
        ],
        kind=TreatyKind.BILATERAL,
        signed="1987-12-08",
        entered_into_force="1988-06-01",
        wikidata_id="Q1060937",
    )


@pytest.fixture
def event(db, event_type, usa, inf_treaty) -> Event:
    """A draft event: the US suspends its INF obligations."""
    event = Event.objects.create(
        title="United States suspends INF Treaty obligations",
        summary="The US suspends its obligations and gives notice of withdrawal.",
        date="2019-02-02",
        event_type=event_type,
        place_name="Washington",
        place_country=usa,
    )
    event.treaties.add(inf_treaty)
    return event


@pytest.fixture
def statement(db, lavrov, russia, inf_treaty) -> Statement:
    statement = Statement.objects.create(
        speaker=lavrov,
        on_behalf_of=russia,
        date="2019-03-19",
        venue="Moscow",
        text="the INF Treaty is dead",
    )
    statement.treaties.add(inf_treaty)
    return statement


@pytest.fixture
def treaty_action(db, inf_treaty, usa) -> TreatyAction:
    return TreatyAction.objects.create(
        treaty=inf_treaty, actor=usa, action=ActionKind.WITHDRAWAL_NOTICE, date="2019-02-02"
    )


@pytest.fixture
def outlet(db, russia) -> Outlet:
    return Outlet.objects.create(
        name="TASS", aliases=["/TASS/"], kind=OutletKind.WIRE, country=russia
    )


@pytest.fixture
def source(db, outlet) -> Source:
    return Source.objects.create(
        outlet=outlet,
        title="Lavrov: the INF Treaty is dead",
        url="https://tass.example/inf-dead",
        published="2019-03-19",
        dateline_place="Moscow",
        body=SOURCE_BODY,
    )


@pytest.fixture
def citation(db, source, event) -> Citation:
    return Citation.objects.create(
        source=source, event=event, excerpt="the United States suspended its obligations"
    )


@pytest.fixture(autouse=True)
def _api_rate_limit_off(settings):
    """The suite sends thousands of API requests from one address within a minute.

    Tests of the limit itself set API_RATE_LIMIT with override_settings (tests/ops/).
    """
    settings.API_RATE_LIMIT = ""


@pytest.fixture(autouse=True)
def _fresh_search_statistics_cache():
    """Each test sees its own data's word statistics (timeline.querysets.has_rare_word keeps
    its answers per process for a few minutes)."""
    from timeline import querysets

    querysets._RARE_WORDS.clear()
