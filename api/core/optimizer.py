"""The query optimizer, taught to keep the hints of fields requested under several aliases.

strawberry-django's optimizer groups a type's selections by field name and, when
the same field appears under aliases with different arguments, drops the field
from optimization altogether (its ``only``, ``select_related`` and
``prefetch_related`` hints). That is right for relations, whose prefetch query
depends on the arguments, but wrong for fields computed by a resolver from
hints that do not depend on the arguments (``Treaty.statusAsOf(date)`` replays
the same prefetched actions for every date): the resolver then found neither its
prefetch nor its columns. Here the aliases of such fields are collected into one
selection before the optimizer groups them, so their hints are applied once and
each alias still resolves with its own arguments.
"""

from __future__ import annotations

from graphql import FieldNode, GraphQLInterfaceType, GraphQLObjectType, GraphQLResolveInfo
from strawberry.relay import Connection
from strawberry_django import optimizer as _optimizer
from strawberry_django.fields.field import StrawberryDjangoField

_original_get_selections = _optimizer._get_selections


def _argument_independent(parent_type, name: str) -> bool:
    """A resolver field that is neither a relation nor a connection: its hints take no args."""
    gql_field = parent_type.fields.get(name)
    if gql_field is None:
        return False
    field = gql_field.extensions.get("strawberry-definition")
    if not isinstance(field, StrawberryDjangoField) or field.base_resolver is None:
        return False
    if field.is_relation:
        return False
    origin = getattr(field.type, "__origin__", field.type)
    return not (isinstance(origin, type) and issubclass(origin, Connection))


def _get_selections(
    info: GraphQLResolveInfo, parent_type: GraphQLObjectType | GraphQLInterfaceType
) -> dict[str, list[FieldNode]]:
    selections = _original_get_selections(info, parent_type)
    merged: dict[str, list[FieldNode]] = {}
    for key, nodes in selections.items():
        name = nodes[0].name.value
        if _argument_independent(parent_type, name):
            merged.setdefault(f"\0{name}", []).extend(nodes)
        else:
            merged[key] = nodes
    return merged


def install() -> None:
    """Called once by api.schema, before the schema is built."""
    _optimizer._get_selections = _get_selections
