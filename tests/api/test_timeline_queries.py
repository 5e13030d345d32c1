"""timeline: one date-ordered stream over events, statements and treaty actions."""

from __future__ import annotations

import pytest

from tests.api.conftest import gid
from timeline.models import Event, Statement, TreatyAction

pytestmark = pytest.mark.django_db

QUERY = """query($filters: TimelineFilter, $first: Int, $after: String, $last: Int,
                 $before: String) {
  timeline(filters: $filters, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node {
      __typename
      ... on Event { title dateStart }
      ... on Statement { text dateStart speaker { name } }
      ... on TreatyAction { action dateStart treaty { shortName } actor { name } }
    } }
  }
}"""


def label(node):
    kind = node["__typename"]
    if kind == "Event":
        return f"{node['dateStart']} E {node['title']}"
    if kind == "Statement":
        return f"{node['dateStart']} S {node['speaker']['name']}"
    actor = node["actor"]["name"] if node["actor"] else "-"
    return f"{node['dateStart']} A {node['action']} {actor}"


def labels(gql, **variables):
    data = gql.data(QUERY, variables)["timeline"]
    return [label(e["node"]) for e in data["edges"]], data


def test_mixed_stream_in_date_order_with_ties_broken_by_kind(gql, world):
    found, data = labels(gql, filters={"from": "2019-02-01", "to": "2019-08-03"})
    assert found == [
        "2019-02-01 S Mike Pompeo",
        "2019-02-02 E United States suspends INF obligations",
        "2019-02-02 A SUSPENSION United States",
        "2019-02-02 A WITHDRAWAL_NOTICE United States",
        "2019-03-01 E Strategic stability talks",
        "2019-08-02 E United States withdraws from the INF Treaty",
        "2019-08-02 S Sergei Lavrov",
        "2019-08-02 A WITHDRAWAL_EFFECTIVE United States",
        "2019-08-03 S Sergei Lavrov",
    ]
    assert data["totalCount"] == 9
    assert data["pageInfo"]["hasNextPage"] is False


def test_filters_apply_to_each_kind(gql, world):
    russia = gid("Actor", world.russia.pk)
    found, _ = labels(gql, filters={"actors": [russia]})
    assert found == [
        "1987-12-08 E INF Treaty signed",
        "1987-12-08 A SIGNATURE Russia",
        "2019-02-02 E United States suspends INF obligations",
        "2019-08-02 S Sergei Lavrov",  # on behalf of Russia
    ]
    found, _ = labels(gql, filters={"types": ["withdrawal"]})
    assert found == [
        "2019-02-02 E United States suspends INF obligations",
        "2019-02-02 A SUSPENSION United States",
        "2019-08-02 E United States withdraws from the INF Treaty",
        "2019-08-02 S Sergei Lavrov",
        "2019-08-02 A WITHDRAWAL_EFFECTIVE United States",
    ]
    found, _ = labels(gql, filters={"kinds": ["STATEMENT"], "search": "treaty"})
    assert found == ["2019-02-01 S Mike Pompeo", "2019-08-02 S Sergei Lavrov"]


def test_curators_see_drafts_in_the_timeline(gql, curator_gql, world):
    window = {"from": "2019-03-04", "to": "2019-03-04"}
    assert labels(gql, filters=window)[0] == ["2019-03-01 E Strategic stability talks"]
    assert labels(curator_gql, filters=window)[0] == [
        "2019-03-01 E Strategic stability talks",
        "2019-03-04 A WITHDRAWAL_NOTICE Russia",
    ]


@pytest.fixture
def crowded_day(world):
    """Many items on the same dates, of all kinds, to test cursors on ties."""
    for n in range(7):
        Event.objects.create(
            title=f"Tie event {n}",
            date="2019-08-02",
            event_type=world.test_type,
            status="published",
        )
        Statement.objects.create(
            speaker=world.pompeo, date="2019-08-02", text=f"Tie {n}", status="published"
        )
        TreatyAction.objects.create(
            treaty=world.inf,
            actor=world.russia,
            action="signature",
            date=f"2019-08-{n + 10:02}",
            status="published",
        )
    Event.objects.create(
        title="Open tie", date="2019-08-02/..", event_type=world.test_type, status="published"
    )
    Event.objects.create(
        title="Month tie", date="2019-08", event_type=world.test_type, status="published"
    )


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7])
def test_pages_forward_and_backward_lose_and_repeat_nothing(gql, crowded_day, size):
    full, data = labels(gql, first=100)
    edges = gql.data(QUERY, {"first": 100})["timeline"]["edges"]
    full_ids = [e["cursor"] for e in edges]
    assert data["totalCount"] == len(full) == 38

    forward, after = [], None
    while True:
        page = gql.data(QUERY, {"first": size, "after": after})["timeline"]
        forward += [e["cursor"] for e in page["edges"]]
        assert len(page["edges"]) <= size
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert forward == full_ids

    backward, before = [], None
    while True:
        page = gql.data(QUERY, {"last": size, "before": before})["timeline"]
        backward = [e["cursor"] for e in page["edges"]] + backward
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]
    assert backward == full_ids


def test_ties_order(gql, crowded_day):
    found, _ = labels(gql, filters={"from": "2019-08-01", "to": "2019-08-02"}, first=30)
    assert found[:4] == [
        "2019-08-01 E Month tie",
        "2019-08-02 E United States withdraws from the INF Treaty",
        "2019-08-02 E Tie event 0",
        "2019-08-02 E Tie event 1",
    ]
    # Same start: closed ranges before open-ended ones, then events, statements, actions.
    assert found.index("2019-08-02 E Tie event 6") < found.index("2019-08-02 S Sergei Lavrov")
    assert found[-1] == "2019-08-02 E Open tie"


def test_timeline_arguments(gql, world):
    error = gql.error(QUERY, {"first": 101})
    assert error["message"] == "Argument 'first' cannot be higher than 100."
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    error = gql.error(QUERY, {"after": "bm9wZQ=="})
    assert error["message"] == "Argument 'after' is not a valid timeline cursor."
    data = gql.data(QUERY)["timeline"]
    assert len(data["edges"]) == 15 and data["totalCount"] == 15  # default page: 20
