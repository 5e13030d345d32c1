"""Fixtures for the production set-up: collected static files, gunicorn, a curator login."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.browser.conftest import ensure_workflow_groups
from tests.ops.server import ROOT, ProductionServer

PASSWORD = "load-test-curator-pass"


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    path = tmp_path_factory.mktemp("staticfiles")
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
def production_server(transactional_db, static_root, tmp_path):
    """Start one with ``production_server(**env)``; each is stopped at the end of the test."""
    started = []

    def start(**env) -> ProductionServer:
        server = ProductionServer(static_root, tmp_path, **env)
        started.append(server)
        return server.__enter__()

    yield start
    for server in started:
        server.stop()


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
