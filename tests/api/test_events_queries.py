"""events, event(slug), node: fields, filters, order, pagination and visibility."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.api.conftest import GraphQLClient, gid
from timeline.models import Event

pytestmark = pytest.mark.django_db

TITLES = """query($filters: EventFilter, $order: EventOrder, $first: Int, $after: String) {
  events(filters: $filters, order: $order, first: $first, after: $after) {
    totalCount
    edges { node { title } }
  }
}"""


def titles(gql, **variables):
    data = gql.data(TITLES, variables)["events"]
    return [e["node"]["title"] for e in data["edges"]], data["totalCount"]


def test_event_fields_and_relations(gql, world):
    query = """query($slug: String!) { event(slug: $slug) {
      id title slug date dateStart dateEnd precision status placeName
      placeCountry { name }
      eventType { name slug ploverCode cameoCode parent { slug } }
      participants { role actor { name } }
      treaties { shortName }
      tags { slug }
      statements { text speaker { name } }
      treatyActions { action actor { name } }
      citations { excerpt source { title outlet { name } } }
      relations { kind event { title } }
    } }"""
    data = gql.data(query, {"slug": world.ev_withdraw.slug})["event"]
    assert data == {
        "id": gid("Event", world.ev_withdraw.pk),
        "title": "United States withdraws from the INF Treaty",
        "slug": "united-states-withdraws-from-the-inf-treaty-2019",
        "date": "2019-08-02",
        "dateStart": "2019-08-02",
        "dateEnd": "2019-08-02",
        "precision": "DAY",
        "status": "PUBLISHED",
        "placeName": "",
        "placeCountry": None,
        "eventType": {
            "name": "Withdrawal",
            "slug": "withdrawal",
            "ploverCode": "",
            "cameoCode": "",
            "parent": None,
        },
        # The draft actor's participation is hidden.
        "participants": [{"role": "INITIATOR", "actor": {"name": "United States"}}],
        # The draft treaty is hidden.
        "treaties": [{"shortName": "INF Treaty"}],
        "tags": [{"slug": "europe"}, {"slug": "nuclear"}],
        "statements": [
            {
                "text": "The United States has destroyed the treaty with its own hands.",
                "speaker": {"name": "Sergei Lavrov"},
            }
        ],
        "treatyActions": [{"action": "WITHDRAWAL_EFFECTIVE", "actor": {"name": "United States"}}],
        # The citation from the draft source is hidden.
        "citations": [
            {
                "excerpt": "The withdrawal took effect on Friday",
                "source": {"title": "Lavrov: US destroyed INF Treaty", "outlet": {"name": "TASS"}},
            }
        ],
        "relations": [],
    }


def test_relation_to_a_draft_is_hidden(gql, world):
    """A relation to a hidden event is absent, not a null: hidden must look nonexistent."""
    query = (
        """query($slug: String!) { event(slug: $slug) { relations { kind event { title } } } }"""
    )
    data = gql.data(query, {"slug": world.ev_test.slug})["event"]
    assert sorted(data["relations"], key=lambda r: r["kind"]) == [
        {"kind": "FOLLOWS", "event": {"title": "United States withdraws from the INF Treaty"}},
    ]


def test_list_is_published_only_in_date_order(gql, world):
    assert titles(gql) == (
        [
            "INF Treaty signed",
            "United States suspends INF obligations",
            "Strategic stability talks",
            "United States withdraws from the INF Treaty",
            "Ground-launched cruise missile test",
            "Moratorium on deployment",
        ],
        6,
    )


def test_curator_sees_drafts_and_review(curator_gql, world):
    found, total = titles(curator_gql, filters={"from": "2019-08-01", "to": "2019-08-10"})
    assert found == [
        "United States withdraws from the INF Treaty",
        "Draft event about INF",
        "Event in review",
    ]
    assert total == 3
    found, _ = titles(curator_gql, filters={"status": ["DRAFT", "REVIEW"]})
    assert found == ["Draft event about INF", "Event in review"]


def test_signed_in_non_curator_sees_published_only(plain_user_gql, world):
    found, total = titles(plain_user_gql, filters={"from": "2019-08-01", "to": "2019-08-10"})
    assert (found, total) == (["United States withdraws from the INF Treaty"], 1)


def test_staff_without_a_curator_group_sees_published_only(world):
    staff = User.objects.create_user("staffer", password="x", is_staff=True)
    client = Client()
    client.force_login(staff)
    found, total = titles(GraphQLClient(client), filters={"from": "2019-08-01", "to": "2019-08-10"})
    assert (found, total) == (["United States withdraws from the INF Treaty"], 1)


def test_status_filter_is_for_curators(gql, world):
    error = gql.error(TITLES, {"filters": {"status": ["DRAFT"]}})
    assert error["message"] == "Only curators can filter by a status other than PUBLISHED."
    assert error["extensions"] == {"code": "FORBIDDEN"}
    assert titles(gql, filters={"status": ["PUBLISHED"]})[1] == 6


def test_date_overlap(gql, world):
    # Ranges and open ends overlap the window; day events must fall inside it.
    assert titles(gql, filters={"from": "2019-04-01", "to": "2019-08-02"})[0] == [
        "Strategic stability talks",
        "United States withdraws from the INF Treaty",
    ]
    assert titles(gql, filters={"from": "2030-01-01"})[0] == ["Moratorium on deployment"]
    assert titles(gql, filters={"to": "1990-01-01"})[0] == ["INF Treaty signed"]


def test_filter_by_actor_treaty_type_tag(gql, world):
    russia = gid("Actor", world.russia.pk)
    assert titles(gql, filters={"actors": [russia]})[0] == [
        "INF Treaty signed",
        "United States suspends INF obligations",
    ]
    # A place country counts as involvement.
    assert titles(gql, filters={"actors": [gid("Actor", world.usa.pk)], "to": "1990-01-01"})[0] == [
        "INF Treaty signed"
    ]
    assert titles(gql, filters={"treaties": [gid("Treaty", world.inf.pk)]})[1] == 4
    # A type includes its subtypes.
    assert titles(gql, filters={"types": ["agreement"]})[0] == [
        "INF Treaty signed",
        "Strategic stability talks",
        "Moratorium on deployment",
    ]
    assert titles(gql, filters={"tags": ["nuclear"]})[0] == [
        "United States withdraws from the INF Treaty",
        "Ground-launched cruise missile test",
    ]
    assert titles(gql, filters={"tags": ["nuclear"], "types": ["withdrawal"]})[0] == [
        "United States withdraws from the INF Treaty"
    ]


def test_filter_by_search(gql, world):
    # Prefix matching and stemming: "withdraw" finds "withdraws" and "withdrawal".
    assert titles(gql, filters={"search": "withdraw"})[0] == [
        "United States withdraws from the INF Treaty"
    ]
    assert titles(gql, filters={"search": "missiles"})[0] == ["Ground-launched cruise missile test"]


def test_wrong_id_type_in_filter(gql, world):
    error = gql.error(TITLES, {"filters": {"actors": [gid("Treaty", world.inf.pk)]}})
    assert error["message"] == (
        f"Argument 'filters.actors' takes Actor ids or slugs; {gid('Treaty', world.inf.pk)!r} "
        "is a Treaty id."
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ({"field": "TITLE"}, ["Ground-launched cruise missile test", "INF Treaty signed"]),
        (
            {"field": "DATE", "direction": "DESC"},
            ["Moratorium on deployment", "Ground-launched cruise missile test"],
        ),
        (
            {"field": "UPDATED", "direction": "DESC"},
            ["Moratorium on deployment", "Strategic stability talks"],
        ),
    ],
)
def test_order(gql, world, order, expected):
    assert titles(gql, order=order, first=2)[0] == expected


def test_pagination_default_cap_and_cursors(gql, world):
    for n in range(25):
        Event.objects.create(
            title=f"Filler {n:02}",
            date="2000-01-01",
            event_type=world.agreement,
            status="published",
        )
    found, total = titles(gql)
    assert len(found) == 20 and total == 31
    query = """query($after: String) { events(first: 30, after: $after, order: {field: TITLE}) {
      pageInfo { hasNextPage endCursor } edges { node { title } } } }"""
    seen, after = [], None
    while True:
        page = gql.data(query, {"after": after})["events"]
        seen += [e["node"]["title"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == 31 and len(set(seen)) == 31 and seen == sorted(seen)
    error = gql.error("{ events(first: 101) { totalCount } }")
    assert error["message"] == "Argument 'first' cannot be higher than 100."
    last = gql.data("{ events(last: 2) { edges { node { title } } } }")["events"]["edges"]
    assert [e["node"]["title"] for e in last] == [
        "Ground-launched cruise missile test",
        "Moratorium on deployment",
    ]


def test_node_and_nodes_respect_visibility(gql, curator_gql, world):
    query = """query($id: ID!, $ids: [ID!]!) {
      node(id: $id) { id ... on Event { title } }
      nodes(ids: $ids) { ... on Event { title } ... on Actor { name } }
    }"""
    variables = {
        "id": gid("Event", world.ev_draft.pk),
        "ids": [gid("Event", world.ev_sign.pk), gid("Actor", world.secret.pk)],
    }
    assert gql.data(query, variables) == {
        "node": None,
        "nodes": [{"title": "INF Treaty signed"}, None],
    }
    assert curator_gql.data(query, variables) == {
        "node": {"id": gid("Event", world.ev_draft.pk), "title": "Draft event about INF"},
        "nodes": [{"title": "INF Treaty signed"}, {"name": "Secret Actor"}],
    }


def test_slug_lookup_hides_drafts(gql, curator_gql, world):
    query = "query($slug: String!) { event(slug: $slug) { title } }"
    assert gql.data(query, {"slug": world.ev_draft.slug}) == {"event": None}
    assert curator_gql.data(query, {"slug": world.ev_draft.slug}) == {
        "event": {"title": "Draft event about INF"}
    }
