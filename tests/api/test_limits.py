"""Limits against hostile queries: depth, aliases, tokens, introspection depth, cost, caches.

Each rejection is asserted exactly: message, ``extensions.code`` and the HTTP
status (200 with application/json, 400 with application/graphql-response+json).
"""

from __future__ import annotations

import json

import pytest
from django.test import override_settings
from graphql import build_schema, get_introspection_query, parse

from api.core import limits
from api.core.limits import query_cost
from api.core.limits.documents import _document_caches

pytestmark = pytest.mark.django_db

GRAPHQL_RESPONSE = "application/graphql-response+json"


def post(client, query: str, variables: dict | None = None, accept: str = GRAPHQL_RESPONSE):
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        HTTP_ACCEPT=accept,
    )
    return response, json.loads(response.content)


def rejected(client, query: str, variables: dict | None = None) -> dict:
    """The single error of a request refused before execution, checked for both media types."""
    response, body = post(client, query, variables)
    assert response.status_code == 400, body
    assert "data" not in body, body
    assert len(body["errors"]) == 1, body
    plain_response, plain_body = post(client, query, variables, accept="application/json")
    assert plain_response.status_code == 200
    assert plain_body == body
    return body["errors"][0]


def category_chain(parents: int) -> str:
    """A query ``parents + 2`` levels deep whose cost stays tiny (single objects only)."""
    inner = "name"
    for _ in range(parents):
        inner = f"parent {{ {inner} }}"
    return f'{{ event(slug: "x") {{ eventType {{ {inner} }} }} }}'


# --- depth ------------------------------------------------------------------


def test_query_at_the_depth_limit_runs(client):
    response, body = post(client, category_chain(8))
    assert response.status_code == 200, body
    assert body == {"data": {"event": None}}


def test_query_deeper_than_the_limit_is_rejected(client):
    error = rejected(client, category_chain(9))
    assert error["message"] == "'anonymous' exceeds maximum operation depth of 10"
    assert error["extensions"] == {"code": "DEPTH_LIMIT_EXCEEDED"}


def test_depth_counts_through_fragments_and_names_the_operation(client):
    query = """
      query Deep { events { edges { node { ...E } } } }
      fragment E on Event { statements { events { statements { text } } } }
    """
    with override_settings(GRAPHQL_MAX_DEPTH=5):
        error = rejected(client, query)
    assert error["message"] == "'Deep' exceeds maximum operation depth of 5"
    assert error["extensions"]["code"] == "DEPTH_LIMIT_EXCEEDED"


# --- aliases ----------------------------------------------------------------


def aliases(count: int, prefix: str = "a") -> str:
    return " ".join(f"{prefix}{i}: __typename" for i in range(count))


def test_twenty_aliases_are_allowed(client):
    response, body = post(client, f"{{ {aliases(20)} }}")
    assert response.status_code == 200
    assert len(body["data"]) == 20


def test_too_many_aliases_are_rejected(client):
    error = rejected(client, f"{{ {aliases(21)} }}")
    assert error["message"] == "21 aliases found. Allowed: 20"
    assert error["extensions"] == {"code": "ALIAS_LIMIT_EXCEEDED"}


def test_aliases_inside_fragments_count(client):
    """The fragment-alias bypass (fixed in strawberry 0.315.7) stays fixed."""
    query = f"""
      {{ ...A ...B ... on Query {{ {aliases(5, "i")} }} }}
      fragment A on Query {{ {aliases(10, "f")} ...C }}
      fragment B on Query {{ {aliases(3, "g")} }}
      fragment C on Query {{ {aliases(3, "h")} }}
    """
    error = rejected(client, query)
    assert error["message"] == "21 aliases found. Allowed: 20"
    assert error["extensions"]["code"] == "ALIAS_LIMIT_EXCEEDED"


def test_a_fragment_spread_twice_counts_its_aliases_twice(client):
    query = (
        "{ x: events { ...P } y: events { ...P } } "
        f"fragment P on EventConnection {{ {aliases(10)} }}"
    )
    error = rejected(client, query)
    assert error["message"] == "22 aliases found. Allowed: 20"


# --- tokens -----------------------------------------------------------------


def test_too_many_tokens_is_rejected_before_parsing_the_rest(client):
    query = "{ " + " ".join("__typename" for _ in range(2500)) + " }"
    error = rejected(client, query)
    assert (
        error["message"]
        == "Syntax Error: Document contains more than 2000 tokens. Parsing aborted."
    )
    assert error["extensions"]["code"] == "TOKEN_LIMIT_EXCEEDED"


def test_comments_count_as_tokens(client):
    query = "{ __typename }\n" + "#\n" * 2100
    error = rejected(client, query)
    assert error["extensions"]["code"] == "TOKEN_LIMIT_EXCEEDED"


def test_over_long_query_text_is_rejected(client):
    with override_settings(GRAPHQL_MAX_QUERY_LENGTH=100):
        error = rejected(client, "{ __typename }" + " " * 200)
    assert error["message"] == (
        "Syntax Error: Source contains more than 100 code points. Parsing aborted."
    )
    assert error["extensions"]["code"] == "TOKEN_LIMIT_EXCEEDED"


# --- introspection ----------------------------------------------------------


def test_graphiql_introspection_query_passes_every_limit(client):
    response, body = post(client, get_introspection_query(descriptions=True))
    assert response.status_code == 200, body.get("errors")
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


def test_deep_introspection_is_rejected(client):
    query = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    error = rejected(client, query)
    assert error["message"] == "Maximum introspection depth exceeded"
    assert error["extensions"] == {"code": "INTROSPECTION_DEPTH_EXCEEDED"}


def test_deep_introspection_through_fragments_is_rejected(client):
    query = """
      { __type(name: "Event") { ...F } }
      fragment F on __Type { fields { type { interfaces { possibleTypes { name } } } } }
    """
    error = rejected(client, query)
    assert error["extensions"]["code"] == "INTROSPECTION_DEPTH_EXCEEDED"


# --- cost -------------------------------------------------------------------

TREATIES_OF_EVENTS = "query($n: Int) { events(first: $n) { edges { node { treaties { name } } } } }"


def test_cost_counts_pages_and_nested_lists(client):
    # 100 events + 100 × 10 (estimated) treaties each.
    with override_settings(GRAPHQL_MAX_COST=1000):
        error = rejected(client, TREATIES_OF_EVENTS, {"n": 100})
    assert error["message"] == (
        "Query cost 1100 exceeds the budget of 1000. Each connection counts its page size "
        "(first/last, default 20, at most 100) and nested lists multiply: ask for smaller "
        "pages or fewer nested lists."
    )
    assert error["extensions"] == {"code": "COST_LIMIT_EXCEEDED", "cost": 1100, "budget": 1000}


def test_cost_uses_the_page_size_from_variables(client):
    with override_settings(GRAPHQL_MAX_COST=1000):
        response, body = post(client, TREATIES_OF_EVENTS, {"n": 50})  # 50 + 500
    assert response.status_code == 200, body
    assert body == {"data": {"events": {"edges": []}}}


def test_nested_lists_over_the_default_budget_are_rejected(client):
    query = """{ events(first: 100) { edges { node {
      statements { events { statements { text } } } } } } }"""
    error = rejected(client, query)
    assert error["extensions"]["code"] == "COST_LIMIT_EXCEEDED"
    assert error["extensions"]["cost"] == 100 + 100 * 10 * (1 + 10 * (1 + 10))
    assert error["extensions"]["budget"] == limits.GRAPHQL_MAX_COST


def test_aliased_copies_of_a_page_each_cost(client):
    fields = " ".join(
        f"p{i}: events(first: 100) {{ edges {{ node {{ statements {{ events {{ title }} }} }} }} }}"
        for i in range(20)
    )
    error = rejected(client, f"{{ {fields} }}")
    assert error["extensions"]["cost"] == 20 * (100 + 100 * 10 * (1 + 10))


SDL = """
type Query { things(first: Int, last: Int): ThingConnection! thing: Thing }
type ThingConnection { edges: [ThingEdge!]! nodes: [Thing!]! pageInfo: PageInfo! totalCount: Int }
type ThingEdge { node: Thing! cursor: String! }
type PageInfo { hasNextPage: Boolean! }
type Thing { name: String children(first: Int): ThingConnection! parts: [Thing!]! owner: Thing }
"""


@pytest.mark.parametrize(
    ("query", "variables", "cost"),
    [
        ("{ things { totalCount } }", None, 20),  # default page
        ("{ things(first: 5000) { totalCount } }", None, 100),  # capped
        ("{ things(last: 7) { edges { node { name } } } }", None, 7),
        (
            "{ things(first: 100) { edges { node { children(first: 100) { nodes { name } } } } } }",
            None,
            100 + 100 * 100,
        ),
        ("{ things(first: 10) { nodes { owner { owner { name } } } } }", None, 10 + 10 * 2),
        ("{ thing { parts { name } } }", None, 1 + 10),
        ("query($n: Int = 30) { things(first: $n) { totalCount } }", None, 30),
        ("query($n: Int = 30) { things(first: $n) { totalCount } }", {"n": 3}, 3),
        ("{ ...F ...F } fragment F on Query { things(first: 4) { totalCount } }", None, 8),
        ("{ __schema { types { name } } thing { name } }", None, 1),
    ],
)
def test_cost_estimate(query, variables, cost):
    schema = build_schema(SDL)
    assert query_cost(schema, parse(query), None, variables) == cost


def test_page_over_the_cap_is_a_clear_input_error(client):
    response, body = post(client, "{ events(first: 101) { totalCount } }")
    assert response.status_code == 200
    assert body["errors"] == [
        {
            "message": "Argument 'first' cannot be higher than 100.",
            "locations": [{"line": 1, "column": 3}],
            "path": ["events"],
            "extensions": {"code": "BAD_USER_INPUT"},
        }
    ]


# --- caches -----------------------------------------------------------------


def test_parsed_and_validated_documents_are_cached(client):
    cached_parse, cached_validate = _document_caches(limits.GRAPHQL_DOCUMENT_CACHE_SIZE)
    query = "query CacheProbe { __typename }"
    post(client, query)
    parse_hits, validate_hits = (
        cached_parse.cache_info().hits,
        cached_validate.cache_info().hits,
    )
    response, body = post(client, query)
    assert body == {"data": {"__typename": "Query"}}
    assert cached_parse.cache_info().hits == parse_hits + 1
    assert cached_validate.cache_info().hits == validate_hits + 1


def test_cached_validation_still_reports_errors_each_time(client):
    for _ in range(2):
        error = rejected(client, "{ nope }")
        assert error["message"] == "Cannot query field 'nope' on type 'Query'."
        assert error["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
