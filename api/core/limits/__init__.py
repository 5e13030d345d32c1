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

from api.core.limits.config import (  # noqa: F401  (re-exported: settings defaults and codes)
    ALIAS_LIMIT_EXCEEDED,
    BAD_USER_INPUT,
    COST_LIMIT_EXCEEDED,
    DEPTH_LIMIT_EXCEEDED,
    FORBIDDEN,
    GRAPHQL_COST_DEFAULT_PAGE,
    GRAPHQL_COST_LIST_SIZE,
    GRAPHQL_COST_MAX_PAGE,
    GRAPHQL_DOCUMENT_CACHE_SIZE,
    GRAPHQL_MAX_ALIASES,
    GRAPHQL_MAX_BATCH,
    GRAPHQL_MAX_COST,
    GRAPHQL_MAX_DEPTH,
    GRAPHQL_MAX_QUERY_LENGTH,
    GRAPHQL_MAX_TOKENS,
    GRAPHQL_STATEMENT_TIMEOUT_MS,
    INTERNAL_SERVER_ERROR,
    INTROSPECTION_DEPTH_EXCEEDED,
    MASKED_MESSAGE,
    NOT_FOUND,
    PARSE_FAILED,
    TIMEOUT,
    TOKEN_LIMIT_EXCEEDED,
    VALIDATION_FAILED,
    limit,
    masking_enabled,
)
from api.core.limits.cost import QueryCostLimiter, query_cost
from api.core.limits.documents import DocumentLimits
from api.core.limits.error_policy import ErrorPolicy, apply_error_policy, timeout_message

__all__ = [
    "DocumentLimits",
    "ErrorPolicy",
    "QueryCostLimiter",
    "apply_error_policy",
    "limit",
    "masking_enabled",
    "query_cost",
    "schema_extensions",
    "timeout_message",
]


def schema_extensions() -> list:
    """Extension classes for ``strawberry.Schema(extensions=...)``, one instance per request."""
    return [DocumentLimits, QueryCostLimiter, ErrorPolicy]
