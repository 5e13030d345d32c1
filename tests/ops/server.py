"""The production set-up under test: gunicorn with timeline/gunicorn_conf.py (what
`make serve-prod` starts), DEBUG off, WhiteNoise serving collected static files, on a
free loopback port, against the test database; plus a small HTTP client with a
session (login + CSRF) like a curator's browser."""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from django.db import connections

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
APP_NAME = "timeline-under-test"
START_TIMEOUT = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The test database as a DATABASE_URL, tagged so its connections can be found."""
    db = connections["default"].settings_dict
    host = db["HOST"] or "localhost"
    if host.startswith("/"):
        host = quote(host, safe="")
    auth = db["USER"] + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}?application_name={APP_NAME}"


class ProductionServer:
    def __init__(self, static_root: Path, log_dir: Path, **env: str):
        self.port = free_port()
        self.base = f"127.0.0.1:{self.port}"
        self.log = log_dir / f"gunicorn-{self.port}.log"
        self.env = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
        self.env.update(
            DATABASE_URL=database_url(),
            DEBUG="0",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            HOST="127.0.0.1",
            PORT=str(self.port),
            WEB_CONCURRENCY="2",
            GUNICORN_THREADS="4",
            STATIC_ROOT=str(static_root),
            API_RATE_LIMIT="",
            LOG_FORMAT="json",
            REQUEST_LOG="1",
            LOG_LEVEL="WARNING",
        )
        self.env.update(env)
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> ProductionServer:
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [str(GUNICORN), "-c", "timeline/gunicorn_conf.py"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"gunicorn exited early:\n{self.output()}")
            try:
                if request(self.base, "GET", "/healthz").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise AssertionError(f"gunicorn did not answer /healthz in {START_TIMEOUT} s")

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> int | None:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            raise AssertionError(f"gunicorn did not stop on SIGTERM:\n{self.output()}") from None

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def log_records(self) -> list[dict]:
        return [json.loads(line) for line in self.output().splitlines() if line.startswith("{")]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    def json(self):
        return json.loads(self.body)


def request(base: str, method: str, path: str, body: bytes | None = None, headers=None, timeout=30):
    conn = http.client.HTTPConnection(base, timeout=timeout)
    started = time.perf_counter()
    try:
        conn.request(method, path, body=body, headers=headers or {})
        raw = conn.getresponse()
        data = raw.read()
        merged: dict[str, str] = {}
        for name, value in raw.getheaders():
            key = name.lower()
            merged[key] = f"{merged[key]}\n{value}" if key in merged else value
        return Response(raw.status, merged, data, time.perf_counter() - started)
    finally:
        conn.close()


@dataclass
class Session:
    """A browser-like client: cookies, CSRF token, admin login."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)

    def send(self, method, path, body=None, headers=None, timeout=30) -> Response:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = request(self.base, method, path, body, headers, timeout)
        for line in response.headers.get("set-cookie", "").split("\n"):
            if "=" in line:
                name, value = line.split(";", 1)[0].split("=", 1)
                self.cookies[name.strip()] = value.strip()
        return response

    def form(self, path: str, fields: list[tuple[str, str]]) -> Response:
        body = urlencode([*fields, ("csrfmiddlewaretoken", self.cookies.get("csrftoken", ""))])
        return self.send(
            "POST",
            path,
            body.encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{self.base}{path}",
            },
        )

    def login(self, username: str, password: str) -> None:
        self.send("GET", "/admin/login/")
        response = self.form(
            "/admin/login/?next=/admin/",
            [("username", username), ("password", password), ("next", "/admin/")],
        )
        assert response.status == 302, (response.status, response.body[:500])

    def graphql(self, query: str, variables: dict | None = None, timeout=30) -> Response:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if "csrftoken" in self.cookies:
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
        return self.send("POST", "/graphql/", body, headers, timeout)


def management_forms(html: str) -> list[tuple[str, str]]:
    """Empty inline formsets for an admin add form: every prefix's management fields."""
    fields = []
    for prefix in sorted(set(re.findall(r'name="([\w-]+)-TOTAL_FORMS"', html))):
        fields += [
            (f"{prefix}-TOTAL_FORMS", "0"),
            (f"{prefix}-INITIAL_FORMS", "0"),
            (f"{prefix}-MIN_NUM_FORMS", "0"),
            (f"{prefix}-MAX_NUM_FORMS", "1000"),
        ]
    return fields


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, int(round(fraction * len(ordered) + 0.5)) - 1))
    return ordered[index]
