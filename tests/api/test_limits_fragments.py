"""Fragments spread many times: validation and costing walk each fragment once.

A chain of fragments each spreading the previous one twice expands to 2^n
copies of the first. The limits must still see all of them (the counts are
multiplied) without walking each copy: the walk counts below are linear in n.
"""

from __future__ import annotations

import json

import pytest
from graphql import parse

from api.core.limits.rules import FragmentWalker, selection_aliases, selection_depth
from api.schema import schema

pytestmark = pytest.mark.django_db


def doubling(n: int, first: str) -> str:
    fragments = [f"fragment F0 on Query {{ {first} }}"] + [
        f"fragment F{k} on Query {{ ...F{k - 1} ...F{k - 1} }}" for k in range(1, n + 1)
    ]
    return f"{{ ...F{n} }} " + " ".join(fragments)


def post(client, query: str):
    response = client.post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json"
    )
    return response.status_code, json.loads(response.content)


@pytest.mark.parametrize("n", [18, 24, 30])
def test_each_fragment_is_walked_once(n):
    document = parse(doubling(n, "a: events { edges { node { title } } }"))
    walker = FragmentWalker(document)
    operation = document.definitions[0]
    assert selection_aliases(walker, operation.selection_set) == 2**n
    # The operation, each of the n + 1 fragments once, the 3 selection sets inside F0.
    assert walker.walks == n + 5
    walker = FragmentWalker(document)
    assert selection_depth(walker, operation.selection_set) == 3
    assert walker.walks == n + 5


def test_doubling_aliases_are_counted_in_full_and_rejected(client):
    status, body = post(client, doubling(30, "a: __typename"))
    assert status == 200
    assert body["errors"] == [
        {
            "message": f"{2**30} aliases found. Allowed: 20",
            "extensions": {"code": "ALIAS_LIMIT_EXCEEDED"},
        }
    ]


def test_doubling_fragments_without_aliases_cost_every_copy(client):
    status, body = post(client, doubling(18, "events { totalCount }"))
    assert status == 200
    [error] = body["errors"]
    assert error["extensions"]["code"] == "COST_LIMIT_EXCEEDED"
    assert error["extensions"]["cost"] == 2**18 * 20


def test_a_deep_fragment_behind_a_chain_is_still_too_deep(client):
    chain = "eventType { " + "parent { " * 10 + "name" + " }" * 11
    status, body = post(client, doubling(24, f'event(slug: "x") {{ {chain} }}'))
    assert status == 200
    assert [e["extensions"]["code"] for e in body["errors"]] == ["DEPTH_LIMIT_EXCEEDED"]


def test_a_harmless_doubling_document_runs(client):
    status, body = post(client, doubling(24, "__typename"))
    assert (status, body) == (200, {"data": {"__typename": "Query"}})


def test_fragment_cycles_and_unknown_fragments_are_validation_errors():
    for query in (
        "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
        "{ ...A } fragment A on Query { ...Missing }",
    ):
        result = schema.execute_sync(query)
        assert result.errors
        assert {e.extensions["code"] for e in result.errors} == {"GRAPHQL_VALIDATION_FAILED"}
