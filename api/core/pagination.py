"""Relay connections: a default page of 20, a cap of 100, and a total count."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import Info, relay
from strawberry_django.relay import DjangoListConnection

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100  # also the schema's relay_max_results, which gives the error message


def page_arguments(first: int | None, last: int | None) -> tuple[int | None, int | None]:
    """Default to the first 20; reject sizes over the cap with a message that states it."""
    if first is None and last is None:
        first = DEFAULT_PAGE_SIZE
    for name, value in (("first", first), ("last", last)):
        if value is not None and value > MAX_PAGE_SIZE:
            raise ValueError(f"Argument '{name}' cannot be higher than {MAX_PAGE_SIZE}.")
        if value is not None and value < 0:
            raise ValueError(f"Argument '{name}' must be a non-negative integer.")
    return first, last


@strawberry.type(name="Connection", description="A page of records, with the total count.")
class CountedConnection(DjangoListConnection[relay.NodeType]):
    @classmethod
    def resolve_connection(
        cls,
        nodes,
        *,
        info: Info,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
        **kwargs: Any,
    ):
        first, last = page_arguments(first, last)
        kwargs.pop("max_results", None)
        return super().resolve_connection(
            nodes,
            info=info,
            before=before,
            after=after,
            first=first,
            last=last,
            max_results=MAX_PAGE_SIZE,
            **kwargs,
        )
