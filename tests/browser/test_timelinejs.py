"""The TimelineJS export, downloaded with a token, renders its slides in TimelineJS.

TimelineJS (npm @knight-lab/timelinejs, pinned in package.json) is served from
node_modules as a static file, like GraphiQL's assets; the page is the embed a
partner would write: fetch the export, hand it to ``new TL.Timeline``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from api.models import ApiToken
from timeline.models import Actor, Event, Statement, Treaty

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.django_db(transaction=True)

TIMELINEJS = "/static/npm/@knight-lab/timelinejs/dist"
EMBED = """<!doctype html>
<html><head><meta charset="utf-8"><title>TimelineJS export</title>
<link rel="stylesheet" href="{base}/css/timeline.css">
<script src="{base}/js/timeline.js"></script></head>
<body><div id="timeline-embed" style="width: 100%; height: 640px"></div>
<script>
fetch("/exports/all.timelinejs", {{headers: {{Authorization: "Bearer {key}"}}}})
  .then(response => response.json())
  .then(data => {{ window.timeline = new TL.Timeline("timeline-embed", data); }})
  .catch(error => {{ document.title = "failed: " + error; }});
</script></body></html>"""


@pytest.fixture
def published_timeline(transactional_db, event_type) -> str:
    treaty = Treaty.objects.create(
        name="Intermediate-Range Nuclear Forces Treaty",
        short_name="INF Treaty",
        kind="bilateral",
        status="published",
    )
    speaker = Actor.objects.create(name="Sergei Lavrov", kind="person", status="published")
    event = Event.objects.create(
        title="United States suspends INF Treaty obligations",
        date="2019-02-02",
        event_type=event_type,
        status="published",
    )
    event.treaties.add(treaty)
    Event.objects.create(
        title="Talks in the spring", date="2019-21", event_type=event_type, status="published"
    )
    Event.objects.create(title="A draft nobody may see", date="2019-03-01", event_type=event_type)
    statement = Statement.objects.create(
        speaker=speaker, date="2019-03-19", text="the INF Treaty is dead", status="published"
    )
    statement.treaties.add(treaty)
    _, key = ApiToken.issue("Browser test", datasets=["events", "statements", "treaty_actions"])
    return key


def test_timelinejs_renders_the_export(
    live_server, published_timeline, page: Page, expect, screenshot_dir
):
    embed = f"{live_server.url}/timelinejs-embed.html"
    page.route(
        embed,
        lambda route: route.fulfill(
            content_type="text/html", body=EMBED.format(base=TIMELINEJS, key=published_timeline)
        ),
    )
    page.goto(embed)

    # The title slide, then one slide per record; the draft is not among them.
    slides = page.locator(".tl-slide")
    expect(slides, "TimelineJS never rendered: is its script served?").to_have_count(4)
    expect(page.locator(".tl-slide .tl-headline")).to_have_text(
        [
            "timeline",
            "United States suspends INF Treaty obligations",
            "Talks in the spring",  # EDTF 2019-21: a season, shown as its months
            "Sergei Lavrov",
        ]
    )
    expect(page.get_by_role("heading", name="March 2019 — May 2019")).to_have_count(1)
    expect(page.locator(".tl-slide blockquote")).to_have_text("the INF Treaty is dead")
    page.get_by_role("button", name="next", exact=False).first.click()
    expect(page.locator(".tl-timemarker-active .tl-headline")).to_have_text(
        "United States suspends INF Treaty obligations"
    )
    # The time navigator shows a marker per record and the treaty as a group.
    expect(page.locator(".tl-timemarker")).to_have_count(3)
    expect(page.locator(".tl-timegroup-message", has_text="INF Treaty")).to_have_count(1)
    expect(page.get_by_text("A draft nobody may see")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "timelinejs-export.png", full_page=True)
