"""Our API, the SQL floor and PostGraphile side by side over HTTP (``make bench``; not CI).

Generates BENCH_EVENTS events (default 20,000; ``manage.py generate_synthetic``, seed 42)
in the test database, starts the three servers on 127.0.0.1 (see ``servers``), checks
that they return the same rows, then measures:

1. latency: every operation of ``operations`` on every server, interleaved in shuffled
   rounds, BENCH_RUNS timed runs each (default 25, after 3 warm-up rounds): p50, p95,
   the ratios ours/PostGraphile and ours/floor against the issue's targets, the executor
   that answered ours (``X-Timeline-Executor``) and the share of GC in ours' CPU time;
   ours is measured twice: with the document, and with its persisted-query hash only;
2. throughput: the 100-event page at 8 and 32 concurrent clients for
   BENCH_THROUGHPUT_SECONDS each (default 20, in two halves, targets in A B C D D C B A
   order; 0 skips it), autocannon on loopback:
   requests/s, p50, p99; any error or non-2xx answer fails the benchmark;
3. ``EXPLAIN (ANALYZE, BUFFERS)`` of the SQL our API runs for a date range, an actor, a
   treaty and a search: each must use an index.

Prints the table with the dataset size, core count and PostgreSQL version, and merges
everything into BENCH_RESULTS (default ./bench-results.json; the other benchmarks keep
their own keys there). BENCH_DATABASE_URL runs it on an existing, loaded database
instead (see conftest). Ours runs with the production settings of the environment, so
e.g. ``GUNICORN_GC_FREEZE=0`` or ``DATABASE_SERVER_SIDE_BINDING=0`` compare a variant.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import orjson
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.bench import measure, operations, servers
from tests.bench.operations import gid
from timeline.management.commands._synthetic.load import TABLES, domain_tables

EVENTS = int(os.environ.get("BENCH_EVENTS", "20000"))
RUNS = int(os.environ.get("BENCH_RUNS", "25"))
THROUGHPUT_SECONDS = int(os.environ.get("BENCH_THROUGHPUT_SECONDS", "20"))
RESULTS = Path(os.environ.get("BENCH_RESULTS", servers.ROOT / "bench-results.json"))
EXISTING = bool(os.environ.get("BENCH_DATABASE_URL"))

pytestmark = pytest.mark.django_db


def _counts() -> dict:
    counts = {}
    with connection.cursor() as cursor:
        for name, model in TABLES.items():
            cursor.execute(
                f"SELECT count(*) FROM {connection.ops.quote_name(model._meta.db_table)}"
            )
            counts[name] = cursor.fetchone()[0]
    return counts


@pytest.fixture(scope="module")
def results(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        started = time.perf_counter()
        if not EXISTING:
            call_command(
                "generate_synthetic", events=EVENTS, seed=42, replace=True, no_progress=True
            )
        with connection.cursor() as cursor:
            cursor.execute(operations.GRAPHILE_SEARCH_FUNCTION)
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        counts = _counts()
        print(f"\ndataset ready in {time.perf_counter() - started:.0f} s: {counts}")
        data = {
            "dataset": counts,
            "events": counts["event"],
            "cores": os.cpu_count(),
            "postgres": version,
            "runs": RUNS,
            "database": connection.settings_dict["NAME"],
            "load_average_before": os.getloadavg(),
            "commit": subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"],
                cwd=servers.ROOT,
                capture_output=True,
                text=True,
            ).stdout.strip(),
            "settings": {
                "BENCH_EVENTS": EVENTS,
                "BENCH_RUNS": RUNS,
                "BENCH_THROUGHPUT_SECONDS": THROUGHPUT_SECONDS,
                "BENCH_DATABASE_URL": EXISTING,
            },
        }
        yield data
        data["load_average_after"] = os.getloadavg()
        measure.write_results(RESULTS, data)
        print(f"\nresults written to {RESULTS}")
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA IF EXISTS bench_graphile CASCADE")
            if not EXISTING:
                names = ", ".join(connection.ops.quote_name(t) for t in domain_tables())
                cursor.execute(f"TRUNCATE {names} RESTART IDENTITY")


def _bodies(ops: list) -> dict:
    bodies = {}
    for op in ops:
        query, variables = op.ours
        bodies[(op.name, "ours")] = orjson.dumps({"query": query, "variables": variables})
        bodies[(op.name, "ours-hash")] = orjson.dumps(
            {"extensions": servers.persisted(query), "variables": variables}
        )
        bodies[(op.name, "floor")] = orjson.dumps(op.floor)
        query, variables = op.graphile
        bodies[(op.name, "postgraphile")] = orjson.dumps({"query": query, "variables": variables})
    return bodies


def _rows(target: str, data: dict) -> list:
    """The records an answer holds, as comparable (title-like) values."""
    if target == "postgraphile":
        (value,) = data.values()
        if value is None:
            return []
        if "nodes" in value:
            return [n["title"] for n in value["nodes"]]
        if "timelineTreatyactionsByTreatyId" in value:
            return [value["name"]]
        return [value["title"]]
    (value,) = data.values()
    if value is None:
        return []
    if isinstance(value, dict) and "edges" in value:
        return [e["node"]["title"] for e in value["edges"]]
    if isinstance(value, list):
        return [v["title"] for v in value]
    return [value.get("title") or value.get("name")]


def _check_same_rows(live: dict, bodies: dict, ops: list) -> None:
    for op in ops:
        rows, answers = {}, {}
        for target in measure.COLUMNS:
            server = live[measure.VARIANTS.get(target, target)]
            status, body = server.post(bodies[(op.name, target)])
            answer = orjson.loads(body)
            assert status == 200 and "errors" not in answer, (op.name, target, body[:500])
            rows[target] = _rows(target, answer["data"])
            answers[target] = body
        assert rows["ours"], (op.name, "no rows: pick other subjects")
        assert answers["ours-hash"] == answers["ours"], (op.name, "the hash-only answer differs")
        assert rows["ours"] == rows["floor"], (op.name, "floor differs")
        assert rows["ours"] == rows["postgraphile"], (op.name, "PostGraphile differs")
        op.rows = {"count": len(rows["ours"])}


def test_api_floor_postgraphile_side_by_side(results):
    with connection.cursor() as cursor:
        actor, slug, event = operations.pick_subjects(cursor)
    ops = operations.operations(actor, slug, event)
    bodies = _bodies(ops)
    logs = Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    documents = sorted({op.ours[0] for op in ops})
    with servers.running(connection.settings_dict, logs, documents) as live:
        _check_same_rows(live, bodies, ops)
        observed = measure.Observed()
        samples = measure.latencies(live, bodies, RUNS, observed=observed)
        results["latency"] = {}
        for op in ops:
            row = {t: measure.summary(samples[(op.name, t)]) for t in measure.COLUMNS}
            row["rows"] = op.rows["count"]
            row["executor"] = observed.executor(op.name)
            row["targets"] = measure.ratios(op.name, row)
            results["latency"][op.name] = row
        results["gc"] = observed.gc()
        conf = servers.conf()
        results["gc_freeze"], results["gc_threshold"] = conf["gc_freeze"], conf["gc_threshold"]
        results["server_side_binding"] = os.environ.get("DATABASE_SERVER_SIDE_BINDING")
        if THROUGHPUT_SECONDS > 0:
            results["throughput"] = measure.throughputs(
                live, {t: bodies[(ops[0].name, t)] for t in measure.COLUMNS}, THROUGHPUT_SECONDS
            )
        results["workers"] = servers.workers(live["ours"])
    print(
        f"\n{results['events']:,} events ({results['dataset']}), {results['cores']} cores, "
        f"PostgreSQL {results['postgres']}, {RUNS} interleaved runs per cell, load average "
        f"{results['load_average_before'][0]:.1f} -> {os.getloadavg()[0]:.1f}; ours and the "
        f"floor: gunicorn, timeline/gunicorn_conf.py, {results['workers']}\n"
        + measure.table(results)
    )
    for target, runs in results["throughput"].items():
        for run in runs:
            assert run["errors"] == 0 and run["non_2xx"] == 0, (target, run)
            assert run["requests"] > 0, (target, run, "no request completed in the time")


EXPLAINED = {
    # name: (filters, indexes that must appear in the plan)
    "date range": (
        {"from": "1999-03-01", "to": "1999-03-31"},
        {"timeline_event_date_start", "timeline_event_date_end", "timeline_ev_status_"},
    ),
    "actor": (None, {"timeline_eventparticipant_actor_id"}),
    "treaty": (None, {"timeline_event_treaties_treaty_id"}),
    "search": ({"search": "hydropower dams"}, {"event_search_gin"}),
    # Reported, not asserted: for a term that matches a few percent of events the planner
    # may rightly walk the date index and test each row's document instead.
    "search (common term)": ({"search": operations.SEARCH}, None),
}


def _plan_indexes(plan: dict) -> set[str]:
    found = set()
    if "Index Name" in plan:
        found.add(plan["Index Name"])
    for child in plan.get("Plans", ()):
        found |= _plan_indexes(child)
    return found


def test_explain_shows_index_use(results):
    with connection.cursor() as cursor:
        actor, _, _ = operations.pick_subjects(cursor)
        cursor.execute(
            "SELECT treaty_id FROM timeline_event_treaties GROUP BY treaty_id "
            "ORDER BY count(*), treaty_id LIMIT 1"
        )
        (treaty,) = cursor.fetchone()
    filters = {name: variables for name, (variables, _) in EXPLAINED.items()}
    filters["actor"] = {"actors": [gid("Actor", actor)]}
    filters["treaty"] = {"treaties": [gid("Treaty", treaty)]}
    query = "query($f: EventFilter) { events(first: 20, filters: $f) { edges { node { title } } } }"
    client, report, failures = Client(), {}, []
    for name, variables in filters.items():
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(
                "/graphql/",
                json.dumps({"query": query, "variables": {"f": variables}}),
                content_type="application/json",
            )
        assert response.status_code == 200 and b'"errors"' not in response.content, response.content
        sql = next(
            q["sql"] for q in ctx.captured_queries
            if 'FROM "timeline_event"' in q["sql"] and "LIMIT" in q["sql"]
        )  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
            (plan,) = cursor.fetchone()[0]
        used = _plan_indexes(plan["Plan"])
        expected = EXPLAINED[name][1]
        hits = {i for i in used if any(i.startswith(prefix) for prefix in expected or ())}
        report[name] = {
            "indexes": sorted(used),
            "execution_ms": plan["Execution Time"],
            "shared_hit": plan["Plan"].get("Shared Hit Blocks"),
            "shared_read": plan["Plan"].get("Shared Read Blocks"),
            "ok": bool(hits) if expected else None,
        }
        print(f"\nEXPLAIN {name}: {plan['Execution Time']:.1f} ms, indexes {sorted(used)}")
        if expected and not hits:
            failures.append((name, sorted(used), sql))
    results["explain"] = report
    assert not failures, failures


def test_search_tsquery_is_the_one_our_api_builds():
    from timeline.querysets import tsquery_string

    assert tsquery_string(operations.SEARCH) == operations.SEARCH_TSQUERY
