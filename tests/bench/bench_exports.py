"""Export benchmark: ``manage.py export`` against PostgreSQL's COPY, side by side, interleaved.

Run with ``make bench`` (or ``.venv/bin/python -m pytest tests/bench/bench_exports.py -s -q
-p no:cacheprovider``); not part of CI. Issue 12's target: CSV and JSON Lines of all
events at 1M events within 1.5× ``COPY (SELECT the same columns) TO STDOUT``, peak memory
flat from 10k to 1M and under 200 MB.

Sizes: 10,000 events generated into the test database (``generate_synthetic``), then
1M events on the database BENCH_EXPORT_1M_URL names (read only: the children run with
``default_transaction_read_only``, nothing is generated or logged there), e.g.

    BENCH_EXPORT_1M_URL=postgres://postgres@127.0.0.1:5432/timeline_1m \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres   # the same server (SQL per version)

Without it, the next size of BENCH_EXPORT_SIZES (default "10000,100000") is generated.
BENCH_EXPORT_ROUNDS (default 3) rounds; each round runs every case and baseline once,
in a shuffled order, each as a fresh child process (tests/bench/export_child.py) writing
a file, timed from the parent (start-up included) and inside the child (after start-up);
peak memory is the child's ru_maxrss.

Cases: events CSV, all CSV (the package directory), all JSON Lines. Two baselines each,
both COPY in CSV of the same rows into files, in the same kind of snapshot:
- *plain*: the plain columns the export writes (links as their raw id columns, no
  arrays, no nested rows) of the table rows the export selects (its visibility rule);
- *own*: the export's own statements (the same SELECT with its link arrays, nested rows
  and formatting), run by psycopg without Django: the export's overhead over its SQL.
The target ratio is export / plain, wall clock. Results are merged into BENCH_RESULTS
(default bench-results.json) under "exports", other keys kept.
"""

from __future__ import annotations

import io
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench-results.json"))
URL_1M = os.environ.get("BENCH_EXPORT_1M_URL", "")
SIZES = [int(s) for s in os.environ.get("BENCH_EXPORT_SIZES", "10000,100000").split(",")]
ROUNDS = int(os.environ.get("BENCH_EXPORT_ROUNDS", "3"))
CASES = [("csv", "events"), ("csv", "all"), ("jsonl", "all")]
KINDS = ("export", "plain", "own")
TARGET_RATIO = 1.5
TARGET_MIB = 200
FLAT_GROWTH = 1.15  # "flat": the peak at the largest size within 15 % of the peak at 10k


def database_url() -> str:
    s = connection.settings_dict
    host = quote(s["HOST"] or "localhost", safe="")
    password = f":{quote(s['PASSWORD'], safe='')}" if s.get("PASSWORD") else ""
    return (
        f"postgres://{quote(s['USER'], safe='')}{password}@{host}:{s['PORT'] or 5432}/{s['NAME']}"
    )


# -- the statements ------------------------------------------------------------------
def _datasets(fmt: str, dataset: str) -> tuple[str, ...]:
    from api.exports.formats import FORMATS
    from api.exports.selection import resolve_datasets

    return resolve_datasets(FORMATS[fmt], dataset)


def plain_statement(selection, name: str) -> str:
    """COPY of the plain columns the export writes, of the rows it selects."""
    from api.exports.datasets import DATASETS

    dataset = DATASETS[name]
    fields = {f.attname for f in dataset.model._meta.concrete_fields}
    columns = []
    for column in dataset.columns:
        source = column.source or column.name
        if source in fields:
            columns.append(source)
        elif column.name in fields:  # a link shown only when visible: its raw id column
            columns.append(column.name)
    qs = selection.base(name).order_by("pk").values_list(*columns)
    sql, params = qs.query.sql_with_params()
    return f"COPY ({connection.ops.compose_sql(sql, params)}) TO STDOUT WITH (FORMAT csv, HEADER)"


def own_statement(selection, fmt: str, name: str) -> str:
    from api.exports.formats import csv_package, jsonl

    if fmt == "csv":
        return csv_package.copy_statement(selection, name)
    return jsonl.line_statement(selection, name)


def statements(fmt: str, dataset: str) -> dict[str, list[str]]:
    from api.exports.selection import Selection

    names = _datasets(fmt, dataset)
    selection = Selection(names)
    return {
        "plain": [plain_statement(selection, n) for n in names],
        "own": [own_statement(selection, fmt, n) for n in names],
    }


# -- children ------------------------------------------------------------------------
# A small parent per child: RUSAGE_CHILDREN then covers that child only, and not the
# pages of a forked copy of this (large) pytest process before it executes the child.
MEASURE = (
    "import resource, subprocess, sys, time; s = time.perf_counter(); "
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "w = time.perf_counter() - s; sys.stderr.write(done.stderr); "
    "print(done.stdout.strip().splitlines()[-1] if done.returncode == 0 else ''); "
    "print(w); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
    "sys.exit(done.returncode)"
)


def child(args: list[str], url: str, read_only: bool) -> dict:
    """Run one child; its wall time, its own timing, and its peak RSS (bytes)."""
    env = {**os.environ, "DATABASE_URL": url}
    if read_only:
        env["PGOPTIONS"] = "-c default_transaction_read_only=on"
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "tests.bench.export_child", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"child {args} failed:\n{done.stderr[-3000:]}")
    result, wall, peak = done.stdout.strip().splitlines()[-3:]
    return {**json.loads(result), "wall": float(wall), "peak": int(peak) * 1024}  # KiB


def run_size(label: str, url: str, read_only: bool, work: Path) -> dict:
    plans = {case: statements(*case) for case in CASES}
    files = {}
    for (fmt, dataset), plan in plans.items():
        for kind in ("plain", "own"):
            path = work / f"{fmt}-{dataset}-{kind}.json"
            path.write_text(json.dumps(plan[kind]))
            files[(fmt, dataset, kind)] = path
    samples: dict = {(case, kind): [] for case in CASES for kind in KINDS}
    rng = random.Random(12)
    jobs = [(case, kind) for case in CASES for kind in KINDS]
    for round_ in range(ROUNDS):
        rng.shuffle(jobs)
        for (fmt, dataset), kind in jobs:
            output = work / f"out-{fmt}-{dataset}-{kind}"
            _remove(output)
            if kind == "export":
                args = ["export", fmt, dataset, str(output)]
            else:
                args = ["copy", str(files[(fmt, dataset, kind)]), str(output)]
            samples[((fmt, dataset), kind)].append(child(args, url, read_only))
            _remove(output)
        print(f"  {label}: round {round_ + 1}/{ROUNDS} done", flush=True)
    return {
        f"{fmt} {dataset}": {kind: _summary(samples[((fmt, dataset), kind)]) for kind in KINDS}
        for fmt, dataset in CASES
    }


def _remove(path: Path) -> None:
    if path.is_dir():
        for item in path.iterdir():
            item.unlink()
        path.rmdir()
    elif path.exists():
        path.unlink()


def _summary(runs: list[dict]) -> dict:
    walls = sorted(r["wall"] for r in runs)
    return {
        "runs": len(runs),
        "wall_s_median": round(statistics.median(walls), 3),
        "wall_s_max": round(walls[-1], 3),
        "inner_s_median": round(statistics.median(r["seconds"] for r in runs), 3),
        "bytes": runs[-1]["bytes"],
        "peak_rss_mib": round(max(r["peak"] for r in runs) / 2**20, 1),
    }


# -- the benchmark -------------------------------------------------------------------
def _event_count(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        # The statements are compiled here, for this server's PostgreSQL version.
        major, ours = conn.info.server_version // 10000, connection.pg_version // 10000
        if major != ours:
            pytest.fail(
                f"{url} runs PostgreSQL {major}, the test database {ours}: the SQL is built "
                "for the test database's version. Run with DATABASE_URL on the same server, "
                "e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres."
            )
        return conn.execute("SELECT count(*) FROM timeline_event").fetchone()[0]


@pytest.fixture(scope="module")
def committed(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield


@pytest.mark.django_db(transaction=True)
def test_exports_against_copy(committed, tmp_path):
    print(f"\nexport benchmark: {os.cpu_count()} cores, {ROUNDS} rounds, interleaved")
    sizes: list[tuple[str, str, bool, int | None]] = []
    generated = SIZES[:1] if URL_1M else SIZES
    for events in generated:
        sizes.append(("generated", database_url(), False, events))
    if URL_1M:
        sizes.append(("BENCH_EXPORT_1M_URL", URL_1M, True, None))
    report = []
    for source, url, read_only, events in sizes:
        if events is not None:
            start = time.perf_counter()
            call_command(
                "generate_synthetic",
                events=events,
                seed=42,
                replace=bool(report),
                no_progress=True,
                stdout=io.StringIO(),
            )
            print(f"generated {events} events in {time.perf_counter() - start:.0f} s")
        count = _event_count(url)
        work = tmp_path / f"size-{count}"
        work.mkdir()
        cases = run_size(f"{count} events", url, read_only, work)
        report.append({"events": count, "source": source, "cases": cases})
    results = _table(report)
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data["exports"] = results
    RESULTS.write_text(json.dumps(data, indent=2))
    print(f"results merged into {RESULTS} under 'exports'")


def _table(report: list[dict]) -> dict:
    print(
        "\nevents    case        export s (after start-up)  COPY plain s  ×plain  "
        "COPY own s  ×own   MB export/plain   peak RSS"
    )
    for size in report:
        for case, kinds in size["cases"].items():
            export, plain, own = kinds["export"], kinds["plain"], kinds["own"]
            kinds["ratio_plain"] = round(export["wall_s_median"] / plain["wall_s_median"], 2)
            kinds["ratio_own"] = round(export["wall_s_median"] / own["wall_s_median"], 2)
            print(
                f"{size['events']:<9} {case:<11} {export['wall_s_median']:8.2f} "
                f"({export['inner_s_median']:6.2f})           {plain['wall_s_median']:8.2f}  "
                f"{kinds['ratio_plain']:5.2f}  {own['wall_s_median']:9.2f}  "
                f"{kinds['ratio_own']:5.2f}  {export['bytes'] / 1e6:7.1f}/"
                f"{plain['bytes'] / 1e6:<7.1f}  {export['peak_rss_mib']:6.1f} MiB"
            )
    first, last = report[0], report[-1]
    checks = {}
    print(
        f"\ntargets at {last['events']} events (≤ {TARGET_RATIO}× COPY plain, < {TARGET_MIB} MiB, "
        f"peak flat from {first['events']}):"
    )
    for case in last["cases"]:
        small = first["cases"][case]["export"]["peak_rss_mib"]
        big = last["cases"][case]["export"]["peak_rss_mib"]
        ratio = last["cases"][case]["ratio_plain"]
        check = {
            "ratio_plain": ratio,
            "ratio_ok": ratio <= TARGET_RATIO,
            "peak_rss_mib": [small, big],
            "memory_ok": big < TARGET_MIB,
            "flat": big <= small * FLAT_GROWTH,
        }
        checks[case] = check
        print(
            f"  {case:<11} time {ratio:.2f}× {'met' if check['ratio_ok'] else 'MISSED'}; "
            f"peak {small:.0f} → {big:.0f} MiB {'met' if check['memory_ok'] else 'MISSED'}, "
            f"{'flat' if check['flat'] else 'NOT flat'}"
        )
    return {
        "cores": os.cpu_count(),
        "rounds": ROUNDS,
        "targets": {"ratio_plain": TARGET_RATIO, "peak_mib": TARGET_MIB},
        "sizes": report,
        "checks": checks,
    }
