"""Root fields over several kinds of records (the timeline), compiled.

The page of (kind, pk) keys is the statement ``timeline.querysets.timeline_page``
runs (``timeline_page_query``), on the parts ``api.timeline.queries`` builds from the
filters; each key's record is then built by the selection for its kind, as
``api.core.unions.fetch_records`` fetches it on the strawberry path.
"""

from __future__ import annotations

from django.db.models.expressions import RawSQL

from api.compiled.sqlvalues import NotCompilable, base64_text, literal, qn
from api.core.cursors import decode_cursor
from api.core.pagination import page_arguments
from api.search.queries import CURSOR_PREFIX as SEARCH_CURSOR
from api.search.queries import KIND_RANK as SEARCH_RANK
from api.search.queries import MODELS as SEARCH_MODELS
from api.search.queries import SearchKind
from api.search.queries import _key as search_key
from api.timeline.queries import CURSOR_PREFIX, timeline_key, timeline_parts
from timeline.querysets import (
    KIND_RANK,
    MARK_START,
    MARK_STOP,
    TIMELINE_KINDS,
    query_terms,
    search_count_query,
    search_page_query,
    timeline_count_query,
    timeline_page_query,
    visible,
)

EMPTY_PAGE = "SELECT NULL::date, NULL::date, NULL::int, NULL::bigint WHERE false"
EMPTY_HITS = "SELECT NULL::int, NULL::bigint, NULL::float8, NULL::text WHERE false"


def _kind_case(column: str, values: dict[int, str]) -> str:
    whens = " ".join(f"WHEN {rank} THEN {value}" for rank, value in values.items())
    return f"CASE {column} {whens} END"


def _node_by_kind(compiler, connection_type, models: dict, alias: str):
    """``node(details)``: the record of the row's kind and pk, built by the selection for
    that kind (as ``fetch_records`` does: the keys are already known to be visible)."""
    from api.compiled.compiler import Sql, _django_model, _unwrap

    edge_type = _unwrap(_unwrap(connection_type.fields["edges"].type)[0].of_type)[0]
    union = _unwrap(edge_type.fields["node"].type)[0]
    row = qn(alias)

    def node(sub):
        out = Sql(f"CASE {row}.kind")
        for rank, model in models.items():
            graphql_kind = next((t for t in union.types if _django_model(t)[1] is model), None)
            if graphql_kind is None:
                raise NotCompilable(f"no GraphQL type for {model.__name__}")
            qs = model._default_manager.filter(pk=RawSQL(f"{row}.pk", ())).order_by()
            obj = compiler.one_json(graphql_kind, model, qs, sub, f"{alias}_{rank}")
            out = out + f" WHEN {rank} THEN " + obj
        return out + " END"

    return node


def timeline_root(compiler, strawberry_field, raw: dict, details, alias: str):
    from api.compiled.compiler import EmptyRows, Sql, _unwrap, count_sql, queryset_sql

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
    models = {KIND_RANK[kind]: model for kind, model in TIMELINE_KINDS.items()}
    node = _node_by_kind(compiler, graphql_type, models, alias)

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


def _float_text(sql: str) -> str:
    """A float8 as Python's repr writes it (an integral value keeps its '.0')."""
    return (
        f"CASE WHEN {sql} = trunc({sql}) AND abs({sql}) < 1e16 "
        f"THEN trunc({sql})::bigint::text || '.0' ELSE ({sql})::text END"
    )


def search_root(compiler, strawberry_field, raw: dict, details, alias: str):
    from api.compiled.compiler import EmptyRows, Sql, _unwrap, count_sql, queryset_sql

    kwargs = compiler.python_arguments(strawberry_field, raw)
    try:
        first, _ = page_arguments(kwargs.get("first"), None)
        text = kwargs["query"]
        if not query_terms(text):
            raise NotCompilable("a search without words (reported by strawberry)")
        after_key = decode_cursor(
            kwargs.get("after"), SEARCH_CURSOR, "after", size=3, convert=search_key
        )
        kinds = kwargs.get("kinds")
        chosen = [k for k in SearchKind if kinds is None or k in kinds]
        parts = [
            (
                SEARCH_RANK[k],
                visible(SEARCH_MODELS[k].objects.all(), unpublished=compiler.unpublished),
            )
            for k in chosen
        ]
    except NotCompilable:
        raise
    except Exception as exc:  # reported by the strawberry path, as always
        raise NotCompilable(f"search arguments: {exc}") from None
    query = search_page_query(parts, text, after=after_key, limit=first + 1)
    try:
        rows = Sql(EMPTY_HITS) if query is None else queryset_sql(query)
    except EmptyRows:
        rows = Sql(EMPTY_HITS)
    page = "SELECT * FROM (" + rows + ") k(kind, pk, rank, snippet)"
    count_query = search_count_query([qs for _, qs in parts], text)

    graphql_type = _unwrap(compiler.gschema.query_type.fields["search"].type)[0]
    row = qn(alias)
    names = {rank: literal(kind.value) for kind, rank in SEARCH_RANK.items()}
    cursor = base64_text(
        f"'{SEARCH_CURSOR}:[' || {_float_text(f'{row}.rank')} || ',\"' || "
        f"{_kind_case(f'{row}.kind', names)} || '\",' || ({row}.pk)::text || ']'"
    )
    snippet = (
        f"replace(replace(coalesce({row}.snippet, ''), chr({ord(MARK_START)}), '<mark>'), "
        f"chr({ord(MARK_STOP)}), '</mark>')"
    )
    models = {rank: SEARCH_MODELS[kind] for kind, rank in SEARCH_RANK.items()}
    return compiler.connection_json(
        graphql_type,
        details,
        alias,
        page=page,
        display="q.rank DESC, q.kind, q.pk",
        paging=(first, None, after_key is not None, False),
        cursor=cursor,
        node=_node_by_kind(compiler, graphql_type, models, alias),
        total=lambda: Sql("0") if count_query is None else count_sql(count_query),
        extra={"rank": f"{row}.rank", "snippet": snippet},
    )


ROOTS = {"timeline": timeline_root, "search": search_root}
