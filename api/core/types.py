"""Base pieces every domain type shares: enums, visibility, dates."""

from __future__ import annotations

import strawberry
import strawberry_django
from strawberry import Info
from strawberry_django.relay import resolve_model_node, resolve_model_nodes

from api.core.ids import parse_pk
from api.core.permissions import sees_unpublished
from timeline.dates import Precision as PrecisionChoices
from timeline.dates import qualifier_sql, qualifiers
from timeline.models import Status as StatusChoices
from timeline.querysets import visible

Status = strawberry.enum(StatusChoices, name="Status", description="Workflow status of a record.")
Precision = strawberry.enum(
    PrecisionChoices, name="Precision", description="How precise a date is (day, month, …)."
)


class Visible:
    """Mixin for strawberry-django types: rows go through timeline.querysets.visible.

    strawberry-django runs ``get_queryset`` for top-level lists, ``node``, and (as
    a Prefetch) for nested relations, so one declaration covers every path.
    """

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return visible(queryset, unpublished=sees_unpublished(info))


class PkNode:
    """Relay ids are primary keys. Said once here: without it strawberry scans the type's
    annotations for a NodeID on every id it resolves, a third of the time of a big page.

    ``node(id:)`` and ``nodes(ids:)`` come through ``resolve_node(s)``: the node
    part of each id is checked here (api.core.ids.parse_pk) before any SQL, so
    ``Event:abc`` is a BAD_USER_INPUT, not a database error.
    """

    _id_attr = "pk"

    @classmethod
    def resolve_nodes(cls, *, info, node_ids, required=False):
        name = cls.__strawberry_definition__.name
        pks = [str(parse_pk(str(node_id), name)) for node_id in node_ids]
        return resolve_model_nodes(cls, info=info, node_ids=pks, required=required)

    @classmethod
    def resolve_node(cls, node_id, *, info, required=False):
        name = cls.__strawberry_definition__.name
        pk = str(parse_pk(str(node_id), name))
        return resolve_model_node(cls, pk, info=info, required=required)


class CompiledLeaf:
    """How the compiled read path (api/compiled) renders a field that has a resolver:
    ``sql(column_sql, unpublished)`` is the JSON-ready value from the model's ``column``."""

    def __init__(self, column: str, sql) -> None:
        self.column = column
        self.sql = sql


def compiled_leaf(field, column: str, sql):
    field.compiled_leaf = CompiledLeaf(column, sql)
    return field


def uncertain_field(column: str = "date"):
    """``dateUncertain``: the EDTF date carries `?` (or `%`) on the whole or a part of it."""

    def resolve(root) -> bool:
        return qualifiers(getattr(root, column))[0]

    field = strawberry_django.field(
        resolver=resolve,
        only=[column],
        description="True when the date is marked uncertain (EDTF `?` or `%`), in whole or part.",
    )
    return compiled_leaf(field, column, lambda sql, _: qualifier_sql(sql, "uncertain"))


def approximate_field(column: str = "date"):
    """``dateApproximate``: the EDTF date carries `~` (or `%`)."""

    def resolve(root) -> bool:
        return qualifiers(getattr(root, column))[1]

    field = strawberry_django.field(
        resolver=resolve,
        only=[column],
        description="True when the date is marked approximate (EDTF `~` or `%`), in whole or part.",
    )
    return compiled_leaf(field, column, lambda sql, _: qualifier_sql(sql, "approximate"))
