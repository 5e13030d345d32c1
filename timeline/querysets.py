"""Read-side rules shared by the API, the admin and exports: visibility, date overlap,
ordering, full-text search and the timeline stream.

Everything here takes and returns plain QuerySets, so it works on managers,
related managers and the optimizer's prefetch querysets alike. The compiled read
path (DESIGN §5) is meant to reuse these declarations, not restate them.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connections, models
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import Expression, Func
from django.db.models.functions import Coalesce
from django.db.models.query import EmptyQuerySet

from sources.models import Citation, Outlet, Source
from timeline.models import (
    Actor,
    Event,
    EventParticipant,
    EventRelation,
    EventType,
    Position,
    Statement,
    Status,
    Tag,
    Treaty,
    TreatyAction,
)

PUBLISHED = Status.PUBLISHED

# ---------------------------------------------------------------------------
# Visibility
# ---------------------------------------------------------------------------
# The public sees a record when it is published and the records it cannot be
# shown without are visible too (a statement needs its speaker, a treaty action
# its treaty, a citation its source and the record it backs). Optional links (on
# behalf of, a position) are hidden on their own by the same rules applied to the
# linked model.
#
# Every model the API, the exports or the page can show has its rule here, in
# one place, written out even when it is "everything" (Q()): ``visible`` refuses
# a model without one instead of guessing, so a new model is hidden until its
# rule is declared (tests/api/test_visibility_rules.py lists them).
ALWAYS = Q()  # reference data with no workflow: event categories, tags, outlets


def through(field: str, model: type[models.Model]) -> Q:
    """``model``'s public rule, followed from the related model through ``field``."""
    return _prefixed(PUBLIC_RULES[model], field)


def _prefixed(rule: Q, field: str) -> Q:
    prefixed = Q()
    prefixed.connector, prefixed.negated = rule.connector, rule.negated
    for child in rule.children:
        if isinstance(child, Q):
            prefixed.children.append(_prefixed(child, field))
        else:
            lookup, value = child
            prefixed.children.append((f"{field}__{lookup}", value))
    if not rule.children:
        prefixed.children.append((f"{field}__isnull", False))
    return prefixed


PUBLIC_RULES: dict[type[models.Model], Q] = {
    Actor: Q(status=PUBLISHED),
    Treaty: Q(status=PUBLISHED),
    Event: Q(status=PUBLISHED),
    EventType: ALWAYS,
    Tag: ALWAYS,
    Outlet: ALWAYS,
    Source: Q(status=PUBLISHED),
}
PUBLIC_RULES |= {
    Statement: Q(status=PUBLISHED) & through("speaker", Actor),
    TreatyAction: Q(status=PUBLISHED) & through("treaty", Treaty),
    EventParticipant: through("actor", Actor),
    # A relation to a hidden event is hidden: a hidden record must look absent.
    EventRelation: through("from_event", Event) & through("to_event", Event),
    Position: through("person", Actor) & through("organisation", Actor),
}


# A citation is shown only when its source and the record it backs are both
# public (its excerpt quotes the one and describes the other).
# The record it backs is one of three optional links: each is an EXISTS on that record's
# own rule (an index probe, tried in turn) rather than three outer joins, which the
# planner could only hash-join against whole tables for every citation list.
class PublicThrough(Exists):
    """EXISTS (the ``model`` row ``field`` points at, under ``model``'s public rule)."""

    def __init__(self, field: str, model: type[models.Model]) -> None:
        self.through, self.rule = field, PUBLIC_RULES[model]
        super().__init__(model._default_manager.filter(self.rule, pk=OuterRef(field)))

    def __str__(self) -> str:
        return f"({self.through} exists: {self.rule})"


def exists_through(field: str, model: type[models.Model]) -> Q:
    """``model``'s public rule holds for the row the foreign key ``field`` points at."""
    return Q(PublicThrough(field, model))


PUBLIC_RULES[Citation] = through("source", Source) & (
    exists_through("event", Event)
    | exists_through("statement", Statement)
    | exists_through("treaty_action", TreatyAction)
)


class NoVisibilityRule(LookupError):
    """A model is read for the public without a declared rule: refused, never shown."""


def public_rule(model: type[models.Model]) -> Q:
    try:
        return PUBLIC_RULES[model]
    except KeyError:
        raise NoVisibilityRule(
            f"No public visibility rule is declared for {model._meta.label}: add one to "
            "timeline.querysets.PUBLIC_RULES."
        ) from None


def visible(qs: QuerySet, *, unpublished: bool) -> QuerySet:
    """Rows the reader may see: everything for curators, the public rule otherwise."""
    if unpublished:
        return qs
    return qs.filter(public_rule(qs.model))


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------
# Derived date columns per model: (start, end). A NULL end is open-ended.
DATE_FIELDS: dict[type[models.Model], tuple[str, str]] = {
    Event: ("date_start", "date_end"),
    Statement: ("date_start", "date_end"),
    TreatyAction: ("date_start", "date_end"),
    Treaty: ("signed_start", "ended"),  # ended: derived from its actions (models)
}


def register_date_fields(model: type[models.Model], start: str, end: str) -> None:
    DATE_FIELDS[model] = (start, end)


def overlap_q(start: str, end: str, date_from: dt.date | None, date_to: dt.date | None) -> Q:
    """Rows whose [start, end] range overlaps [date_from, date_to]; NULL end = still going."""
    q = Q()
    if date_to is not None:
        q &= Q(**{f"{start}__lte": date_to})
    if date_from is not None:
        q &= Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": date_from})
    return q


def overlapping(qs: QuerySet, date_from: dt.date | None, date_to: dt.date | None) -> QuerySet:
    start, end = DATE_FIELDS[qs.model]
    return qs.filter(overlap_q(start, end, date_from, date_to))


# ---------------------------------------------------------------------------
# Ordering: named, always total (a unique key last) so pages are stable.
# ---------------------------------------------------------------------------
ORDERINGS: dict[type[models.Model], dict[str, Sequence[str]]] = {
    Event: {
        "date": ("date_start", "date_end", "pk"),
        "title": ("title", "pk"),
        "created": ("created_at", "pk"),
        "updated": ("updated_at", "pk"),
    },
    Statement: {
        "date": ("date_start", "date_end", "pk"),
        "text": ("text", "pk"),
        "title": ("text", "pk"),  # deprecated name of "text"
        "speaker": ("speaker__name", "date_start", "pk"),
        "created": ("created_at", "pk"),
        "updated": ("updated_at", "pk"),
    },
    Treaty: {
        "date": ("signed_start", "name", "pk"),
        "name": ("name", "pk"),
        "title": ("name", "pk"),  # deprecated name of "name"
        "created": ("created_at", "pk"),
        "updated": ("updated_at", "pk"),
    },
    Actor: {
        "name": ("name", "pk"),
        "created": ("created_at", "pk"),
        "updated": ("updated_at", "pk"),
        "date": ("created_at", "pk"),  # deprecated: actors have no date
        "title": ("name", "pk"),  # deprecated name of "name"
    },
    TreatyAction: {
        "date": ("date_start", "date_end", "pk"),
        "updated": ("updated_at", "pk"),
    },
}


def register_orderings(model: type[models.Model], orderings: dict[str, Sequence[str]]) -> None:
    ORDERINGS[model] = orderings


def ordered(qs: QuerySet, key: str = "date", *, descending: bool = False) -> QuerySet:
    fields = ORDERINGS[qs.model][key]
    if descending:
        return qs.order_by(*(F(f).desc(nulls_last=True) for f in fields))
    return qs.order_by(*(F(f).asc(nulls_last=True) for f in fields))


# ---------------------------------------------------------------------------
# Full-text search
# ---------------------------------------------------------------------------
# Each searchable model has one tsvector expression; migration
# timeline/0004_search_indexes (and sources/0003) builds a GIN index on the same
# expression over the same columns, so the planner matches it to the index.
# Change both together. Weights: A title/name, B summary/description/statement
# text, C body. ``timeline_ts_config(language)`` (created by that migration)
# maps a BCP 47 tag to a PostgreSQL text search configuration, so stemming
# follows each row's language; rows without a language are English.
SEARCH_DOCUMENTS: dict[type[models.Model], str] = {
    Event: (
        "(setweight(to_tsvector('english'::regconfig, coalesce({title}, '')), 'A') || "
        "setweight(to_tsvector('english'::regconfig, coalesce({summary}, '')), 'B'))"
    ),
    Treaty: (
        "(setweight(to_tsvector('english'::regconfig, coalesce({name}, '') || ' ' || "
        "coalesce({short_name}, '') || ' ' || timeline_join_words({aliases})), 'A') || "
        "setweight(to_tsvector('english'::regconfig, coalesce({summary}, '')), 'B'))"
    ),
    Actor: (
        "(setweight(to_tsvector('english'::regconfig, coalesce({name}, '') || ' ' || "
        "coalesce({short_name}, '') || ' ' || timeline_join_words({aliases})), 'A') || "
        "setweight(to_tsvector('english'::regconfig, coalesce({description}, '')), 'B'))"
    ),
    Statement: (
        "(setweight(to_tsvector(timeline_ts_config({language}), coalesce({text}, '')), 'B') || "
        "setweight(to_tsvector('simple'::regconfig, coalesce({venue}, '')), 'C'))"
    ),
}
# The text a snippet is cut from (the document's columns, readable) and its config.
# Every column of the document is in the snippet text, so whatever matched can be marked
# (a treaty found by its short name or an alias used to come back with no <mark>).
SNIPPET_TEXT: dict[type[models.Model], str] = {
    Event: "coalesce({title}, '') || ' — ' || coalesce({summary}, '')",
    Treaty: (
        "coalesce({name}, '') || ' (' || concat_ws('; ', nullif({short_name}, ''), "
        "nullif(timeline_join_words({aliases}), '')) || ') — ' || coalesce({summary}, '')"
    ),
    Actor: (
        "coalesce({name}, '') || ' (' || concat_ws('; ', nullif({short_name}, ''), "
        "nullif(timeline_join_words({aliases}), '')) || ') — ' || coalesce({description}, '')"
    ),
    Statement: "coalesce({text}, '') || ' — ' || coalesce({venue}, '')",
}
SNIPPET_CONFIG: dict[type[models.Model], str] = {
    Statement: "timeline_ts_config({language})",
}
# Languages a query is stemmed in; the tsqueries are OR-ed, so a query matches
# a document stemmed in any of them. 'simple' keeps unstemmed words matching.
QUERY_CONFIGS = ("english", "russian", "french", "german", "spanish", "simple")
# ts_headline marks matches in the raw record text, which may hold markup typed by
# anyone: the marks are private-use characters (removed from the text first), the
# text is HTML-escaped, and only then do the marks become <mark> elements.
MARK_START, MARK_STOP = "\ue000", "\ue001"
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_STOP}, MaxWords=30, MinWords=12, "
    "MaxFragments=2, FragmentDelimiter=' … '"
)
_WORD = re.compile(r"\w+", re.UNICODE)
_FIELD = re.compile(r"\{(\w+)\}")


def register_search(
    model: type[models.Model], document: str, snippet: str, config: str | None = None
) -> None:
    """Let another domain app (sources) declare a searchable model."""
    SEARCH_DOCUMENTS[model] = document
    SNIPPET_TEXT[model] = snippet
    if config:
        SNIPPET_CONFIG[model] = config


class SQLTemplate(Func):
    """SQL with ``{field}`` placeholders compiled as that model field's column.

    Unlike RawSQL, the columns follow the query's table aliases, so the
    expression also works inside subqueries (``pk__in=...``).
    """

    def __init__(self, sql: str, params=(), *, output_field):
        self.names = list(dict.fromkeys(_FIELD.findall(sql)))
        self.sql = sql
        self.sql_params = list(params)
        super().__init__(*(F(name) for name in self.names), output_field=output_field)

    def as_sql(self, compiler, connection, **extra):
        columns = {}
        for name, expression in zip(self.names, self.get_source_expressions(), strict=True):
            sql, params = compiler.compile(expression)
            assert not params, "columns only"
            columns[name] = sql
        return self.sql.format(**columns), list(self.sql_params)


def query_terms(text: str) -> list[str]:
    """The words of a user query; punctuation and tsquery operators are dropped."""
    return _WORD.findall(text or "")[:32]


def tsquery_string(text: str) -> str:
    """'word1:* & word2:*': every word must match, each as a prefix."""
    return " & ".join(f"{term}:*" for term in query_terms(text))


def _tsquery(query: str) -> tuple[str, list[str]]:
    sql = "(" + " || ".join(f"to_tsquery('{c}'::regconfig, %s)" for c in QUERY_CONFIGS) + ")"
    return sql, [query] * len(QUERY_CONFIGS)


def search_filtered(qs: QuerySet, text: str, *, snippet: bool = False) -> QuerySet:
    """Rows matching ``text``, annotated with ``search_rank`` (and ``search_snippet``).

    A query without words matches nothing.
    """
    query = tsquery_string(text)
    if not query:
        return qs.none()
    model = qs.model
    document = SEARCH_DOCUMENTS[model]
    tsquery, params = _tsquery(query)
    qs = qs.filter(_matches(model, query)).annotate(
        search_rank=SQLTemplate(
            # float8, so the value a cursor carries compares equal to the column again
            f"ts_rank_cd({document}, {tsquery})::float8",
            params,
            output_field=models.FloatField(),
        )
    )
    if snippet:
        config = SNIPPET_CONFIG.get(model, "'english'::regconfig")
        qs = qs.annotate(
            search_snippet=SQLTemplate(
                f"ts_headline({config}, {_escaped(SNIPPET_TEXT[model])}, {tsquery}, %s)",
                [MARK_START + MARK_STOP, *params, HEADLINE_OPTIONS],
                output_field=models.TextField(),
            )
        )
    return qs


def _escaped(text_sql: str) -> str:
    """SQL escaping ``text_sql`` for HTML (& < >) and dropping our mark characters, so
    ts_headline cuts its fragment from text in which no markup survives (it would
    otherwise pass some tags through and silently drop others)."""
    return (
        f"replace(replace(replace(translate({text_sql}, %s, ''), '&', '&amp;'), "
        "'<', '&lt;'), '>', '&gt;')"
    )


def marked_snippet(headline: str) -> str:
    """Safe HTML: the (already escaped) record text with the matches in <mark>…</mark>."""
    return (headline or "").replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")


def _matches(model: type[models.Model], query: str) -> SQLTemplate:
    """``document @@ tsquery``: the condition the model's GIN expression index answers."""
    tsquery, params = _tsquery(query)
    return SQLTemplate(
        f"{SEARCH_DOCUMENTS[model]} @@ {tsquery}", params, output_field=models.BooleanField()
    )


# The GIN index of each document (the migrations name them): its ANALYZE statistics say
# which words are common.
SEARCH_INDEXES: dict[type[models.Model], str] = {
    Event: "event_search_gin",
    Statement: "statement_search_gin",
    Treaty: "treaty_search_gin",
    Actor: "actor_search_gin",
    Source: "source_search_gin",
}


class PkAmong(Expression):
    """``pk = ANY(ARRAY(subquery))``: the subquery runs first and once (an InitPlan), then
    its rows are fetched by primary key; the planner cannot turn it into a walk of
    another index that tests the subquery's condition on every row."""

    output_field = models.BooleanField()

    def __init__(self, ids: QuerySet):
        super().__init__()
        self.pk, self.ids = F("pk"), Subquery(ids)

    def get_source_expressions(self):
        return [self.pk, self.ids]

    def set_source_expressions(self, exprs):
        self.pk, self.ids = exprs

    def as_sql(self, compiler, connection):
        pk_sql, pk_params = compiler.compile(self.pk)
        ids_sql, ids_params = compiler.compile(self.ids)
        return f"{pk_sql} = ANY(ARRAY{ids_sql})", [*pk_params, *ids_params]


# A word is rare when, in none of the query languages, all its lexemes are among the
# lexemes ANALYZE found most often in the document (pg_stats of the GIN index's
# expression). A stop word has no lexemes, so it is never rare. Without statistics (a
# small table, or before the first ANALYZE) no word is rare: the planner decides alone.
RARE_WORD_SQL = """
SELECT coalesce(bool_or(NOT known), false) FROM (
  SELECT bool_or(tsvector_to_array(to_tsvector(config::regconfig, term)) <@ stats.common)
         AS known
  FROM unnest(%s::text[]) AS term, unnest(%s::text[]) AS config,
       (SELECT most_common_elems::text::text[] AS common FROM pg_stats
        WHERE schemaname = current_schema() AND tablename = %s) AS stats
  GROUP BY term) AS words
"""


def has_rare_word(model: type[models.Model], text: str, using: str = "default") -> bool:
    """Whether a word of ``text`` is rare in ``model``'s documents (``RARE_WORD_SQL``).

    PostgreSQL guesses the frequency of a word it has no statistics for at half the
    rarest common lexeme's, the same for a word found in no document as for one found in
    a few; on a large table with a small vocabulary that guess is high enough for it to
    walk the date index and test every row for a word found nowhere (25 s at 1,000,000
    events). One query tells the two cases apart from the same statistics.
    """
    index, terms = SEARCH_INDEXES.get(model), query_terms(text)
    if index is None or not terms:
        return False
    # The answer only picks the plan (both give the same rows) and the statistics change
    # only with ANALYZE: it is kept for RARE_WORD_TTL seconds per process.
    key = (using, index, tuple(terms))
    now = time.monotonic()
    known = _RARE_WORDS.get(key)
    if known is not None and now - known[1] < RARE_WORD_TTL:
        return known[0]
    with connections[using].cursor() as cursor:
        cursor.execute(RARE_WORD_SQL, [terms, list(QUERY_CONFIGS), index])
        rare = bool(cursor.fetchone()[0])
    if len(_RARE_WORDS) > 10_000:
        _RARE_WORDS.clear()
    _RARE_WORDS[key] = (rare, now)
    return rare


RARE_WORD_TTL = 300.0
_RARE_WORDS: dict[tuple, tuple[bool, float]] = {}


def search_matching(qs: QuerySet, text: str) -> QuerySet:
    """The rows of ``qs`` matching ``text``, as a condition on ``qs`` itself.

    For words ANALYZE found common, the match is tested in the same statement as the
    list's other filters, order and LIMIT, so the planner weighs one condition on the
    indexed expression: walking the order's index and testing each row (right for a
    common word: the page fills after a few hundred rows) or a bitmap scan of the GIN
    index then a sort. When a word is rare (``has_rare_word``), the GIN index answers
    first (``PkAmong``) and only its rows are sorted: a few, or none. A query without
    words matches nothing.
    """
    query = tsquery_string(text)
    if not query:
        return qs.none()
    if has_rare_word(qs.model, text, qs.db):
        ids = qs.model._default_manager.using(qs.db).filter(_matches(qs.model, query))
        return qs.filter(PkAmong(ids.order_by().values("pk")))
    return qs.filter(_matches(qs.model, query))


def search_ids(qs: QuerySet, text: str) -> QuerySet:
    """The pks of the rows of ``qs`` matching ``text`` (for filters on a related model)."""
    return search_matching(qs.order_by(), text).values("pk")


# ---------------------------------------------------------------------------
# The timeline: events, statements and treaty actions in one date order
# ---------------------------------------------------------------------------
# Rank of each kind among records with the same dates: ties are broken by
# (date_start, date_end with open ends last, kind, pk), which is total.
TIMELINE_KINDS: dict[str, type[models.Model]] = {
    "event": Event,
    "statement": Statement,
    "treaty_action": TreatyAction,
}
KIND_RANK = {name: rank for rank, name in enumerate(TIMELINE_KINDS)}
OPEN_END = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class TimelineKey:
    date_start: dt.date
    date_end: dt.date  # OPEN_END for open-ended records
    kind: int
    pk: int


def _bound_q(key: TimelineKey, rank: int, *, after: bool) -> Q:
    """Rows of the kind ranked ``rank`` strictly after (or before) ``key``."""
    op = "gt" if after else "lt"
    q = Q(**{f"date_start__{op}": key.date_start}) | Q(
        date_start=key.date_start, **{f"sort_end__{op}": key.date_end}
    )
    same_dates = Q(date_start=key.date_start, sort_end=key.date_end)
    if rank == key.kind:
        q |= same_dates & Q(**{f"pk__{op}": key.pk})
    elif (rank > key.kind) == after:
        q |= same_dates
    return q


def timeline_part(qs: QuerySet, kind: str) -> QuerySet:
    """Annotate one kind's queryset with the timeline sort key columns."""
    return qs.annotate(
        timeline_kind=Value(KIND_RANK[kind]),
        sort_end=Coalesce("date_end", Value(OPEN_END), output_field=models.DateField()),
    )


def _non_empty(parts: list[QuerySet]) -> list[QuerySet]:
    """The parts that can match: a ``none()`` part (a filter that rules everything out) is
    dropped, as Django's union would drop it, but before any part is sliced and ordered."""
    return [part for part in parts if not isinstance(part, EmptyQuerySet)]


def timeline_page_query(
    parts: dict[str, QuerySet],
    *,
    after: TimelineKey | None = None,
    before: TimelineKey | None = None,
    limit: int,
    reverse: bool = False,
) -> QuerySet | None:
    """The statement of ``timeline_page``: (date_start, sort_end, timeline_kind, pk) rows,
    or None when no kind is chosen (the compiled read path runs it inside its own SQL)."""
    fields = ("date_start", "sort_end", "timeline_kind", "pk")
    order = [f"-{f}" for f in fields] if reverse else list(fields)
    selected = []
    for kind, qs in parts.items():
        rank = KIND_RANK[kind]
        qs = timeline_part(qs.order_by(), kind)
        if after is not None:
            qs = qs.filter(_bound_q(after, rank, after=True))
        if before is not None:
            qs = qs.filter(_bound_q(before, rank, after=False))
        selected.append(qs.order_by(*order).values_list(*fields))
    selected = _non_empty(selected)
    if not selected:
        return None
    first, *rest = selected
    if rest:
        # Each part is cut to ``limit`` rows first, so every part uses its date index.
        first = first[:limit].union(*(part[:limit] for part in rest), all=True)
    return first.order_by(*order)[:limit]


def timeline_page(
    parts: dict[str, QuerySet],
    *,
    after: TimelineKey | None = None,
    before: TimelineKey | None = None,
    limit: int,
    reverse: bool = False,
) -> list[TimelineKey]:
    """One SQL statement: the next ``limit`` keys of the merged stream.

    ``parts`` maps a kind to its already visible and filtered queryset. With
    ``reverse`` the page is taken from the end (for ``last``), and returned
    in ascending order.
    """
    query = timeline_page_query(parts, after=after, before=before, limit=limit, reverse=reverse)
    if query is None:
        return []
    keys = [TimelineKey(*row) for row in query]
    return keys[::-1] if reverse else keys


def timeline_count_query(parts: dict[str, QuerySet]) -> QuerySet | None:
    """The rows ``timeline_count`` counts (one per item), or None when no kind is chosen."""
    selected = _non_empty([qs.order_by().values_list("pk") for qs in parts.values()])
    if not selected:
        return None
    first, *rest = selected
    return first.union(*rest, all=True) if rest else first


def timeline_count(parts: dict[str, QuerySet]) -> int:
    """How many items the whole stream has (one statement)."""
    query = timeline_count_query(parts)
    return 0 if query is None else query.count()


# ---------------------------------------------------------------------------
# Search across kinds: one ranked stream
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SearchHit:
    kind: int  # the kind's rank given with its part to search_page
    pk: int
    rank: float
    snippet: str


@dataclass(frozen=True)
class SearchKey:
    """Where a page of hits starts: strictly after this (rank, kind, pk)."""

    rank: float
    kind: int
    pk: int


def _after_hit_q(kind: int, key: SearchKey) -> Q:
    # Best first: lower rank comes after; ties by kind rank, then pk.
    q = Q(search_rank__lt=key.rank)
    if kind > key.kind:
        q |= Q(search_rank=key.rank)
    elif kind == key.kind:
        q |= Q(search_rank=key.rank, pk__gt=key.pk)
    return q


def search_page_query(
    parts: Sequence[tuple[int, QuerySet]], text: str, *, after: SearchKey | None, limit: int
) -> QuerySet | None:
    """The statement of ``search_page``: (kind, pk, rank, snippet) rows, best first, or
    None when no kind is chosen or the text has no words (the compiled read path runs it
    inside its own SQL)."""
    if not parts or not tsquery_string(text):  # no kinds chosen, or no words
        return None
    selected = []
    for kind, qs in parts:
        hits = search_filtered(qs.order_by(), text, snippet=True).annotate(search_kind=Value(kind))
        if after is not None:
            hits = hits.filter(_after_hit_q(kind, after))
        hits = hits.order_by("-search_rank", "pk").values_list(
            "search_kind", "pk", "search_rank", "search_snippet"
        )
        selected.append(hits)
    selected = _non_empty(selected)
    if not selected:
        return None
    first, *rest = selected
    if rest:
        first = first[:limit].union(*(part[:limit] for part in rest), all=True)
    return first.order_by("-search_rank", "search_kind", "pk")[:limit]


def search_page(
    parts: Sequence[tuple[int, QuerySet]], text: str, *, after: SearchKey | None, limit: int
) -> list[SearchHit]:
    """One SQL statement: the ``limit`` best hits after ``after`` over every part.

    ``parts`` pairs each queryset with its kind's rank, which breaks ties in
    rank before the pk does.
    """
    query = search_page_query(parts, text, after=after, limit=limit)
    return [] if query is None else [SearchHit(*row) for row in query]


def search_count_query(parts: Sequence[QuerySet], text: str) -> QuerySet | None:
    """The rows ``search_count`` counts, or None when nothing can match."""
    if not parts or not tsquery_string(text):
        return None
    selected = _non_empty([search_filtered(qs.order_by(), text).values_list("pk") for qs in parts])
    if not selected:
        return None
    first, *rest = selected
    return first.union(*rest, all=True) if rest else first


def search_count(parts: Sequence[QuerySet], text: str) -> int:
    """How many rows of ``parts`` match (one statement)."""
    query = search_count_query(parts, text)
    return 0 if query is None else query.count()
