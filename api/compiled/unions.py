"""Root fields over several kinds of records (the timeline), compiled.

The page of (kind, pk) keys is the statement ``timeline.querysets.timeline_page``
runs (``timeline_page_query``), on the parts ``api.timeline.queries`` builds from the
filters; each key's record is then built by the selection for its kind, as
``api.core.unions.fetch_records`` fetches it on the strawberry path.
"""

from __future__ import annotations

from django.db.models.expressions import RawSQL

from api.compiled.sqlvalues import NotCompilable, base64_text, literal, qn
from api.core.pagination import page_arguments
from api.timeline.queries import CURSOR_PREFIX, timeline_key, timeline_parts
from timeline.querysets import (
    KIND_RANK,
    TIMELINE_KINDS,
    timeline_count_query,
    timeline_page_query,
)

EMPTY_PAGE = "SELECT NULL::date, NULL::date, NULL::int, NULL::bigint WHERE false"


def _kind_case(column: str, values: dict[int, str]) -> str:
    whens = " ".join(f"WHEN {rank} THEN {value}" for rank, value in values.items())
    return f"CASE {column} {whens} END"


def timeline_root(compiler, strawberry_field, raw: dict, details, alias: str):
    from api.compiled.compiler import (
        EmptyRows,
        Sql,
        _django_model,
        _unwrap,
        count_sql,
        queryset_sql,
    )

    kwargs = compiler.python_arguments(strawberry_field, raw)
    try:
        first, last = page_arguments(kwargs.get("first"), kwargs.get("last"))
        after_key = timeline_key(kwargs.get("after"), "after")
        before_key = timeline_key(kwargs.get("before"), "before")
        parts = timeline_parts(compiler.info, kwargs.get("filter_by"))
    except Exception as exc:  # reported by the strawberry path, as always
        raise NotCompilable(f"timeline arguments: {exc}") from None
    if first is not None and last == 0:
        raise NotCompilable("timeline with first and last: 0")
    if first is not None:
        query = timeline_page_query(parts, after=after_key, before=before_key, limit=first + 1)
    else:
        query = timeline_page_query(
            parts, after=after_key, before=before_key, limit=last + 1, reverse=True
        )
    try:
        rows = Sql(EMPTY_PAGE) if query is None else queryset_sql(query)
    except EmptyRows:
        rows = Sql(EMPTY_PAGE)
    page = "SELECT * FROM (" + rows + ") k(date_start, sort_end, kind, pk)"
    count_query = timeline_count_query(parts)

    graphql_type = compiler.gschema.query_type.fields["timeline"].type
    graphql_type = _unwrap(graphql_type)[0]
    row = qn(alias)
    names = {rank: literal(kind) for kind, rank in KIND_RANK.items()}
    cursor = base64_text(
        f"'{CURSOR_PREFIX}:[\"' || to_char({row}.date_start, 'YYYY-MM-DD') || '\",\"' || "
        f"to_char({row}.sort_end, 'YYYY-MM-DD') || '\",\"' || "
        f"{_kind_case(f'{row}.kind', names)} || '\",' || ({row}.pk)::text || ']'"
    )
    edge_type = _unwrap(_unwrap(graphql_type.fields["edges"].type)[0].of_type)[0]
    union = _unwrap(edge_type.fields["node"].type)[0]
    types = {t.name: t for t in union.types}

    def node(sub):
        objects = {}
        for kind, model in TIMELINE_KINDS.items():
            graphql_kind = next((t for t in types.values() if _django_model(t)[1] is model), None)
            if graphql_kind is None:
                raise NotCompilable(f"no GraphQL type for {kind}")
            qs = model._default_manager.filter(pk=RawSQL(f"{row}.pk", ())).order_by()
            objects[KIND_RANK[kind]] = compiler.one_json(
                graphql_kind, model, qs, sub, f"{alias}_{KIND_RANK[kind]}"
            )
        out = Sql(f"CASE {row}.kind")
        for rank, obj in objects.items():
            out = out + f" WHEN {rank} THEN " + obj
        return out + " END"

    def total():
        return Sql("0") if count_query is None else count_sql(count_query)

    return compiler.connection_json(
        graphql_type,
        details,
        alias,
        page=page,
        display="q.date_start, q.sort_end, q.kind, q.pk",
        paging=(first, last, after_key is not None, before_key is not None),
        cursor=cursor,
        node=node,
        total=total,
    )


ROOTS = {"timeline": timeline_root}
