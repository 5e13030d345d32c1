"""Treaty status and each party's status as of a date, derived from real treaties' actions.

Each case lists the actions as recorded, then the expected state from each
action's day on (treaty status and since; each party's status and since). The
tests check the day before, the day of and the day after every action against
that table, through ``Treaty.status_as_of`` and ``Treaty.parties_as_of``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.models import ActionKind, Actor, ActorKind, Status, Treaty, TreatyAction, TreatyKind
from timeline.treaty_status import PartyState as P
from timeline.treaty_status import StatusAt
from timeline.treaty_status import TreatyState as T

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
DAY = dt.timedelta(days=1)


def act(treaty, actor, action, date, **extra) -> TreatyAction:
    return TreatyAction.objects.create(
        treaty=treaty, actor=actor, action=action, date=date, **extra
    )


def state(actors_by_id, treaty, day):
    status = treaty.status_as_of(day)
    parties = {
        actors_by_id[actor_id]: (s.status, s.since)
        for actor_id, s in treaty.parties_as_of(day).items()
    }
    return (status.status, status.since), parties


def expected_on(table, day):
    """The last row of ``table`` whose day is on or before ``day``."""
    current = table[0][1:]
    for row in table[1:]:
        if row[0] <= day:
            current = row[1:]
    return current


def check_around_each_action(treaty, actors, table):
    actors_by_id = {a.pk: a.name for a in actors}
    days = sorted({a.date_start for a in treaty.actions.all()})
    assert days, "the case has actions"
    for action_day in days:
        for day in (action_day - DAY, action_day, action_day + DAY):
            treaty_state, parties = expected_on(table, day)
            assert state(actors_by_id, treaty, day) == (treaty_state, parties), day


def actor(name, kind=ActorKind.STATE) -> Actor:
    return Actor.objects.create(name=name, kind=kind)


# --- INF: bilateral, terminated by one party's withdrawal -------------------------------


@pytest.fixture
def inf(inf_treaty, usa, russia):
    act(inf_treaty, usa, ActionKind.SIGNATURE, "1987-12-08")
    act(inf_treaty, russia, ActionKind.SIGNATURE, "1987-12-08")  # as the USSR
    act(inf_treaty, None, ActionKind.ENTRY_INTO_FORCE, "1988-06-01")
    act(inf_treaty, usa, ActionKind.WITHDRAWAL_NOTICE, "2019-02-02")
    act(inf_treaty, russia, ActionKind.SUSPENSION, "2019-03-04")
    act(inf_treaty, usa, ActionKind.WITHDRAWAL_EFFECTIVE, "2019-08-02")
    return inf_treaty


US, RU = "United States of America", "Russia"

INF_TABLE = [
    (None, (T.NOT_SIGNED, None), {}),
    (
        D("1987-12-08"),
        (T.SIGNED, D("1987-12-08")),
        {US: (P.SIGNATORY, D("1987-12-08")), RU: (P.SIGNATORY, D("1987-12-08"))},
    ),
    (
        D("1988-06-01"),
        (T.IN_FORCE, D("1988-06-01")),
        {US: (P.PARTY, D("1988-06-01")), RU: (P.PARTY, D("1988-06-01"))},
    ),
    (
        D("2019-02-02"),
        (T.IN_FORCE, D("1988-06-01")),
        {US: (P.WITHDRAWING, D("2019-02-02")), RU: (P.PARTY, D("1988-06-01"))},
    ),
    (
        D("2019-03-04"),
        (T.SUSPENDED, D("2019-03-04")),
        {US: (P.WITHDRAWING, D("2019-02-02")), RU: (P.SUSPENDED, D("2019-03-04"))},
    ),
    (
        D("2019-08-02"),
        (T.TERMINATED, D("2019-08-02")),
        {US: (P.WITHDRAWN, D("2019-08-02")), RU: (P.TREATY_ENDED, D("2019-08-02"))},
    ),
]


def test_inf_around_each_action(inf, usa, russia):
    check_around_each_action(inf, [usa, russia], INF_TABLE)


def test_inf_is_terminated_long_after(inf, usa, russia):
    assert inf.status_as_of(D("2025-01-01")) == StatusAt(T.TERMINATED, D("2019-08-02"))
    assert inf.parties_as_of(D("2025-01-01")) == {
        usa.pk: StatusAt(P.WITHDRAWN, D("2019-08-02")),
        russia.pk: StatusAt(P.TREATY_ENDED, D("2019-08-02")),
    }


def test_retracted_actions_do_not_count(inf, usa):
    withdrawal = inf.actions.get(action=ActionKind.WITHDRAWAL_EFFECTIVE)
    withdrawal.status = Status.RETRACTED
    withdrawal.save()
    assert inf.status_as_of(D("2019-08-03")) == StatusAt(T.SUSPENDED, D("2019-03-04"))


def test_callers_may_restrict_the_actions_that_count(inf):
    before_2019 = inf.actions.filter(date_start__lt=D("2019-01-01"))
    assert inf.status_as_of(D("2020-01-01"), actions=before_2019) == StatusAt(
        T.IN_FORCE, D("1988-06-01")
    )


# --- New START: bilateral, extended, suspended, then expired -----------------------------


@pytest.fixture
def new_start(usa, russia):
    treaty = Treaty.objects.create(
        name="Treaty on Measures for the Further Reduction and Limitation of Strategic "
        "Offensive Arms",
        short_name="New START",
        kind=TreatyKind.BILATERAL,
        signed="2010-04-08",
        entered_into_force="2011-02-05",
        expires="2021-02-05",
    )
    act(treaty, usa, ActionKind.SIGNATURE, "2010-04-08")
    act(treaty, russia, ActionKind.SIGNATURE, "2010-04-08")
    act(treaty, None, ActionKind.ENTRY_INTO_FORCE, "2011-02-05")
    act(treaty, None, ActionKind.EXTENSION, "2021-02-03", extended_until="2026-02-05")
    act(treaty, russia, ActionKind.SUSPENSION, "2023-02-21")
    return treaty


NEW_START_TABLE = [
    (None, (T.NOT_SIGNED, None), {}),
    (
        D("2010-04-08"),
        (T.SIGNED, D("2010-04-08")),
        {US: (P.SIGNATORY, D("2010-04-08")), RU: (P.SIGNATORY, D("2010-04-08"))},
    ),
    (
        D("2011-02-05"),
        (T.IN_FORCE, D("2011-02-05")),
        {US: (P.PARTY, D("2011-02-05")), RU: (P.PARTY, D("2011-02-05"))},
    ),
    (
        D("2023-02-21"),
        (T.SUSPENDED, D("2023-02-21")),
        {US: (P.PARTY, D("2011-02-05")), RU: (P.SUSPENDED, D("2023-02-21"))},
    ),
    (
        D("2026-02-05"),
        (T.EXPIRED, D("2026-02-05")),
        {US: (P.TREATY_ENDED, D("2026-02-05")), RU: (P.TREATY_ENDED, D("2026-02-05"))},
    ),
]


def test_new_start_around_each_action(new_start, usa, russia):
    check_around_each_action(new_start, [usa, russia], NEW_START_TABLE)


@pytest.mark.parametrize(
    "day", ["2021-02-04", "2021-02-05", "2021-02-06", "2026-02-04", "2026-02-05", "2026-02-06"]
)
def test_new_start_around_both_expiry_dates(new_start, usa, russia, day):
    # The original expiry (2021-02-05) passes in force thanks to the extension;
    # the extended one (2026-02-05) is the day it ceases to be in force.
    actors_by_id = {usa.pk: US, russia.pk: RU}
    assert state(actors_by_id, new_start, D(day)) == expected_on(NEW_START_TABLE, D(day))


def test_new_start_without_the_extension_expires_after_the_original_date(new_start, usa):
    new_start.actions.filter(action=ActionKind.EXTENSION).delete()
    assert new_start.status_as_of(D("2021-02-04")) == StatusAt(T.IN_FORCE, D("2011-02-05"))
    assert new_start.status_as_of(D("2021-02-05")) == StatusAt(T.EXPIRED, D("2021-02-05"))
    # An action after the expiry changes nothing.
    assert new_start.status_as_of(D("2023-03-01")) == StatusAt(T.EXPIRED, D("2021-02-05"))
    assert new_start.parties_as_of(D("2023-03-01"))[usa.pk] == StatusAt(
        P.TREATY_ENDED, D("2021-02-05")
    )


# --- Open Skies: multilateral, stays in force when parties withdraw -----------------------


@pytest.fixture
def open_skies_actors(usa, russia):
    return [usa, russia, actor("Canada"), actor("France"), actor("Kyrgyzstan")]


@pytest.fixture
def open_skies(open_skies_actors):
    usa, russia, canada, france, kyrgyzstan = open_skies_actors
    treaty = Treaty.objects.create(
        name="Treaty on Open Skies",
        short_name="Open Skies",
        kind=TreatyKind.MULTILATERAL,
        signed="1992-03-24",
        entered_into_force="2002-01-01",
    )
    for signatory in open_skies_actors:
        act(treaty, signatory, ActionKind.SIGNATURE, "1992-03-24")
    # Ratification days of the three parties not named in the brief are illustrative.
    act(treaty, canada, ActionKind.RATIFICATION, "1992-07-21")
    act(treaty, usa, ActionKind.RATIFICATION, "1993-11-03")
    act(treaty, france, ActionKind.RATIFICATION, "1993-07-30")
    act(treaty, russia, ActionKind.RATIFICATION, "2001-05-26")
    act(treaty, None, ActionKind.ENTRY_INTO_FORCE, "2002-01-01")
    act(treaty, usa, ActionKind.WITHDRAWAL_NOTICE, "2020-05-22")
    act(treaty, usa, ActionKind.WITHDRAWAL_EFFECTIVE, "2020-11-22")
    act(treaty, russia, ActionKind.WITHDRAWAL_NOTICE, "2021-06-18")
    act(treaty, russia, ActionKind.WITHDRAWAL_EFFECTIVE, "2021-12-18")
    return treaty


CA, FR, KG = "Canada", "France", "Kyrgyzstan"
S92 = (P.SIGNATORY, D("1992-03-24"))
EIF = D("2002-01-01")

OPEN_SKIES_TABLE = [
    (None, (T.NOT_SIGNED, None), {}),
    (D("1992-03-24"), (T.SIGNED, D("1992-03-24")), {US: S92, RU: S92, CA: S92, FR: S92, KG: S92}),
    (
        D("1992-07-21"),
        (T.SIGNED, D("1992-03-24")),
        {US: S92, RU: S92, CA: (P.RATIFIED, D("1992-07-21")), FR: S92, KG: S92},
    ),
    (
        D("1993-07-30"),
        (T.SIGNED, D("1992-03-24")),
        {
            US: S92,
            RU: S92,
            CA: (P.RATIFIED, D("1992-07-21")),
            FR: (P.RATIFIED, D("1993-07-30")),
            KG: S92,
        },
    ),
    (
        D("1993-11-03"),
        (T.SIGNED, D("1992-03-24")),
        {
            US: (P.RATIFIED, D("1993-11-03")),
            RU: S92,
            CA: (P.RATIFIED, D("1992-07-21")),
            FR: (P.RATIFIED, D("1993-07-30")),
            KG: S92,
        },
    ),
    (
        D("2001-05-26"),
        (T.SIGNED, D("1992-03-24")),
        {
            US: (P.RATIFIED, D("1993-11-03")),
            RU: (P.RATIFIED, D("2001-05-26")),
            CA: (P.RATIFIED, D("1992-07-21")),
            FR: (P.RATIFIED, D("1993-07-30")),
            KG: S92,
        },
    ),
    (
        EIF,
        (T.IN_FORCE, EIF),
        # A signatory that never ratified does not become a party of a multilateral treaty.
        {US: (P.PARTY, EIF), RU: (P.PARTY, EIF), CA: (P.PARTY, EIF), FR: (P.PARTY, EIF), KG: S92},
    ),
    (
        D("2020-05-22"),
        (T.IN_FORCE, EIF),
        {
            US: (P.WITHDRAWING, D("2020-05-22")),
            RU: (P.PARTY, EIF),
            CA: (P.PARTY, EIF),
            FR: (P.PARTY, EIF),
            KG: S92,
        },
    ),
    (
        D("2020-11-22"),
        (T.IN_FORCE, EIF),
        {
            US: (P.WITHDRAWN, D("2020-11-22")),
            RU: (P.PARTY, EIF),
            CA: (P.PARTY, EIF),
            FR: (P.PARTY, EIF),
            KG: S92,
        },
    ),
    (
        D("2021-06-18"),
        (T.IN_FORCE, EIF),
        {
            US: (P.WITHDRAWN, D("2020-11-22")),
            RU: (P.WITHDRAWING, D("2021-06-18")),
            CA: (P.PARTY, EIF),
            FR: (P.PARTY, EIF),
            KG: S92,
        },
    ),
    (
        D("2021-12-18"),
        (T.IN_FORCE, EIF),
        {
            US: (P.WITHDRAWN, D("2020-11-22")),
            RU: (P.WITHDRAWN, D("2021-12-18")),
            CA: (P.PARTY, EIF),
            FR: (P.PARTY, EIF),
            KG: S92,
        },
    ),
]


def test_open_skies_around_each_action(open_skies, open_skies_actors):
    check_around_each_action(open_skies, open_skies_actors, OPEN_SKIES_TABLE)


def test_accession_after_entry_into_force_makes_a_party_at_once(open_skies, open_skies_actors):
    sweden = actor("Sweden")
    act(open_skies, sweden, ActionKind.ACCESSION, "2002-02-28")
    assert open_skies.parties_as_of(D("2002-02-27")).get(sweden.pk) is None
    assert open_skies.parties_as_of(D("2002-02-28"))[sweden.pk] == StatusAt(
        P.PARTY, D("2002-02-28")
    )


# --- CTBT: signed, never in force; a ratification and a later de-ratification --------------


@pytest.fixture
def ctbt(usa, russia):
    treaty = Treaty.objects.create(
        name="Comprehensive Nuclear-Test-Ban Treaty",
        short_name="CTBT",
        kind=TreatyKind.MULTILATERAL,
        signed="1996-09-24",
    )
    act(treaty, usa, ActionKind.SIGNATURE, "1996-09-24")
    act(treaty, russia, ActionKind.SIGNATURE, "1996-09-24")
    act(treaty, russia, ActionKind.RATIFICATION, "2000-06-30")
    act(treaty, russia, ActionKind.DERATIFICATION, "2023-11-02")
    return treaty


S96 = (P.SIGNATORY, D("1996-09-24"))
SIGNED96 = (T.SIGNED, D("1996-09-24"))

CTBT_TABLE = [
    (None, (T.NOT_SIGNED, None), {}),
    (D("1996-09-24"), SIGNED96, {US: S96, RU: S96}),
    (D("2000-06-30"), SIGNED96, {US: S96, RU: (P.RATIFIED, D("2000-06-30"))}),
    (D("2023-11-02"), SIGNED96, {US: S96, RU: (P.SIGNATORY, D("2023-11-02"))}),
]


def test_ctbt_around_each_action(ctbt, usa, russia):
    check_around_each_action(ctbt, [usa, russia], CTBT_TABLE)


def test_treaty_without_actions_is_not_signed(inf_treaty):
    assert inf_treaty.status_as_of(D("2020-01-01")) == StatusAt(T.NOT_SIGNED, None)
    assert inf_treaty.parties_as_of(D("2020-01-01")) == {}


def test_ended_is_derived_from_published_actions_only(new_start):
    new_start.refresh_from_db()
    assert new_start.ended is None  # its actions are drafts: the public sees no end yet
    for action in new_start.actions.all():
        action.status = "published"
        action.save()
    new_start.refresh_from_db()
    assert new_start.ended == D("2026-02-05")  # the extended expiry
    new_start.actions.get(action=ActionKind.EXTENSION).delete()
    new_start.refresh_from_db()
    assert new_start.ended == D("2021-02-05")  # the original term
    new_start.expires = ""
    new_start.save()
    assert new_start.ended is None  # no term, no withdrawal: still in force
