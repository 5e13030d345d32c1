"""A PostgreSQL ``statement_timeout`` for API requests."""

from __future__ import annotations

import logging
import re
import select
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)


@contextmanager
def statement_timeout(milliseconds: int, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Cancel any SQL statement run inside the block after ``milliseconds``.

    The SET and its reset go through the driver's connection, not Django's
    cursor, so they never appear in query counts. With autocommit (the normal
    case) the reset restores the session default; inside a transaction that a
    cancelled statement has aborted the reset is skipped, because the rollback
    that must follow undoes the SET anyway.
    """
    connection = connections[using]
    if not milliseconds or connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    if _aborted(connection.connection):
        # Inside a transaction a failed statement has already aborted (an
        # enclosing atomic block): nothing can run, so there is nothing to limit.
        yield
        return
    if connection.in_atomic_block or not connection.settings_dict.get("CONN_HEALTH_CHECKS"):
        # A rollback would undo the SET, and without health checks the SET is what finds
        # a dead connection: set it and reset it around this block.
        _set(connection, f"SET statement_timeout = {int(milliseconds)}")
        try:
            yield
        finally:
            _reset(connection)
        return
    # Autocommit with Django's connection health checks: the setting stays on the
    # connection for the next API request (the SET and its reset were two round trips, a
    # third of a small request), and any other request resets it before it runs
    # (``release``, on request_started). Django's check replaces a dead connection first.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    if getattr(raw, _API_TIMEOUT, None) != milliseconds or not _quiet(raw):
        # A server that dropped the connection has said so on its socket: the SET then
        # finds it dead and reconnects (``_set``).
        _set(connection, f"SET statement_timeout = {int(milliseconds)}")
        mark(connection.connection, milliseconds)
    yield


def mark(raw, milliseconds: int) -> None:
    """Record that ``raw`` (a driver connection) runs under the API's statement timeout."""
    setattr(raw, _API_TIMEOUT, milliseconds)


def _quiet(raw) -> bool:
    """Nothing is waiting on the idle connection's socket (no termination notice, no EOF);
    a poll, not a round trip."""
    try:
        return not select.select([raw.fileno()], [], [], 0)[0]
    except (OSError, ValueError):
        return False


_API_TIMEOUT = "_timeline_api_statement_timeout"
API_PATH = re.compile(r"^/graphql/?$")


def release(sender=None, environ=None, **kwargs) -> None:
    """At the start of a request other than an API one, connections the API left with its
    statement timeout are reset to their default (connected to ``request_started``)."""
    if environ is not None and API_PATH.match(environ.get("PATH_INFO", "")):
        return
    for connection in connections.all(initialized_only=True):
        raw = connection.connection
        if raw is not None and getattr(raw, _API_TIMEOUT, None) is not None:
            setattr(raw, _API_TIMEOUT, None)
            _reset(connection)


def _set(connection, sql: str) -> None:
    """Run ``sql`` on the driver's connection; replace a connection the server has dropped.

    A connection killed while idle in the pool (``pg_terminate_backend``, a
    server restart, a proxy timeout) is only found dead when used, and this SET
    is the first thing a request runs. Outside a transaction nothing is lost by
    reconnecting, so the request goes on with a fresh connection instead of
    failing (and instead of leaving the dead one for the next request, since
    Django's own error handling never saw this statement). Inside a transaction
    the error is Django's usual one and the connection is marked for closing.
    """
    import psycopg

    try:
        connection.connection.execute(sql)
        return
    except (psycopg.OperationalError, psycopg.InterfaceError):
        if connection.in_atomic_block:
            connection.needs_rollback = True
            connection.errors_occurred = True
            raise
        logger.warning("The database connection was dropped; reconnecting.")
    connection.close()
    connection.ensure_connection()
    connection.connection.execute(sql)


def _aborted(raw) -> bool:
    from psycopg.pq import TransactionStatus

    return raw.info.transaction_status == TransactionStatus.INERROR


def _reset(connection) -> None:
    raw = connection.connection
    if raw is None or raw.closed or _aborted(raw):
        return
    try:
        raw.execute("SET statement_timeout TO DEFAULT")
    except Exception:  # a connection that cannot be reset (or died) must not be reused
        logger.exception("Could not reset statement_timeout; closing the connection.")
        connection.close()
