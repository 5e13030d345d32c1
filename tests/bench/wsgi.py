"""Our API as the benchmark serves it: the production WSGI application (DEBUG off), with
the page-size cap raised from 100 to 1,000 so the 1,000-event page can be asked for in
one request. The hostile-query limits are not what is measured; nothing else changes.

Each response also carries ``X-Bench-Worker: <pid> <GC ms> <collections> <CPU ms>``, the
process's running totals (the CPU time of cyclic GC runs, timed with ``gc.callbacks``),
from which the benchmark reports the share of the workers' CPU time spent in the
garbage collector (CPU time, so that other processes on a busy machine do not count).

    gunicorn -c timeline/gunicorn_conf.py tests.bench.wsgi:application
"""

from __future__ import annotations

import gc
import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")

from api.core import pagination  # before the schema is built

pagination.MAX_PAGE_SIZE = 1000

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

django_application = get_wsgi_application()
settings.GRAPHQL_COST_MAX_PAGE = 1000
settings.GRAPHQL_MAX_COST = 10**9

_gc = {"ms": 0.0, "collections": 0, "started": 0.0}


def _time_gc(phase: str, info: dict) -> None:
    if phase == "start":
        _gc["started"] = time.process_time()
    else:
        _gc["ms"] += (time.process_time() - _gc["started"]) * 1000
        _gc["collections"] += 1


gc.callbacks.append(_time_gc)


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        headers.append(
            (
                "X-Bench-Worker",
                f"{os.getpid()} {_gc['ms']:.3f} {_gc['collections']} "
                f"{time.process_time() * 1000:.3f}",
            )
        )
        return start_response(status, headers, exc_info)

    return django_application(environ, start)
