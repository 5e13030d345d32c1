"""Send API reads to a read replica (``DATABASE_REPLICA_URL``) when one is configured.

Only requests to ``REPLICA_READ_PATHS`` (the public GraphQL endpoint) read from the
replica, and only outside transactions: writes, ``select_for_update`` and every read
inside a service function's transaction stay on the primary, as do the admin and
everything else, which must see their own writes at once. Without a replica this
router leaves every decision to Django (the default database).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads():
    """Reads inside this block may come from the replica."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            _replica_reads.get()
            and replica_configured()
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


class ReplicaReadsMiddleware:
    """Marks requests to the API paths as allowed to read from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = [re.compile(p) for p in getattr(settings, "REPLICA_READ_PATHS", [])]

    def __call__(self, request):
        if replica_configured() and any(p.match(request.path_info) for p in self.paths):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)
