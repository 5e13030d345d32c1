"""Issue 9 item 1: every field with arguments works when requested several times under
aliases with different arguments, at the root and inside lists.

The cases are keyed by "Type.field"; the first test reads the schema and fails when a
field with arguments has no case here, so a new one cannot slip through untested.
"""

from __future__ import annotations

import pytest
from graphql import GraphQLObjectType

from api.schema import schema
from tests.api.conftest import gid
from timeline.models import Statement

pytestmark = pytest.mark.django_db

NODE = "{ __typename ... on Node { id } }"
LIST = "{ totalCount edges { cursor node { id } } }"
UNION_LIST = "{ totalCount edges { cursor node " + NODE + " } }"


def cases(w) -> dict[str, tuple[str, str, str, str]]:
    """Type.field -> (where, selection, arguments a, arguments b).

    ``where`` wraps the aliased pair: "{}" for the root, or a path through a list,
    where the optimizer's prefetching is what is at stake.
    """
    treaties = '{ treaties { edges { node { %s } } } treaty(slug: "inf-treaty") { %s } }'
    return {
        "Query.events": ("{%s}", LIST, "(first: 2)", '(first: 1, filters: {from: "2019"})'),
        "Query.event": (
            "{%s}",
            "{ title }",
            f'(slug: "{w.ev_sign.slug}")',
            f'(id: "{gid("Event", w.ev_test.pk)}")',
        ),
        "Query.statements": ("{%s}", LIST, "(first: 1)", '(filters: {search: "treaty"})'),
        "Query.statement": (
            "{%s}",
            "{ text }",
            f'(id: "{gid("Statement", w.st_lavrov.pk)}")',
            f'(id: "{gid("Statement", w.st_pompeo.pk)}")',
        ),
        "Query.treaties": ("{%s}", LIST, "(first: 1)", '(filters: {search: "nothing-like-it"})'),
        "Query.treaty": (
            "{%s}",
            "{ name }",
            '(slug: "inf-treaty")',
            f'(id: "{gid("Treaty", w.draft_treaty.pk)}")',
        ),
        "Query.actors": ("{%s}", LIST, "(first: 2)", "(order: {field: NAME, direction: DESC})"),
        "Query.actor": (
            "{%s}",
            "{ name }",
            f'(slug: "{w.usa.slug}")',
            f'(slug: "{w.russia.slug}")',
        ),
        "Query.sources": ("{%s}", LIST, "(first: 1)", '(filters: {from: "2030"})'),
        "Query.source": (
            "{%s}",
            "{ title }",
            f'(id: "{gid("Source", w.src_tass.pk)}")',
            f'(id: "{gid("Source", w.src_draft.pk)}")',
        ),
        "Query.timeline": ("{%s}", UNION_LIST, "(first: 3)", '(filters: {from: "2019-08"})'),
        "Query.search": ("{%s}", UNION_LIST, '(query: "treaty")', '(query: "lavrov")'),
        "Query.node": (
            "{%s}",
            NODE,
            f'(id: "{gid("Actor", w.usa.pk)}")',
            f'(id: "{gid("Event", w.ev_sign.pk)}")',
        ),
        "Query.nodes": (
            "{%s}",
            NODE,
            f'(ids: ["{gid("Actor", w.usa.pk)}"])',
            f'(ids: ["{gid("Treaty", w.inf.pk)}"])',
        ),
        "Treaty.statusAsOf": (
            treaties,
            "{ status since }",
            '(date: "1988-01-01")',
            '(date: "2020-01-01")',
        ),
        "Treaty.parties": (
            treaties,
            "{ actor { name } status since }",
            '(asOf: "1988-01-01")',
            '(asOf: "2020-01-01")',
        ),
        "Query.eventCategories": (
            "{%s}",
            "{ slug }",
            "(pagination: {limit: 2})",
            "(pagination: {offset: 2})",
        ),
        "Query.tags": ("{%s}", "{ slug }", "(pagination: {limit: 1})", "(pagination: {offset: 1})"),
        **nested_list_cases(),
    }


# A path through a root list to each type, so a nested list is prefetched for every
# parent at once; the aliases ask for different windows of the same relation.
THROUGH = {
    "Actor": "{ actors(first: 20) { edges { node { %s } } } }",
    "Event": "{ events(first: 20) { edges { node { %s } } } }",
    "Source": "{ sources(first: 20) { edges { node { %s } } } }",
    "Statement": "{ statements(first: 20) { edges { node { %s } } } }",
    "Treaty": "{ treaties(first: 20) { edges { node { %s } } } }",
    "TreatyAction": (
        "{ treaties(first: 20) { edges { node { actions(pagination: {limit: 20}) { %s } } } } }"
    ),
}
NESTED_LISTS = {
    "Actor.positions": "{ title }",
    "Event.citations": "{ excerpt }",
    "Event.participants": "{ actor { name } role }",
    "Event.relations": "{ kind event { title } }",
    "Event.statements": "{ text }",
    "Event.tags": "{ name }",
    "Event.treaties": "{ name }",
    "Event.treatyActions": "{ action date }",
    "Source.citations": "{ excerpt }",
    "Statement.citations": "{ excerpt }",
    "Statement.events": "{ title }",
    "Statement.treaties": "{ name }",
    "Treaty.actions": "{ action date }",
    "Treaty.events": "{ title }",
    "Treaty.statements": "{ text }",
    "TreatyAction.citations": "{ excerpt }",
}


def nested_list_cases() -> dict[str, tuple[str, str, str, str]]:
    return {
        key: (
            THROUGH[key.split(".")[0]],
            selection,
            "(pagination: {limit: 1})",
            "(pagination: {offset: 1, limit: 5})",
        )
        for key, selection in NESTED_LISTS.items()
    }


def fields_with_arguments() -> set[str]:
    found = set()
    for name, gql_type in schema._schema.type_map.items():
        if isinstance(gql_type, GraphQLObjectType) and not name.startswith("__"):
            found |= {f"{name}.{field}" for field, f in gql_type.fields.items() if f.args}
    return found


# Mutation fields run serially (graphql-core executes a mutation's root fields one
# after another, each with its own arguments), so one document with two aliased
# mutations is the case that matters; test_aliased_mutations_each_take_effect runs it.
# Listed by name so that a new mutation fails the enumeration until it is considered.
MUTATIONS = {
    "eventCreate",
    "eventUpdate",
    "statementCreate",
    "statementUpdate",
    "treatyActionCreate",
    "treatyActionUpdate",
    "sourceCreate",
    "sourceUpdate",
    "citationCreate",
    "citationUpdate",
    "citationDelete",
    "recordSubmit",
    "recordPublish",
    "recordRetract",
    "recordSendBack",
    "revisionApprove",
    "revisionReject",
}


def test_every_field_with_arguments_has_a_case(world):
    found = fields_with_arguments()
    assert {key for key in found if key.startswith("Mutation.")} == {
        f"Mutation.{name}" for name in MUTATIONS
    }
    assert set(cases(world)) == {key for key in found if not key.startswith("Mutation.")}


def test_aliased_mutations_each_take_effect(curator_gql, world):
    document = """mutation($a: StatementInput!, $b: StatementInput!) {
      a: statementCreate(input: $a) { statement { id text } errors { code } }
      b: statementCreate(input: $b) { statement { id text } errors { code } } }"""
    speaker = gid("Actor", world.lavrov.pk)
    data = curator_gql.data(
        document,
        {
            "a": {"speaker": speaker, "date": "2019-03-19", "text": "first aliased text"},
            "b": {"speaker": speaker, "date": "2019-03-20", "text": "second aliased text"},
        },
    )
    assert data["a"]["errors"] == [] and data["b"]["errors"] == []
    assert data["a"]["statement"]["text"] == "first aliased text"
    assert data["b"]["statement"]["text"] == "second aliased text"
    assert data["a"]["statement"]["id"] != data["b"]["statement"]["id"]
    stored = dict(
        Statement.objects.filter(text__endswith="aliased text").values_list("text", "date_start")
    )
    assert {text: str(day) for text, day in stored.items()} == {
        "first aliased text": "2019-03-19",
        "second aliased text": "2019-03-20",
    }


def _query(where: str, body: str) -> str:
    return where % ((body,) * where.count("%s"))


@pytest.mark.parametrize(
    "key", sorted(k for k in fields_with_arguments() if not k.startswith("Mutation."))
)
def test_aliases_with_different_arguments(gql, world, key):
    where, selection, args_a, args_b = cases(world)[key]
    field = key.split(".")[1]
    both = gql(_query(where, f"a: {field}{args_a} {selection} b: {field}{args_b} {selection}"))
    alone_a = gql(_query(where, f"a: {field}{args_a} {selection}"))
    alone_b = gql(_query(where, f"b: {field}{args_b} {selection}"))
    for body in (both, alone_a, alone_b):
        assert "errors" not in body, body["errors"]

    def pick(data, alias):
        # The value of ``alias`` wherever the wrapper put it (root, list of treaties, treaty).
        if isinstance(data, dict):
            if alias in data:
                return [data[alias]]
            return [v for item in data.values() for v in pick(item, alias)]
        if isinstance(data, list):
            return [v for item in data for v in pick(item, alias)]
        return []

    a, b = pick(both["data"], "a"), pick(both["data"], "b")
    assert a == pick(alone_a["data"], "a")
    assert b == pick(alone_b["data"], "b")
    assert a and a != b  # the two argument sets really ask different things
