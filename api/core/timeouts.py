"""A PostgreSQL ``statement_timeout`` around one API request."""

from __future__ import annotations

import logging
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
    raw = connection.connection
    if _aborted(raw):
        # Inside a transaction a failed statement has already aborted (an
        # enclosing atomic block): nothing can run, so there is nothing to limit.
        yield
        return
    raw.execute(f"SET statement_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        _reset(connection)


def _aborted(raw) -> bool:
    from psycopg.pq import TransactionStatus

    return raw.info.transaction_status == TransactionStatus.INERROR


def _reset(connection) -> None:
    raw = connection.connection
    if raw is None or raw.closed or _aborted(raw):
        return
    try:
        raw.execute("SET statement_timeout TO DEFAULT")
    except Exception:  # a connection that cannot be reset must not be reused
        logger.exception("Could not reset statement_timeout; closing the connection.")
        connection.close()
