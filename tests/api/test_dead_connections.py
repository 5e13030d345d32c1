"""A database connection the server dropped is replaced, not reused.

The app keeps connections between requests (CONN_MAX_AGE). When PostgreSQL
terminates one (pg_terminate_backend, a restart, a failover), the next request
must succeed on a fresh connection; before, every request answered 500 until
the connection's age ran out, because the first statement of a request (the
SET statement_timeout) ran outside Django's error handling.
"""

from __future__ import annotations

import json

import psycopg
import pytest
from django.db import connection

from timeline.models import Actor

pytestmark = pytest.mark.django_db(transaction=True)

QUERY = "{ actors(first: 5) { totalCount edges { node { name } } } }"


def terminate(pid: int) -> None:
    """Kill the backend ``pid`` from a second, independent connection."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        killed = admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
    assert killed


def ask(client):
    response = client.post(
        "/graphql/", json.dumps({"query": QUERY}), content_type="application/json"
    )
    return response.status_code, json.loads(response.content)


def test_the_request_after_a_terminated_connection_succeeds(client):
    Actor.objects.create(name="Norway", kind="state", status="published")
    assert ask(client) == (
        200,
        {"data": {"actors": {"totalCount": 1, "edges": [{"node": {"name": "Norway"}}]}}},
    )
    old_pid = connection.connection.info.backend_pid
    terminate(old_pid)
    for _ in range(3):
        assert ask(client)[0] == 200
        status, body = ask(client)
        assert body == {
            "data": {"actors": {"totalCount": 1, "edges": [{"node": {"name": "Norway"}}]}}
        }
    assert connection.connection.info.backend_pid != old_pid


def test_a_connection_killed_twice_in_a_row_recovers_each_time(client):
    for _ in range(2):
        ask(client)
        terminate(connection.connection.info.backend_pid)
        status, body = ask(client)
        assert (status, body) == (200, {"data": {"actors": {"totalCount": 0, "edges": []}}})
