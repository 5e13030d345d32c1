"""Opaque keyset cursors, one style for every connection.

A cursor is base64 of ``<kind>:<JSON list>``: the values of the sort key of the
row it points at (for lists, the ordering's columns ending with the primary key).
Paging continues strictly after (or before) that key, so rows inserted before
the cursor neither repeat nor skip rows on the next page, unlike an offset.
Anything that does not decode to the expected kind and shape is the client's
mistake: a BAD_USER_INPUT error naming the argument, never a server error.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError

from api.core.errors import bad_input

MAX_CURSOR_LENGTH = 2_000
_BIGINT = 2**63 - 1


def encode_cursor(kind: str, values: Sequence[Any]) -> str:
    # ensure_ascii off: the compiled read path builds the same text in SQL (api.compiled).
    payload = json.dumps(list(values), separators=(",", ":"), default=str, ensure_ascii=False)
    raw = f"{kind}:{payload}"
    return base64.b64encode(raw.encode()).decode()


def _invalid(argument: str, what: str):
    return bad_input(f"Argument '{argument}' is not a valid {what} cursor.")


def _check_value(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return value is None
    if isinstance(value, int):
        return -_BIGINT <= value <= _BIGINT
    if isinstance(value, float):
        return value == value and abs(value) != float("inf")
    if isinstance(value, str):
        return "\x00" not in value and len(value) <= MAX_CURSOR_LENGTH
    return False


def decode_cursor(
    cursor: str | None,
    kind: str,
    argument: str,
    *,
    size: int,
    what: str | None = None,
    convert: Callable[[list], list] | None = None,
) -> list | None:
    """The key values of ``cursor``, or None when no cursor was given.

    ``size`` is the number of values the key has; ``convert`` turns the JSON
    values into the column types (raising ValueError/TypeError, or Django's
    ValidationError, on a bad one).
    """
    if cursor is None:
        return None
    what = what or kind
    if len(cursor) > MAX_CURSOR_LENGTH or "\x00" in cursor:
        raise _invalid(argument, what)
    try:
        raw = base64.b64decode(cursor.encode("ascii"), validate=True).decode("utf-8")
        prefix, _, payload = raw.partition(":")
        if prefix != kind:
            raise ValueError
        values = json.loads(payload)
        if not isinstance(values, list) or len(values) != size:
            raise ValueError
        if not all(_check_value(v) for v in values):
            raise ValueError
        return convert(values) if convert else values
    except (ValueError, TypeError, binascii.Error, ValidationError, OverflowError):
        raise _invalid(argument, what) from None
