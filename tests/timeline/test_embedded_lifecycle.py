"""`make run` leaves no PostgreSQL behind, however the server is stopped.

Each test starts the real thing: `manage.py runserver` (what `make run` runs, with
Django's autoreloader: a parent process and a serving child) on a free loopback
port, against an embedded PostgreSQL in its own data folder; then stops it the
way a user or a process manager would, and looks for a postgres process still
serving that folder. The folder is shared by the tests of this module, in order,
so a stop that leaves something stale behind also fails the stops after it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 120
STOP_TIMEOUT = 60


def postgres_processes(pgdata: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        cmdline = proc.info["cmdline"] or []
        if proc.info["name"] == "postgres" and str(pgdata) in cmdline:
            found.append(proc)
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def pgdata():
    # Not pytest's tmp_path: concurrent pytest sessions of the same user prune each
    # other's old basetemp folders, which would pull the data folder from under the server.
    parent = Path(tempfile.mkdtemp(prefix="timeline-lifecycle-"))
    path = parent / "pgdata"
    yield path
    # Whatever a failing test left running must not outlive the run.
    for proc in postgres_processes(path):
        proc.kill()
    shutil.rmtree(parent, ignore_errors=True)


class DevServer:
    def __init__(self, pgdata: Path, via_make: bool = False):
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "MAKEFLAGS"}}
        env.update(EMBEDDED_PGDATA=str(pgdata), DEBUG="1", PYTHONUNBUFFERED="1")
        self.port = free_port()
        command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}"]
        if via_make:
            # `make run` ends with the same recipe line as `make serve-dev`.
            command = ["make", "--no-print-directory", "serve-dev", f"PORT={self.port}"]
        self.log = pgdata.parent / f"runserver-{self.port}.log"
        with open(self.log, "wb") as log:
            # Its own session: a terminal's Ctrl+C reaches the whole foreground group,
            # which we imitate with killpg without hitting pytest.
            self.proc = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        url = f"http://127.0.0.1:{self.port}/admin/login/"
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"runserver exited early:\n{self.output()}"
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        pytest.fail(f"runserver did not answer within {START_TIMEOUT} s:\n{self.output()}")

    def stop(self, sig: int, whole_group: bool) -> None:
        if whole_group:
            os.killpg(self.proc.pid, sig)
        else:
            self.proc.send_signal(sig)
        try:
            self.proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            pytest.fail(f"runserver did not stop within {STOP_TIMEOUT} s:\n{self.output()}")

    def children_left(self) -> list[psutil.Process]:
        # The serving child is in the same session; none may survive its parent.
        left = []
        for proc in psutil.process_iter(["cmdline"]):
            cmdline = " ".join(proc.info["cmdline"] or [])
            if f"runserver 127.0.0.1:{self.port}" in cmdline and proc.status() != "zombie":
                left.append(proc)
        return left


def run_and_stop(pgdata: Path, sig: int, whole_group: bool, via_make: bool = False) -> None:
    server = DevServer(pgdata, via_make)
    server.wait_until_serving()
    assert postgres_processes(pgdata), "the embedded PostgreSQL should run while serving"
    server.stop(sig, whole_group)
    deadline = time.monotonic() + 10
    while (postgres_processes(pgdata) or server.children_left()) and time.monotonic() < deadline:
        time.sleep(0.2)
    left_behind = server.children_left()
    for proc in left_behind:  # do not let a failure leak a serving process
        proc.terminate()
    assert left_behind == [], server.output()
    left = postgres_processes(pgdata)
    assert left == [], (
        f"PostgreSQL still running for {pgdata} after {signal.Signals(sig).name}: "
        f"{[p.pid for p in left]}; handle list: {handle_list(pgdata)}\n{server.output()}"
    )


def handle_list(pgdata: Path) -> list[int]:
    path = pgdata / ".handle_pids.json"
    return json.loads(path.read_text()) if path.exists() else []


# Order matters (the data folder is shared): a SIGTERM first, as in the report, then
# the stops that used to leave PostgreSQL running after it.
@pytest.mark.parametrize(
    ("sig", "whole_group"),
    [
        (signal.SIGTERM, False),  # `kill PID` of the server, a process manager
        (signal.SIGINT, True),  # Ctrl+C in the terminal
        (signal.SIGTERM, True),  # `kill -- -PGID`, systemd stopping the unit
        (signal.SIGINT, False),  # `kill -INT PID`
    ],
    ids=["sigterm-server", "ctrl-c", "sigterm-group", "sigint-server"],
)
def test_stopping_runserver_stops_embedded_postgres(pgdata, sig, whole_group):
    run_and_stop(pgdata, sig, whole_group)
    assert handle_list(pgdata) == []


@pytest.mark.parametrize(
    ("sig", "whole_group"),
    [(signal.SIGTERM, False), (signal.SIGINT, True)],
    ids=["sigterm-make", "ctrl-c-make"],
)
def test_stopping_make_serve_dev_stops_everything(pgdata, sig, whole_group):
    run_and_stop(pgdata, sig, whole_group, via_make=True)
    assert handle_list(pgdata) == []


def test_stale_pids_in_the_handle_list_are_cleaned(pgdata):
    # Processes killed with SIGKILL (or by the OOM killer) never remove their entry.
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    pgdata.mkdir(exist_ok=True)
    (pgdata / ".handle_pids.json").write_text(json.dumps([dead.pid]))
    run_and_stop(pgdata, signal.SIGINT, True)
    assert handle_list(pgdata) == []


def test_sigterm_to_a_management_command_stops_postgres(pgdata):
    # `make run` also runs migrate and load_demo; a process manager may stop any of them.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(EMBEDDED_PGDATA=str(pgdata), PYTHONUNBUFFERED="1")
    code = (
        "from django.db import connection; connection.ensure_connection(); "
        "print('ready', flush=True); import time; time.sleep(120)"
    )
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        lines = []
        while not lines or lines[-1].strip() != "ready":
            line = proc.stdout.readline()
            assert line, "".join(lines)  # exited before it was ready
            lines.append(line)
        assert postgres_processes(pgdata)
        proc.send_signal(signal.SIGTERM)
        proc.wait(STOP_TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
    deadline = time.monotonic() + 10
    while postgres_processes(pgdata) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert postgres_processes(pgdata) == []
    assert handle_list(pgdata) == []
