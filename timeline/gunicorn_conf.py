"""gunicorn settings for `make serve-prod` (README "Deploying"); all overridable from the env.

HOST/PORT         where to listen (default 127.0.0.1:8000; put a TLS proxy in front)
WEB_CONCURRENCY   worker processes (gunicorn reads it itself; default 2 × cores + 1)
GUNICORN_THREADS  threads per worker (default 1: sync workers, one request each)
GUNICORN_TIMEOUT  seconds before a stuck worker is killed and replaced (default 30)
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
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
