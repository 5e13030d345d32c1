"""The official GraphQL-over-HTTP audit suite (npm ``graphql-http``) against a live server.

Fails on any failed MUST audit; the SHOULD/MAY failures are printed (run with
``-s`` to see the full table) and do not fail the test.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "api" / "graphql_http_audit.mjs"


@pytest.mark.usefixtures("transactional_db")
def test_graphql_http_audit_has_no_failed_must(live_server):
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed for the GraphQL-over-HTTP audit: install node (>= 18).")
    if not (ROOT / "node_modules" / "graphql-http" / "package.json").exists():
        pytest.fail(
            "node_modules/graphql-http is missing: run `npm ci` in the repository root "
            "(`make test` does it)."
        )
    proc = subprocess.run(
        [node, str(SCRIPT), f"{live_server.url}/graphql/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    print(proc.stdout)
    assert proc.returncode == 0, (
        f"graphql-http audit failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    )
    summary = re.search(r"^MUST (\d+)/(\d+) passed", proc.stdout, re.MULTILINE)
    assert summary and int(summary[2]) > 0 and summary[1] == summary[2], proc.stdout


def test_audit_fails_loudly_when_node_modules_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the test above reports that itself")
    with pytest.raises(pytest.fail.Exception, match="run `npm ci`"):
        test_graphql_http_audit_has_no_failed_must(live_server=None)
