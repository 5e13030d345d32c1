"""Fixtures for the production set-up: collected static files, gunicorn, a curator login."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.browser.conftest import ensure_workflow_groups
from tests.ops.server import ROOT, ProductionServer

PASSWORD = "load-test-curator-pass"


def own_temp_dir(prefix: str):
    # Not pytest's tmp_path: concurrent pytest sessions of the same user prune each
    # other's basetemp folders, which would pull files from under a running server.
    path = Path(tempfile.mkdtemp(prefix=prefix))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def static_root():
    yield from own_temp_dir("timeline-static-")


@pytest.fixture(scope="session")
def collected_static(static_root):
    path = static_root
    env = {**os.environ, "STATIC_ROOT": str(path)}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    return path


@pytest.fixture
def production_server(transactional_db, collected_static):
    """Start one with ``production_server(**env)``; each is stopped at the end of the test."""
    started = []
    logs = own_temp_dir("timeline-gunicorn-")
    log_dir = next(logs)

    def start(**env) -> ProductionServer:
        server = ProductionServer(collected_static, log_dir, **env)
        started.append(server)
        return server.__enter__()

    yield start
    for server in started:
        server.stop()
    next(logs, None)


@pytest.fixture
def curators(transactional_db):
    """Staff users in the curator group, with passwords, for logins over HTTP."""
    from django.contrib.auth.models import Group, User

    ensure_workflow_groups()
    group = Group.objects.get(name="curator")

    def make(count: int) -> list[str]:
        names = []
        for n in range(count):
            user = User.objects.create_user(f"load-curator-{n}", password=PASSWORD, is_staff=True)
            user.groups.add(group)
            names.append(user.username)
        return names

    return make
