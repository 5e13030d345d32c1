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
# Variants of ours, served by the same server: "ours-hash" sends only the persisted-query
# hash of the document (the manifest of servers.running makes every worker know it).
VARIANTS = {"ours-hash": "ours"}
COLUMNS = ("ours", "ours-hash", "floor", "postgraphile")
LABELS = {
    "ours": "ours",
    "ours-hash": "ours, hash only",
    "floor": "floor",
    "postgraphile": "PostGraphile",
}
# p50 targets of the issue: at most 1.0x PostGraphile; at most 2.0x the floor (2.5x for
# the 1,000-event page).
GRAPHILE_TARGET = 1.0


def floor_target(operation: str) -> float:
    return 2.5 if "1000" in operation else 2.0


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


class Observed:
    """What ours said about itself: the executor per request, and its workers' GC totals."""

    def __init__(self) -> None:
        self.executors: dict = {}
        self.workers: dict[str, list[tuple[float, int, float]]] = {}

    def record(self, key: tuple, headers) -> None:
        if key[1] not in ("ours", *VARIANTS):
            return
        executor = headers.get("X-Timeline-Executor") or "?"
        self.executors.setdefault(key, set()).add(executor)
        stats = headers.get("X-Bench-Worker")
        if stats:
            pid, gc_ms, collections, cpu_ms = stats.split()
            seen = self.workers.setdefault(pid, [])
            seen[1:] = []  # keep the first and the latest totals
            seen.append((float(gc_ms), int(collections), float(cpu_ms)))

    def executor(self, operation: str) -> str:
        found = self.executors.get((operation, "ours"), {"?"})
        return ", ".join(sorted(found))

    def gc(self) -> dict:
        """GC time and collections over the runs, and their share of the workers' CPU."""
        gc_ms = cpu_ms = collections = 0.0
        for seen in self.workers.values():
            (gc0, n0, cpu0), (gc1, n1, cpu1) = seen[0], seen[-1]
            gc_ms, collections, cpu_ms = (
                gc_ms + gc1 - gc0,
                collections + n1 - n0,
                cpu_ms + cpu1 - cpu0,
            )
        return {
            "workers": len(self.workers),
            "gc_ms": round(gc_ms, 1),
            "collections": int(collections),
            "cpu_ms": round(cpu_ms, 1),
            "gc_share": round(gc_ms / cpu_ms, 4) if cpu_ms else None,
        }


def latencies(
    servers: dict, bodies: dict, runs: int, warmup: int = 3, seed: int = 0, observed=None
) -> dict:
    """{(operation, target): [ms, ...]}: every round runs every request once, in a shuffled
    order, so drift hits all targets alike. Each request opens its own loopback connection,
    so every target pays the same connect cost, a fraction of a millisecond. ``observed``
    (an ``Observed``) collects what ours reports in its headers during the timed rounds."""
    rng = random.Random(seed)
    keys = list(bodies)
    samples: dict = {key: [] for key in keys}
    for round_ in range(warmup + runs):
        rng.shuffle(keys)
        for key in keys:
            server = servers[VARIANTS.get(key[1], key[1])]
            started = time.perf_counter()
            status, headers, _ = server.request(bodies[key])
            elapsed = (time.perf_counter() - started) * 1000
            if status != 200:
                raise AssertionError(f"{key} answered HTTP {status}")
            if round_ >= warmup:
                samples[key].append(elapsed)
                if observed is not None:
                    observed.record(key, headers)
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


def throughputs(servers: dict, bodies: dict, seconds: int) -> dict:
    """{target: [run at 8 clients, run at 32]}: each run is two halves of ``seconds``, in
    the order A B C D D C B A, so drift on a shared machine hits every target alike;
    requests/s over both halves, p50 their mean, p99 the worse one, errors summed."""
    order = list(bodies) + list(reversed(bodies))
    out: dict = {target: [] for target in bodies}
    first, second = seconds // 2 or 1, seconds - seconds // 2 or 1
    for clients in (8, 32):
        halves: dict = {target: [] for target in bodies}
        for n, target in enumerate(order):
            server = servers[VARIANTS.get(target, target)]
            duration = first if n < len(bodies) else second
            halves[target].append(throughput(server, bodies[target], clients, duration))
        for target, (a, b) in halves.items():
            total = a["requests"] + b["requests"]
            out[target].append(
                {
                    "connections": clients,
                    "seconds": a["seconds"] + b["seconds"],
                    "requests_per_s": round(total / (a["seconds"] + b["seconds"]), 1),
                    "p50_ms": (a["p50_ms"] + b["p50_ms"]) / 2,
                    "p99_ms": max(a["p99_ms"], b["p99_ms"]),
                    "errors": a["errors"] + b["errors"],
                    "non_2xx": a["non_2xx"] + b["non_2xx"],
                    "requests": total,
                }
            )
    return out


def ratios(operation: str, row: dict) -> dict:
    """ours / PostGraphile and ours / floor at p50, each against its target."""
    out = {}
    for other, target in (("postgraphile", GRAPHILE_TARGET), ("floor", floor_target(operation))):
        ratio = row["ours"]["p50_ms"] / row[other]["p50_ms"]
        out[other] = {"ratio": round(ratio, 3), "target": target, "met": ratio <= target}
    return out


def _cell(s: dict) -> str:
    return f"{s['p50_ms']:.1f} / {s['p95_ms']:.1f}"


def table(results: dict) -> str:
    columns = [c for c in COLUMNS if any(c in row for row in results["latency"].values())]
    widths = {c: max(len(LABELS[c]), 15) for c in columns}
    lines = [
        "p50 / p95 in ms; ratios at p50 against the targets (ours/PG <= 1.0x; "
        "ours/floor <= 2.0x, 2.5x for the 1,000-event page)",
        f"{'operation':30} "
        + " ".join(LABELS[c].rjust(widths[c]) for c in columns)
        + f" {'ours/PG':>14} {'ours/floor':>14}  executor (ours)",
    ]
    for name, row in results["latency"].items():
        cells = " ".join(_cell(row[c]).rjust(widths[c]) for c in columns)
        marks = []
        for other in ("postgraphile", "floor"):
            r = row["targets"][other]
            marks.append(f"{r['ratio']:.2f}x {'met' if r['met'] else 'MISSED'}".rjust(14))
        lines.append(f"{name:30} {cells} {' '.join(marks)}  {row.get('executor', '?')}")
    met = [r["met"] for row in results["latency"].values() for r in row["targets"].values()]
    lines.append(f"targets met: {sum(met)} of {len(met)}")
    if results.get("gc"):
        g = results["gc"]
        share = f"{g['gc_share'] * 100:.1f} %" if g["gc_share"] is not None else "?"
        lines.append(
            f"ours, GC during the latency runs: {g['gc_ms']:.0f} ms in {g['collections']} "
            f"collections = {share} of its {g['workers']} workers' CPU time "
            f"(gc.freeze {'on' if results.get('gc_freeze') else 'off'})"
        )
    if results.get("throughput"):
        lines.append("")
        lines.append(
            f"{'throughput, 100-event page':30} {'clients':>7} {'req/s':>8} {'p50':>8} "
            f"{'p99':>8} {'errors':>7} {'non-2xx':>8}"
        )
        for target, runs in results["throughput"].items():
            for run in runs:
                lines.append(
                    f"{LABELS.get(target, target):30} {run['connections']:7d} "
                    f"{run['requests_per_s']:8.1f} {run['p50_ms']:6.1f}ms {run['p99_ms']:6.1f}ms "
                    f"{run['errors']:7d} {run['non_2xx']:8d}"
                )
    return "\n".join(lines)


def write_results(path: Path, data: dict) -> None:
    """Merge ``data`` into the JSON file (other benchmarks keep their own keys there)."""
    try:
        existing = json.loads(path.read_text())
    except (OSError, ValueError):
        existing = {}
    if not isinstance(existing, dict):
        existing = {}
    existing.update(data)
    path.write_text(json.dumps(existing, indent=2, default=str))
