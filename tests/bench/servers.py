"""Start the three HTTP servers the benchmark compares, on 127.0.0.1, and stop them.

- ours: gunicorn serving tests.bench.wsgi (the production WSGI app, DEBUG off) exactly as
  ``make serve-prod`` runs it: ``-c timeline/gunicorn_conf.py`` (its workers per core,
  worker class, preload and gc.freeze()), persisted queries on, the benchmark's documents
  in a manifest (``manifest``) so every worker knows their hashes;
- floor: the same gunicorn and configuration serving tests.bench.floor_app;
- postgraphile: PostGraphile 4 (tests/bench/node, installed with ``npm ci``) on node.

Only what is not measured differs from production: DEBUG off with a fixed secret key,
the rate limit off (one client sends thousands of requests), warnings-only logs.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import re
import runpy
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
NODE_DIR = Path(__file__).resolve().parent / "node"


@dataclass
class Server:
    name: str
    port: int
    path: str
    process: subprocess.Popen
    log: Path

    def post(self, body: bytes) -> tuple[int, bytes]:
        status, _, content = self.request(body)
        return status, content

    def request(self, body: bytes) -> tuple[int, http.client.HTTPMessage, bytes]:
        """POST ``body``: status, headers, body."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request("POST", self.path, body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(settings: dict) -> str:
    """A postgres:// URL for Django's connection settings (a socket directory host too)."""
    user = quote(settings.get("USER") or "", safe="")
    password = settings.get("PASSWORD") or ""
    auth = f"{user}:{quote(password, safe='')}@" if password else (f"{user}@" if user else "")
    host = settings.get("HOST") or ""
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    if host.startswith("/"):
        # node-postgres and dj-database-url both read a socket directory from ?host=.
        socket_dir = quote(host, safe="")
        return f"postgres://{auth}localhost{port}/{settings['NAME']}?host={socket_dir}"
    return f"postgres://{auth}{host}{port}/{settings['NAME']}"


def conninfo(settings: dict) -> str:
    parts = {
        "dbname": settings["NAME"],
        "user": settings.get("USER"),
        "password": settings.get("PASSWORD"),
        "host": settings.get("HOST"),
        "port": settings.get("PORT"),
    }
    return " ".join(f"{k}='{v}'" for k, v in parts.items() if v)


def _gunicorn(name: str, app: str, env: dict, logs: Path) -> Server:
    """gunicorn with the production configuration, on a free loopback port."""
    port = free_port()
    log = logs / f"{name}.log"
    env = {**env, "HOST": "127.0.0.1", "PORT": str(port), "GUNICORN_LOG_LEVEL": "info",
           "GUNICORN_TIMEOUT": "120"}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "timeline/gunicorn_conf.py", app],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    return Server(name, port, "/graphql/" if name == "ours" else "/", process, log)


def persisted(query: str) -> dict:
    """The persisted-query extension of a document (Apollo's protocol, version 1)."""
    key = hashlib.sha256(query.encode()).hexdigest()
    return {"persistedQuery": {"version": 1, "sha256Hash": key}}


def manifest(documents: list[str], logs: Path) -> Path:
    """A persisted-query manifest ({sha256: document}) of the benchmark's documents."""
    path = logs / "persisted-queries.json"
    path.write_text(json.dumps({hashlib.sha256(d.encode()).hexdigest(): d for d in documents}))
    return path


def _postgraphile(url: str, logs: Path) -> Server:
    node = shutil.which("node")
    if not node:
        raise RuntimeError(
            "node is not installed: PostGraphile cannot run (apt-get install nodejs)"
        )
    if not (NODE_DIR / "node_modules" / "postgraphile").exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=NODE_DIR, check=True
        )
    port = free_port()
    log = logs / "postgraphile.log"
    env = {
        **os.environ,
        "NODE_ENV": "production",
        "DATABASE_URL": url,
        "PORT": str(port),
        "GRAPHILE_SCHEMAS": "public,bench_graphile",
    }
    process = subprocess.Popen(
        [node, "server.js"], cwd=NODE_DIR, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    return Server("postgraphile", port, "/graphql", process, log)


def _wait(server: Server, probe: bytes, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited: {server.log.read_text()[-2000:]}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            status, _ = server.post(probe)
            if status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"{server.name} did not answer within the start-up time: {server.log}")


@contextlib.contextmanager
def running(settings: dict, logs: Path, documents: list[str] = (), ours: dict | None = None):
    """Start ours, the floor and PostGraphile on the database of ``settings``; yield them.

    ``documents``: GraphQL documents every worker of ours knows by hash; ``ours``: extra
    environment for ours (settings compared by the benchmark, e.g. GUNICORN_GC_FREEZE)."""
    url = database_url(settings)
    base = {**os.environ, "PYTHONPATH": str(ROOT)}
    ours_env = {
        **base,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "ERROR",
        "API_RATE_LIMIT": "",
        "GRAPHQL_PERSISTED_MANIFEST": str(manifest(list(documents), logs)),
        **(ours or {}),
    }
    floor_env = {**base, "FLOOR_DATABASE": conninfo(settings)}
    servers = []
    try:
        servers.append(_gunicorn("ours", "tests.bench.wsgi:application", ours_env, logs))
        servers.append(_gunicorn("floor", "tests.bench.floor_app:application", floor_env, logs))
        servers.append(_postgraphile(url, logs))
        deadline = time.monotonic() + 90
        _wait(servers[0], b'{"query": "{ __typename }"}', deadline)
        _wait(servers[1], b'{"op": "node", "id": 1}', deadline)
        _wait(servers[2], b'{"query": "{ __typename }"}', deadline)
        yield {s.name: s for s in servers}
    finally:
        for server in servers:
            server.process.terminate()
        for server in servers:
            try:
                server.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.process.kill()


def conf() -> dict:
    """The values of timeline/gunicorn_conf.py in this environment."""
    return runpy.run_path(str(ROOT / "timeline" / "gunicorn_conf.py"))


def workers(server: Server) -> str:
    """How gunicorn_conf.py configured the server's workers (class from its start-up log)."""
    values = conf()
    kind = re.search(r"Using worker: (\S+)", server.log.read_text())
    on = {True: "on", False: "off"}
    threshold = ",".join(map(str, values["gc_threshold"]))
    return (
        f"{values['workers']} workers ({kind[1] if kind else '?'}, {values['threads']} "
        f"thread(s)), preload {on[values['preload_app']]}, gc.freeze "
        f"{on[values['gc_freeze']]}, GC thresholds {threshold}"
    )
