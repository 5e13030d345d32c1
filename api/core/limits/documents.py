"""Parse and validation limits (tokens, depth, aliases, introspection), with caches."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from django.conf import settings
from graphql import (
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    ValidationContext,
    ValidationRule,
    parse,
    specified_rules,
    validate,
)
from graphql.validation import MaxIntrospectionDepthRule, NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from api.core.limits.config import (
    ALIAS_LIMIT_EXCEEDED,
    BAD_USER_INPUT,
    DEPTH_LIMIT_EXCEEDED,
    INTROSPECTION_DEPTH_EXCEEDED,
    OPERATION_RESOLUTION_FAILURE,
    VALIDATION_FAILED,
    limit,
    masking_enabled,
)
from api.core.limits.error_policy import _coded
from api.core.limits.nul import NoNulInStringsRule, nul_in_variables
from api.core.limits.rules import (
    create_alias_rule,
    create_depth_rule,
)

# --- validation rules -------------------------------------------------------


def _with_code(rule: type[ValidationRule], code: str) -> type[ValidationRule]:
    """The rule, with ``code`` added to every error it reports.

    The depth and alias rules report from ``__init__`` through the context, so
    the context's ``report_error`` is wrapped for the rule's life.
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
        _with_code(create_depth_rule(max_depth), DEPTH_LIMIT_EXCEEDED),
        _with_code(create_alias_rule(max_aliases), ALIAS_LIMIT_EXCEEDED),
    )


CodedNoNulInStringsRule = _with_code(NoNulInStringsRule, BAD_USER_INPUT)


def validation_rules(base: tuple[type[ValidationRule], ...]) -> tuple[type[ValidationRule], ...]:
    """The GraphQL rules (introspection depth coded) plus our limits."""
    rules = tuple(
        CodedIntrospectionDepthRule if rule is MaxIntrospectionDepthRule else rule
        for rule in (base or tuple(specified_rules))
    )
    if CodedIntrospectionDepthRule not in rules:
        rules += (CodedIntrospectionDepthRule,)
    if not getattr(settings, "GRAPHQL_INTROSPECTION", True):
        # Production may close the schema (ops: GRAPHQL_INTROSPECTION=0); part of the cache key.
        rules += (NoSchemaIntrospectionCustomRule,)
    return (
        *rules,
        *_limit_rules(limit("GRAPHQL_MAX_DEPTH"), limit("GRAPHQL_MAX_ALIASES")),
        CodedNoNulInStringsRule,
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
            # An invalid document is reported as such; the rest only for a valid one.
            context.pre_execution_errors = list(errors) or _request_errors(context)
        yield


def _request_errors(context) -> list[GraphQLError]:
    """Errors of this request that the (cached) document validation cannot see."""
    errors = []
    operations = [
        d for d in context.graphql_document.definitions if isinstance(d, OperationDefinitionNode)
    ]
    if context._provided_operation_name is None and len(operations) > 1:
        # strawberry would run the first one; the GraphQL spec says this is an error.
        errors.append(
            GraphQLError(
                "The document holds several operations: operationName must name the one to run.",
                extensions={"code": OPERATION_RESOLUTION_FAILURE},
            )
        )
    nul_error = nul_in_variables(context.graphql_document, context.variables)
    if nul_error is not None:
        nul_error.extensions = {"code": BAD_USER_INPUT}
        errors.append(nul_error)
    return errors
