#!/usr/bin/env python3
"""Run the test suite on the embedded PostgreSQL and on a server, then summarise.

    scripts/test_matrix.py [pytest args...]

TEST_POSTGRES_URL  the second server (default postgres://postgres@127.0.0.1:5432/postgres)
REQUIRE_SERVER=1   (or CI=true) an unreachable server is a failure, not a note

The last line is "total: N passed, N failed, N skipped" over both runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def server_version(url: str | None) -> tuple[str | None, str | None]:
    """(version, error) of the server Django would use with this DATABASE_URL."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if url:
        env["DATABASE_URL"] = url
    code = (
        "import django, os, sys\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'timeline.settings')\n"
        "try:\n"
        "    django.setup()\n"
        "    from django.db import connection\n"
        "    c = connection.cursor(); c.execute('SHOW server_version'); print(c.fetchone()[0])\n"
        "except Exception as exc:\n"
        "    sys.exit(' '.join(f'{type(exc).__name__}: {exc}'.split()))\n"
    )
    try:
        out = subprocess.run(
            [str(PYTHON), "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        return None, "timed out connecting"
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["unknown error"])[-1]
        return None, last
    return out.stdout.strip().split()[0], None


def run_pytest(label: str, url: str | None, args: list[str]) -> dict:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if url:
        env["DATABASE_URL"] = url
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "junit.xml"
        print(f"\n=== tests on {label} ===", flush=True)
        proc = subprocess.run(
            [str(PYTHON), "-m", "pytest", f"--junitxml={report}", *args], cwd=ROOT, env=env
        )
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if report.exists():
            for suite in ET.parse(report).getroot().iter("testsuite"):
                for key in counts:
                    counts[key] += int(suite.get(key, 0))
    counts["passed"] = counts["tests"] - counts["failures"] - counts["errors"] - counts["skipped"]
    counts["returncode"] = proc.returncode
    return counts


def main(args: list[str]) -> int:
    server_url = os.environ.get("TEST_POSTGRES_URL", DEFAULT_SERVER)
    require_server = os.environ.get("REQUIRE_SERVER") == "1" or os.environ.get("CI") == "true"
    results, notes, ok = [], [], True

    version, error = server_version(None)
    if version is None:
        notes.append(f"FAILED: the embedded PostgreSQL did not start: {error}")
        ok = False
    else:
        results.append((f"embedded PostgreSQL {version}", run_pytest("embedded", None, args)))

    version, error = server_version(server_url)
    if version is None:
        notes.append(
            f"NOT TESTED: PostgreSQL server at {server_url} is unreachable ({error}). "
            "Start it or set TEST_POSTGRES_URL."
        )
        ok = ok and not require_server
    else:
        results.append(
            (f"PostgreSQL {version} at {server_url}", run_pytest("server", server_url, args))
        )

    print("\n=== summary ===")
    total = {"passed": 0, "failures": 0, "errors": 0, "skipped": 0}
    for label, counts in results:
        failed = counts["failures"] + counts["errors"]
        print(f"{label}: {counts['passed']} passed, {failed} failed, {counts['skipped']} skipped")
        for key in total:
            total[key] += counts[key]
        if counts["returncode"] != 0 or counts["tests"] == 0:
            ok = False
    for note in notes:
        print(note)
    # Browser tests write their screenshots here (git-ignored) for a look after the run:
    # the timeline page at 375 and 1,400 px, the review queue, the source page, the admin layout.
    print(f"screenshots: {ROOT / 'test-artifacts' / 'screenshots'}")
    failed = total["failures"] + total["errors"]
    print(f"total: {total['passed']} passed, {failed} failed, {total['skipped']} skipped")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
