"""Issue 9 item 9: the schema's descriptions say what the arguments do (``last`` used
to say it returns the items "that come after the specified cursor")."""

from __future__ import annotations

from graphql import GraphQLObjectType

from api.schema import schema


def paging_arguments():
    for type_name, gql_type in schema._schema.type_map.items():
        if not isinstance(gql_type, GraphQLObjectType) or type_name.startswith("__"):
            continue
        for field_name, field in gql_type.fields.items():
            for name, argument in field.args.items():
                if name in ("first", "last", "after", "before"):
                    yield f"{type_name}.{field_name}({name})", name, argument.description


def test_paging_arguments_say_what_they_do():
    found = list(paging_arguments())
    assert len(found) >= 20  # five lists with four, timeline with four, search with two
    for where, name, description in found:
        assert description, where
        if name in ("last", "before"):
            assert "before" in description and "after" not in description.split("`")[0], where
        else:
            assert "after" in description and "before" not in description, where
        if name in ("first", "last"):
            assert "at most 100" in description, where


def test_every_root_field_is_described():
    for name, field in schema._schema.query_type.fields.items():
        assert field.description, name
