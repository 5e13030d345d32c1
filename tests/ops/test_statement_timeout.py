"""Faults: a statement timeout fires under the production server.

A query that cannot finish in GRAPHQL_STATEMENT_TIMEOUT_MS (here it waits on a lock a
test connection holds) gets a clear TIMEOUT error, fast; the worker is not killed or
restarted, its connections are reused safely, and the next requests succeed.
"""

from __future__ import annotations

import time

import pytest

from tests.ops.faults import admin_connection
from tests.ops.server import Session, request
from tests.ops.test_load import READS, seeded  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

TIMEOUT_MS = 800


def test_a_statement_timeout_is_a_clear_error_and_the_worker_stays_healthy(
    production_server,
    seeded,  # noqa: F811
):
    server = production_server(
        WEB_CONCURRENCY="1", GUNICORN_THREADS="2", GRAPHQL_STATEMENT_TIMEOUT_MS=str(TIMEOUT_MS)
    )
    client = Session(server.base)
    assert client.graphql(READS[0]).status == 200
    booted = server.output().count("Booting worker")

    with admin_connection() as locker, locker.transaction():
        locker.execute("LOCK TABLE timeline_event IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        answer = client.graphql(READS[0], timeout=30)
        waited = time.monotonic() - started
        health = request(server.base, "GET", "/healthz")  # needs no locked table

    assert answer.status == 200
    body = answer.json()
    codes = {e["extensions"]["code"] for e in body["errors"]}
    assert codes == {"TIMEOUT"}
    assert f"took longer than {TIMEOUT_MS} ms" in body["errors"][0]["message"]
    assert TIMEOUT_MS / 1000 <= waited < 10
    assert health.status == 200

    # The same worker (one process, two threads) answers the next requests normally.
    for query in READS * 2:
        response = client.graphql(query)
        assert response.status == 200 and "errors" not in response.json(), response.body[:300]
    assert request(server.base, "GET", "/healthz").json()["status"] == "ok"
    assert server.output().count("Booting worker") == booted, "the worker was restarted"
    assert "Traceback" not in server.output()
