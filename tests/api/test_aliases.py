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
    }


def fields_with_arguments() -> set[str]:
    found = set()
    for name, gql_type in schema._schema.type_map.items():
        if isinstance(gql_type, GraphQLObjectType) and not name.startswith("__"):
            found |= {f"{name}.{field}" for field, f in gql_type.fields.items() if f.args}
    return found


def test_every_field_with_arguments_has_a_case(world):
    assert set(cases(world)) == fields_with_arguments()


def _query(where: str, body: str) -> str:
    return where % ((body,) * where.count("%s"))


@pytest.mark.parametrize("key", sorted(fields_with_arguments()))
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
