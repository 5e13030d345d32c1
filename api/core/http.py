"""GraphQL-over-HTTP plumbing: media types, error codes, rejections, JSON encoding."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpRequest
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


def too_large() -> Rejection:
    maximum = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return Rejection(
        413,
        f"The request body is larger than {maximum:,} bytes: send a smaller document or "
        "fewer variables.",
        PAYLOAD_TOO_LARGE,
    )


def check_size(request: HttpRequest) -> None:
    """Refuse an oversized body or query string before anything reads it.

    Django raises ``RequestDataTooBig`` only when the body is read, which the view
    also maps to 413; checking Content-Length first keeps CSRF and token checks
    from reading it. The query string (GET) has the same bound, answered 414.
    """
    maximum = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if maximum is None:
        return
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise Rejection(400, "The Content-Length header is not a number.", BAD_REQUEST) from None
    if length > maximum:
        raise too_large()
    if len(request.META.get("QUERY_STRING", "")) > maximum:
        raise Rejection(
            414,
            f"The query string is longer than {maximum:,} characters: send the document with POST.",
            URI_TOO_LONG,
        )
