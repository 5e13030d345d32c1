"""Compile one validated read operation into one SQL statement that builds its JSON.

The walk follows graphql-core's own field collection (fragments, inline
fragments, @skip/@include with variables, aliases, field merging) and argument
coercion, so the selection compiled is exactly the one strawberry would execute.
Rows come from Django querysets built by the same code the strawberry path runs:

- a root list's queryset is what its resolver returns (filters through the
  FilterSets, named orderings from ``timeline.querysets.ORDERINGS``), then the
  type's ``get_queryset`` (visibility, ``timeline.querysets.visible``);
- keyset paging uses ``api.core.pagination`` (sort key, cursor decoding,
  ``keyset_q``) and ``api.core.cursors``' format;
- a nested list is the related manager's queryset with the type's
  ``get_queryset``, the model's default order and the bounded page of
  ``api.core.limits.lists``.

Django compiles each of those to SQL; this module only nests them, as correlated
subqueries whose rows become ``json_build_object``/``json_agg`` values. Anything
it has no exact rendering for raises ``NotCompilable`` and the whole operation is
answered by strawberry instead.
"""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    InlineFragmentNode,
    OperationType,
    VariableNode,
    Visitor,
    visit,
)
from graphql.execution.collect_fields import collect_fields, collect_subfields
from graphql.execution.executor import Executor
from graphql.execution.values import get_argument_values
from strawberry import relay
from strawberry.relay.fields import NodeExtension
from strawberry.types.arguments import convert_arguments
from strawberry_django.fields.field import (
    StrawberryDjangoConnectionExtension,
    StrawberryDjangoField,
)

from api.compiled.sqlvalues import (
    NotCompilable,
    base64_text,
    cursor_value,
    enum_name,
    global_id,
    literal,
    qn,
    scalar,
)
from api.compiled.unions import ROOTS
from api.core.ids import MaxIds, parse_pk
from api.core.limits.lists import BoundedListField, checked_pagination
from api.core.pagination import (
    LIST_CURSOR,
    CountedConnection,
    _model_field,
    _signature,
    decode_list_cursor,
    keyset_q,
    page_arguments,
    sort_key,
)
from api.core.permissions import sees_unpublished
from api.core.types import Visible
from timeline.querysets import through

# Connection paging and relay node lookups are what this module compiles itself.
KNOWN_EXTENSIONS = (StrawberryDjangoConnectionExtension, NodeExtension)
MAX_OBJECT_KEYS = 50  # json_build_object takes at most 100 arguments


@dataclass
class Sql:
    """An SQL fragment with its parameters, in order."""

    text: str
    params: list = field(default_factory=list)

    def __add__(self, other: Sql | str) -> Sql:
        if isinstance(other, str):
            return Sql(self.text + other, self.params)
        return Sql(self.text + other.text, self.params + other.params)

    def __radd__(self, other: str) -> Sql:
        return Sql(other + self.text, self.params)


def join(parts: list[Sql | str], separator: str = ", ") -> Sql:
    out = Sql("")
    for i, part in enumerate(parts):
        if i:
            out = out + separator
        out = out + part
    return out


def rows_or_none(qs: QuerySet, empty: QuerySet) -> Sql:
    try:
        return queryset_sql(qs)
    except EmptyRows:
        return queryset_sql(empty)


def count_sql(qs: QuerySet) -> Sql:
    try:
        return "(SELECT count(*) FROM (" + queryset_sql(qs) + ") c)"
    except EmptyRows:
        return Sql("0")


_COLUMN = re.compile(r'"((?:[^"]|"")+)"\."((?:[^"]|"")+)"')


def pruned(qs: QuerySet, alias: str, sql: str) -> QuerySet:
    """``qs`` loading only the columns ``sql`` reads from its rows (aliased ``alias``)."""
    columns = {column for name, column in _COLUMN.findall(sql) if name == alias}
    model = qs.model
    names = [f.name for f in model._meta.concrete_fields if f.column in columns]
    return qs.only(*names) if names else qs.only(model._meta.pk.name)


class _NotJoinable(Exception):
    """A to-one record whose selection reaches further relations: read by a subquery."""


class EmptyRows(Exception):
    """Django knows the queryset matches nothing (``none()``, ``pk__in=[]``, a zero slice)
    and has no SQL for it: the caller writes the empty value itself."""


def queryset_sql(qs: QuerySet) -> Sql:
    try:
        sql, params = qs.query.sql_with_params()
    except EmptyResultSet:
        raise EmptyRows from None
    return Sql(sql, list(params))


class _Info:
    """What the resolvers and ``get_queryset`` read from strawberry's Info: the context."""

    def __init__(self, context: Any) -> None:
        self.context = context


def _unwrap(graphql_type):
    nullable = True
    if isinstance(graphql_type, GraphQLNonNull):
        graphql_type, nullable = graphql_type.of_type, False
    return graphql_type, nullable


def _definition(graphql_object) -> Any:
    return graphql_object.extensions.get("strawberry-definition")


def _django_model(graphql_type: GraphQLObjectType):
    definition = _definition(graphql_type)
    origin = getattr(definition, "origin", None)
    django_definition = getattr(origin, "__strawberry_django_definition__", None)
    if django_definition is None:
        raise NotCompilable(f"{graphql_type.name} is not a Django type")
    return origin, django_definition.model


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_variable(self, node: VariableNode, *_args) -> None:
        self.names.add(node.name.value)


def _variables_in(node) -> set[str]:
    collector = _Variables()
    visit(node, collector)
    return collector.names


def nested_variable_names(executor) -> frozenset[str]:
    """Variables an object's SQL may depend on: all but those used only as arguments of
    the operation's own root fields (those shape the root querysets, built per request).
    Fragments are walked whole, so a variable anywhere in one counts."""
    names: set[str] = set()
    for fragment in executor.fragments.values():
        names |= _variables_in(fragment.definition)

    def walk(selection_set) -> None:
        for selection in selection_set.selections:
            names.update(*(_variables_in(d) for d in selection.directives or ()))
            if isinstance(selection, FieldNode):
                if selection.selection_set is not None:
                    names.update(_variables_in(selection.selection_set))
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                pass  # its definition is counted above

    walk(executor.operation.selection_set)
    return frozenset(names)


_OBJECT_CACHE: dict = {}
_ROOT_CACHE: dict = {}
# A root statement may embed plan choices made from table statistics (the search filter's
# rare words): rebuilt after this many seconds, when statistics may have changed.
ROOT_STATEMENT_TTL = 300.0


class _QueryCounter:
    """Counts the SQL statements run on any connection while it is entered."""

    def __init__(self) -> None:
        self.count = 0
        self._stack = contextlib.ExitStack()

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        for connection in connections.all(initialized_only=True):
            self._stack.enter_context(connection.execute_wrapper(self))
        return self

    def __exit__(self, *exc_info):
        return self._stack.__exit__(*exc_info)


_OBJECT_CACHE_SIZE = 4096
_SCOPES: dict = {}


def _remember(cache: dict, key, value):
    """Store ``value`` in one of this module's per-process caches, emptied when full."""
    if len(cache) > _OBJECT_CACHE_SIZE:
        cache.clear()
    cache[key] = value
    return value


class Compiler:
    """One operation: ``compile()`` returns the statement, or raises NotCompilable.

    The SQL of each object selection depends only on the document, the operation, who
    reads (public or curator) and the variables used below the root fields, so it is
    built once and reused; only the root querysets (filters, order, cursors, page
    size) are compiled per request.
    """

    def __init__(self, schema, document, variables, operation_name, context, query=None) -> None:
        self.schema = schema  # strawberry's
        self.gschema = schema._schema
        executor = Executor.build(
            self.gschema, document, raw_variable_values=variables, operation_name=operation_name
        )
        if isinstance(executor, list):
            raise NotCompilable("variables or operation")
        if executor.operation.operation is not OperationType.QUERY:
            raise NotCompilable("not a query")
        self.executor = executor
        self.info = _Info(context)
        self.unpublished = sees_unpublished(self.info)
        # (row alias, column name, expression): columns of to-one records joined into a
        # row's own query (see ``joined_object``), added when that query is built.
        self.joined: list[tuple[str, str, Any]] = []
        self.joining = False
        self.scope = None
        if query is not None:
            scope_key = (query, operation_name)
            names = _SCOPES.get(scope_key)
            if names is None:
                names = _remember(_SCOPES, scope_key, nested_variable_names(executor))
            values = executor.variable_values.coerced
            self.scope = (
                query,
                operation_name,
                self.unpublished,
                tuple(sorted((n, repr(values.get(n))) for n in names)),
            )

    # --- helpers ------------------------------------------------------------

    def arguments(self, graphql_field, details) -> dict:
        if any(d.defer_usage is not None for d in details):
            raise NotCompilable("@defer")
        return get_argument_values(
            graphql_field,
            details[0].node,
            self.executor.variable_values,
            details[0].fragment_variable_values,
        )

    def python_arguments(self, strawberry_field, raw: dict) -> dict:
        return convert_arguments(
            raw,
            strawberry_field.arguments,
            scalar_registry=self.schema.schema_converter.scalar_registry,
            config=self.schema.config,
        )

    def subfields(self, graphql_type: GraphQLObjectType, details) -> dict:
        collected = collect_subfields(
            self.gschema,
            self.executor.fragments,
            self.executor.variable_values,
            self.executor.operation,
            graphql_type,
            details,
        )
        if collected.new_defer_usages:
            raise NotCompilable("@defer")
        return collected.grouped_field_set

    @staticmethod
    def check_extensions(strawberry_field, raw: dict) -> None:
        """Field extensions run on the strawberry path only: a field is compiled only when
        each of its extensions is one whose effect is reproduced here."""
        for extension in getattr(strawberry_field, "extensions", None) or ():
            if isinstance(extension, MaxIds):
                if len(raw.get("ids") or ()) > extension.maximum:
                    raise NotCompilable("too many ids (reported by strawberry)")
            elif not isinstance(extension, KNOWN_EXTENSIONS):
                raise NotCompilable(f"field extension {type(extension).__name__}")

    @staticmethod
    def enum_values(enum_type: GraphQLEnumType) -> dict[str, str]:
        """Stored value -> GraphQL name, from strawberry's enum definition."""
        definition = _definition(enum_type)
        if definition is None:
            raise NotCompilable(f"enum {enum_type.name}")
        return {str(v.value): v.name for v in definition.values}

    def visible(self, origin, qs: QuerySet) -> QuerySet:
        get_queryset = getattr(origin, "get_queryset", None)
        return get_queryset(qs, self.info) if get_queryset is not None else qs

    # --- the operation ------------------------------------------------------

    def compile(self) -> Sql:
        root = self.gschema.query_type
        collected = collect_fields(
            self.gschema,
            self.executor.fragments,
            self.executor.variable_values,
            root,
            self.executor.operation,
        )
        if collected.new_defer_usages:
            raise NotCompilable("@defer")
        parts: list[Sql | str] = []
        for i, (key, details) in enumerate(collected.grouped_field_set.items()):
            parts += [literal(key), self.root_field(root, details, f"r{i}")]
        if len(parts) > 2 * MAX_OBJECT_KEYS:
            raise NotCompilable("too many root fields")
        return "SELECT json_build_object(" + join(parts) + ")::text"

    def root_field(self, root: GraphQLObjectType, details, alias: str) -> Sql:
        name = details[0].node.name.value
        if name == "__typename":
            return Sql(literal(root.name))
        if name.startswith("__"):
            raise NotCompilable("introspection")
        graphql_field = root.fields[name]
        raw = self.arguments(graphql_field, details)
        if self.scope is None:
            return self._root_field(graphql_field, name, raw, details, alias)
        key = (self.scope, alias, repr(raw))
        cached = _ROOT_CACHE.get(key)
        now = time.monotonic()
        if cached is not None and now - cached[1] < ROOT_STATEMENT_TTL:
            return cached[0]
        with _QueryCounter() as counter:
            statement = self._root_field(graphql_field, name, raw, details, alias)
        if counter.count == 0:
            # Built from the arguments alone (no filter looked anything up in the
            # database), so the same arguments give the same statement.
            _remember(_ROOT_CACHE, key, (statement, now))
        return statement

    def _root_field(self, graphql_field, name: str, raw: dict, details, alias: str) -> Sql:
        strawberry_field = _definition(graphql_field)
        return_type, _ = _unwrap(graphql_field.type)
        self.check_extensions(strawberry_field, raw)
        handler = ROOTS.get(name)
        if handler is not None:
            return handler(self, strawberry_field, raw, details, alias)
        if name == "node":
            return self.node(raw["id"], details, alias)
        if name == "nodes":
            nodes = [self.node(i, details, f"{alias}_{k}") for k, i in enumerate(raw["ids"])]
            return "json_build_array(" + join(nodes) + ")"
        if (
            isinstance(strawberry_field, BoundedListField)
            and strawberry_field.base_resolver is None
        ):
            item_type, _ = _unwrap(return_type.of_type)
            origin, model = _django_model(item_type)
            qs = self.visible(origin, model._default_manager.all())
            return self.list_json(item_type, model, qs, raw.get("pagination"), details, alias)
        if not isinstance(strawberry_field, StrawberryDjangoField):
            raise NotCompilable(f"root field {name}")
        resolver = strawberry_field.base_resolver
        if resolver is None:
            raise NotCompilable(f"root field {name}")
        kwargs = self.python_arguments(strawberry_field, raw)
        names = {a.python_name for a in resolver.arguments}
        try:
            call = {k: v for k, v in kwargs.items() if k in names}
            if resolver.info_parameter is not None:
                call[resolver.info_parameter.name] = self.info
            qs = resolver.wrapped_func(None, **call)
        except Exception as exc:  # the strawberry path reports it as it always has
            raise NotCompilable(f"resolver error: {exc}") from None
        if not isinstance(qs, QuerySet):
            raise NotCompilable(f"root field {name} does not return a queryset")
        if isinstance(return_type, GraphQLObjectType) and issubclass(
            _definition(return_type).origin, CountedConnection
        ):
            return self.connection(return_type, qs, kwargs, details, alias)
        if isinstance(return_type, GraphQLObjectType):
            origin, model = _django_model(return_type)
            return self.one_json(return_type, model, self.visible(origin, qs), details, alias)
        raise NotCompilable(f"root field {name}")

    def node(self, global_id_text: str, details, alias: str) -> Sql:
        try:
            gid = relay.GlobalID.from_id(global_id_text)
        except Exception:
            raise NotCompilable("bad global id") from None
        graphql_type = self.gschema.type_map.get(gid.type_name)
        if not isinstance(graphql_type, GraphQLObjectType):
            raise NotCompilable("unknown type in a global id")
        origin, model = _django_model(graphql_type)
        try:
            pk = parse_pk(gid.node_id, gid.type_name)
        except Exception:
            raise NotCompilable("bad global id") from None
        qs = self.visible(origin, model._default_manager.filter(pk=pk))
        return self.one_json(graphql_type, model, qs, details, alias)

    # --- objects and lists ----------------------------------------------------

    def one_json(self, graphql_type, model, qs: QuerySet, details, alias: str) -> Sql:
        """The first row of ``qs`` as the selection's object, or NULL."""
        obj = self.object_json(graphql_type, model, alias, details)
        qs = self.pruned(qs, alias, obj.text)
        try:
            rows = queryset_sql(qs[:1])
        except EmptyRows:
            return Sql("NULL::json")
        return "(SELECT " + obj + " FROM (" + rows + f") {qn(alias)})"

    def list_json(self, graphql_type, model, qs: QuerySet, pagination, details, alias) -> Sql:
        """A bounded page of ``qs`` in its own order, as a JSON array."""
        try:
            page = checked_pagination(
                None
                if pagination is None
                else _Pagination(pagination.get("offset"), pagination.get("limit"))
            )
        except Exception:
            raise NotCompilable("nested pagination out of bounds") from None
        obj = self.object_json(graphql_type, model, alias, details)
        qs = self.pruned(qs, alias, obj.text)
        order = [expr for expr, _ in qs.query.get_compiler(using=qs.db).get_order_by()]
        qs = qs.annotate(_cq_rn=Window(RowNumber(), order_by=order or [F("pk").asc()]))
        qs = qs[page.offset : page.offset + page.limit]
        try:
            rows = queryset_sql(qs)
        except EmptyRows:
            return Sql("'[]'::json")
        return (
            "(SELECT coalesce(json_agg("
            + obj
            + f" ORDER BY {qn(alias)}._cq_rn), '[]'::json) FROM ("
            + rows
            + f") {qn(alias)})"
        )

    def object_json(self, graphql_type, model, alias: str, details) -> Sql:
        if self.scope is None:
            return self._object_json(graphql_type, model, alias, details)
        key = (self.scope, alias, graphql_type.name)
        cached = _OBJECT_CACHE.get(key)
        if cached is None:
            registered = len(self.joined)
            sql = self._object_json(graphql_type, model, alias, details)
            cached = _remember(_OBJECT_CACHE, key, (sql, self.joined[registered:]))
        else:
            self.joined.extend(cached[1])  # the joined columns it reads, as when built
        return cached[0]

    def pruned(self, qs: QuerySet, alias: str, sql: str) -> QuerySet:
        """``qs`` with only the columns ``sql`` reads, plus the joined ones it reads."""
        qs = pruned(qs, alias, sql)
        joined = {name: expression for row, name, expression in self.joined if row == alias}
        return qs.annotate(**joined) if joined else qs

    def _object_json(self, graphql_type, model, alias: str, details) -> Sql:
        fields = self.subfields(graphql_type, details)
        if len(fields) > MAX_OBJECT_KEYS:
            raise NotCompilable("too many fields in one object")
        parts: list[Sql | str] = []
        for j, (key, sub) in enumerate(fields.items()):
            parts += [literal(key), self.field_json(graphql_type, model, alias, sub, j)]
        return "json_build_object(" + join(parts) + ")"

    def field_json(self, graphql_type, model, alias: str, details, index: int) -> Sql:
        name = details[0].node.name.value
        if name == "__typename":
            return Sql(literal(graphql_type.name))
        graphql_field = graphql_type.fields[name]
        strawberry_field = _definition(graphql_field)
        raw = self.arguments(graphql_field, details)
        field_type, nullable = _unwrap(graphql_field.type)
        row = qn(alias)
        if name == "id" and not isinstance(strawberry_field, StrawberryDjangoField):
            if "Node" not in {i.name for i in graphql_type.interfaces}:
                raise NotCompilable(f"{graphql_type.name}.id")
            return Sql(global_id(graphql_type.name, f"{row}.{qn(model._meta.pk.column)}"))
        if not isinstance(strawberry_field, StrawberryDjangoField):
            raise NotCompilable(f"{graphql_type.name}.{name}")
        self.check_extensions(strawberry_field, raw)
        leaf = getattr(strawberry_field, "compiled_leaf", None)
        if leaf is not None:
            value = leaf.sql(
                f"{row}.{qn(model._meta.get_field(leaf.column).column)}", self.unpublished
            )
            if isinstance(field_type, GraphQLEnumType):
                value = enum_name(value, self.enum_values(field_type))
            return Sql(value)
        if strawberry_field.base_resolver is not None:
            raise NotCompilable(f"{graphql_type.name}.{name} has a resolver")
        django_name = strawberry_field.django_name or strawberry_field.python_name
        try:
            model_field = model._meta.get_field(django_name)
        except Exception:
            raise NotCompilable(f"{graphql_type.name}.{name}: no model field") from None
        if strawberry_field.is_relation or model_field.is_relation:
            return self.relation_json(
                model_field, field_type, alias, raw, details, f"{alias}_{index}"
            )
        column = f"{row}.{qn(model_field.column)}"
        if isinstance(field_type, GraphQLEnumType):
            return Sql(enum_name(column, self.enum_values(field_type)))
        if isinstance(field_type, GraphQLList):
            item, _ = _unwrap(field_type.of_type)
            if isinstance(item, GraphQLScalarType) and item.name == "String":
                base = getattr(model_field, "base_field", None)
                if isinstance(base, (models.CharField, models.TextField)):
                    return Sql(f"to_json({column})")
            raise NotCompilable(f"list field {graphql_type.name}.{name}")
        if isinstance(field_type, GraphQLScalarType):
            return Sql(scalar(model_field, column, field_type.name))
        raise NotCompilable(f"{graphql_type.name}.{name}")

    def relation_json(self, model_field, field_type, parent: str, raw, details, alias) -> Sql:
        row = qn(parent)
        related = model_field.related_model
        if isinstance(field_type, GraphQLList):
            if self.joining:
                raise _NotJoinable
            item_type, _ = _unwrap(field_type.of_type)
            origin, model = _django_model(item_type)
            if model is not related:
                raise NotCompilable("list of another model")
            qs = model._default_manager.all()
            if model_field.many_to_many:
                if isinstance(model_field, models.ManyToManyField):
                    lookup = model_field.related_query_name()
                else:
                    lookup = model_field.field.name
                parent_column = model_field.model._meta.pk.column
            elif model_field.one_to_many:
                lookup = model_field.field.attname
                parent_column = model_field.field.target_field.column
            else:
                raise NotCompilable("list relation kind")
            qs = qs.filter(**{lookup: RawSQL(f"{row}.{qn(parent_column)}", ())})
            qs = self.visible(origin, qs)
            return self.list_json(item_type, model, qs, raw.get("pagination"), details, alias)
        if not isinstance(field_type, GraphQLObjectType):
            raise NotCompilable("relation to a non-object")
        origin, model = _django_model(field_type)
        if model is not related:
            raise NotCompilable("object of another model")
        if self.joining:
            raise _NotJoinable
        if model_field.many_to_one or (model_field.one_to_one and model_field.concrete):
            joined = self.joined_object(
                field_type, model, origin, model_field, parent, details, alias
            )
            if joined is not None:
                return joined
            qs = model._default_manager.filter(pk=RawSQL(f"{row}.{qn(model_field.column)}", ()))
        elif model_field.one_to_one:
            qs = model._default_manager.filter(
                **{
                    model_field.field.attname: RawSQL(
                        f"{row}.{qn(model_field.target_field.column)}", ()
                    )
                }
            )
        else:
            raise NotCompilable("relation kind")
        qs = self.visible(origin, qs)
        return self.one_json(field_type, model, qs.order_by(), details, alias)

    def joined_object(self, graphql_type, model, origin, model_field, parent, details, alias):
        """A to-one record read from columns joined into the parent row's own query (as
        ``select_related`` would), instead of a subquery per row; None when its selection
        reaches further relations. Its visibility is the same declared rule, on the join
        (``timeline.querysets.through``), and decides between the object and null."""
        get_queryset = getattr(origin, "get_queryset", None)
        if get_queryset is not None and get_queryset.__func__ is not Visible.get_queryset.__func__:
            return None
        self.joining = True
        try:
            obj = self._object_json(graphql_type, model, alias, details)
        except _NotJoinable:
            return None
        finally:
            self.joining = False
        fk = model_field.name
        text = obj.text
        for column in sorted({c for a, c in _COLUMN.findall(text) if a == alias}):
            field = next(f for f in model._meta.concrete_fields if f.column == column)
            name = f"j_{alias}_{column}"
            self.joined.append((parent, name, F(f"{fk}__{field.name}")))
            text = text.replace(f"{qn(alias)}.{qn(column)}", f"{qn(parent)}.{qn(name)}")
        if get_queryset is None or self.unpublished:
            rule = Q(**{f"{fk}__isnull": False})
        else:
            rule = through(fk, model)
        shown = f"j_{alias}"
        self.joined.append((parent, shown, ExpressionWrapper(rule, output_field=BooleanField())))
        return Sql(f"CASE WHEN {qn(parent)}.{qn(shown)} THEN {text} END", obj.params)

    # --- connections ----------------------------------------------------------

    def connection(self, graphql_type, qs: QuerySet, kwargs: dict, details, alias) -> Sql:
        edge_type = _unwrap(_unwrap(graphql_type.fields["edges"].type)[0].of_type)[0]
        node_type = _unwrap(edge_type.fields["node"].type)[0]
        origin, model = _django_model(node_type)
        qs = self.visible(origin, qs)
        try:
            first, last = page_arguments(kwargs.get("first"), kwargs.get("last"))
            key = sort_key(qs)
            after = kwargs.get("after")
            before = kwargs.get("before")
            after_key = decode_list_cursor(after, qs, key, "after")
            before_key = decode_list_cursor(before, qs, key, "before")
        except NotCompilable:
            raise
        except Exception as exc:
            raise NotCompilable(f"paging arguments: {exc}") from None
        names = [f"_cursor_{i}" for i in range(len(key))]
        ordered_qs = qs.order_by(
            *(F(n).desc(nulls_last=True) if d else F(n).asc(nulls_last=True) for n, d in key)
        ).annotate(**{alias: F(name) for alias, (name, _) in zip(names, key, strict=True)})
        counted = ordered_qs
        if after_key is not None:
            ordered_qs = ordered_qs.filter(keyset_q(key, after_key, after=True))
        if before_key is not None:
            ordered_qs = ordered_qs.filter(keyset_q(key, before_key, after=False))
        # With ``last`` only, the page is read from the end, then shown in key order.
        page = ordered_qs[: first + 1] if first is not None else ordered_qs.reverse()[: last + 1]
        signature = _signature(ordered_qs, key)
        # The same columns, no rows: what the page is when Django knows it is empty.
        empty = model._default_manager.annotate(
            **{alias: F(name) for alias, (name, _) in zip(names, key, strict=True)}
        ).filter(pk=RawSQL("NULL", ()))

        row = qn(alias)
        display = ", ".join(
            f"q.{qn(n)} {'DESC' if d else 'ASC'} NULLS LAST"
            for n, (_, d) in zip(names, key, strict=True)
        )
        values = [
            cursor_value(_model_field(qs.model, name), f"{row}.{qn(n)}")
            for n, (name, _) in zip(names, key, strict=True)
        ]
        cursor = base64_text(
            f"'{LIST_CURSOR}:[' || '\"' || {literal(signature)} || '\"' || "
            + " || ".join(f"',' || {v}" for v in values)
            + " || ']'"
        )
        return self.connection_json(
            graphql_type,
            details,
            alias,
            page=lambda used: rows_or_none(self.pruned(page, alias, used), empty),
            display=display,
            paging=(first, last, after_key is not None, before_key is not None),
            cursor=cursor,
            node=lambda sub: self.object_json(node_type, model, alias, sub),
            total=lambda: count_sql(counted.order_by()),
        )

    def connection_json(
        self,
        graphql_type,
        details,
        alias,
        *,
        page,
        display,
        paging,
        cursor,
        node,
        total,
        extra=None,
    ) -> Sql:
        """A connection over ``page`` (the rows of the page plus one, in SQL), shown in the
        ``display`` order (an ORDER BY over its columns, as ``q``); ``node(details)`` and
        ``cursor`` are expressions over the row (aliased ``alias``)."""
        first, last, after_given, before_given = paging
        row = qn(alias)
        rn, m = f"{row}._cq_rn", f"{row}._cq_m"
        if first is not None:
            keep = f"{rn} <= {first}"
            if last is not None:
                keep += f" AND {rn} > least({m}, {first}) - {last}"
            has_next = f"(count(*) > {first})"
            has_previous = "true" if after_given else "false"
            if last is not None and not after_given:
                has_previous = f"(least(count(*), {first}) > {last})"
        else:
            keep = f"{rn} > greatest({m} - {last}, 0)"
            has_next = "true" if before_given else "false"
            has_previous = f"(count(*) > {last})"

        edge_type = _unwrap(_unwrap(graphql_type.fields["edges"].type)[0].of_type)[0]
        page_info_type = _unwrap(graphql_type.fields["pageInfo"].type)[0]
        page_info = {
            "hasNextPage": has_next,
            "hasPreviousPage": has_previous,
            "startCursor": f"(array_agg({cursor} ORDER BY {rn}) FILTER (WHERE {keep}))[1]",
            "endCursor": f"(array_agg({cursor} ORDER BY {rn} DESC) FILTER (WHERE {keep}))[1]",
        }
        edge_values = {"cursor": lambda sub: cursor, "node": node}
        edge_values |= {name: (lambda sub, sql=sql: sql) for name, sql in (extra or {}).items()}
        obj = self.fixed_object(
            graphql_type,
            details,
            {
                "totalCount": lambda sub: total(),
                "edges": lambda sub: (
                    "coalesce(json_agg("
                    + self.fixed_object(edge_type, sub, edge_values)
                    + f" ORDER BY {rn}) FILTER (WHERE {keep}), '[]'::json)"
                ),
                "pageInfo": lambda sub: self.fixed_object(
                    page_info_type, sub, {k: (lambda _, v=v: v) for k, v in page_info.items()}
                ),
            },
        )
        return (
            "(SELECT "
            + obj
            + f" FROM (SELECT q.*, row_number() OVER (ORDER BY {display}) AS _cq_rn, "
            # HAVING makes it one (grouped) row even when no aggregate is selected.
            "count(*) OVER () AS _cq_m FROM ("
            + (page(obj.text) if callable(page) else page)
            + f") q) {row} HAVING true)"
        )

    def fixed_object(self, graphql_type, details, values: dict) -> Sql:
        """An object of a type with fixed fields (a connection, an edge, page info):
        ``values`` maps each field name to a function of its selection giving its SQL."""
        parts: list[Sql | str] = []
        for key, sub in self.subfields(graphql_type, details).items():
            name = sub[0].node.name.value
            if name == "__typename":
                value: Sql | str = literal(graphql_type.name)
            elif name in values:
                value = values[name](sub)
            else:
                raise NotCompilable(f"{graphql_type.name}.{name}")
            parts += [literal(key), value]
        return "json_build_object(" + join(parts) + ")"


@dataclass
class _Pagination:
    offset: int | None
    limit: int | None


def compile_operation(schema, document, variables, operation_name, context, query=None) -> Sql:
    """The statement answering the operation, or NotCompilable. With ``query`` (the
    document's text) the object selections' SQL is cached (see ``Compiler``)."""
    return Compiler(schema, document, variables, operation_name, context, query).compile()
