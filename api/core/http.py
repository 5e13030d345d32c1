"""GraphQL-over-HTTP plumbing: media types, error codes, rejections, JSON encoding."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"

# Codes of the errors the view itself returns.
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
INVALID_JSON = "INVALID_JSON"
BAD_REQUEST = "BAD_REQUEST"
MISSING_QUERY = "MISSING_QUERY"
BATCH_TOO_LARGE = "BATCH_TOO_LARGE"
PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
URI_TOO_LONG = "URI_TOO_LONG"
BATCHING_DISABLED = "BATCHING_DISABLED"
OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE"
INVALID_TOKEN = "INVALID_TOKEN"
READ_ONLY_TOKEN = "READ_ONLY_TOKEN"
CSRF_FAILED = "CSRF_FAILED"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


class Rejection(Exception):
    """A request refused before execution: status, message, code, extra headers."""

    def __init__(
        self, status: int, message: str, code: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code
        self.headers = headers or {}


def json_default(value: Any) -> Any:
    if isinstance(value, Decimal | Promise):
        return str(value)
    raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")


def negotiate(accept: str) -> str | None:
    """The media type to answer with, or None when the client accepts neither.

    No Accept header (or ``*/*``) means ``application/json``. When both are
    acceptable at the same quality, graphql-response+json wins: a client that
    names it understands the newer status codes.
    """
    if not accept.strip():
        return JSON
    best, best_q = None, 0.0
    for item in accept.split(","):
        media_type, *params = (part.strip() for part in item.split(";"))
        media_type = media_type.lower()
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media_type == GRAPHQL_RESPONSE_JSON:
            candidate = GRAPHQL_RESPONSE_JSON
        elif media_type in (JSON, "application/*", "*/*"):
            candidate = JSON
        else:
            continue
        if q > best_q or (q == best_q and candidate == GRAPHQL_RESPONSE_JSON and q > 0):
            best, best_q = candidate, q
    return best if best_q > 0 else None


def is_request_error(result) -> bool:
    """True when the operation failed before execution: no data, no error with a path."""
    return (
        result.data is None
        and bool(result.errors)
        and all(error.path is None for error in result.errors)
    )
