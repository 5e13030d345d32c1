"""Error codes on every error, masking in production, no field suggestions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from graphql import (
    GraphQLError,
)
from strawberry.extensions import SchemaExtension
from strawberry.relay.types import GlobalIDValueError

from api.core.limits.budget import RequestBudgetExceeded
from api.core.limits.config import (
    BAD_USER_INPUT,
    FORBIDDEN,
    INTERNAL_SERVER_ERROR,
    MASKED_MESSAGE,
    NOT_FOUND,
    PARSE_FAILED,
    REQUEST_BUDGET_EXCEEDED,
    TIMEOUT,
    TOKEN_LIMIT_EXCEEDED,
    limit,
    masking_enabled,
)

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


def is_timeout(exc: BaseException | None) -> bool:
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


def client_code(error: GraphQLError) -> str | None:
    """The code of an error raised in a resolver because of the client's input, or None."""
    original = error.original_error
    if isinstance(original, GraphQLError):
        return (original.extensions or {}).get("code") or BAD_USER_INPUT
    if isinstance(original, GlobalIDValueError | ValidationError):
        return BAD_USER_INPUT
    if isinstance(original, ObjectDoesNotExist):
        return NOT_FOUND
    if isinstance(original, PermissionDenied):
        return FORBIDDEN
    if isinstance(original, ValueError | TypeError) and _SAFE_LIBRARY_MESSAGES.match(str(original)):
        return BAD_USER_INPUT
    return None


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
    if is_timeout(original):
        return _coded(error, TIMEOUT, timeout_message())
    if isinstance(original, RequestBudgetExceeded):
        return _coded(error, REQUEST_BUDGET_EXCEEDED, str(original))
    code = client_code(error)
    if code == FORBIDDEN:
        return _coded(error, FORBIDDEN, str(original) or "Permission denied.")
    if code is not None:
        return _coded(error, code)
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
