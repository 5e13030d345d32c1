"""API benchmark: a 100-event page with participants, treaties and citations.

Run with ``make bench`` (``.venv/bin/python -m pytest tests/bench -s -q -p no:cacheprovider``);
not part of CI. Generates a synthetic dataset (BENCH_EVENTS, default 20,000 events)
in the test database, then measures, in the same run on the same database:

- GraphQL through the real view (django.test.Client POST /graphql/): SQL queries,
  p50/p95 latency;
- the floor: hand-written SQL that fetches the same rows and builds the same JSON
  in PostgreSQL (json_agg), p50/p95;

and prints the ratio. BENCH_RUNS sets the number of timed runs (default 30).
"""

from __future__ import annotations

import json
import os
import statistics
import time

import orjson
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.bench.generate import generate

EVENTS = int(os.environ.get("BENCH_EVENTS", "20000"))
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
PAGE = 100

QUERY = """query($first: Int!, $from: Date) {
  events(first: $first, filters: {from: $from}) {
    edges { node {
      id title date dateStart dateEnd
      participants { role actor { name } }
      treaties { name }
      citations { excerpt source { title } }
    } }
  }
}"""

# The same rows and the same JSON, built by PostgreSQL in one statement.
RAW_SQL = """
SELECT coalesce(json_agg(json_build_object(
  'title', e.title, 'date', e.date, 'dateStart', e.date_start, 'dateEnd', e.date_end,
  'participants', (
    SELECT coalesce(json_agg(json_build_object('role', p.role, 'actor',
                                               json_build_object('name', a.name))
                             ORDER BY p.role, a.name, p.id), '[]')
    FROM timeline_eventparticipant p JOIN timeline_actor a ON a.id = p.actor_id
    WHERE p.event_id = e.id AND a.status = 'published'),
  'treaties', (
    SELECT coalesce(json_agg(json_build_object('name', t.name) ORDER BY t.signed_start, t.name),
                    '[]')
    FROM timeline_event_treaties et JOIN timeline_treaty t ON t.id = et.treaty_id
    WHERE et.event_id = e.id AND t.status = 'published'),
  'citations', (
    SELECT coalesce(json_agg(json_build_object('excerpt', c.excerpt, 'source',
                                               json_build_object('title', s.title))
                             ORDER BY c.source_id, c.start), '[]')
    FROM sources_citation c JOIN sources_source s ON s.id = c.source_id
    WHERE c.event_id = e.id AND s.status = 'published')
) ORDER BY e.date_start, e.date_end, e.id), '[]')
FROM (
  SELECT * FROM timeline_event
  WHERE status = 'published' AND (date_end IS NULL OR date_end >= %s)
  ORDER BY date_start, date_end, id LIMIT %s
) e
"""


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
    return values[index]


def timed(fn, runs: int) -> list[float]:
    for _ in range(3):  # warm caches, parse/validation caches, connection
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        start = time.perf_counter()
        counts = generate(events=EVENTS, seed=42, prefix="bench")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"\ngenerated {counts} in {time.perf_counter() - start:.1f} s")
        yield counts


@pytest.mark.django_db
def test_events_page(dataset, settings):
    # The hostile-query cost budget would reject a 100-item nested page; we measure speed.
    settings.GRAPHQL_MAX_COST = 10**9
    client = Client()
    variables = {"first": PAGE, "from": "1990-01-01"}
    payload = json.dumps({"query": QUERY, "variables": variables})

    def graphql():
        response = client.post("/graphql/", payload, content_type="application/json")
        assert response.status_code == 200
        return response.content

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL, ["1990-01-01", PAGE])
            (rows,) = cursor.fetchone()
        return orjson.dumps({"data": {"events": rows}})

    body = json.loads(graphql())
    assert "errors" not in body, body["errors"]
    edges = body["data"]["events"]["edges"]
    assert len(edges) == PAGE
    # Same rows as the raw SQL, in the same order.
    raw_rows = json.loads(raw())["data"]["events"]
    if isinstance(raw_rows, str):
        raw_rows = json.loads(raw_rows)
    assert [e["node"]["title"] for e in edges] == [r["title"] for r in raw_rows]
    assert [len(e["node"]["participants"]) for e in edges] == [
        len(r["participants"]) for r in raw_rows
    ]

    with CaptureQueriesContext(connection) as ctx:
        graphql()
    queries = len(ctx.captured_queries)

    api = timed(graphql, RUNS)
    floor = timed(raw, RUNS)
    api_p50, api_p95 = statistics.median(api), percentile(api, 0.95)
    raw_p50, raw_p95 = statistics.median(floor), percentile(floor, 0.95)
    print(
        f"\n{PAGE}-event page, {EVENTS} events, {RUNS} runs\n"
        f"  GraphQL (strawberry-django + optimizer): {queries} SQL queries, "
        f"p50 {api_p50:.1f} ms, p95 {api_p95:.1f} ms\n"
        f"  raw SQL (one statement, JSON built in PostgreSQL): 1 SQL query, "
        f"p50 {raw_p50:.1f} ms, p95 {raw_p95:.1f} ms\n"
        f"  ratio GraphQL / raw SQL: p50 {api_p50 / raw_p50:.1f}x, p95 {api_p95 / raw_p95:.1f}x"
    )
