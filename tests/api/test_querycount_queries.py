"""Every representative query runs in the same number of SQL queries at 5 and 100 items,
through strawberry-django and through the compiled read path (api/compiled).

The dataset comes from the benchmark generator (tests/bench/generate.py). The
counts are printed (``pytest -s``) and pinned in BASELINE, so an accidental N+1
or an extra query shows up as a failure with the number to look at.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import gid
from tests.bench.generate import generate
from timeline.models import Event

pytestmark = pytest.mark.django_db

EVENTS = """query($n: Int!) { events(first: $n) { totalCount edges { node {
  id title date dateStart dateEnd precision
  eventType { name parent { name } }
  placeCountry { name }
  participants { role actor { name } }
  treaties { name statusAsOf(date: "2000-01-01") { status since }
             parties(asOf: "2000-01-01") { actor { name } status since } }
  tags { slug }
  statements { text speaker { name } }
  citations { excerpt source { title outlet { name } } }
} } } }"""

STATEMENTS = """query($n: Int!) { statements(first: $n) { totalCount edges { node {
  text date
  speaker { name positions { title } }
  speakerPosition { title organisation { name } }
  onBehalfOf { name }
  treaties { name }
  events { title eventType { name } }
  citations { excerpt source { title } }
} } } }"""

TREATIES = """query($n: Int!) { treaties(first: $n) { totalCount edges { node {
  name statusAsOf { status since } parties { actor { name } status }
  actions { action date actor { name } event { title } }
  events { title }
  statements { text }
} } } }"""

ACTORS = """query($n: Int!) { actors(first: $n, order: {field: TITLE}) { totalCount edges { node {
  name kind parent { name } positions { title organisation { name } }
} } } }"""

SOURCES = """query($n: Int!) { sources(first: $n, order: {field: DATE}) { totalCount edges { node {
  title date outlet { name country { name } }
  citations { excerpt event { title participants { actor { name } } } statement { text } }
} } } }"""

TIMELINE = """query($n: Int!) { timeline(first: $n) { totalCount edges { cursor node {
  __typename
  ... on Event { title participants { role actor { name } } treaties { name }
                 citations { source { title } } }
  ... on Statement { text speaker { name } speakerPosition { title } treaties { name } }
  ... on TreatyAction { action actor { name } treaty { name } event { title } }
} } } }"""

SEARCH = """query($n: Int!) { search(query: "anchor", first: $n) { totalCount edges {
  rank snippet node {
    __typename
    ... on Event { title participants { actor { name } } }
    ... on Statement { text speaker { name } }
    ... on Treaty { name actions { action } }
    ... on Actor { name }
    ... on Source { title outlet { name } }
  }
} } }"""

FILTERED = """query($n: Int!) { events(first: $n, filters: {from: "1960-01-01", to: "2020-01-01",
    search: "treaty"}, order: {field: TITLE}) {
  totalCount edges { node { title participants { actor { name } } tags { name } } }
} }"""

NODES = """query($ids: [ID!]!) { nodes(ids: $ids) {
  ... on Event { title participants { actor { name } } treaties { name } }
} }"""

# Queries per request. Anonymous users: no session lookups.
BASELINE = {
    "events": 11,
    "statements": 10,
    "treaties": 8,  # the anchor treaty is dated by its signature now, so it comes first
    "actors": 4,
    "sources": 7,
    "timeline": 16,
    "search": 11,
    "filtered": 4,  # the search's rare-word check is cached per process (warmed first)
    "nodes": 4,
}
# Through the compiled read path: SET statement_timeout, the one statement, its RESET
# (and a filter's own lookups). "events" and "treaties" select Treaty.parties/statusAsOf,
# computed in Python, so strawberry answers them as above.
COMPILED_BASELINE = {
    "statements": 3,
    "actors": 3,
    "sources": 3,
    "timeline": 3,
    "search": 3,
    "filtered": 3,
    "nodes": 3,
}
QUERIES = {
    "events": EVENTS,
    "statements": STATEMENTS,
    "treaties": TREATIES,
    "actors": ACTORS,
    "sources": SOURCES,
    "timeline": TIMELINE,
    "search": SEARCH,
    "filtered": FILTERED,
}


ANCHOR = "1900-01-01"  # before every generated date: the first page holds every kind


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            generate(events=240, seed=7, prefix="qc", states=100, people=40, treaties=120)
            _anchors()
            yield
            transaction.set_rollback(True)


def _anchors():
    """Records that come first in the timeline and in a search for "anchor", of every kind
    and with every relation, so that 5 items already exercise every prefetch."""
    from sources.models import Citation, Outlet, Source
    from timeline.models import Actor, Statement, Treaty, TreatyAction

    state = Actor.objects.filter(kind="state", status="published").first()
    person = Actor.objects.filter(kind="person", status="published").first()
    event = Event.objects.filter(status="published").first()
    treaty = Treaty.objects.create(
        name="Anchor anchor anchor", kind="bilateral", status="published"
    )
    head = Actor.objects.get(slug="qc-union")
    anchor_person = Actor.objects.create(
        name="Anchor anchor anchor", kind="person", parent=head, status="published"
    )
    anchor_person.positions.create(organisation=state, title="Envoy", period="1900-01-01/..")
    outlet = Outlet.objects.first()
    source = Source.objects.create(
        title="Anchor anchor anchor",
        body="Anchor text here.",
        outlet=outlet,
        status="published",
        published=ANCHOR,
    )
    for n in range(2):
        # The first of each is the best "anchor" hit of its kind; the second is weak.
        anchor_event = Event.objects.create(
            title="Anchor anchor anchor" if n == 0 else "Anchor",
            date=ANCHOR,
            event_type=event.event_type,
            status="published",
        )
        anchor_event.participations.create(actor=state, role="initiator")
        anchor_event.treaties.add(treaty)
        Citation.objects.create(source=source, event=anchor_event, excerpt="Anchor text")
        statement = Statement.objects.create(
            speaker=person,
            date=ANCHOR,
            status="published",
            text="anchor " * 10 if n == 0 else "anchor",
            speaker_position=person.positions.first(),
        )
        statement.treaties.add(treaty)
        statement.events.add(anchor_event)
        Citation.objects.create(source=source, statement=statement, excerpt="Anchor text")
        TreatyAction.objects.create(
            treaty=treaty,
            actor=state,
            action="signature",
            date=f"1900-01-0{n + 1}",
            event=anchor_event,
            status="published",
            note=str(n),
        )
    for n in range(120):
        Event.objects.create(
            title=f"Filler {n}",
            summary="anchor",
            date="2024-01-01",
            event_type=event.event_type,
            status="published",
        )


def run(gql, query, variables):
    body = gql(query, variables, count_queries=True)
    assert "errors" not in body, body["errors"]
    return body["data"], len(gql.queries)


@pytest.fixture(params=[False, True], ids=["strawberry", "compiled"])
def compiled(request, settings):
    settings.GRAPHQL_COMPILED_READS = request.param
    return request.param


def expected(name: str, compiled: bool) -> int:
    return COMPILED_BASELINE.get(name, BASELINE[name]) if compiled else BASELINE[name]


@pytest.mark.parametrize("name", list(QUERIES))
def test_constant_query_count(gql, dataset, name, compiled):
    run(gql, QUERIES[name], {"n": 1})  # warm: per-process caches (a search's word statistics)
    small, small_count = run(gql, QUERIES[name], {"n": 5})
    large, large_count = run(gql, QUERIES[name], {"n": 100})
    items = len(next(iter(large.values()))["edges"])
    print(f"\n{name}: {small_count} queries at 5 items, {large_count} at {items} items")
    assert len(next(iter(small.values()))["edges"]) == 5
    assert items > 60
    assert small_count == large_count == expected(name, compiled)


def test_constant_query_count_nodes(gql, dataset, compiled):
    pks = list(Event.objects.filter(status="published").values_list("pk", flat=True)[:100])
    _, small_count = run(gql, NODES, {"ids": [gid("Event", pk) for pk in pks[:5]]})
    data, large_count = run(gql, NODES, {"ids": [gid("Event", pk) for pk in pks]})
    print(f"\nnodes: {small_count} queries at 5 ids, {large_count} at {len(data['nodes'])} ids")
    assert small_count == large_count == expected("nodes", compiled)


def test_constant_query_count_for_curators(curator_gql, dataset, compiled):
    _, small_count = run(curator_gql, EVENTS, {"n": 5})
    _, large_count = run(curator_gql, EVENTS, {"n": 100})
    print(f"\nevents (curator): {small_count} queries at 5 items, {large_count} at 100")
    # + session, user, and the one group lookup of can_see_unpublished.
    assert small_count == large_count == expected("events", compiled) + 3
