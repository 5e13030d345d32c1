"""The benchmarked read operations, each written three ways over the same rows:

- ``ours``: the GraphQL API (a document and its variables);
- ``floor``: hand-written SQL (JSON built by PostgreSQL) answered by ``floor_app``;
- ``postgraphile``: the same data through PostGraphile 4 over the tables, with the
  connection-filter plugin for the date, relation and visibility conditions.

Visibility is the public rule for all three: published rows, and nested rows only when
the record they show (actor, treaty, source) is published.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

PAGE_FROM = "1990-01-01"
FILTER_FROM, FILTER_TO = "1985-01-01", "2005-12-31"
AS_OF = "2000-01-01"
SEARCH = "border security"
# The tsquery our API builds from SEARCH (timeline.querysets.tsquery_string); written out
# so the floor's WSGI app does not import Django.
SEARCH_TSQUERY = "border:* & security:*"

OURS_PAGE = """query($n: Int!, $from: EDTFDate) {
  events(first: $n, filters: {from: $from}) { edges { node {
    id title date dateStart dateEnd
    participants { role actor { name } }
    treaties { name }
    citations { excerpt source { title } }
  } } }
}"""

GRAPHILE_PAGE = """query($n: Int!, $from: Date!) {
  allTimelineEvents(first: $n, orderBy: [DATE_START_ASC, DATE_END_ASC, ID_ASC],
      filter: {status: {equalTo: "published"},
               or: [{dateEnd: {isNull: true}}, {dateEnd: {greaterThanOrEqualTo: $from}}]}) {
    nodes {
      id title date dateStart dateEnd
      timelineEventparticipantsByEventId(
          filter: {timelineActorByActorId: {status: {equalTo: "published"}}}) {
        nodes { role timelineActorByActorId { name } } }
      timelineEventTreatiesByEventId(
          filter: {timelineTreatyByTreatyId: {status: {equalTo: "published"}}}) {
        nodes { timelineTreatyByTreatyId { name } } }
      sourcesCitationsByEventId(
          filter: {sourcesSourceBySourceId: {status: {equalTo: "published"}}}) {
        nodes { excerpt sourcesSourceBySourceId { title } } }
    }
  }
}"""

_NESTED_SQL = """
  'participants', (
    SELECT coalesce(json_agg(json_build_object('role', p.role, 'actor',
                                               json_build_object('name', a.name))
                             ORDER BY p.role, a.name, p.id), '[]')
    FROM timeline_eventparticipant p JOIN timeline_actor a ON a.id = p.actor_id
    WHERE p.event_id = e.id AND a.status = 'published'),
  'treaties', (
    SELECT coalesce(json_agg(json_build_object('name', t.name)
                             ORDER BY t.signed_start, t.name), '[]')
    FROM timeline_event_treaties et JOIN timeline_treaty t ON t.id = et.treaty_id
    WHERE et.event_id = e.id AND t.status = 'published'),
  'citations', (
    SELECT coalesce(json_agg(json_build_object('excerpt', c.excerpt, 'source',
                                               json_build_object('title', s.title))
                             ORDER BY c.source_id, c.start), '[]')
    FROM sources_citation c JOIN sources_source s ON s.id = c.source_id
    WHERE c.event_id = e.id AND s.status = 'published')"""

FLOOR_PAGE = f"""
SELECT coalesce(json_agg(json_build_object(
  'id', e.id, 'title', e.title, 'date', e.date, 'dateStart', e.date_start,
  'dateEnd', e.date_end, {_NESTED_SQL}
) ORDER BY e.date_start, e.date_end, e.id), '[]')::text
FROM (
  SELECT * FROM timeline_event
  WHERE status = 'published' AND (date_end IS NULL OR date_end >= %(from)s)
  ORDER BY date_start, date_end, id LIMIT %(n)s
) e
"""

OURS_FILTERED = """query($from: EDTFDate, $to: EDTFDate, $actor: ID!) {
  events(first: 50, filters: {from: $from, to: $to, actors: [$actor]}) { edges { node {
    title date participants { role actor { name } }
  } } }
}"""

GRAPHILE_FILTERED = """query($from: Date!, $to: Date!, $actor: BigInt!) {
  allTimelineEvents(first: 50, orderBy: [DATE_START_ASC, DATE_END_ASC, ID_ASC],
      filter: {status: {equalTo: "published"}, dateStart: {lessThanOrEqualTo: $to},
               or: [{dateEnd: {isNull: true}}, {dateEnd: {greaterThanOrEqualTo: $from}}],
               timelineEventparticipantsByEventId: {some: {actorId: {equalTo: $actor}}}}) {
    nodes { title date
      timelineEventparticipantsByEventId(
          filter: {timelineActorByActorId: {status: {equalTo: "published"}}}) {
        nodes { role timelineActorByActorId { name } } } }
  }
}"""

FLOOR_FILTERED = """
SELECT coalesce(json_agg(json_build_object('title', e.title, 'date', e.date, 'participants', (
    SELECT coalesce(json_agg(json_build_object('role', p.role, 'actor',
                                               json_build_object('name', a.name))
                             ORDER BY p.role, a.name, p.id), '[]')
    FROM timeline_eventparticipant p JOIN timeline_actor a ON a.id = p.actor_id
    WHERE p.event_id = e.id AND a.status = 'published')
) ORDER BY e.date_start, e.date_end, e.id), '[]')::text
FROM (
  SELECT * FROM timeline_event ev
  WHERE status = 'published' AND date_start <= %(to)s
    AND (date_end IS NULL OR date_end >= %(from)s)
    AND EXISTS (SELECT 1 FROM timeline_eventparticipant p
                WHERE p.event_id = ev.id AND p.actor_id = %(actor)s)
  ORDER BY date_start, date_end, id LIMIT 50
) e
"""

OURS_TREATY = """query($slug: String!, $asOf: Date) {
  treaty(slug: $slug) { name parties(asOf: $asOf) { actor { name } status since } }
}"""

# PostGraphile has no derived status: the client gets the actions up to the date.
GRAPHILE_TREATY = """query($slug: String!, $asOf: Date!) {
  timelineTreatyBySlug(slug: $slug) { name
    timelineTreatyactionsByTreatyId(orderBy: [DATE_START_ASC, ID_ASC],
        filter: {status: {equalTo: "published"}, dateStart: {lessThanOrEqualTo: $asOf}}) {
      nodes { action dateStart timelineActorByActorId { name } } }
  }
}"""

FLOOR_TREATY = """
SELECT t.name, t.kind, t.expires_end, ta.action, ta.actor_id, ta.date_start,
       ta.extended_until_end, a.name
FROM timeline_treaty t
LEFT JOIN timeline_treatyaction ta ON ta.treaty_id = t.id AND ta.status = 'published'
LEFT JOIN timeline_actor a ON a.id = ta.actor_id AND a.status = 'published'
WHERE t.slug = %(slug)s AND t.status = 'published'
ORDER BY ta.date_start, ta.id
"""

OURS_SEARCH = """query($q: String!) {
  events(first: 20, filters: {search: $q}) { edges { node { title date } } }
}"""

GRAPHILE_SEARCH = """query($q: String!) {
  searchEvents(query: $q, first: 20) { nodes { title date } }
}"""

EVENT_DOCUMENT = (
    "(setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B'))"
)
TSQUERY = (
    "(to_tsquery('english'::regconfig, {q}) || to_tsquery('russian'::regconfig, {q}) || "
    "to_tsquery('french'::regconfig, {q}) || to_tsquery('german'::regconfig, {q}) || "
    "to_tsquery('spanish'::regconfig, {q}) || to_tsquery('simple'::regconfig, {q}))"
)

FLOOR_SEARCH = f"""
SELECT coalesce(json_agg(json_build_object('title', e.title, 'date', e.date)
                         ORDER BY e.date_start, e.date_end, e.id), '[]')::text
FROM (SELECT * FROM timeline_event
      WHERE status = 'published' AND {EVENT_DOCUMENT} @@ {TSQUERY.format(q="%(q)s")}
      ORDER BY date_start, date_end, id LIMIT 20) e
"""

# Exposed to PostGraphile as Query.searchEvents (schema bench_graphile, bench only).
GRAPHILE_SEARCH_FUNCTION = f"""
CREATE SCHEMA IF NOT EXISTS bench_graphile;
CREATE OR REPLACE FUNCTION bench_graphile.search_events(query text)
RETURNS SETOF public.timeline_event LANGUAGE sql STABLE AS $$
  SELECT * FROM public.timeline_event
  WHERE status = 'published' AND {EVENT_DOCUMENT} @@ {TSQUERY.format(q="query")}
  ORDER BY date_start, date_end, id
$$;
"""

OURS_NODE = """query($id: ID!) { node(id: $id) { ... on Event {
  title date summary participants { role actor { name } } citations { excerpt source { title } }
} } }"""

GRAPHILE_NODE = """query($id: BigInt!) { timelineEventById(id: $id) {
  title date summary status
  timelineEventparticipantsByEventId(
      filter: {timelineActorByActorId: {status: {equalTo: "published"}}}) {
    nodes { role timelineActorByActorId { name } } }
  sourcesCitationsByEventId(filter: {sourcesSourceBySourceId: {status: {equalTo: "published"}}}) {
    nodes { excerpt sourcesSourceBySourceId { title } } }
} }"""

FLOOR_NODE = """
SELECT json_build_object('title', e.title, 'date', e.date, 'summary', e.summary,
  'participants', (
    SELECT coalesce(json_agg(json_build_object('role', p.role, 'actor',
                                               json_build_object('name', a.name))
                             ORDER BY p.role, a.name, p.id), '[]')
    FROM timeline_eventparticipant p JOIN timeline_actor a ON a.id = p.actor_id
    WHERE p.event_id = e.id AND a.status = 'published'),
  'citations', (
    SELECT coalesce(json_agg(json_build_object('excerpt', c.excerpt, 'source',
                                               json_build_object('title', s.title))
                             ORDER BY c.source_id, c.start), '[]')
    FROM sources_citation c JOIN sources_source s ON s.id = c.source_id
    WHERE c.event_id = e.id AND s.status = 'published'))::text
FROM timeline_event e WHERE e.id = %(id)s AND e.status = 'published'
"""


def gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


@dataclass
class Operation:
    name: str
    ours: tuple[str, dict]
    floor: dict  # {"op": ..., params}
    graphile: tuple[str, dict]
    rows: dict = field(default_factory=dict)  # filled by the sanity check


def operations(actor_id: int, treaty_slug: str, event_id: int) -> list[Operation]:
    """The benchmarked operations; ids come from the dataset (see ``pick_subjects``)."""
    return [
        Operation(
            "events page, 100 nested",
            (OURS_PAGE, {"n": 100, "from": PAGE_FROM}),
            {"op": "page", "n": 100, "from": PAGE_FROM},
            (GRAPHILE_PAGE, {"n": 100, "from": PAGE_FROM}),
        ),
        Operation(
            "events page, 1000 nested",
            (OURS_PAGE, {"n": 1000, "from": PAGE_FROM}),
            {"op": "page", "n": 1000, "from": PAGE_FROM},
            (GRAPHILE_PAGE, {"n": 1000, "from": PAGE_FROM}),
        ),
        Operation(
            "filtered page (dates + actor)",
            (
                OURS_FILTERED,
                {"from": FILTER_FROM, "to": FILTER_TO, "actor": gid("Actor", actor_id)},
            ),
            {"op": "filtered", "from": FILTER_FROM, "to": FILTER_TO, "actor": actor_id},
            (GRAPHILE_FILTERED, {"from": FILTER_FROM, "to": FILTER_TO, "actor": str(actor_id)}),
        ),
        Operation(
            "treaty parties as of a date",
            (OURS_TREATY, {"slug": treaty_slug, "asOf": AS_OF}),
            {"op": "treaty", "slug": treaty_slug, "asOf": AS_OF},
            (GRAPHILE_TREATY, {"slug": treaty_slug, "asOf": AS_OF}),
        ),
        Operation(
            "search (events)",
            (OURS_SEARCH, {"q": SEARCH}),
            {"op": "search", "q": SEARCH_TSQUERY},
            (GRAPHILE_SEARCH, {"q": SEARCH_TSQUERY}),
        ),
        Operation(
            "node by id",
            (OURS_NODE, {"id": gid("Event", event_id)}),
            {"op": "node", "id": event_id},
            (GRAPHILE_NODE, {"id": str(event_id)}),
        ),
    ]


SUBJECTS_SQL = """
SELECT
  (SELECT p.actor_id FROM timeline_eventparticipant p
   JOIN timeline_actor a ON a.id = p.actor_id AND a.status = 'published' AND a.kind = 'state'
   GROUP BY p.actor_id ORDER BY count(*) DESC, p.actor_id OFFSET 5 LIMIT 1),
  (SELECT t.slug FROM timeline_treaty t JOIN timeline_treatyaction ta ON ta.treaty_id = t.id
   WHERE t.status = 'published' AND t.signed_start < %(as_of)s
   GROUP BY t.id ORDER BY count(*) DESC, t.id LIMIT 1),
  (SELECT e.id FROM timeline_event e WHERE e.status = 'published'
   AND EXISTS (SELECT 1 FROM sources_citation c WHERE c.event_id = e.id)
   ORDER BY e.id OFFSET (SELECT count(*) / 2 FROM timeline_event) LIMIT 1)
"""


def pick_subjects(cursor) -> tuple[int, str, int]:
    """A busy (not the busiest) state, the treaty with most actions, a mid-table event."""
    cursor.execute(SUBJECTS_SQL, {"as_of": AS_OF})
    actor, slug, event = cursor.fetchone()
    return actor, slug, event
