"""Nested lists of records are pages: a default size, a cap, and a cost that says so.

A treaty's events, an event's citations and every other list of related records
used to return every row, and the cost estimate guessed 10 whatever the data
held. Each is now a ``bounded_list``: it returns ``NESTED_LIST_DEFAULT`` records
unless ``pagination: {offset, limit}`` asks for up to ``NESTED_LIST_MAX``, in
SQL (a window over the prefetch, still one query per list), and the cost
estimate counts exactly that (api.core.limits.cost reads the same argument).
"""

from __future__ import annotations

from typing import Any

import strawberry_django
from strawberry import UNSET
from strawberry_django.fields.field import StrawberryDjangoField
from strawberry_django.pagination import OffsetPaginationInput

from api.core.errors import bad_input

NESTED_LIST_DEFAULT = 10
NESTED_LIST_MAX = 100


def checked_pagination(pagination: Any) -> OffsetPaginationInput:
    """The page a nested list returns: the default, or the one asked for if in bounds."""
    if pagination is None or pagination is UNSET:
        return OffsetPaginationInput(offset=0, limit=NESTED_LIST_DEFAULT)
    offset = pagination.offset or 0
    limit = pagination.limit
    if limit is None or limit is UNSET:
        limit = NESTED_LIST_DEFAULT
    if offset < 0:
        raise bad_input("'pagination.offset' must be 0 or more.")
    if not 0 <= limit <= NESTED_LIST_MAX:
        raise bad_input(f"'pagination.limit' must be between 0 and {NESTED_LIST_MAX}.")
    return OffsetPaginationInput(offset=offset, limit=limit)


class BoundedListField(StrawberryDjangoField):
    def apply_pagination(self, queryset, pagination=None, *, related_field_id=None):
        return super().apply_pagination(
            queryset, checked_pagination(pagination), related_field_id=related_field_id
        )


def bounded_list(description: str | None = None, **kwargs: Any) -> Any:
    """A related-records list field with a bounded page (see the module docstring)."""
    bound = (
        f"At most {NESTED_LIST_DEFAULT} records unless `pagination: {{offset, limit}}` asks "
        f"for up to {NESTED_LIST_MAX}."
    )
    return strawberry_django.field(
        field_cls=BoundedListField,
        pagination=True,
        description=f"{description} {bound}" if description else bound,
        **kwargs,
    )
