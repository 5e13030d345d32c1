"""Fetching the records of a mixed (union) page through the optimizer.

A union page is decided by one SQL statement that yields (kind, pk) keys; the
records are then fetched with one optimized queryset per kind, so nested
relations are prefetched exactly as for a plain list: a constant number of
queries whatever the page size.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphql import FieldNode, FragmentSpreadNode, GraphQLResolveInfo, InlineFragmentNode
from graphql.type import get_named_type
from strawberry import Info
from strawberry_django.optimizer import DjangoOptimizerExtension, optimize


def _child_fields(info: GraphQLResolveInfo, nodes: Iterable[FieldNode], name: str):
    found: list[FieldNode] = []

    def walk(selection_set):
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value == name:
                    found.append(selection)
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = info.fragments.get(selection.name.value)
                if fragment is not None:
                    walk(fragment.selection_set)

    for node in nodes:
        walk(node.selection_set)
    return found


def selection_info(info: Info, path: Iterable[str]) -> GraphQLResolveInfo | None:
    """The resolve info of a nested selection (e.g. edges → node), for the optimizer."""
    raw = info._raw_info
    nodes: list[FieldNode] = list(raw.field_nodes)
    gql_type = get_named_type(raw.return_type)
    parent = gql_type
    name = raw.field_name
    for name in path:
        nodes = _child_fields(raw, nodes, name)
        if not nodes:
            return None
        parent = gql_type
        gql_type = get_named_type(gql_type.fields[name].type)
    return raw._replace(
        field_name=name, field_nodes=nodes, return_type=gql_type, parent_type=parent
    )


def fetch_records(keys: list[tuple[type, int]], info: Info, path: Iterable[str]) -> dict:
    """{(model, pk): instance} for ``keys``, already known to be visible and matching."""
    sub_info = selection_info(info, path)
    wanted: dict[type, list[int]] = {}
    for model, pk in keys:
        wanted.setdefault(model, []).append(pk)
    found: dict[tuple[type, int], object] = {}
    for model, pks in wanted.items():
        qs = model._default_manager.filter(pk__in=pks).order_by()
        if sub_info is not None and DjangoOptimizerExtension.enabled.get():
            qs = optimize(qs, sub_info)
        for obj in qs:
            found[(model, obj.pk)] = obj
    return found
