"""Latency and query plans as the dataset grows: 10k, 100k and 1M events (``make bench``;
not CI).

For each dataset, through the Django test client (in process: no HTTP server, so the
figures are the API's own time):

1. latency, p50/p95 over BENCH_SCALE_RUNS interleaved rounds (default 20, after 3
   warm-up rounds): a 100-item ``timeline`` page, an events list filtered by dates and an
   actor, event search pages (a word found in few events, one found in none, a common
   one), and ``totalCount`` of all events and of a date range;
2. ``EXPLAIN (ANALYZE, BUFFERS)`` of the SQL the events list runs for a date range, an
   actor, a treaty and a search: each must use its index, or the bench fails printing
   the plan. A common search word is reported, not checked: walking the date index and
   testing each row is the right plan for it.

10k and 100k events are generated in the test database (``generate_synthetic``, seed
42) one after the other. 1M is measured only when BENCH_SCALE_1M_URL names a loaded
database (e.g. the shared ``timeline_1m``), which is only read (the session is read-only).
With BENCH_DATABASE_URL (see conftest) nothing is generated: that database is measured
as it is. BENCH_SCALE_SIZES changes the generated sizes (comma-separated).

Prints a table with the dataset sizes, the core count and the PostgreSQL version, and
adds the figures under the "scale" key of BENCH_RESULTS (default ./bench-results.json),
keeping the other keys.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import time
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.bench import measure, operations, servers
from tests.bench.operations import gid
from timeline.management.commands._synthetic.load import TABLES, domain_tables
from timeline.models import Event
from timeline.querysets import has_rare_word

SIZES = [int(s) for s in os.environ.get("BENCH_SCALE_SIZES", "10000,100000").split(",") if s]
RUNS = int(os.environ.get("BENCH_SCALE_RUNS", "20"))
WARMUP = 3
MILLION = os.environ.get("BENCH_SCALE_1M_URL", "")
EXISTING = bool(os.environ.get("BENCH_DATABASE_URL"))
RESULTS = Path(os.environ.get("BENCH_RESULTS", servers.ROOT / "bench-results.json"))
NO_MATCH = "xylophonic dulcimer"  # no generated text has these words

pytestmark = pytest.mark.django_db

TIMELINE_PAGE = """{ timeline(first: 100) { edges { cursor node {
  __typename
  ... on Event { title date }
  ... on Statement { text date }
  ... on TreatyAction { action date }
} } } }"""
EVENTS_PAGE = """query($f: EventFilter) { events(first: 20, filters: $f) {
  edges { node { title date } } } }"""
FILTERED = """query($from: EDTFDate, $to: EDTFDate, $actor: ID!) {
  events(first: 50, filters: {from: $from, to: $to, actors: [$actor]}) { edges { node {
    title date participants { role actor { name } } } } } }"""
EVENTS_COUNT = "query($f: EventFilter) { events(filters: $f) { totalCount } }"
DATE_RANGE = {"from": "1999-03-01", "to": "1999-03-31"}

# Name: (filters, index name prefixes of which the plan must use one; None: reported only)
EXPLAINED = {
    "date range": (
        DATE_RANGE,
        ("timeline_ev_status_", "timeline_event_date_start", "timeline_event_date_end"),
    ),
    "actor": ("actor", ("timeline_eventparticipant_actor_id",)),
    "treaty": ("treaty", ("timeline_event_treaties_treaty_id",)),
    "search (rare word)": ("rare", ("event_search_gin",)),
    "search (no match)": ({"search": NO_MATCH}, ("event_search_gin",)),
    "search (common word)": ({"search": operations.SEARCH}, None),
}

# A published, non-person actor in few events, as event titles name it; a treaty in few
# events. Both are the kind of subject a reader looks up, and the selective case of each
# index.
SUBJECTS_SQL = """
SELECT
  (SELECT a.id FROM timeline_actor a JOIN timeline_eventparticipant p ON p.actor_id = a.id
   WHERE a.status = 'published' AND a.kind <> 'person'
   GROUP BY a.id ORDER BY count(*), a.id LIMIT 1),
  (SELECT treaty_id FROM timeline_event_treaties
   GROUP BY treaty_id ORDER BY count(*), treaty_id LIMIT 1)
"""
# Labels (as titles name actors) of the actors in fewest events: the rare search word is
# the first one ANALYZE did not count among the common lexemes.
LABELS_SQL = """
SELECT coalesce(nullif(a.short_name, ''), a.name) FROM timeline_actor a
JOIN timeline_eventparticipant p ON p.actor_id = a.id
WHERE a.status = 'published' AND a.kind <> 'person'
GROUP BY a.id ORDER BY count(*), a.id LIMIT 50
"""


@contextlib.contextmanager
def database(url: str):
    """Point the default connection at ``url``, read-only, for the block."""
    settings_dict = connections["default"].settings_dict
    keys = ("NAME", "USER", "PASSWORD", "HOST", "PORT")
    saved = {key: settings_dict[key] for key in keys}
    saved_options = dict(settings_dict.get("OPTIONS", {}))
    configured = dj_database_url.parse(url)
    connection.close()
    for key in keys:
        settings_dict[key] = settings.DATABASES["default"][key] = configured[key]
    options = dict(saved_options)
    options["options"] = (
        options.get("options", "") + " -c default_transaction_read_only=on"
    ).strip()
    settings_dict["OPTIONS"] = options
    try:
        yield
    finally:
        connection.close()
        for key in keys:
            settings_dict[key] = settings.DATABASES["default"][key] = saved[key]
        settings_dict["OPTIONS"] = saved_options


def _post(client: Client, query: str, variables: dict | None = None) -> tuple[float, bytes]:
    body = json.dumps({"query": query, "variables": variables or {}})
    started = time.perf_counter()
    response = client.post("/graphql/", body, content_type="application/json")
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200 or b'"errors"' in response.content:
        raise AssertionError(f"{query} {variables}: {response.content[:500]!r}")
    return elapsed, response.content


def _subjects() -> dict:
    with connection.cursor() as cursor:
        busy_actor, _, _ = operations.pick_subjects(cursor)
        cursor.execute(SUBJECTS_SQL)
        few_actor, few_treaty = cursor.fetchone()
        cursor.execute(LABELS_SQL)
        labels = [label for (label,) in cursor.fetchall()]
    label = next((x for x in labels if has_rare_word(Event, x)), labels[0])
    return {
        "busy_actor": gid("Actor", busy_actor),
        "actor": gid("Actor", few_actor),
        "treaty": gid("Treaty", few_treaty),
        "rare": label,
    }


def _operations(subjects: dict) -> dict:
    """name: (query, variables)"""
    filtered = {
        "from": operations.FILTER_FROM,
        "to": operations.FILTER_TO,
        "actor": subjects["busy_actor"],
    }
    return {
        "timeline page (100)": (TIMELINE_PAGE, None),
        "events: dates + actor (50)": (FILTERED, filtered),
        "search page: rare word": (EVENTS_PAGE, {"f": {"search": subjects["rare"]}}),
        "search page: no match": (EVENTS_PAGE, {"f": {"search": NO_MATCH}}),
        "search page: common word": (EVENTS_PAGE, {"f": {"search": operations.SEARCH}}),
        "totalCount: all events": (EVENTS_COUNT, None),
        "totalCount: date range": (EVENTS_COUNT, {"f": DATE_RANGE}),
    }


def _latencies(ops: dict) -> dict:
    client, rng = Client(), random.Random(0)
    names = list(ops)
    samples: dict = {name: [] for name in names}
    for round_ in range(WARMUP + RUNS):
        rng.shuffle(names)
        for name in names:
            elapsed, _ = _post(client, *ops[name])
            if round_ >= WARMUP:
                samples[name].append(elapsed)
    return {name: measure.summary(samples[name]) for name in ops}


def _plan_indexes(plan: dict) -> set[str]:
    found = {plan["Index Name"]} if "Index Name" in plan else set()
    for child in plan.get("Plans", ()):
        found |= _plan_indexes(child)
    return found


def _list_sql(captured: list[dict]) -> str:
    """The statement that reads the events page (the one with the LIMIT)."""
    for query in captured:
        sql = query["sql"]
        if "timeline_event" in sql and "LIMIT" in sql.upper():
            return sql
    raise AssertionError("no events statement among: " + " | ".join(q["sql"] for q in captured))


def _explain(subjects: dict) -> tuple[dict, list]:
    client, report, failures = Client(), {}, []
    for name, (filters, expected) in EXPLAINED.items():
        if filters == "actor":
            filters = {"actors": [subjects["actor"]]}
        elif filters == "treaty":
            filters = {"treaties": [subjects["treaty"]]}
        elif filters == "rare":
            filters = {"search": subjects["rare"]}
        with CaptureQueriesContext(connection) as ctx:
            _post(client, EVENTS_PAGE, {"f": filters})
        sql = _list_sql(ctx.captured_queries)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
            (plan,) = cursor.fetchone()[0]
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            text = "\n".join(row[0] for row in cursor.fetchall())
        used = sorted(_plan_indexes(plan["Plan"]))
        ok = None
        if expected:
            ok = any(index.startswith(expected) for index in used)
            if not ok:
                failures.append(f"{name} {filters}: expected one of {expected}\n{sql}\n{text}")
        report[name] = {
            "filters": filters,
            "indexes": used,
            "ok": ok,
            "execution_ms": round(plan["Execution Time"], 3),
            "shared_hit": plan["Plan"].get("Shared Hit Blocks"),
            "shared_read": plan["Plan"].get("Shared Read Blocks"),
        }
    return report, failures


def _dataset(label: str) -> dict:
    counts = {}
    with connection.cursor() as cursor:
        for name, model in TABLES.items():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[name] = cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    subjects = _subjects()
    latency = _latencies(_operations(subjects))
    explain, failures = _explain(subjects)
    return {
        "label": label,
        "events": counts["event"],
        "dataset": counts,
        "postgres": version,
        "database": connection.settings_dict["NAME"],
        "subjects": subjects,
        "latency": latency,
        "explain": explain,
        "failures": failures,
    }


def _label(events: int) -> str:
    return f"{events // 1_000_000}M" if events >= 1_000_000 else f"{events // 1000}k"


def table(data: dict) -> str:
    sets = data["datasets"]
    names = list(next(iter(sets.values()))["latency"]) if sets else []
    lines = [
        f"cores {data['cores']}, PostgreSQL {data['postgres']}, p50 / p95 ms over "
        f"{data['runs']} runs (test client, in process)",
        f"{'operation':30}" + "".join(f"{label + ' events':>22}" for label in sets),
        f"{'':30}" + "".join(f"{s['events']:>22,}" for s in sets.values()),
    ]
    for name in names:
        cells = []
        for s in sets.values():
            row = s["latency"][name]
            cells.append(f"{row['p50_ms']:.1f} / {row['p95_ms']:.1f}".rjust(22))
        lines.append(f"{name:30}" + "".join(cells))
    lines.append("")
    lines.append("EXPLAIN (ANALYZE, BUFFERS) of the events page: execution ms, index used")
    for name in EXPLAINED:
        cells = []
        for s in sets.values():
            row = s["explain"][name]
            mark = {True: "ok", False: "NO INDEX", None: "-"}[row["ok"]]
            cells.append(f"{row['execution_ms']:.1f} {mark}".rjust(22))
        lines.append(f"{name:30}" + "".join(cells))
    return "\n".join(lines)


def _write(data: dict) -> None:
    """Read-modify-write: the other benchmarks' keys stay."""
    existing = {}
    if RESULTS.exists():
        with contextlib.suppress(ValueError):
            existing = json.loads(RESULTS.read_text())
    if not isinstance(existing, dict):
        existing = {}
    existing["scale"] = data
    RESULTS.write_text(json.dumps(existing, indent=2, default=str))


@pytest.fixture(scope="module")
def scale(django_db_setup, django_db_blocker):
    data = {"cores": os.cpu_count(), "runs": RUNS, "datasets": {}}
    with django_db_blocker.unblock():
        if EXISTING:
            result = _dataset("given")
            data["datasets"][_label(result["events"])] = result
        else:
            try:
                for events in SIZES:
                    started = time.perf_counter()
                    call_command(
                        "generate_synthetic", events=events, seed=42, replace=True,
                        no_progress=True,
                    )  # fmt: skip
                    result = _dataset(_label(events))
                    result["generate_seconds"] = round(time.perf_counter() - started, 1)
                    data["datasets"][_label(events)] = result
            finally:
                with connection.cursor() as cursor:
                    names = ", ".join(connection.ops.quote_name(t) for t in domain_tables())
                    cursor.execute(f"TRUNCATE {names} RESTART IDENTITY")
        if MILLION:
            with database(MILLION):
                result = _dataset("1M")
            data["datasets"][_label(result["events"])] = result
    data["postgres"] = next(iter(data["datasets"].values()))["postgres"]
    data["load_average"] = os.getloadavg()
    _write(data)
    print("\n" + table(data))
    print(f"\nresults added to {RESULTS} under 'scale'")
    return data


def test_latency_at_each_size(scale):
    assert scale["datasets"], "no dataset was measured"
    for label, result in scale["datasets"].items():
        for name, row in result["latency"].items():
            assert row["runs"] == RUNS, (label, name, row)


def test_explain_shows_index_use(scale):
    failures = [
        f"[{label}] {failure}"
        for label, result in scale["datasets"].items()
        for failure in result["failures"]
    ]
    assert not failures, "\n\n".join(failures)
