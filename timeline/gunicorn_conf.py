"""gunicorn settings for `make serve-prod` (README "Deploying"); all overridable from the env.

HOST/PORT         where to listen (default 127.0.0.1:8000; put a TLS proxy in front)
WEB_CONCURRENCY   worker processes (gunicorn reads it itself; default 2 × cores + 1)
GUNICORN_THREADS  threads per worker (default 1: one request at a time per worker)
GUNICORN_WORKER_CLASS  default gthread (keep-alive); sync closes every connection
GUNICORN_TIMEOUT  seconds before a stuck worker is killed and replaced (default 30)
GUNICORN_PRELOAD  load and warm the app once in the master, then fork (default 1)
GUNICORN_GC_FREEZE  after that warm-up, move every object into the GC's permanent
                  generation (gc.freeze()) so workers' collections never scan them
                  (default 1; needs GUNICORN_PRELOAD)
GUNICORN_GC_THRESHOLD  the workers' gc.set_threshold(), "gen0[,gen1[,gen2]]" (default
                  50000,20,100; Python's own is 700,10,10): a request builds tens of
                  thousands of short-lived objects, and with Python's thresholds the
                  collector ran ~37 times per request and took a quarter of the CPU
"""

import gc
import multiprocessing
import os


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise SystemExit(f"{name}={value!r} is not a yes/no value; use 1 or 0.")


bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# gthread, also with one thread: the concurrency of sync workers, plus HTTP keep-alive for
# clients and proxies that reuse connections (sync workers close each one).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
# Longer than the API's statement timeout, so a slow query is answered with an error
# before the worker is killed mid-request.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Requests are logged by timeline.request_log (structured); errors still go to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# X-Forwarded-* are trusted from these proxy addresses only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "timeline.wsgi:application"

# Load Django, the URLconf and the GraphQL schema once in the master; workers fork with
# them already in memory (faster start, pages shared copy-on-write).
preload_app = _flag("GUNICORN_PRELOAD", True)
gc_freeze = preload_app and _flag("GUNICORN_GC_FREEZE", True)


def _threshold(name: str, default: str) -> tuple[int, ...]:
    value = os.environ.get(name, "").strip() or default
    try:
        numbers = tuple(int(part) for part in value.split(","))
    except ValueError:
        numbers = ()
    if not 1 <= len(numbers) <= 3 or min(numbers) < 0:
        raise SystemExit(f"{name}={value!r} is not 1 to 3 whole numbers, e.g. 700,10,10.")
    return numbers


gc_threshold = _threshold("GUNICORN_GC_THRESHOLD", "50000,20,100")


def post_fork(server, worker):
    gc.set_threshold(*gc_threshold)  # in each worker (the master keeps Python's)


def when_ready(server):
    """In the master, after the preloaded app is imported and before any worker forks."""
    if not preload_app:
        return
    from django.conf import settings

    if settings.configured:  # a Django app (the benchmark's floor is a bare WSGI app)
        from django.db import connections
        from django.urls import get_resolver

        _ = get_resolver().url_patterns  # imports every view
        import api.schema  # noqa: F401  (built at import: strawberry types, graphql-core schema)

        connections.close_all()  # no database connection may cross the fork
    if gc_freeze:
        # Collect once, then freeze the survivors (modules, schema, settings): the young
        # generations of each worker then hold only request garbage, and a full collection
        # no longer walks (and dirties, breaking copy-on-write) the start-up objects.
        gc.collect()
        gc.freeze()
        server.log.info("gc.freeze(): %d start-up objects frozen", gc.get_freeze_count())
