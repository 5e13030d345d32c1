"""The query cost estimate (page sizes multiplied through nesting) and its budget."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    ExecutionResult as GraphQLExecutionResult,
)
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
)
from strawberry.extensions import SchemaExtension

from api.core.limits.config import (
    COST_LIMIT_EXCEEDED,
    limit,
)

# --- cost -------------------------------------------------------------------


def _is_connection(type_: Any) -> bool:
    fields = getattr(type_, "fields", None) or {}
    return "edges" in fields and "pageInfo" in fields


def _is_edge(type_: Any) -> bool:
    fields = getattr(type_, "fields", None) or {}
    return "node" in fields and "cursor" in fields


class _CostEstimator:
    """Estimated number of records an operation can return.

    A connection returns its page (``first``/``last``, default 20, at most
    100); its ``edges``/``node``/``nodes`` do not count again. A plain list of
    objects holds ``GRAPHQL_COST_LIST_SIZE`` (what a nested list returns by
    default), or its ``first``/``last``/``pagination.limit``, or one per id of
    ``ids``; a single object counts 1. Nested fields multiply: 100 events each
    with a page of 100 statements is 10,100. Fields in ``GRAPHQL_COST_WEIGHTS``
    cost more: a fixed cost per call plus a weight per record (search ranks and
    unions five tables). Fragments on different types of a union all count (an
    over-estimate).
    """

    def __init__(self, schema: GraphQLSchema, document: Any, variables: dict | None) -> None:
        self.schema = schema
        self.variables = variables or {}
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.default_page = limit("GRAPHQL_COST_DEFAULT_PAGE")
        self.max_page = limit("GRAPHQL_COST_MAX_PAGE")
        self.list_size = limit("GRAPHQL_COST_LIST_SIZE")
        self.weights = limit("GRAPHQL_COST_WEIGHTS")
        self.variable_defaults: dict[str, Any] = {}
        self._memo: dict[tuple, int] = {}

    def operation_cost(self, operation: OperationDefinitionNode) -> int:
        for definition in operation.variable_definitions or ():
            if isinstance(definition.default_value, IntValueNode):
                name = definition.variable.name.value
                self.variable_defaults[name] = int(definition.default_value.value)
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return 0
        return self.selection_cost(operation.selection_set, root, None, frozenset())

    def _int(self, node: Any) -> int | None:
        if isinstance(node, IntValueNode):
            return int(node.value)
        if isinstance(node, VariableNode):
            name = node.name.value
            value = self.variables.get(name, self.variable_defaults.get(name))
            if isinstance(value, int) and not isinstance(value, bool):
                return value
        return None

    def _limit(self, node: Any) -> int | None:
        """``limit`` of a ``pagination`` argument, written out or given as a variable."""
        if isinstance(node, ObjectValueNode):
            for item in node.fields:
                if item.name.value == "limit":
                    return self._int(item.value)
        elif isinstance(node, VariableNode):
            value = self.variables.get(node.name.value)
            if isinstance(value, dict):
                limit_ = value.get("limit")
                if isinstance(limit_, int) and not isinstance(limit_, bool):
                    return limit_
        return None

    def _length(self, node: Any) -> int | None:
        if isinstance(node, ListValueNode):
            return len(node.values)
        if isinstance(node, VariableNode):
            value = self.variables.get(node.name.value)
            if isinstance(value, list):
                return len(value)
        return None

    def page_size(self, field: FieldNode, default: int) -> int:
        size = None
        for argument in field.arguments or ():
            name = argument.name.value
            if name in ("first", "last"):
                value = self._int(argument.value)
                if value is not None:
                    size = value if size is None else max(size, value)
            elif name == "pagination" and (value := self._limit(argument.value)) is not None:
                size = value
            elif name == "ids" and (value := self._length(argument.value)) is not None:
                size = value  # nodes(ids:) returns one record per id
        if size is None:
            return default
        return max(0, min(size, self.max_page))

    def selection_cost(
        self,
        selection_set: SelectionSetNode | None,
        parent: Any,
        page: int | None,
        fragments_seen: frozenset[str],
    ) -> int:
        """Cost of one instance of ``parent`` with this selection.

        ``page`` is set while inside a connection (or its edge): the page size
        that its ``edges``/``nodes`` lists hold.
        """
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field_cost(selection, parent, page, fragments_seen)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                type_ = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection_cost(
                    selection.selection_set, type_ or parent, page, fragments_seen
                )
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in fragments_seen:
                    continue
                type_ = self.schema.get_type(fragment.type_condition.name.value) or parent
                key = (name, getattr(type_, "name", None), page)
                if key not in self._memo:  # a fragment spread many times is costed once
                    self._memo[key] = self.selection_cost(
                        fragment.selection_set, type_, page, fragments_seen | {name}
                    )
                total += self._memo[key]
        return total

    def field_cost(
        self, field: FieldNode, parent: Any, page: int | None, fragments_seen: frozenset[str]
    ) -> int:
        name = field.name.value
        if name.startswith("__") or not isinstance(
            parent, (GraphQLObjectType, GraphQLInterfaceType)
        ):
            return 0
        definition = parent.fields.get(name)
        if definition is None:
            return 0
        named = get_named_type(definition.type)
        per_call, per_record = self.weights.get(f"{parent.name}.{name}", (0, 1))
        if is_leaf_type(named):
            return per_call
        children = field.selection_set

        if page is not None and _is_connection(parent) and name in ("edges", "nodes"):
            # The connection already counted its records; these lists only carry them.
            inner_page = page if _is_edge(named) else None
            return page * self.selection_cost(children, named, inner_page, fragments_seen)
        if page is not None and _is_edge(parent) and name == "node":
            return self.selection_cost(children, named, None, fragments_seen)
        if _is_connection(named):
            size = self.page_size(field, self.default_page)
            own = per_call + size * per_record
            return own + self.selection_cost(children, named, size, fragments_seen)
        if is_list_type(get_nullable_type(definition.type)):
            size = self.page_size(field, self.list_size)
            return size * (1 + self.selection_cost(children, named, None, fragments_seen))
        return 1 + self.selection_cost(children, named, None, fragments_seen)


def query_cost(
    schema: GraphQLSchema, document: Any, operation_name: str | None, variables: dict | None
) -> int:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        return 0  # graphql reports the missing or ambiguous operation itself
    return _CostEstimator(schema, document, variables).operation_cost(operations[0])


class QueryCostLimiter(SchemaExtension):
    """Rejects, before execution, an operation whose estimated cost is over budget.

    The budget is per HTTP request: the operations of a batch share it, so ten
    operations each just under the budget are not ten times the budget. An
    operation that would take the batch over it is rejected (and so are the
    rest, unless they fit in what is left).
    """

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.result is None:
            budget = limit("GRAPHQL_MAX_COST")
            variables = context.variables if isinstance(context.variables, dict) else None
            cost = query_cost(
                context.schema._schema,
                context.graphql_document,
                # The name the client sent (the public property holds the first
                # operation's name when none was sent).
                context._provided_operation_name,
                variables,
            )
            request = getattr(context.context, "request", None)
            spent = getattr(request, "_graphql_cost_spent", 0)
            if spent + cost > budget:
                context.result = GraphQLExecutionResult(
                    data=None, errors=[self._error(cost, spent, budget)]
                )
            elif request is not None:
                request._graphql_cost_spent = spent + cost
        yield

    @staticmethod
    def _error(cost: int, spent: int, budget: int) -> GraphQLError:
        default_page = limit("GRAPHQL_COST_DEFAULT_PAGE")
        max_page = limit("GRAPHQL_COST_MAX_PAGE")
        if spent:
            message = (
                f"Query cost {cost} exceeds what is left ({max(budget - spent, 0)}) of the "
                f"budget of {budget} shared by the operations of this batch, which already "
                f"spent {spent}. Send fewer or smaller operations."
            )
        else:
            message = (
                f"Query cost {cost} exceeds the budget of {budget}. Each connection "
                f"counts its page size (first/last, default {default_page}, at most "
                f"{max_page}) and nested lists multiply: ask for smaller pages or "
                "fewer nested lists."
            )
        extensions = {"code": COST_LIMIT_EXCEEDED, "cost": cost, "budget": budget}
        if spent:
            extensions["spent"] = spent
        # Setting the result makes strawberry skip execution.
        return GraphQLError(message, extensions=extensions)
