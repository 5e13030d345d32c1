"""Smoke tests in a real browser: what a curator and an API user see.

Playwright drives Debian's Chromium against ``live_server``; see conftest.py.
Data is made by fixtures listed before ``page`` (so before the browser starts: no
ORM calls while Playwright runs, see conftest.py), and every check is on the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group, User

from tests.browser.conftest import ensure_workflow_groups
from timeline.models import Event

if TYPE_CHECKING:  # imported by the fixtures, which fail clearly when it is missing
    from playwright.sync_api import Page

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "browser-test-password"
EVENT_TITLE = "United States suspends INF Treaty obligations"
EVENT_LABEL = f"{EVENT_TITLE} (2019-02-02)"  # str(event): the admin's messages and headings


@pytest.fixture
def curator_with_password(transactional_db) -> User:
    """A staff user in the "curator" group (made by a data migration), with a password."""
    ensure_workflow_groups()
    user = User.objects.create_user(
        "curator", "curator@example.org", PASSWORD, is_staff=True, first_name="Cora"
    )
    user.groups.add(Group.objects.get(name="curator"))
    return user


def test_curator_logs_in_opens_an_event_and_sees_its_history(
    live_server, curator_with_password, event, page: Page, expect, screenshot_dir
):
    page.goto(f"{live_server.url}/admin/")

    # Not signed in: the admin shows its login form.
    expect(page).to_have_title("Log in | Django site admin")
    page.get_by_label("Username:").fill("curator")
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    page.get_by_role("link", name="Events", exact=True).click()

    # The changelist lists the event with its date.
    expect(page.get_by_role("heading", name="Select event to change")).to_be_visible()
    row = page.locator("#result_list tbody tr", has_text=EVENT_TITLE)
    expect(row).to_have_count(1)
    expect(row.locator("td.field-date")).to_have_text("2019-02-02")
    row.get_by_role("link", name=EVENT_TITLE).click()

    # The change form shows the event's title and date.
    expect(page.get_by_role("heading", name="Change event")).to_be_visible()
    expect(page.get_by_label("Title:")).to_have_value(EVENT_TITLE)
    expect(page.get_by_label("Date:", exact=True)).to_have_value("2019-02-02")
    page.screenshot(path=screenshot_dir / "admin-event-change.png", full_page=True)

    # The curator edits the place and saves.
    page.get_by_label("Place name:").fill("Washington, D.C.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("ul.messagelist")).to_have_text(
        f"The event “{EVENT_LABEL}” was changed successfully."
    )

    # History lists the curator's change first, then the fixture's two (created, then
    # its treaty added), with who made each and what changed.
    page.get_by_role("link", name=EVENT_LABEL).click()
    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("heading", name=f"Change history: {EVENT_LABEL}")).to_be_visible()
    rows = page.locator("#change-history tbody tr")
    expect(rows).to_have_count(3)
    change = rows.nth(0).locator("td")
    expect(change.nth(2)).to_have_text("Changed")
    expect(change.nth(3)).to_have_text("curator")
    expect(change.nth(5)).to_have_text("Place name: Washington → Washington, D.C.")
    expect(rows.nth(2).locator("td").nth(2)).to_have_text("Created")
    expect(page.get_by_text("3 entries")).to_be_visible()
    page.screenshot(path=screenshot_dir / "admin-event-history.png", full_page=True)


@pytest.fixture
def three_published_events_and_a_draft(transactional_db, event_type) -> None:
    for day in ("2019-02-01", "2019-02-02", "2019-08-02"):
        Event.objects.create(
            title=f"Published event of {day}", date=day, event_type=event_type, status="published"
        )
    Event.objects.create(title="A draft", date="2019-03-01", event_type=event_type)


def test_graphiql_runs_a_query_and_shows_the_result(
    live_server, three_published_events_and_a_draft, page: Page, expect, screenshot_dir
):
    query = "{ events(first: 2) { totalCount } }"

    # GraphiQL fills its editor from the ``q`` URL parameter (``query`` would run the
    # query and answer JSON, as the API does for GET requests).
    page.goto(f"{live_server.url}/graphql/?q={quote(query)}")

    editor = page.locator(".graphiql-query-editor .CodeMirror")
    expect(
        editor, "GraphiQL's query editor never appeared: are its assets loading?"
    ).to_be_visible()
    expect(editor).to_contain_text(query)

    page.get_by_role("button", name="Execute query (Ctrl-Enter)").click()

    # An anonymous visitor counts the three published events, not the draft.
    result = page.locator(".graphiql-response .CodeMirror")
    expect(result).to_contain_text('"totalCount": 3')
    page.screenshot(path=screenshot_dir / "graphiql.png", full_page=True)
