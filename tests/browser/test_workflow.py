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

from sources.models import Citation, Source
from tests.browser.conftest import ensure_workflow_groups
from tests.conftest import SOURCE_BODY
from timeline.models import Statement, Status

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


@pytest.fixture
def world_for_the_story(transactional_db, lavrov, russia, outlet):
    """A published speaker and a published source to cite; nothing else."""
    for record in (lavrov, russia):
        type(record).objects.filter(pk=record.pk).update(status=Status.PUBLISHED)
    return Source.objects.create(
        outlet=outlet,
        title="Lavrov: the INF Treaty is dead",
        published="2019-03-19",
        body=SOURCE_BODY,
        status=Status.PUBLISHED,
    )


def choose(page: Page, container: str, text: str) -> None:
    """Pick ``text`` in a Django autocomplete (select2) field."""
    # The rendered text span can be zero-sized when empty: click its selection box.
    page.locator(container).locator("xpath=..").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def messages(page: Page):
    return page.locator("ul.messagelist")


def test_statement_from_draft_to_published_revision_and_restore(
    live_server, accounts, world_for_the_story, browser, expect, artifacts
):
    base = live_server.url
    first, second = "the INF Treaty is dead", "Moscow remains open to dialogue"

    # The curator enters a statement with a citation and submits it.
    curator = sign_in(browser, base, "curator")
    curator.goto(f"{base}/admin/timeline/statement/add/")
    choose(curator, "#select2-id_speaker-container", "Sergei Lavrov")
    curator.get_by_label("Date:", exact=True).fill("2019-03-19")
    curator.get_by_label("Text:").fill(first)
    curator.get_by_text("Add another Citation").click()
    choose(curator, "#select2-id_citations-0-source-container", "Lavrov: the INF Treaty is dead")
    curator.locator("#id_citations-0-excerpt").fill(first)
    curator.get_by_role("button", name="Save and continue editing").click()
    expect(messages(curator)).to_contain_text("was added successfully")
    curator.get_by_role("button", name="Submit for review").click()
    expect(messages(curator)).to_contain_text("is now in review")
    expect(curator.get_by_role("button", name="Publish")).to_be_disabled()

    # The reviewer finds it in the queue, with its excerpt marked in the source text.
    reviewer = sign_in(browser, base, "reviewer")
    reviewer.goto(f"{base}/admin/timeline/revision/queue/")
    item = reviewer.locator(".queue-item", has_text=first)
    expect(item).to_contain_text("Submitted by curator")
    expect(item.locator("mark")).to_have_text(first)
    reviewer.screenshot(path=artifacts / "review-queue.png", full_page=True)
    item.get_by_role("checkbox").check()
    reviewer.get_by_role("button", name="Approve / publish selected").click()
    expect(messages(reviewer)).to_contain_text("published.")
    assert public_texts(reviewer, base) == [first]

    # The curator changes the published text: the public keeps the published one.
    curator.reload()
    curator.get_by_label("Text:").fill(second)
    curator.get_by_role("button", name="Save and continue editing").click()
    expect(messages(curator)).to_contain_text("were saved as revision")
    expect(curator.locator("#workflow-bar")).to_contain_text("awaits review")
    assert public_texts(curator, base) == [first]

    # The reviewer sees the diff and approves; now the public sees the new text.
    reviewer.goto(f"{base}/admin/timeline/revision/queue/")
    revision = reviewer.locator(".queue-item", has_text="revision #")
    expect(revision.locator("td.new ins")).to_have_text(second)
    expect(revision.locator("td.old del")).to_have_text(first)
    reviewer.screenshot(path=artifacts / "review-queue-revision.png", full_page=True)
    revision.get_by_role("link", name="review page").click()
    reviewer.get_by_role("button", name="Approve and publish").click()
    expect(messages(reviewer)).to_contain_text("approved and published")
    assert public_texts(reviewer, base) == [second]

    # Restoring the first version from the history works (the reviewer may publish it).
    reviewer.goto(f"{base}/admin/timeline/statement/")
    reviewer.get_by_role("link", name=second).click()
    reviewer.get_by_role("link", name="History").click()
    reviewer.locator("#change-history tbody tr").last.get_by_role("link").first.click()
    expect(reviewer.get_by_label("Text:")).to_have_value(first)
    reviewer.get_by_role("button", name="Revert").click()
    expect(messages(reviewer)).to_contain_text("was changed successfully")
    assert public_texts(reviewer, base) == [first]

    # Removing the last citation is refused, with what to do instead.
    reviewer.goto(f"{base}/admin/timeline/statement/")
    reviewer.get_by_role("link", name=first).click()
    reviewer.locator("#id_citations-0-DELETE").check()
    reviewer.get_by_role("button", name="Save and continue editing").click()
    expect(reviewer.locator(".errornote, ul.errorlist").first).to_be_visible()
    expect(reviewer.locator("ul.errorlist.nonfield")).to_contain_text(
        "without a citation of a published source. Add a citation of another published "
        "source to it first, or retract it."
    )
    assert public_texts(reviewer, base) == [first]

    # The source page marks the excerpt and links the statement it backs.
    reviewer.goto(f"{base}/admin/sources/source/")
    reviewer.get_by_role("link", name="Lavrov: the INF Treaty is dead").click()
    reviewer.get_by_role("link", name="Article text").click()
    expect(reviewer.locator("#source-text mark")).to_have_text(first)
    expect(reviewer.locator("#source-citations")).to_contain_text("backs statement")
    reviewer.screenshot(path=artifacts / "source-page.png", full_page=True)
