"""The editorial workflow in a real browser: layout, review queue, revisions, restore.

Playwright drives Debian's Chromium against ``live_server`` (see conftest.py). Data
is made by fixtures listed before ``page``; every check is on what the browser
shows, and what the public sees is read through the public API in the browser.
Screenshots of the review queue and the source page go to ``test-artifacts/screenshots/``
(git-ignored), which ``make test`` prints at the end.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.contrib.auth.models import Group, User

from sources.models import Citation
from tests.browser.conftest import ensure_workflow_groups
from timeline.models import Statement

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "browser-test-password"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
LONG_NOTE = "Checked against the wire copy and the ministry transcript; " * 6


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def accounts(transactional_db) -> dict[str, User]:
    """A curator (edits, submits) and a reviewer (publishes): the two-person rule needs both."""
    ensure_workflow_groups()
    users = {}
    for name in ("curator", "reviewer"):
        user = User.objects.create_user(name, f"{name}@example.org", PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=name))
        users[name] = user
    return users


def sign_in(browser: Browser, base_url: str, username: str, width: int = 1400) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.get_by_label("Username:").fill(username)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Site administration").wait_for()
    return page


def public_texts(page: Page, base_url: str) -> list[str]:
    """Statement texts as an anonymous API client sees them (no cookies sent)."""
    response = page.request.post(
        f"{base_url}/graphql/",
        data=json.dumps({"query": "{ statements { edges { node { text } } } }"}),
        headers={"Content-Type": "application/json", "Cookie": ""},
    )
    body = response.json()
    return [e["node"]["text"] for e in body["data"]["statements"]["edges"]]


def page_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.fixture
def cited_statement(
    transactional_db, lavrov_minister, statement, source, lavrov, russia
) -> Statement:
    Citation.objects.create(
        source=source, statement=statement, excerpt="the INF Treaty is dead", note=LONG_NOTE
    )
    for _ in range(3):
        Statement.objects.create(
            speaker=lavrov,
            date="2019-03-20",
            venue="Moscow, Ministry of Foreign Affairs press centre",
            text="A long statement " * 12,
            cue_verb="said",
            confidence=0.75,
        )
    return statement


def test_change_form_and_changelist_fit_1400_pixels(
    live_server, accounts, cited_statement, browser, expect, artifacts
):
    page = sign_in(browser, live_server.url, "curator")
    page.goto(f"{live_server.url}/admin/timeline/statement/{cited_statement.pk}/change/")
    expect(page.get_by_role("heading", name="Change statement")).to_be_visible()
    page.screenshot(path=artifacts / "statement-change-1400.png", full_page=True)
    assert page_width(page) <= 1400

    page.goto(f"{live_server.url}/admin/timeline/statement/")
    page.screenshot(path=artifacts / "statement-changelist-1400.png", full_page=True)
    assert page_width(page) <= 1400
    # The results table scrolls inside its own box: the columns must show without it.
    results = page.locator("#changelist .results").bounding_box()
    for column in ("status", "confidence"):
        box = page.locator(f"#result_list th.column-{column}").bounding_box()
        assert box is not None and box["x"] + box["width"] <= results["x"] + results["width"], (
            column,
            box,
            results,
        )
