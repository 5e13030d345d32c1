"""Timing: interleaved latency runs, autocannon throughput runs, the table and the JSON."""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import time
from pathlib import Path

NODE_DIR = Path(__file__).resolve().parent / "node"
TARGETS = ("ours", "floor", "postgraphile")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summary(samples: list[float]) -> dict:
    return {
        "runs": len(samples),
        "p50_ms": round(statistics.median(samples), 3),
        "p95_ms": round(percentile(samples, 0.95), 3),
        "min_ms": round(min(samples), 3),
    }


def latencies(servers: dict, bodies: dict, runs: int, warmup: int = 3, seed: int = 0) -> dict:
    """{(operation, target): [ms, ...]}: every round runs every request once, in a shuffled
    order, so drift hits all targets alike. Each request opens its own loopback connection
    (gunicorn's sync workers close after every response; node drops idle keep-alives), so
    every target pays the same connect cost, a fraction of a millisecond."""
    rng = random.Random(seed)
    keys = list(bodies)
    samples: dict = {key: [] for key in keys}
    for round_ in range(warmup + runs):
        rng.shuffle(keys)
        for key in keys:
            target = key[1]
            server = servers[target]
            started = time.perf_counter()
            status, _ = server.post(bodies[key])
            elapsed = (time.perf_counter() - started) * 1000
            if status != 200:
                raise AssertionError(f"{key} answered HTTP {status}")
            if round_ >= warmup:
                samples[key].append(elapsed)
    return samples


def throughput(server, body: bytes, connections: int, seconds: int) -> dict:
    """autocannon against one server: requests/s, latency p50/p99, errors (loopback only)."""
    command = [
        "node", str(NODE_DIR / "node_modules" / "autocannon" / "autocannon.js"),
        "--json", "--connections", str(connections), "--duration", str(seconds),
        "--method", "POST", "--headers", "content-type=application/json",
        "--body", body.decode(), "--timeout", "30",
        f"http://127.0.0.1:{server.port}{server.path}",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    return {
        "connections": connections,
        "seconds": seconds,
        "requests_per_s": report["requests"]["average"],
        "p50_ms": report["latency"]["p50"],
        "p99_ms": report["latency"]["p99"],
        "errors": report["errors"] + report["timeouts"],
        "non_2xx": report["non2xx"],
        "requests": report["requests"]["total"],
    }


def table(results: dict) -> str:
    lines = [
        f"{'operation':32} {'ours p50/p95':>16} {'floor p50/p95':>16} "
        f"{'PostGraphile p50/p95':>21} {'ours/floor':>10} {'ours/PG':>8}"
    ]
    for name, row in results["latency"].items():
        cells = []
        for target, width in zip(TARGETS, (16, 16, 21), strict=True):
            s = row[target]
            cells.append(f"{s['p50_ms']:.1f} / {s['p95_ms']:.1f} ms".rjust(width))
        vs_floor = row["ours"]["p50_ms"] / row["floor"]["p50_ms"]
        vs_graphile = row["ours"]["p50_ms"] / row["postgraphile"]["p50_ms"]
        lines.append(f"{name:32} {' '.join(cells)} {vs_floor:9.1f}x {vs_graphile:7.1f}x")
    if results.get("throughput"):
        lines.append("")
        lines.append(
            f"{'throughput, 100-event page':32} {'clients':>7} {'req/s':>8} {'p50':>8} "
            f"{'p99':>8} {'errors':>7} {'non-2xx':>8}"
        )
        for target, runs in results["throughput"].items():
            for run in runs:
                lines.append(
                    f"{target:32} {run['connections']:7d} {run['requests_per_s']:8.1f} "
                    f"{run['p50_ms']:6.0f}ms {run['p99_ms']:6.0f}ms {run['errors']:7d} "
                    f"{run['non_2xx']:8d}"
                )
    return "\n".join(lines)
