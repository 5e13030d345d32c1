"""Schema extensions that guard the API against hostile or careless queries.

``schema_extensions()`` is what ``api/schema.py`` installs. Each limit has a
default here and can be overridden in settings (``GRAPHQL_MAX_DEPTH`` etc.);
settings are read per request, so ``override_settings`` works in tests.

A request goes through, in order:

1. parse, with a token and size cap (``GRAPHQL_MAX_TOKENS``,
   ``GRAPHQL_MAX_QUERY_LENGTH``) and an LRU cache of parsed documents;
2. validation, cached per (document, rules): the GraphQL rules plus depth,
   aliases (fragments included) and introspection depth;
3. a cost estimate of the operation with its variables, against a budget;
4. execution; then every error is given an ``extensions.code`` and, unless
   ``DEBUG`` is on, unexpected errors are masked and "Did you mean" is removed.

The depth and alias rules are strawberry's own (``QueryDepthLimiter``,
``MaxAliasesLimiter``); they are built once per limit value instead of being
installed as extensions because those extensions create a new rule class per
request, which would defeat the validation cache. The cost check runs after
validation rather than as a validation rule because page sizes often come
from variables, which validation never sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
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
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
    parse,
    specified_rules,
    validate,
)
from graphql.validation import MaxIntrospectionDepthRule
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as create_alias_validator
from strawberry.extensions.query_depth_limiter import create_validator as create_depth_validator
from strawberry.relay.types import GlobalIDValueError
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from api.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

# Defaults; each can be overridden by a setting of the same name.
GRAPHQL_MAX_DEPTH = 10  # nesting of fields; a connection's edges/node count as levels
GRAPHQL_MAX_ALIASES = 20  # aliases in a document, fragments included
GRAPHQL_MAX_TOKENS = 2000  # lexical tokens (comments included) in a document
GRAPHQL_MAX_QUERY_LENGTH = 30_000  # characters of query text (bounds the parse cache too)
GRAPHQL_MAX_COST = 50_000  # estimated records a query may return (see query_cost)
GRAPHQL_COST_DEFAULT_PAGE = DEFAULT_PAGE_SIZE  # a connection without first/last returns 20
GRAPHQL_COST_MAX_PAGE = MAX_PAGE_SIZE  # and never more than 100
GRAPHQL_COST_LIST_SIZE = 10  # estimate for a plain (unpaginated) list of objects
GRAPHQL_DOCUMENT_CACHE_SIZE = 256  # parsed and validated documents kept (LRU)
GRAPHQL_MAX_BATCH = 10  # operations in one batched POST; 0 disables batching
GRAPHQL_STATEMENT_TIMEOUT_MS = 5000  # PostgreSQL statement_timeout for API requests

MASKED_MESSAGE = "Unexpected error."

# Codes on every error we return, so clients can branch without parsing messages.
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
TOKEN_LIMIT_EXCEEDED = "TOKEN_LIMIT_EXCEEDED"
DEPTH_LIMIT_EXCEEDED = "DEPTH_LIMIT_EXCEEDED"
ALIAS_LIMIT_EXCEEDED = "ALIAS_LIMIT_EXCEEDED"
INTROSPECTION_DEPTH_EXCEEDED = "INTROSPECTION_DEPTH_EXCEEDED"
COST_LIMIT_EXCEEDED = "COST_LIMIT_EXCEEDED"
BAD_USER_INPUT = "BAD_USER_INPUT"
NOT_FOUND = "NOT_FOUND"
FORBIDDEN = "FORBIDDEN"
TIMEOUT = "TIMEOUT"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


def limit(name: str) -> int:
    """The setting ``name`` if set, else this module's default."""
    return getattr(settings, name, globals()[name])


def masking_enabled() -> bool:
    return getattr(settings, "GRAPHQL_MASK_ERRORS", not settings.DEBUG)


# --- validation rules -------------------------------------------------------


def _with_code(rule: type[ValidationRule], code: str) -> type[ValidationRule]:
    """The rule, with ``code`` added to every error it reports.

    strawberry's depth and alias rules report from ``__init__`` through the
    context, so the context's ``report_error`` is wrapped for the rule's life.
    """

    class Coded(rule):  # type: ignore[valid-type, misc]
        def __init__(self, context: ValidationContext) -> None:
            report = context.report_error

            def report_with_code(error: GraphQLError) -> None:
                report(_coded(error, code))

            context.report_error = report_with_code  # type: ignore[method-assign]
            try:
                super().__init__(context)
            finally:
                del context.report_error

        def report_error(self, error: GraphQLError) -> None:
            super().report_error(_coded(error, code))

    Coded.__name__ = Coded.__qualname__ = f"{rule.__name__}WithCode"
    return Coded


CodedIntrospectionDepthRule = _with_code(MaxIntrospectionDepthRule, INTROSPECTION_DEPTH_EXCEEDED)


@lru_cache(maxsize=16)
def _limit_rules(max_depth: int, max_aliases: int) -> tuple[type[ValidationRule], ...]:
    # Cached so the same classes come back for the same limits: they are part
    # of the validation cache key.
    return (
        _with_code(create_depth_validator(max_depth, None, None), DEPTH_LIMIT_EXCEEDED),
        _with_code(create_alias_validator(max_aliases), ALIAS_LIMIT_EXCEEDED),
    )


def validation_rules(base: tuple[type[ValidationRule], ...]) -> tuple[type[ValidationRule], ...]:
    """The GraphQL rules (introspection depth coded) plus our limits."""
    rules = tuple(
        CodedIntrospectionDepthRule if rule is MaxIntrospectionDepthRule else rule
        for rule in (base or tuple(specified_rules))
    )
    if CodedIntrospectionDepthRule not in rules:
        rules += (CodedIntrospectionDepthRule,)
    return (
        *rules,
        *_limit_rules(limit("GRAPHQL_MAX_DEPTH"), limit("GRAPHQL_MAX_ALIASES")),
        MaybeNullValidationRule,
        OneOfInputValidationRule,
    )


@lru_cache(maxsize=1)
def _document_caches(maxsize: int):
    @lru_cache(maxsize=maxsize)
    def cached_parse(query: str, options: tuple) -> Any:
        return parse(query, **dict(options))

    @lru_cache(maxsize=maxsize)
    def cached_validate(
        schema: GraphQLSchema, document: Any, rules: tuple, hide_suggestions: bool
    ) -> tuple[GraphQLError, ...]:
        errors = validate(schema, document, rules, hide_suggestions=hide_suggestions)
        return tuple(
            error if (error.extensions or {}).get("code") else _coded(error, VALIDATION_FAILED)
            for error in errors
        )

    return cached_parse, cached_validate


class DocumentLimits(SchemaExtension):
    """Token and length caps on the parser, and cached parsing and validation.

    Equivalent to strawberry's ``MaxTokensLimiter`` + ``ParserCache`` +
    ``ValidationCache``, with our rules and suggestion hiding in the cache key.
    """

    def on_operation(self) -> Iterator[None]:
        self.execution_context.parse_options["max_tokens"] = limit("GRAPHQL_MAX_TOKENS")
        self.execution_context.parse_options["max_source_length"] = limit(
            "GRAPHQL_MAX_QUERY_LENGTH"
        )
        yield

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query:
            cached_parse, _ = _document_caches(limit("GRAPHQL_DOCUMENT_CACHE_SIZE"))
            options = tuple(sorted(context.parse_options.items()))
            try:
                context.graphql_document = cached_parse(context.query, options)
            except GraphQLError:
                # Left to strawberry's own parse, which reports it as a request error.
                context.graphql_document = None
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.pre_execution_errors is None:
            _, cached_validate = _document_caches(limit("GRAPHQL_DOCUMENT_CACHE_SIZE"))
            errors = cached_validate(
                context.schema._schema,
                context.graphql_document,
                validation_rules(tuple(context.validation_rules)),
                masking_enabled(),
            )
            context.pre_execution_errors = list(errors)
        yield


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
    objects is assumed to hold ``GRAPHQL_COST_LIST_SIZE``, or its
    ``first``/``last``/``pagination.limit``; a single object counts 1. Nested
    fields multiply: 100 events each with a page of 100 statements is 10,100.
    Fragments on different types of a union all count (an over-estimate).
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

    def page_size(self, field: FieldNode, default: int) -> int:
        size = None
        for argument in field.arguments or ():
            name = argument.name.value
            if name in ("first", "last"):
                value = self._int(argument.value)
                if value is not None:
                    size = value if size is None else max(size, value)
            elif name == "pagination" and isinstance(argument.value, ObjectValueNode):
                for item in argument.value.fields:
                    if item.name.value == "limit" and (value := self._int(item.value)) is not None:
                        size = value
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
        if is_leaf_type(named):
            return 0
        children = field.selection_set

        if page is not None and _is_connection(parent) and name in ("edges", "nodes"):
            # The connection already counted its records; these lists only carry them.
            inner_page = page if _is_edge(named) else None
            return page * self.selection_cost(children, named, inner_page, fragments_seen)
        if page is not None and _is_edge(parent) and name == "node":
            return self.selection_cost(children, named, None, fragments_seen)
        if _is_connection(named):
            size = self.page_size(field, self.default_page)
            return size + self.selection_cost(children, named, size, fragments_seen)
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
    """Rejects, before execution, an operation whose estimated cost is over budget."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.result is None:
            budget = limit("GRAPHQL_MAX_COST")
            variables = context.variables if isinstance(context.variables, dict) else None
            cost = query_cost(
                context.schema._schema,
                context.graphql_document,
                context.provided_operation_name,
                variables,
            )
            if cost > budget:
                default_page = limit("GRAPHQL_COST_DEFAULT_PAGE")
                max_page = limit("GRAPHQL_COST_MAX_PAGE")
                error = GraphQLError(
                    f"Query cost {cost} exceeds the budget of {budget}. Each connection "
                    f"counts its page size (first/last, default {default_page}, at most "
                    f"{max_page}) and nested lists multiply: ask for smaller pages or "
                    "fewer nested lists.",
                    extensions={"code": COST_LIMIT_EXCEEDED, "cost": cost, "budget": budget},
                )
                # Setting the result makes strawberry skip execution.
                context.result = GraphQLExecutionResult(data=None, errors=[error])
        yield


# --- errors -----------------------------------------------------------------

_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")
_SAFE_LIBRARY_MESSAGES = re.compile(
    r"^(Argument '(first|last)' (cannot be higher than \d+|must be a non-negative integer)\."
    r"|Argument '(after|before)' contains a non-existing value\."
    r"|Invalid cursor)$"
)
_TIMEOUT_SQLSTATE = "57014"  # query_canceled: statement_timeout (or a cancel request)


def _coded(error: GraphQLError, code: str, message: str | None = None) -> GraphQLError:
    """A copy of ``error`` with ``extensions.code`` (and ``message``) set."""
    if (error.extensions or {}).get("code") == code and message in (None, error.message):
        return error
    return GraphQLError(
        message if message is not None else error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions={**(error.extensions or {}), "code": code},
    )


def _is_timeout(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 10:
        if getattr(exc, "sqlstate", None) == _TIMEOUT_SQLSTATE:
            return True
        if getattr(getattr(exc, "diag", None), "sqlstate", None) == _TIMEOUT_SQLSTATE:
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def timeout_message() -> str:
    return (
        f"The query took longer than {limit('GRAPHQL_STATEMENT_TIMEOUT_MS')} ms and was "
        "cancelled. Ask for fewer records or narrow the filters."
    )


def _classify(error: GraphQLError, mask: bool) -> GraphQLError:
    """The error as the client sees it: always coded, internals masked if ``mask``."""
    original = error.original_error
    code = (error.extensions or {}).get("code")
    if code is None and isinstance(original, GraphQLError):
        code = (original.extensions or {}).get("code")
    if code is not None:
        return _coded(error, code)
    if original is None:
        # Raised by graphql itself: a request error (syntax, variables) or a
        # result that does not fit its type.
        if error.message.startswith("Syntax Error:"):
            limited = error.message.endswith("Parsing aborted.")  # token or length cap
            return _coded(error, TOKEN_LIMIT_EXCEEDED if limited else PARSE_FAILED)
        return _coded(error, BAD_USER_INPUT if error.path is None else INTERNAL_SERVER_ERROR)
    if _is_timeout(original):
        return _coded(error, TIMEOUT, timeout_message())
    if isinstance(original, GraphQLError | GlobalIDValueError | ValidationError):
        return _coded(error, BAD_USER_INPUT)
    if isinstance(original, ObjectDoesNotExist):
        return _coded(error, NOT_FOUND)
    if isinstance(original, PermissionDenied):
        return _coded(error, FORBIDDEN, str(original) or "Permission denied.")
    if isinstance(original, ValueError | TypeError) and _SAFE_LIBRARY_MESSAGES.match(str(original)):
        return _coded(error, BAD_USER_INPUT)
    if mask:
        return GraphQLError(
            MASKED_MESSAGE,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": INTERNAL_SERVER_ERROR},
        )
    return _coded(error, INTERNAL_SERVER_ERROR)


def _without_suggestions(error: GraphQLError) -> GraphQLError:
    if "Did you mean" not in error.message:
        return error
    error = _coded(error, error.extensions["code"], _SUGGESTION.sub("", error.message))
    return error


def apply_error_policy(errors: list[GraphQLError] | None) -> list[GraphQLError] | None:
    """Code every error; with masking on, hide internals and field suggestions.

    Idempotent: the view applies it again to errors that never reached the
    extension (for example those strawberry returns when an extension fails).
    """
    if not errors:
        return errors
    mask = masking_enabled()
    result = []
    for error in errors:
        error = _classify(error, mask)
        if mask:
            error = _without_suggestions(error)
        result.append(error)
    return result


class ErrorPolicy(SchemaExtension):
    """Codes, masking (``MaskErrors``' job) and suggestion removal on the result."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and getattr(result, "errors", None):
            result.errors = apply_error_policy(result.errors)


def schema_extensions() -> list:
    """Extension classes for ``strawberry.Schema(extensions=...)``, one instance per request."""
    return [DocumentLimits, QueryCostLimiter, ErrorPolicy]
