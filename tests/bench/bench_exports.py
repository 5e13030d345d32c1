"""Export benchmark: peak memory at two dataset sizes, time against PostgreSQL's COPY.

Run with ``make bench`` (or ``.venv/bin/python -m pytest tests/bench/bench_exports.py -s -q
-p no:cacheprovider``); not part of CI. It generates synthetic data in the test
database (tests/bench/generate.py), committed so that a separate process can read
it, in two steps: BENCH_EXPORT_SIZES (default "20000,100000") total events. At
each size it runs ``manage.py export`` as a child process for every format and
reports output size, wall time and the child's peak RSS (ru_maxrss), then times
``COPY (SELECT <the events CSV's plain columns>) TO STDOUT`` of the same rows.
Constant memory means the peak RSS does not grow from the first size to the second.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.bench.generate import generate

SIZES = [int(s) for s in os.environ.get("BENCH_EXPORT_SIZES", "20000,100000").split(",")]
RUNS = [
    ("csv", "events"),
    ("csv", "all"),
    ("jsonl", "all"),
    ("jsonld", "all"),
    ("geojson", "all"),
    ("timelinejs", "all"),
    ("ics", "all"),
]
ROOT = Path(__file__).resolve().parents[2]
COPY_COLUMNS = (
    "id, slug, title, summary, date, date_start, date_end, precision, event_type_id, "
    "place_name, place_country_id, latitude, longitude, created_at, updated_at"
)


def database_url() -> str:
    s = connection.settings_dict
    host = quote(s["HOST"] or "localhost", safe="")
    password = f":{quote(s['PASSWORD'], safe='')}" if s.get("PASSWORD") else ""
    return (
        f"postgres://{quote(s['USER'], safe='')}{password}@{host}:{s['PORT'] or 5432}/{s['NAME']}"
    )


# Runs the command and prints its peak RSS: a fresh parent per export, so
# RUSAGE_CHILDREN covers that one child only.
MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
    "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def child_export(fmt: str, dataset: str, output: Path) -> tuple[float, int, int]:
    """(seconds, bytes, peak RSS in bytes) of one ``manage.py export`` child process."""
    env = {**os.environ, "DATABASE_URL": database_url()}
    command = [
        sys.executable,
        "manage.py",
        "export",
        "--format",
        fmt,
        "--dataset",
        dataset,
        "--output",
        str(output),
        "--no-progress",
    ]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    peak = int(done.stdout.strip()) * 1024  # ru_maxrss is in KiB on Linux
    size = (
        sum(p.stat().st_size for p in output.iterdir())
        if output.is_dir()
        else (output.stat().st_size)
    )
    return seconds, size, peak


def in_process_seconds(fmt: str, dataset: str) -> tuple[float, int]:
    """The same export inside this process (no start-up), bytes discarded."""
    from api.exports.runner import plan_export, snapshot
    from api.exports.stream import Counter

    start = time.perf_counter()
    plan = plan_export(fmt, dataset)
    counter = Counter()
    with snapshot():
        for _ in plan.render(counter):
            pass
    return time.perf_counter() - start, counter.bytes


def export_query_copy_seconds() -> float:
    """COPY of the export's own query (visibility, links, arrays): its SQL share."""
    from api.exports.datasets import DATASETS
    from api.exports.selection import Selection

    qs = Selection(("events",)).queryset("events").values_list(*DATASETS["events"].sources)
    sql, params = qs.query.sql_with_params()
    query = connection.ops.compose_sql(sql, params)
    return copy_seconds(f"COPY ({query}) TO STDOUT WITH (FORMAT csv)")[0]


def copy_seconds(sql: str | None = None) -> tuple[float, int]:
    sql = sql or (
        f"COPY (SELECT {COPY_COLUMNS} FROM timeline_event WHERE status = 'published' "
        "ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)"
    )
    start = time.perf_counter()
    size = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for block in copy:
            size += len(block)
    return time.perf_counter() - start, size


@pytest.fixture(scope="module")
def committed(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield


@pytest.mark.django_db(transaction=True)
def test_export_memory_and_speed(committed, tmp_path):
    made = 0
    peaks = {}
    print()
    for step, size in enumerate(SIZES):
        start = time.perf_counter()
        counts = generate(events=size - made, seed=step + 1, prefix=f"x{step}")
        made = size
        print(f"\n== {size} events (generated {counts} in {time.perf_counter() - start:.0f} s)")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        copy_time, copy_size = copy_seconds()
        print(f"COPY events columns TO STDOUT: {copy_time:.2f} s, {copy_size / 1e6:.1f} MB")
        print(f"COPY of the export's own events query: {export_query_copy_seconds():.2f} s")
        own_time, own_size = in_process_seconds("csv", "events")
        print(
            f"export events.csv in process: {own_time:.2f} s, {own_size / 1e6:.1f} MB "
            f"({own_time / copy_time:.1f}× COPY; it adds visibility checks and the "
            "treaties/tags/related arrays)"
        )
        for fmt, dataset in RUNS:
            output = tmp_path / f"{size}-{fmt}-{dataset}"
            seconds, nbytes, peak = child_export(fmt, dataset, output)
            peaks.setdefault((fmt, dataset), []).append(peak)
            rss = f"{peak / 2**20:.0f} MiB"
            print(
                f"{fmt:10} {dataset:7} {nbytes / 1e6:8.1f} MB {seconds:7.1f} s "
                f"(child process, incl. start-up)  peak RSS {rss}"
            )
    print("\npeak RSS per export, at each size (MiB):")
    for key, values in peaks.items():
        print(f"  {key}: {[round(v / 2**20) for v in values]}")
