"""Relay connections: a default page of 20, a cap of 100, keyset cursors and a total count."""

from __future__ import annotations

from typing import Any

import strawberry
from django.db.models import F, IntegerField, OrderBy, Q, QuerySet, Subquery
from strawberry import Info, relay
from strawberry_django.relay import DjangoListConnection
from strawberry_django.relay.list_connection import _should_optimize_total_count
from strawberry_django.relay.utils import resolve_edge_class

from api.core.cursors import decode_cursor, encode_cursor
from api.core.errors import bad_input

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100  # also the schema's relay_max_results, which gives the error message
LIST_CURSOR = "list"


def page_arguments(first: int | None, last: int | None) -> tuple[int | None, int | None]:
    """Default to the first 20; reject sizes over the cap with a message that states it."""
    if first is None and last is None:
        first = DEFAULT_PAGE_SIZE
    for name, value in (("first", first), ("last", last)):
        if value is not None and value > MAX_PAGE_SIZE:
            raise bad_input(f"Argument '{name}' cannot be higher than {MAX_PAGE_SIZE}.")
        if value is not None and value < 0:
            raise bad_input(f"Argument '{name}' must be a non-negative integer.")
    return first, last


# ---------------------------------------------------------------------------
# Keyset paging of a queryset ordered by plain columns (timeline.querysets.ordered)
# ---------------------------------------------------------------------------
def sort_key(qs: QuerySet) -> list[tuple[str, bool]]:
    """[(column, descending)] of the queryset's order, always ending with the primary key."""
    key: list[tuple[str, bool]] = []
    for item in qs.query.order_by:
        if isinstance(item, OrderBy) and isinstance(item.expression, F):
            key.append((item.expression.name, item.descending))
        elif isinstance(item, str):
            key.append((item.lstrip("-"), item.startswith("-")))
        else:
            raise TypeError(f"Keyset paging needs plain column orderings, not {item!r}.")
        if key[-1][0] in ("pk", qs.model._meta.pk.name):
            break
    else:
        key.append(("pk", False))
    return key


def _model_field(model, name: str):
    if name == "pk":
        return model._meta.pk
    *path, last = name.split("__")
    for part in path:
        model = model._meta.get_field(part).related_model
    return model._meta.get_field(last)


def _strict(name: str, descending: bool, value, *, after: bool) -> Q:
    # Nulls sort last in both directions (see ``ordered``).
    if value is None:
        return Q(**{f"{name}__isnull": False}) if not after else Q(pk__in=[])
    op = "lt" if descending == after else "gt"
    q = Q(**{f"{name}__{op}": value})
    return q | Q(**{f"{name}__isnull": True}) if after else q


def _equal(name: str, value) -> Q:
    return Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})


def keyset_q(key: list[tuple[str, bool]], values: list, *, after: bool) -> Q:
    """Rows strictly after (or before) the row whose sort key is ``values``."""
    q = Q(pk__in=[])
    prefix = Q()
    for (name, descending), value in zip(key, values, strict=True):
        q |= prefix & _strict(name, descending, value, after=after)
        prefix &= _equal(name, value)
    return q


def _signature(qs: QuerySet, key: list[tuple[str, bool]]) -> str:
    order = ",".join(("-" if desc else "") + name for name, desc in key)
    return f"{qs.model._meta.label_lower}|{order}"


def decode_list_cursor(cursor: str | None, qs: QuerySet, key, argument: str) -> list | None:
    signature = _signature(qs, key)

    def convert(values: list) -> list:
        if values[0] != signature:
            raise ValueError("cursor of another list or order")
        fields = [_model_field(qs.model, name) for name, _ in key]
        return [
            None if v is None else field.to_python(v)
            for field, v in zip(fields, values[1:], strict=True)
        ]

    return decode_cursor(
        cursor, LIST_CURSOR, argument, size=len(key) + 1, what="list", convert=convert
    )


class CountOf(Subquery):
    """``(SELECT count(*) FROM (the list's rows) AS counted)``: the exact total of a list.

    Uncorrelated, so PostgreSQL runs it once (an InitPlan) beside the page, and the page
    still stops at its LIMIT. A window ``count(*) OVER ()`` over the page's own rows, as
    this used to be, made PostgreSQL read every matching row, columns and all, before the
    first one came back (6.5 s for the first 20 of 1,000,000 events). Alone, the count
    reads only what its conditions need: on events, an index-only scan of the
    (status, date_start, date_end) index (README, "Performance").
    """

    template = "(SELECT count(*) FROM (%(subquery)s) AS counted)"

    def __init__(self, queryset: QuerySet):
        super().__init__(queryset.order_by().values("pk"), output_field=IntegerField())


def keyset_page(
    qs: QuerySet,
    *,
    first: int | None,
    last: int | None,
    after: str | None,
    before: str | None,
    count: bool = False,
):
    """(rows, cursors, has_previous, has_next, total) of one page of ``qs``.

    With ``count`` and no cursor, the total comes with the page in the same statement
    (``CountOf``: no second query); otherwise ``total`` is None.
    """
    nodes = qs
    key = sort_key(qs)
    after_key = decode_list_cursor(after, qs, key, "after")
    before_key = decode_list_cursor(before, qs, key, "before")
    names = [f"_cursor_{i}" for i in range(len(key))]
    qs = qs.order_by(
        *(F(n).desc(nulls_last=True) if d else F(n).asc(nulls_last=True) for n, d in key)
    )
    qs = qs.annotate(**{alias: F(name) for alias, (name, _) in zip(names, key, strict=True)})
    if after_key is not None:
        qs = qs.filter(keyset_q(key, after_key, after=True))
    if before_key is not None:
        qs = qs.filter(keyset_q(key, before_key, after=False))
    count = count and after_key is None and before_key is None
    if count:
        qs = qs.annotate(_cursor_total=CountOf(nodes))
    if first is not None:
        rows = list(qs[: first + 1])
        has_next = len(rows) > first
        rows = rows[:first]
        has_previous = after_key is not None
        if last is not None and len(rows) > last:
            rows, has_previous = rows[len(rows) - last :], True
    else:
        rows = list(qs.reverse()[: last + 1])
        has_previous = len(rows) > last
        rows = rows[:last][::-1]
        has_next = before_key is not None
    signature = _signature(qs, key)
    cursors = [
        encode_cursor(LIST_CURSOR, [signature, *(getattr(row, n) for n in names)]) for row in rows
    ]
    total = None
    if count and rows:
        total = rows[0]._cursor_total
    elif count and (first or last):
        total = 0
    return rows, cursors, has_previous, has_next, total


@strawberry.type(name="Connection", description="A page of records, with the total count.")
class CountedConnection(DjangoListConnection[relay.NodeType]):
    total: strawberry.Private[int | None] = None

    @strawberry.field(description="How many records the whole filtered list has.")
    def total_count(self) -> int:
        if self.total is None:
            self.total = self.nodes.count()
        return self.total

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
        rows, cursors, has_previous, has_next, total = keyset_page(
            nodes,
            first=first,
            last=last,
            after=after,
            before=before,
            count=_should_optimize_total_count(info),
        )
        edge_class = resolve_edge_class(cls)
        edges = [
            edge_class(cursor=cursor, node=cls.resolve_node(row, info=info, **kwargs))
            for row, cursor in zip(rows, cursors, strict=True)
        ]
        return cls(
            nodes=nodes,
            total=total,
            edges=edges,
            page_info=relay.PageInfo(
                start_cursor=cursors[0] if cursors else None,
                end_cursor=cursors[-1] if cursors else None,
                has_previous_page=has_previous,
                has_next_page=has_next,
            ),
        )
