"""Helpers for fault injection against the server under test (loopback, test database only)."""

from __future__ import annotations

import psycopg
from django.db import connections

from tests.ops.server import APP_NAME


def admin_connection() -> psycopg.Connection:
    """A connection of the test's own to the test database, outside Django and the server."""
    params = connections["default"].get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params["autocommit"] = True
    return psycopg.connect(**params)


def terminate_app_connections(conn: psycopg.Connection) -> int:
    """pg_terminate_backend on every connection the server under test holds; how many."""
    rows = conn.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE application_name = %s AND datname = current_database() "
        "AND pid <> pg_backend_pid()",
        [APP_NAME],
    ).fetchall()
    return sum(1 for (done,) in rows if done)


LEAKS = ("Traceback", "psycopg", "OperationalError", "SELECT ", "pg_terminate", 'File "')


def leaks(body: bytes) -> list[str]:
    text = body.decode(errors="replace")
    return [word for word in LEAKS if word in text]
