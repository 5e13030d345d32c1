"""Amplification inside the limits: what a request can make the server do is bounded.

Expensive fields are weighted in the cost, a batch shares one cost budget,
``nodes(ids:)`` is capped and counted per id, every list field is bounded and
costed (enumerated from the schema), and a wall-clock budget stops the rest.
"""

from __future__ import annotations

import base64
import json

import pytest
from django.test import override_settings
from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, get_named_type, parse

from api.core.limits import query_cost
from api.core.limits.lists import NESTED_LIST_MAX, BoundedListField
from api.schema import schema
from timeline.models import Event

pytestmark = pytest.mark.django_db

SEARCH = 's{i}: search(query: "treaty", first: 100) {{ edges {{ node {{ __typename }} }} }}'


def searches(count: int) -> str:
    return "{ " + " ".join(SEARCH.format(i=i) for i in range(count)) + " }"


def post(client, payload, **extra):
    response = client.post(
        "/graphql/", json.dumps(payload), content_type="application/json", **extra
    )
    return response.status_code, json.loads(response.content)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# --- weights ------------------------------------------------------------------


def test_search_is_weighted_by_the_work_it_does(client):
    # 2,000 per call (five ranked tables) + 10 per hit: 3,000 for a page of 100.
    assert query_cost(schema._schema, parse(searches(1)), None, None) == 3000
    assert query_cost(schema._schema, parse(searches(16)), None, None) == 48_000
    status, body = post(client, {"query": searches(20)})
    assert status == 200
    [error] = body["errors"]
    assert error["extensions"] == {"code": "COST_LIMIT_EXCEEDED", "cost": 60_000, "budget": 50_000}


def test_a_search_count_costs_a_second_search():
    query = '{ search(query: "x", first: 1) { totalCount } }'
    assert query_cost(schema._schema, parse(query), None, None) == 2000 + 10 + 1000


# --- batches ------------------------------------------------------------------


def test_a_batch_shares_one_cost_budget(client, world):
    batch = [{"query": searches(5)} for _ in range(10)]  # 15,000 each, 150,000 in all
    status, results = post(client, batch)
    assert status == 200
    assert ["errors" not in result for result in results] == [True] * 3 + [False] * 7
    for result in results[3:]:
        [error] = result["errors"]
        assert error["extensions"] == {
            "code": "COST_LIMIT_EXCEEDED",
            "cost": 15_000,
            "budget": 50_000,
            "spent": 45_000,
        }
        assert "shared by the operations of this batch" in error["message"]


def test_a_single_request_starts_with_the_whole_budget(client, world):
    for _ in range(4):  # 45,000 each time: the budget is per request, not per client
        status, body = post(client, {"query": searches(15)})
        assert status == 200 and "errors" not in body, body


# --- nodes(ids:) ----------------------------------------------------------------


def test_nodes_are_counted_per_id_from_literals_and_variables(client, world):
    ids = [b64(f"Event:{n}") for n in range(1, 61)]
    query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
    assert query_cost(schema._schema, parse(query), None, {"ids": ids}) == 60
    literal = "{ nodes(ids: [%s]) { id } }" % ", ".join(f'"{i}"' for i in ids[:7])  # noqa: UP031
    assert query_cost(schema._schema, parse(literal), None, None) == 7
    with override_settings(GRAPHQL_MAX_COST=50):
        status, body = post(client, {"query": query, "variables": {"ids": ids}})
    assert body["errors"][0]["extensions"]["cost"] == 60


# --- every list field -------------------------------------------------------------

# Lists whose length the data bounds, not the request; listed so a new one is a decision.
DATA_BOUNDED = {
    "Actor.aliases": "a record's own alternative names (scalars)",
    "Outlet.aliases": "a record's own alternative names (scalars)",
    "Treaty.aliases": "a record's own alternative names (scalars)",
    "Treaty.parties": "one per actor that acted on the treaty, derived from its actions",
}
CONNECTION_LISTS = {"edges"}  # a connection's page: first/last, at most 100


def list_fields() -> dict[str, object]:
    found = {}
    for type_name, graphql_type in schema._schema.type_map.items():
        if type_name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        for name, field in graphql_type.fields.items():
            type_ = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
            if isinstance(type_, GraphQLList):
                found[f"{type_name}.{name}"] = field
    return found


def strawberry_field(path: str):
    type_name, name = path.split(".")
    definition = schema.get_type_by_name(type_name)
    convert = schema.config.name_converter.get_graphql_name
    return next(f for f in definition.fields if convert(f) == name)


def test_every_list_field_is_bounded_and_costed():
    bounded = []
    for path, field in list_fields().items():
        type_name, name = path.split(".")
        if path in DATA_BOUNDED:
            continue
        if type_name.endswith("Payload") and name == "errors":
            # A refused mutation's reasons: at most one per input field, for one record.
            continue
        if name in CONNECTION_LISTS:
            assert type_name.endswith("Connection"), path
            continue
        if path == "Query.nodes":
            assert "at most 100 ids" in field.description
            continue
        assert isinstance(strawberry_field(path), BoundedListField), f"{path} is not bounded"
        assert "pagination" in field.args, path
        assert f"up to {NESTED_LIST_MAX}" in field.description, path
        bounded.append(path)
        # Costed: one record per item of the page, the default or the limit asked for.
        named = get_named_type(field.type).name
        query = 'query($p: OffsetPaginationInput) { node(id: "x") { ... on %s { %s%s { __typename } } } }'  # noqa: E501
        assert query_cost(schema._schema, parse(query % (type_name, name, "")), None, None) == (
            1 + 10
        ), (path, named)
        with_limit = query % (type_name, name, "(pagination: $p)")
        cost = query_cost(schema._schema, parse(with_limit), None, {"p": {"limit": 70}})
        assert cost == 1 + 70, path
    assert len(bounded) == 18, bounded


def test_a_nested_list_returns_its_default_page_and_no_more_than_asked(client, world):
    for n in range(25):
        Event.objects.create(
            title=f"Extra {n:02}", date="2019-09-01", event_type=world.withdrawal,
            status="published",
        ).treaties.add(world.inf)  # fmt: skip
    query = """query($slug: String!, $p: OffsetPaginationInput) { treaty(slug: $slug) {
      all: events(pagination: {limit: 100}) { title } default: events { title }
      page: events(pagination: $p) { title } } }"""
    status, body = post(
        client,
        {"query": query, "variables": {"slug": world.inf.slug, "p": {"offset": 10, "limit": 5}}},
    )
    treaty = body["data"]["treaty"]
    assert len(treaty["all"]) == 29
    assert treaty["default"] == treaty["all"][:10]
    assert treaty["page"] == treaty["all"][10:15]
    for bad in ({"limit": 101}, {"limit": -1}, {"offset": -1}):
        status, body = post(
            client, {"query": query, "variables": {"slug": world.inf.slug, "p": bad}}
        )
        assert {e["extensions"]["code"] for e in body["errors"]} == {"BAD_USER_INPUT"}, body


# --- wall clock ---------------------------------------------------------------------

SUPPORT = pytest.mark.urls("tests.api.http_urls")


@SUPPORT
@pytest.mark.django_db(transaction=True)
@override_settings(GRAPHQL_REQUEST_BUDGET_MS=300)
def test_a_request_past_its_time_budget_stops_with_a_clear_code(client):
    query = "{ a: sleep(seconds: 0.2) b: sleep(seconds: 0.2) c: sleep(seconds: 0.2) }"
    status, body = post(client, {"query": query})
    assert status == 200
    assert body["data"] is None  # c is non-null, so its error nulls the whole result
    [error] = body["errors"]
    assert error["path"] == ["c"]
    assert error["extensions"] == {"code": "REQUEST_BUDGET_EXCEEDED"}
    assert "time budget of 300 ms" in error["message"]


@SUPPORT
@pytest.mark.django_db(transaction=True)
@override_settings(GRAPHQL_REQUEST_BUDGET_MS=300)
def test_a_batch_past_its_time_budget_does_not_start_the_rest(client):
    batch = [{"query": "{ sleep(seconds: 0.2) }"} for _ in range(4)]
    status, results = post(client, batch)
    assert status == 200
    assert [r.get("data") for r in results[:2]] == [{"sleep": 1}, {"sleep": 1}]
    for result in results[2:]:
        assert [e["extensions"]["code"] for e in result["errors"]] == ["REQUEST_BUDGET_EXCEEDED"]
