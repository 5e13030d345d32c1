"""treaties, treaty(slug): statusAsOf and parties(asOf), derived from visible actions."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.api.conftest import gid

pytestmark = pytest.mark.django_db

STATUS = """query($slug: String!, $date: Date) { treaty(slug: $slug) {
  name
  statusAsOf(date: $date) { status since }
  parties(asOf: $date) { actor { name } status since }
} }"""


@pytest.mark.parametrize(
    ("date", "status", "parties"),
    [
        ("1987-01-01", {"status": "NOT_SIGNED", "since": None}, []),
        (
            "1988-01-01",
            {"status": "SIGNED", "since": "1987-12-08"},
            [("Russia", "SIGNATORY", "1987-12-08"), ("United States", "SIGNATORY", "1987-12-08")],
        ),
        (
            "2019-01-01",
            {"status": "IN_FORCE", "since": "1988-06-01"},
            [("Russia", "PARTY", "1988-06-01"), ("United States", "PARTY", "1988-06-01")],
        ),
        (
            "2019-03-10",
            None,  # suspension and withdrawal notice on one day: as timeline.treaty_status says
            None,
        ),
        (
            "2019-09-01",
            {"status": "TERMINATED", "since": "2019-08-02"},
            [
                ("Russia", "TREATY_ENDED", "2019-08-02"),
                ("United States", "WITHDRAWN", "2019-08-02"),
            ],
        ),
    ],
)
def test_status_and_parties_as_of(gql, world, date, status, parties):
    data = gql.data(STATUS, {"slug": world.inf.slug, "date": date})["treaty"]
    if status is None:
        published = world.inf.actions.filter(status="published")
        derived = world.inf.status_as_of(dt.date.fromisoformat(date), actions=published)
        status = {"status": derived.status.upper(), "since": derived.since.isoformat()}
        day = dt.date.fromisoformat(date)
        names = {world.usa.pk: "United States", world.russia.pk: "Russia"}
        parties = sorted(
            (names[pk], s.status.upper(), s.since.isoformat())
            for pk, s in world.inf.parties_as_of(day, actions=published).items()
        )
    assert data["statusAsOf"] == status
    assert [(p["actor"]["name"], p["status"], p["since"]) for p in data["parties"]] == parties


def test_draft_actions_count_for_curators_only(gql, curator_gql, world):
    variables = {"slug": world.inf.slug, "date": "2019-03-05"}
    public = gql.data(STATUS, variables)["treaty"]["parties"]
    curated = curator_gql.data(STATUS, variables)["treaty"]["parties"]
    assert public[0] == {"actor": {"name": "Russia"}, "status": "PARTY", "since": "1988-06-01"}
    assert curated[0] == {
        "actor": {"name": "Russia"},
        "status": "WITHDRAWING",
        "since": "2019-03-04",
    }


def test_treaty_list_and_fields(gql, curator_gql, world):
    query = """query($filters: TreatyFilter) {
    treaties(filters: $filters) { totalCount edges { node {
      id name shortName aliases kind signed signedStart enteredIntoForce expires expiresEnd
      actions { action date actor { name } event { title } }
      events { title }
      statements { speaker { name } }
    } } } }"""
    data = gql.data(query)["treaties"]
    assert data["totalCount"] == 1
    node = data["edges"][0]["node"]
    assert {k: node[k] for k in ("id", "name", "shortName", "aliases", "kind", "signed")} == {
        "id": gid("Treaty", world.inf.pk),
        "name": "Intermediate-Range Nuclear Forces Treaty",
        "shortName": "INF Treaty",
        "aliases": ["INF"],
        "kind": "BILATERAL",
        "signed": "1987-12-08",
    }
    assert (node["signedStart"], node["enteredIntoForce"], node["expires"]) == (
        "1987-12-08",
        "1988-06-01",
        "",
    )
    assert node["expiresEnd"] is None
    assert [a["action"] for a in node["actions"]] == [
        "SIGNATURE",
        "SIGNATURE",
        "ENTRY_INTO_FORCE",
        "SUSPENSION",
        "WITHDRAWAL_NOTICE",
        "WITHDRAWAL_EFFECTIVE",
    ]
    assert node["actions"][2] == {
        "action": "ENTRY_INTO_FORCE",
        "date": "1988-06-01",
        "actor": None,
        "event": None,
    }
    assert [e["title"] for e in node["events"]] == [
        "INF Treaty signed",
        "United States suspends INF obligations",
        "United States withdraws from the INF Treaty",
        "Ground-launched cruise missile test",
    ]
    assert sorted(s["speaker"]["name"] for s in node["statements"]) == [
        "Mike Pompeo",
        "Sergei Lavrov",
    ]
    assert curator_gql.data(query)["treaties"]["totalCount"] == 2
    by_actor = {"actors": [gid("Actor", world.russia.pk)]}
    assert gql.data(query, {"filters": by_actor})["treaties"]["totalCount"] == 1
    # INF ended on 2019-08-02 (derived from its published withdrawal).
    assert gql.data(query, {"filters": {"from": "2020-01-01"}})["treaties"]["totalCount"] == 0
    assert gql.data(query, {"filters": {"from": "2019-01-01"}})["treaties"]["totalCount"] == 1
    assert gql.data(query, {"filters": {"to": "1980-01-01"}})["treaties"]["totalCount"] == 0
    assert gql.data(query, {"filters": {"search": "INF"}})["treaties"]["totalCount"] == 1


ENDED = """query($filters: TreatyFilter) {
  treaties(filters: $filters) { totalCount edges { node { shortName ended } } }
}"""


def test_a_treaty_ends_when_its_published_withdrawal_takes_effect(gql, world):
    data = gql.data(ENDED)["treaties"]
    assert data["edges"] == [{"node": {"shortName": "INF Treaty", "ended": "2019-08-02"}}]


@pytest.mark.parametrize(
    ("window", "count"),
    [
        ({"from": "2019-08-01", "to": "2019-12-31"}, 1),  # in force until 2019-08-02
        ({"from": "2019-08-02"}, 1),  # the day it ended still overlaps
        ({"from": "2020-01-01"}, 0),  # a terminated treaty is not current
        ({"to": "1987-12-07"}, 0),  # before it was signed
    ],
)
def test_date_filter_uses_the_derived_end(gql, world, window, count):
    assert gql.data(ENDED, {"filters": window})["treaties"]["totalCount"] == count


def test_retracting_the_withdrawal_reopens_the_treaty(gql, world):
    from timeline.models import ActionKind, Status

    withdrawal = world.inf.actions.get(action=ActionKind.WITHDRAWAL_EFFECTIVE)
    withdrawal.status = Status.RETRACTED
    withdrawal.save()
    assert gql.data(ENDED, {"filters": {"from": "2020-01-01"}})["treaties"]["edges"] == [
        {"node": {"shortName": "INF Treaty", "ended": None}}
    ]
