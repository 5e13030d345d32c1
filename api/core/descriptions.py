"""One wording for the arguments every list field shares, set on the built schema.

strawberry adds ``before``/``after``/``first``/``last`` to connection fields with
its own descriptions (where ``last`` says it returns the items "that come after
the specified cursor"); fields that page by hand (timeline, search) had none.
Setting them here, after the schema is built, covers every field, whoever
declared it, and the schema file shows the result.
"""

from __future__ import annotations

from graphql import GraphQLObjectType

from api.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

ARGUMENTS = {
    "first": f"The first n items after `after` (default {DEFAULT_PAGE_SIZE}, at most "
    f"{MAX_PAGE_SIZE}).",
    "last": f"The last n items before `before` (at most {MAX_PAGE_SIZE}).",
    "after": "An opaque cursor (an edge's `cursor` or `pageInfo.endCursor`): the items that "
    "come after it.",
    "before": "An opaque cursor (an edge's `cursor` or `pageInfo.startCursor`): the items that "
    "come before it.",
    "filters": "Conditions the items must all meet.",
    "order": "Sort order (default: by date, ascending).",
}


def describe_arguments(schema) -> None:
    for gql_type in schema._schema.type_map.values():
        if not isinstance(gql_type, GraphQLObjectType) or gql_type.name.startswith("__"):
            continue
        for field in gql_type.fields.values():
            for name, argument in field.args.items():
                if name in ARGUMENTS:
                    argument.description = ARGUMENTS[name]
