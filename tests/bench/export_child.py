"""One measured child process of the export benchmark (tests/bench/bench_exports.py).

    python -m tests.bench.export_child export FORMAT DATASET OUTPUT
        ``manage.py export``'s own code path (plan_export, snapshot, the command's
        _write_file / _write_directory), without the access-log row it records, so a
        shared read-only database stays untouched.
    python -m tests.bench.export_child copy STATEMENTS.json OUTPUT
        The COPY statements in the file, one after the other, each streamed with
        psycopg into OUTPUT/<n> in the same kind of snapshot (REPEATABLE READ READ ONLY,
        JIT off) and the same 64 KiB writes.

DATABASE_URL names the database. Prints one JSON line: seconds (after start-up), bytes.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def run_export(fmt: str, dataset: str, output: Path) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
    django.setup()
    from tqdm import tqdm

    from api.exports.runner import plan_export, snapshot
    from api.exports.stream import Counter
    from api.management.commands.export import _write_directory, _write_file

    start = time.perf_counter()
    plan = plan_export(fmt, dataset)
    counter = Counter()
    bar = tqdm(disable=True)
    with snapshot():
        if plan.is_package:
            _write_directory(plan, output, counter, bar)
        else:
            _write_file(output, plan.render(counter), counter, bar)
    return {"seconds": time.perf_counter() - start, "bytes": counter.bytes, "rows": counter.rows}


def run_copy(statements_file: Path, output: Path) -> dict:
    import psycopg

    statements = json.loads(statements_file.read_text())
    output.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    size = 0
    with (
        psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn,
        conn.transaction(),
    ):
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        conn.execute("SET LOCAL jit = off")
        for n, statement in enumerate(statements):
            with (
                open(output / str(n), "wb") as handle,
                conn.cursor() as cursor,
                cursor.copy(statement) as copy,
            ):
                buffer, length = [], 0
                for block in copy:
                    buffer.append(bytes(block))
                    length += len(block)
                    if length >= 64 * 1024:
                        handle.write(b"".join(buffer))
                        size += length
                        buffer, length = [], 0
                handle.write(b"".join(buffer))
                size += length
    return {"seconds": time.perf_counter() - start, "bytes": size}


def main(argv: list[str]) -> None:
    if argv[0] == "export":
        result = run_export(argv[1], argv[2], Path(argv[3]))
    elif argv[0] == "copy":
        result = run_copy(Path(argv[1]), Path(argv[2]))
    else:
        raise SystemExit(f"unknown mode {argv[0]!r}: export or copy")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
