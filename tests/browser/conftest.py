"""Real-browser fixtures: Playwright for Python driving Debian's Chromium.

Nothing here downloads a browser (``playwright install`` cannot work on a closed
network): the tests drive the distribution's ``chromium`` package, which
``make browser`` installs. A missing Playwright or Chromium is a failure with a
message saying how to install it, never a skip, so a machine without them
cannot pass the suite by silently running nothing.

Tests here use ``live_server``, so ``transactional_db``: each test's data is
flushed afterwards, and so is what the data migrations made (the curator and
reviewer groups), by these tests and by every other transactional test. So a test
that needs the groups calls ``ensure_workflow_groups()``, which re-runs the data
migration's own function when they are gone. (``serialized_rollback`` cannot be
used instead: after another test's flush, Django recreates the content types
with new ids and restoring the serialized ones then fails on a unique key.)
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # the tests run as root in containers, where the sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 15_000


def ensure_workflow_groups() -> None:
    """Re-create the curator/reviewer groups, as their data migration does, if flushed."""
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    if Group.objects.filter(name__in=("curator", "reviewer")).count() == 2:
        return
    migration = importlib.import_module("timeline.migrations.0003_curator_reviewer_groups")
    migration.create_groups(MigrationLoader(connection).project_state().apps, None)


def _require_playwright():
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        pytest.fail(
            "Playwright for Python is not installed: the browser tests need it. "
            "Install the dev requirements (`make venv`, or "
            "`.venv/bin/pip install -r requirements-dev.txt`); never `playwright install`, "
            "the tests use Debian's chromium.",
            pytrace=False,
        )
    return sync_playwright, expect


def _require_chromium() -> str:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: the browser tests need it. "
            "Run `make browser` (apt-get install chromium), or set CHROMIUM_PATH.",
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture
def browser() -> Iterator[Browser]:
    sync_playwright, expect = _require_playwright()
    executable = _require_chromium()
    # Playwright's sync API keeps an asyncio event loop running in this thread while
    # it is started. Django then refuses ORM calls here (SynchronousOnlyOperation),
    # and DJANGO_ALLOW_ASYNC_UNSAFE is deliberately NOT set to get round that: with a
    # running loop, Django's per-thread connection becomes per-context, so such a
    # call opens a second connection that is never closed, and the test database can
    # then not be dropped at the end of the run ("being accessed by other users").
    # So: create the data in fixtures listed before ``page``/``browser`` (set up
    # first) and check results through what the browser shows.
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, timeout=TIMEOUT_MS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def expect(browser):
    """Playwright's ``expect``, with the same timeout as everything else here."""
    from playwright.sync_api import expect

    return expect


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def screenshot_dir() -> Iterator[Path]:
    """Screenshots go to a temporary folder, never the repository.

    Set ``BROWSER_SCREENSHOTS`` to a folder to keep them for a look.
    """
    keep = os.environ.get("BROWSER_SCREENSHOTS")
    if keep:
        path = Path(keep)
        path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    path = Path(tempfile.mkdtemp(prefix="timeline-browser-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
