"""The compiled read path (api/compiled): when it answers, what it answers, and its fallbacks.

The broad "both paths give the same JSON" check is tests/api/test_compiled_differential.py;
here are the mechanisms a client and an operator rely on: the executor header, the
setting, per-viewer visibility through the SQL cache, variables below the root,
errors that stay the strawberry path's, and a database failure that loses nothing.
"""

from __future__ import annotations

import json

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from api.compiled import extension
from api.schema import schema
from tests.api.conftest import gid

pytestmark = pytest.mark.django_db

HEADER = "X-Timeline-Executor"

PAGE = """query($n: Int, $after: String) {
  events(first: $n, after: $after, filters: {from: "1980"}) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node {
      id title date dateStart dateEnd dateUncertain status createdAt
      participants { role actor { name } }
      treaties { name }
      tags { slug }
    } }
  }
}"""


def post(client, query, variables=None, **headers):
    return client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **headers,
    )


def ordered(response) -> list:
    """The body with key order kept, so a reordered object is a difference."""
    return json.loads(response.content, object_pairs_hook=list)


def both(client, settings, query, variables=None):
    settings.GRAPHQL_COMPILED_READS = True
    compiled = post(client, query, variables)
    settings.GRAPHQL_COMPILED_READS = False
    plain = post(client, query, variables)
    settings.GRAPHQL_COMPILED_READS = True
    return compiled, plain


def test_a_covered_page_is_one_statement_and_the_same_json(client, settings, world):
    settings.GRAPHQL_COMPILED_READS = True
    with CaptureQueriesContext(connection) as queries:
        compiled = post(client, PAGE, {"n": 3})
    assert compiled[HEADER] == "compiled"
    statements = [q["sql"] for q in queries.captured_queries if "json_build_object" in q["sql"]]
    assert len(statements) == 1
    settings.GRAPHQL_COMPILED_READS = False
    plain = post(client, PAGE, {"n": 3})
    assert plain[HEADER] == "strawberry; reason=compiled reads off"
    assert ordered(compiled) == ordered(plain)
    data = json.loads(compiled.content)["data"]["events"]
    assert [e["node"]["title"] for e in data["edges"]] == [
        "INF Treaty signed",
        "United States suspends INF obligations",
        "Strategic stability talks",
    ]


def test_paging_on_with_the_cursor_it_returned(client, settings, world):
    first = json.loads(post(client, PAGE, {"n": 2}).content)["data"]["events"]
    after = first["pageInfo"]["endCursor"]
    compiled, plain = both(client, settings, PAGE, {"n": 2, "after": after})
    assert compiled[HEADER] == "compiled"
    assert ordered(compiled) == ordered(plain)
    page = json.loads(compiled.content)["data"]["events"]
    assert page["pageInfo"]["hasPreviousPage"] is True
    assert page["edges"][0]["node"]["title"] == "Strategic stability talks"


def test_drafts_only_for_curators_though_the_sql_is_cached(client, settings, world, curator):
    query = "{ events(first: 20) { edges { node { title participants { actor { name } } } } } }"
    anonymous = json.loads(post(client, query).content)["data"]["events"]["edges"]
    client.force_login(curator)
    response = post(client, query)
    assert response[HEADER] == "compiled"
    signed_in = json.loads(response.content)["data"]["events"]["edges"]
    titles = {e["node"]["title"] for e in signed_in}
    assert "Draft event about INF" in titles
    assert "Draft event about INF" not in {e["node"]["title"] for e in anonymous}
    names = {p["actor"]["name"] for e in signed_in for p in e["node"]["participants"]}
    assert "Secret Actor" in names
    assert "Secret Actor" not in {
        p["actor"]["name"] for e in anonymous for p in e["node"]["participants"]
    }
    settings.GRAPHQL_COMPILED_READS = False
    assert ordered(post(client, query)) == ordered(response)


def test_variables_below_the_root_are_part_of_the_cached_statement(client, settings, world):
    query = """query($withTags: Boolean!, $tags: Int) { events(first: 10) { edges { node {
        title tags(pagination: {limit: $tags}) @include(if: $withTags) { slug } } } } }"""
    with_tags = post(client, query, {"withTags": True, "tags": 1})
    without = post(client, query, {"withTags": False})
    assert with_tags[HEADER] == without[HEADER] == "compiled"
    nodes = [e["node"] for e in json.loads(with_tags.content)["data"]["events"]["edges"]]
    assert all(len(n["tags"]) <= 1 for n in nodes)
    assert any(n["tags"] for n in nodes)
    nodes = [e["node"] for e in json.loads(without.content)["data"]["events"]["edges"]]
    assert all("tags" not in n for n in nodes)
    for variables in ({"withTags": True, "tags": 1}, {"withTags": False}):
        compiled, plain = both(client, settings, query, variables)
        assert ordered(compiled) == ordered(plain)


@pytest.mark.parametrize(
    ("query", "variables", "reason"),
    [
        (
            '{ treaty(slug: "x") { parties(asOf: "2000-01-01") { status } } }',
            {},
            "Treaty.parties has a resolver",
        ),
        ("{ events(first: 101) { totalCount } }", {}, "cannot be higher than 100"),
        ('{ events(after: "nope") { totalCount } }', {}, "not a valid list cursor"),
        ('{ events(filters: {actors: ["nobody"]}) { totalCount } }', {}, "no actor 'nobody'"),
    ],
)
def test_what_it_does_not_cover_strawberry_answers_and_says_why(
    client, settings, world, query, variables, reason
):
    compiled, plain = both(client, settings, query, variables)
    assert compiled[HEADER].startswith("strawberry; reason=")
    assert reason in compiled[HEADER]
    assert ordered(compiled) == ordered(plain)


def test_introspection_and_mutations_are_strawberrys(client, world):
    response = post(client, "{ __schema { queryType { name } } }")
    assert response[HEADER] == "strawberry; reason=introspection"
    response = post(
        client, 'mutation { eventDelete(id: "x") { __typename } }'
    )  # refused for the anonymous client, by strawberry
    assert not response.get(HEADER, "").startswith("compiled")


def test_the_setting_turns_it_off(client, settings, world):
    settings.GRAPHQL_COMPILED_READS = False
    response = post(client, PAGE, {"n": 1})
    assert response[HEADER] == "strawberry; reason=compiled reads off"
    assert json.loads(response.content)["data"]["events"]["edges"]


def test_a_batch_says_compiled_only_when_every_operation_was(client, world):
    def batch(*queries):
        body = json.dumps([{"query": q} for q in queries])
        return client.post("/graphql/", body, content_type="application/json")

    assert batch("{ events { totalCount } }", "{ tags { slug } }")[HEADER] == "compiled"
    mixed = batch("{ events { totalCount } }", '{ treaty(slug: "x") { statusAsOf { status } } }')
    assert mixed[HEADER].startswith("strawberry; reason=Treaty.statusAsOf")
    answers = json.loads(mixed.content)
    assert answers[0]["data"]["events"]["totalCount"] == 6
    assert answers[1]["data"] == {"treaty": None}


def test_calling_the_schema_directly_still_gives_python_data(world):
    result = schema.execute_sync("{ events(first: 1) { edges { node { title } } } }")
    assert result.errors is None
    assert result.data == {"events": {"edges": [{"node": {"title": "INF Treaty signed"}}]}}


def test_a_failing_statement_loses_nothing(client, settings, world, monkeypatch, caplog):
    def broken(statement):
        raise DatabaseError("the server went away")

    monkeypatch.setattr(extension, "run", broken)
    response = post(client, PAGE, {"n": 2})
    assert response[HEADER] == "strawberry; reason=database error"
    settings.GRAPHQL_COMPILED_READS = False
    assert ordered(response) == ordered(post(client, PAGE, {"n": 2}))
    assert "compiled statement failed" in caplog.text


def test_a_statement_over_the_timeout_falls_back(client, settings, world, monkeypatch):
    """A cancelled compiled statement rolls back to its savepoint; strawberry then answers
    (or reports its own TIMEOUT) exactly as it would have without the compiled path."""
    settings.GRAPHQL_STATEMENT_TIMEOUT_MS = 50
    query = "{ events(first: 5) { edges { node { title } } } }"
    real = extension.compile_operation

    def slow(*args, **kwargs):
        statement = real(*args, **kwargs)
        statement.text = f"SELECT (SELECT ({statement.text[7:]}) FROM pg_sleep(0.5))"
        return statement

    monkeypatch.setattr(extension, "compile_operation", slow)
    response = post(client, query)
    assert response[HEADER] == "strawberry; reason=database error"
    settings.GRAPHQL_COMPILED_READS = False
    assert ordered(response) == ordered(post(client, query))


def test_nodes_by_id_in_order_with_nulls_for_hidden(client, settings, world):
    ids = [
        gid("Event", world.ev_test.pk),
        gid("Event", world.ev_draft.pk),
        gid("Actor", world.usa.pk),
    ]
    query = """query($ids: [ID!]!) { nodes(ids: $ids) {
        __typename ... on Event { title } ... on Actor { name } } }"""
    compiled, plain = both(client, settings, query, {"ids": ids})
    assert compiled[HEADER] == "compiled"
    assert ordered(compiled) == ordered(plain)
    assert json.loads(compiled.content)["data"]["nodes"] == [
        {"__typename": "Event", "title": "Ground-launched cruise missile test"},
        None,
        {"__typename": "Actor", "name": "United States"},
    ]


def test_the_timeline_root_is_compiled(client, settings, world):
    query = """{ timeline(first: 4, filters: {from: "2019"}) { totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { __typename ... on Event { title } ... on Statement { text }
                                        ... on TreatyAction { action } } } } }"""
    compiled, plain = both(client, settings, query)
    assert compiled[HEADER] == "compiled"
    assert ordered(compiled) == ordered(plain)
    page = json.loads(compiled.content)["data"]["timeline"]
    assert page["pageInfo"]["hasNextPage"] is True
    after = page["pageInfo"]["endCursor"]
    query_after = query.replace("first: 4,", f'first: 4, after: "{after}",')
    compiled, plain = both(client, settings, query_after)
    assert compiled[HEADER] == "compiled"
    assert ordered(compiled) == ordered(plain)


def test_a_compiler_defect_costs_speed_not_the_answer(client, settings, world, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the compiler")

    monkeypatch.setattr(extension, "compile_operation", broken)
    response = post(client, PAGE, {"n": 2})
    assert response[HEADER] == "strawberry; reason=compiler error"
    assert "a bug in the compiler" in caplog.text
    settings.GRAPHQL_COMPILED_READS = False
    assert ordered(response) == ordered(post(client, PAGE, {"n": 2}))


@pytest.mark.parametrize(
    "query",
    [
        "{ eventCategories(pagination: {limit: 0}) { name } }",
        "{ events(first: 0) { totalCount edges { node { title } } } }",
        '{ events(first: 3, filters: {search: "!!"}) { totalCount edges { cursor } } }',
        "{ events(first: 2) { edges { node { tags(pagination: {limit: 0}) { slug } } } } }",
        '{ timeline(first: 3, filters: {search: "?!"}) { totalCount edges { cursor } } }',
        '{ timeline(last: 3, filters: {search: "?!", kinds: [EVENT]}) { totalCount } }',
    ],
)
def test_empty_by_construction_is_compiled_too(client, settings, world, query):
    """Pages Django knows are empty (a zero limit, a search without words) have no SQL of
    their own: the compiled path writes the empty value (and neither path fails)."""
    compiled, plain = both(client, settings, query)
    assert compiled[HEADER] == "compiled"
    assert ordered(compiled) == ordered(plain)
    assert "errors" not in json.loads(plain.content)


def test_search_is_compiled_with_ranks_snippets_and_cursors(client, settings, world):
    query = """query($after: String) { search(query: "treaty", first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor rank snippet node { __typename ... on Event { title }
                ... on Treaty { name } ... on Statement { text } } } } }"""
    compiled, plain = both(client, settings, query)
    assert compiled[HEADER] == "compiled"
    assert ordered(compiled) == ordered(plain)
    page = json.loads(compiled.content)["data"]["search"]
    assert "<mark>" in page["edges"][0]["snippet"]
    compiled, plain = both(client, settings, query, {"after": page["pageInfo"]["endCursor"]})
    assert compiled[HEADER] == "compiled"
    assert ordered(compiled) == ordered(plain)


def test_reused_statements_read_current_rows_and_recheck_lookups(client, world):
    """The cache holds SQL, never answers: new rows show up; and a filter that looks a slug
    up in the database is built again each time, so a slug hidden since is an error."""
    query = '{ events(first: 20, filters: {from: "2019"}) { totalCount } }'
    before = json.loads(post(client, query).content)["data"]["events"]["totalCount"]
    world.ev_draft.status = "published"
    world.ev_draft.save()
    after = post(client, query)
    assert after[HEADER] == "compiled"
    assert json.loads(after.content)["data"]["events"]["totalCount"] == before + 1

    by_actor = '{ events(first: 20, filters: {actors: ["russia"]}) { totalCount } }'
    assert post(client, by_actor)[HEADER] == "compiled"
    world.russia.status = "draft"
    world.russia.save()
    error = json.loads(post(client, by_actor).content)["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "russia" in error["message"]


def test_joined_to_one_records_keep_their_own_visibility(client, settings, world, curator):
    """A to-one record read from the parent row's joined columns is null when hidden or
    absent, exactly as the subquery (and strawberry) would make it."""
    world.ev_test.place_country = world.secret
    world.ev_test.save()
    query = """{ events(first: 20) { edges { node { title placeCountry { name kind }
        eventType { name } participants { role actor { name } } } } } }"""
    for user in (None, curator):
        if user is not None:
            client.force_login(user)
        compiled, plain = both(client, settings, query)
        assert compiled[HEADER] == "compiled"
        assert ordered(compiled) == ordered(plain)
        nodes = {
            e["node"]["title"]: e["node"]
            for e in json.loads(compiled.content)["data"]["events"]["edges"]
        }
        country = nodes["Ground-launched cruise missile test"]["placeCountry"]
        assert country == (None if user is None else {"name": "Secret Actor", "kind": "GROUP"})
        assert nodes["INF Treaty signed"]["placeCountry"] == {
            "name": "United States",
            "kind": "STATE",
        }
        assert nodes["Strategic stability talks"]["placeCountry"] is None
