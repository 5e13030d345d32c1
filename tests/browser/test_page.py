"""The public timeline page at / (issue 9), in a real browser against the live server.

Data comes from fixtures listed before ``page`` (the demo dataset, plus a generated
thousand events for the size test); see conftest.py for why. Screenshots of each
check are written to test-artifacts/screenshots/ (git-ignored; `make test` prints it).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture
def demo(transactional_db) -> dict:
    from strawberry import relay

    from timeline.demo.loader import load_demo
    from timeline.models import Event

    load_demo()
    withdrawal = Event.objects.get(slug="us-leaves-inf-treaty-2019")
    return {"withdrawal": str(relay.GlobalID("Event", str(withdrawal.pk)))}


@pytest.fixture
def watched(page: Page):
    """The page, with every console error, page error and failed request recorded."""
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # A request the page cancels itself (a newer filter supersedes a load in flight, or
    # the test navigates away) is no failure; anything else is.
    page.on(
        "requestfailed",
        lambda r: (
            "ERR_ABORTED" not in (r.failure or "")
            and problems.append(f"failed: {r.url} {r.failure}")
        ),
    )
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    page.problems = problems
    return page


def open_page(page: Page, url: str) -> dict:
    page.goto(url)
    page.wait_for_function("window.timelinePage && window.timelinePage.ready", timeout=60_000)
    return page.evaluate("({...window.timelinePage, requests: [...window.timelinePage.requests]})")


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def url_params(page: Page) -> dict:
    query = page.url.split("?", 1)[1] if "?" in page.url else ""
    return dict(part.split("=", 1) for part in query.split("&") if part)


def test_a_reader_zooms_filters_searches_and_reads(live_server, demo, watched: Page, expect):
    # Loads with no console error and no failed request, reading /graphql/ only.
    metrics = open_page(watched, f"{live_server.url}/")
    assert metrics["loaded"] == metrics["total"] > 20
    assert metrics["firstRenderMs"] is not None
    names = [r["name"] for r in metrics["requests"]]
    assert sorted(set(names)) == ["PageOptions", "TimelinePage"]
    assert names.count("TimelinePage") == -(-metrics["total"] // 100)  # 100 a page, by cursor
    expect(watched.locator("#status")).to_have_text(re.compile(r"^\d+ of \d+ items$"))
    expect(watched.locator(".vis-item").first).to_be_visible()
    print(
        f"\nfirst render {metrics['firstRenderMs']} ms after navigation; requests: "
        + json.dumps(metrics["requests"])
    )
    all_items = metrics["total"]

    # Zoom: the window narrows and the URL follows; the keyboard pans and zooms too.
    watched.goto(f"{live_server.url}/?start=2019-01-01&end=2019-12-31")
    watched.wait_for_function("window.timelinePage.ready")
    before = url_params(watched)
    watched.get_by_role("button", name="Zoom in").click()
    expect(watched).to_have_url(re.compile(r"start=2019-0[2-4]"))
    after = url_params(watched)
    assert span(after) < span(before)
    watched.locator("#timeline").focus()
    watched.keyboard.press("ArrowRight")
    moved = url_params(watched)
    assert moved["start"] > after["start"]
    watched.keyboard.press("-")
    assert span(url_params(watched)) > span(moved)

    # Keyboard navigation reaches an item and opens it.
    watched.goto(f"{live_server.url}/?start=2019-07-01&end=2019-09-01")
    watched.wait_for_function("window.timelinePage.ready")
    watched.keyboard.press("Tab")
    expect(watched.get_by_role("link", name="Skip to the list of items")).to_be_focused()
    watched.keyboard.press("Enter")
    watched.keyboard.press("Tab")
    expect(watched.locator("#items button").first).to_be_focused()
    watched.keyboard.press("ArrowDown")
    second = watched.locator("#items button").nth(1)
    expect(second).to_be_focused()
    chosen = second.get_attribute("data-id")
    watched.keyboard.press("Enter")
    expect(watched.locator("#detail h4", has_text="Sources")).to_be_visible()
    assert unquote(url_params(watched)["sel"]) == chosen

    # The detail panel: text, participants, every citation with its source and outlet.
    watched.locator("#items button", has_text="US withdrawal from the INF Treaty").first.click()
    detail = watched.locator("#detail")
    expect(detail.locator("h3")).to_contain_text("US withdrawal from the INF Treaty")
    expect(detail.get_by_role("heading", name="Participants")).to_be_visible()
    expect(detail.locator(".citations li").first).to_be_visible()
    expect(detail.locator(".citations .meta").first).to_contain_text("·")

    # Filter by event type; back returns to everything.
    watched.get_by_label("Event type").select_option(label="Missile test")
    watched.get_by_role("button", name="Apply").click()
    expect(watched).to_have_url(re.compile(r"type=missile-test"))
    watched.wait_for_function("window.timelinePage.ready")
    filtered = watched.evaluate("window.timelinePage.total")
    assert 0 < filtered < all_items
    watched.get_by_role("button", name="Fit all").click()
    expect(watched.locator("#items li")).to_have_count(filtered)
    shot(watched, "page-filtered")
    watched.go_back()
    expect(watched).not_to_have_url(re.compile(r"type="))
    expect(watched.get_by_label("Event type")).to_have_value("")

    # A date filter the API refuses is shown, not swallowed.
    watched.get_by_label("From", exact=True).fill("2020")
    watched.get_by_label("To", exact=True).fill("2019")
    watched.get_by_role("button", name="Apply").click()
    expect(watched.locator("#filter-error")).to_contain_text("'from' (2020) is after 'to' (2019)")
    watched.get_by_role("button", name="Clear").click()

    # Search: matches marked; an event result opens in the detail panel.
    watched.get_by_role("searchbox", name="Search").fill("withdrawal")
    watched.get_by_role("button", name="Search", exact=True).click()
    expect(watched).to_have_url(re.compile(r"q=withdrawal"))
    expect(watched.locator("#result-list mark").first).to_be_visible()
    kind = watched.locator(".kind", has_text="Event")
    result = watched.locator("#result-list li button", has=kind).first
    title = result.evaluate("b => b.childNodes[1].textContent")
    result.click()
    expect(detail.locator("h3")).to_have_text(title)
    expect(detail.locator("h4", has_text="Sources")).to_be_visible()
    expect(detail.locator(".citations blockquote").first).to_be_visible()
    shot(watched, "page-search")
    assert watched.problems == []


def span(params: dict) -> dt.timedelta:
    return dt.date.fromisoformat(params["end"]) - dt.date.fromisoformat(params["start"])


def test_deep_link_and_inf_lanes_at_desktop_and_phone_width(live_server, demo, browser, expect):
    sel = demo["withdrawal"]
    url = (
        f"{live_server.url}/?treaty=inf-treaty&from=2019&start=2018-06-01&end=2020-01-01&sel={sel}"
    )
    for width in (1400, 375):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m, p=problems: m.type == "error" and p.append(m.text))
        page.on("requestfailed", lambda r, p=problems: p.append(f"{r.url} {r.failure}"))
        try:
            open_page(page, url)
            # The deep link restores filters, window and selection.
            expect(page.get_by_label("Treaty (shows its lanes)")).to_have_value("inf-treaty")
            expect(page.get_by_label("From", exact=True)).to_have_value("2019")
            expect(page.locator("#detail h3")).to_contain_text("US withdrawal from the INF Treaty")
            expect(page.locator(".vis-item.vis-selected").first).to_be_visible()
            params = url_params(page)
            assert (params["start"], params["end"]) == ("2018-06-01", "2020-01-01")
            if width >= 1000:  # wide enough for the axis to name the months of the window
                months = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
                axis = page.locator(".vis-time-axis .vis-text", has_text=months)
                expect(axis.first).to_be_visible()

            # The INF lanes: the United States' status changes on 2019-02-02 and 2019-08-02.
            page.wait_for_selector(".vis-item.lane")
            rows = page.locator("#lanes-table tbody tr").evaluate_all(
                "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))"
            )
            us = {row[2]: row[1] for row in rows if row[0] == "United States"}
            assert "2019-02-02" in us and us.get("2019-08-02") == "withdrawn", rows
            assert us["2019-02-02"] not in ("in force", "withdrawn")
            labels = set(page.locator(".vis-item.lane .vis-item-content").all_inner_texts())
            assert {"in force", us["2019-02-02"], "withdrawn"} <= labels
            # Nothing wider than the screen: no sideways scrolling of the page itself.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            shot(page, f"page-{width}")
            assert problems == []
        finally:
            context.close()


@pytest.fixture
def thousand_events(transactional_db) -> int:
    from timeline.models import Event, EventType

    kind = EventType.objects.create(name="Generated")
    events = []
    start = dt.date(1990, 1, 1)
    for n in range(1200):
        day = start + dt.timedelta(days=n * 9)
        events.append(
            Event(
                title=f"Generated event {n}",
                slug=f"generated-event-{n}",
                date=day.isoformat(),
                date_start=day,
                date_end=day,
                precision="day",
                event_type=kind,
                status="published",
            )
        )
    Event.objects.bulk_create(events)
    return 1200


def test_a_thousand_records_load_in_pages_and_stay_usable(
    live_server, thousand_events, watched: Page, expect
):
    metrics = open_page(watched, f"{live_server.url}/")
    assert metrics["loaded"] == metrics["total"] == thousand_events
    pages = [r for r in metrics["requests"] if r["name"] == "TimelinePage"]
    assert len(pages) == -(-metrics["total"] // 100)  # 100 a page, by cursor
    # Still usable: zoom into one year and pick an item from the list.
    open_page(watched, f"{live_server.url}/?start=2000-01-01&end=2000-12-31")
    watched.locator("#items button", has_text="Generated event").first.click()
    expect(watched.locator("#detail h3")).to_contain_text("Generated event")
    assert watched.problems == []
    first = metrics["firstRenderMs"]
    print(f"\n{metrics['total']} items: first render {first} ms, {len(pages)} pages")
