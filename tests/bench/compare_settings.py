"""A/B of one production setting of ours: two servers side by side, requests interleaved.

On a shared machine, figures taken minutes apart differ more than most settings do, so
both variants run at once on the same database and every round times each operation on
both, in a shuffled order (``measure.latencies``). Prints p50/p95 of each operation for
A and B, B/A, and the GC share of each server's workers::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<loaded database> \\
        .venv/bin/python -m tests.bench.compare_settings GUNICORN_GC_FREEZE=0 GUNICORN_GC_FREEZE=1

A is the first argument ("VAR=a VAR2=b", space-separated), B the second. BENCH_RUNS rounds
(default 30; 0 for none); BENCH_THROUGHPUT_SECONDS > 0 adds autocannon runs of the
100-event page at 8 and 32 clients, A B B A. The database must hold data
(``manage.py generate_synthetic``).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import dj_database_url
import orjson
import psycopg

from tests.bench import measure, operations, servers


def _env(spec: str) -> dict:
    return dict(item.split("=", 1) for item in spec.split())


def main(a: str, b: str) -> None:
    settings = dj_database_url.parse(os.environ["DATABASE_URL"])
    with psycopg.connect(servers.conninfo(settings)) as conn, conn.cursor() as cursor:
        ops = operations.operations(*operations.pick_subjects(cursor))
    runs = int(os.environ.get("BENCH_RUNS", "30"))
    logs = Path(tempfile.mkdtemp(prefix="timeline-ab-"))
    documents = sorted({op.ours[0] for op in ops})
    hash_only = os.environ.get("BENCH_HASH_ONLY") == "1"
    base = {
        **os.environ,
        "PYTHONPATH": str(servers.ROOT),
        "DATABASE_URL": servers.database_url(settings),
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
        "LOG_LEVEL": "ERROR",
        "API_RATE_LIMIT": "",
        "GRAPHQL_PERSISTED_MANIFEST": str(servers.manifest(documents, logs)),
    }
    live, bodies = {}, {}
    try:
        for name, spec in (("A", a), ("B", b)):
            (logs / name).mkdir()
            live[name] = servers._gunicorn(
                "ours", "tests.bench.wsgi:application", {**base, **_env(spec)}, logs / name
            )
        for server in live.values():
            servers._wait(server, b'{"query": "{ __typename }"}', time.monotonic() + 90)
        for op in ops:
            query, variables = op.ours
            body = (
                {"extensions": servers.persisted(query), "variables": variables}
                if hash_only
                else {"query": query, "variables": variables}
            )
            for name in live:
                bodies[(op.name, name)] = orjson.dumps(body)
        observed = {name: measure.Observed() for name in live}

        class Both:
            def record(self, key, headers):
                observed[key[1]].record((key[0], "ours"), headers)

        samples = measure.latencies(live, bodies, runs, observed=Both()) if runs else None
        seconds = int(os.environ.get("BENCH_THROUGHPUT_SECONDS", "0"))
        rates = {name: [] for name in live}
        for clients in (8, 32) if seconds else ():
            for name in ("A", "B", "B", "A"):  # alternated, so drift hits both alike
                run = measure.throughput(live[name], bodies[(ops[0].name, name)], clients, seconds)
                rates[name].append(run)
    finally:
        for server in live.values():
            server.process.terminate()
            server.process.wait(timeout=15)
    print(f"\nA: {a}\nB: {b}\n{runs} interleaved rounds; p50 / p95 ms")
    for name, runs_ in rates.items():
        for run in runs_:
            print(
                f"{name} throughput {run['connections']:3d} clients {run['requests_per_s']:7.1f}"
                f" req/s p50 {run['p50_ms']:7.1f} p99 {run['p99_ms']:7.1f} ms "
                f"errors {run['errors']} non-2xx {run['non_2xx']} ({run['requests']} requests)"
            )
    for op in ops if samples else ():
        sa, sb = (measure.summary(samples[(op.name, n)]) for n in ("A", "B"))
        print(
            f"{op.name:32} A {sa['p50_ms']:8.1f} / {sa['p95_ms']:7.1f}   "
            f"B {sb['p50_ms']:8.1f} / {sb['p95_ms']:7.1f}   B/A {sb['p50_ms'] / sa['p50_ms']:.2f}"
        )
    for name in live:
        print(name, "GC:", observed[name].gc())


if __name__ == "__main__":
    main(*sys.argv[1:3])
