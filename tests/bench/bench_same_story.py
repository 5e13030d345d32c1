"""Benchmark: finding the stored sources of the same story among many (not part of CI).

Run with ``.venv/bin/python -m pytest tests/bench/bench_same_story.py -s -q -p no:cacheprovider``.
Fills the test database with BENCH_SOURCES synthetic sources (default 100,000; generated
in PostgreSQL, with random same-story keys and dates spread over 26 years), of which
BENCH_COMMON (default 2,000) share one "background sentence" key with the query, plus one
real source of the story saved through Source.save and dated 2003. Then measures, over
BENCH_RUNS runs (default 30), for an article of 2024 with one paragraph rewritten:

- ``stored_candidates``: the GIN-indexed ``&&`` query and the ranking (the lookup the
  ingester does per article), and the query alone (EXPLAIN ANALYZE);
- the former lookup for comparison: every source published within seven days, loaded
  and fingerprinted in Python (which cannot find the 2003 source).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time

import pytest
from django.db import connection, transaction
from django.db.models import Q

from sources.ingest.fingerprint import body_quotes, story_keys
from sources.ingest.same_story_links import candidate_queryset, stored_candidates
from sources.ingest.similarity import Fingerprint
from sources.models import Source
from tests.sources.test_ingest_fingerprint import ARTICLE, _rewrite_one_paragraph

SOURCES = int(os.environ.get("BENCH_SOURCES", "100000"))
COMMON = int(os.environ.get("BENCH_COMMON", "2000"))
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
COMMON_KEY = 4242424242424242

FILL = """
INSERT INTO sources_source (created_at, updated_at, status, version, title, published,
    published_start, published_end, published_precision, dateline_place, language, body,
    raw_text, content_hash, text_keys, quote_keys)
SELECT now(), now(), 'draft', 1, 'Synthetic ' || g, d::text, d, d, 'day', '', 'en',
    'Synthetic report number ' || g || ' ' || repeat(md5(g::text) || ' ', 200), '',
    md5('synthetic' || g) || md5(g::text), k.text_keys || CASE WHEN g <= %(common)s
        THEN ARRAY[%(common_key)s::bigint] ELSE ARRAY[]::bigint[] END, k.quote_keys
FROM generate_series(1, %(n)s) g
CROSS JOIN LATERAL (SELECT DATE '2000-01-01' + (random() * 9500 + 0 * g)::int AS d) day(d)
CROSS JOIN LATERAL (
    SELECT ARRAY(SELECT (random() * 9e18 - 4.5e18)::bigint FROM generate_series(1, 40 + 0 * g))
        AS text_keys,
        ARRAY(SELECT (random() * 9e18 - 4.5e18)::bigint FROM generate_series(1, 12 + 0 * g))
        AS quote_keys
) k
"""


def window_lookup(day: dt.date) -> int:
    """The former lookup: fingerprints of every source within seven days (for comparison)."""
    week = dt.timedelta(days=7)
    qs = Source.objects.filter(
        Q(published_start__lte=day + week, published_end__gte=day - week)
        | Q(published_start__isnull=True)
    )
    n = 0
    for source in qs.only("id", "title", "body", "published", "published_start"):
        Fingerprint.of(source.body, body_quotes(source.body))
        n += 1
    return n


def timed(fn, runs: int) -> tuple[float, float, object]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], out


@pytest.mark.django_db
def test_same_story_lookup_among_many_sources():
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(FILL, {"n": SOURCES, "common": COMMON, "common_key": COMMON_KEY})
    story = Source(title="The pier stays closed", body=ARTICLE, published="2003-02-11")
    story.save()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sources_source")
    print(f"\n{Source.objects.count()} sources filled in {time.perf_counter() - t:.1f}s")

    article = _rewrite_one_paragraph()
    keys = story_keys(article)
    day = dt.date(2024, 5, 14)
    common = type(keys)(sorted([*keys.text_keys, COMMON_KEY]), keys.quote_keys)

    p50, p95, ids = timed(lambda: stored_candidates(keys, day), RUNS)
    assert ids[0] == story.pk
    print(f"stored_candidates: p50 {p50:.2f} ms, p95 {p95:.2f} ms, {len(ids)} candidate(s)")
    p50, p95, ids = timed(lambda: stored_candidates(common, day), RUNS)
    assert ids[0] == story.pk
    print(
        f"stored_candidates sharing a key with {COMMON} sources: "
        f"p50 {p50:.2f} ms, p95 {p95:.2f} ms, {len(ids)} candidate(s)"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # as stored_candidates does
        plan = candidate_queryset(keys).explain(analyze=True)
    assert "source_text_keys_gin" in plan and "source_quote_keys_gin" in plan
    print(plan)
    p50, p95, n = timed(lambda: window_lookup(day), max(3, RUNS // 10))
    print(f"former ±7-day window: p50 {p50:.2f} ms, p95 {p95:.2f} ms, {n} sources fingerprinted")
