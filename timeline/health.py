"""``/healthz``: is this worker able to serve? JSON 200, or 503 naming what is down.

Checks every configured database (the primary, and the replica if there is one)
with a bounded query, so a load balancer stops sending traffic to a worker whose
database is unreachable. Errors are named by kind only (no host names, no SQL).
"""

from __future__ import annotations

import time

from django.db import connections, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

CHECK_TIMEOUT_MS = 2000


def _check(alias: str) -> str:
    connection = connections[alias]
    try:
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {CHECK_TIMEOUT_MS}")
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception as exc:  # any failure means "not healthy"; the kind is enough
        # A broken connection must not be handed to the next request.
        connection.close_if_unusable_or_obsolete()
        return f"unavailable ({type(exc).__name__})"


@never_cache
@require_GET
def healthz(request):
    started = time.perf_counter()
    checks = {alias: _check(alias) for alias in connections.settings}
    healthy = all(state == "ok" for state in checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "databases": checks,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
    }
    return JsonResponse(body, status=200 if healthy else 503)
