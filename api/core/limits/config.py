"""Limit defaults (each overridable by a setting of the same name) and error codes."""

from __future__ import annotations

from django.conf import settings

from api.core.limits.lists import NESTED_LIST_DEFAULT
from api.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

# Defaults; each can be overridden by a setting of the same name.
GRAPHQL_MAX_DEPTH = 10  # nesting of fields; a connection's edges/node count as levels
GRAPHQL_MAX_ALIASES = 20  # aliases in a document, fragments included
GRAPHQL_MAX_TOKENS = 2000  # lexical tokens (comments included) in a document
GRAPHQL_MAX_QUERY_LENGTH = 30_000  # characters of query text (bounds the parse cache too)
GRAPHQL_MAX_COST = 50_000  # estimated records a query may return (see query_cost)
GRAPHQL_COST_DEFAULT_PAGE = DEFAULT_PAGE_SIZE  # a connection without first/last returns 20
GRAPHQL_COST_MAX_PAGE = MAX_PAGE_SIZE  # and never more than 100
# A nested list of records returns this many unless its `pagination` asks for more
# (api.core.limits.lists); other plain lists of objects are estimated the same.
GRAPHQL_COST_LIST_SIZE = NESTED_LIST_DEFAULT
GRAPHQL_DOCUMENT_CACHE_SIZE = 256  # parsed and validated documents kept (LRU)
GRAPHQL_MAX_BATCH = 10  # operations in one batched POST; 0 disables batching
GRAPHQL_STATEMENT_TIMEOUT_MS = 5000  # PostgreSQL statement_timeout for API requests
GRAPHQL_REQUEST_BUDGET_MS = 10_000  # wall-clock time of one HTTP request (0: no budget)
# Fields whose records cost more than a row each: (cost per call, cost per record).
# Search ranks, headlines and unions five tables; its count runs the search again.
GRAPHQL_COST_WEIGHTS = {
    "Query.search": (2000, 10),
    "SearchConnection.totalCount": (1000, 0),
    "Query.timeline": (100, 2),
    "TimelineConnection.totalCount": (100, 0),
}

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
OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE"  # which operation to run
NOT_FOUND = "NOT_FOUND"
FORBIDDEN = "FORBIDDEN"
TIMEOUT = "TIMEOUT"
REQUEST_BUDGET_EXCEEDED = "REQUEST_BUDGET_EXCEEDED"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


def limit(name: str) -> int:
    """The setting ``name`` if set, else this module's default."""
    return getattr(settings, name, globals()[name])


def masking_enabled() -> bool:
    return getattr(settings, "GRAPHQL_MASK_ERRORS", not settings.DEBUG)
