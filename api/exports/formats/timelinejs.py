"""TimelineJS 3 JSON: events, statements and treaty actions as slides.

Dates keep their real precision (year / month / day; ranges, seasons and
decades as start and end); uncertain or approximate dates show their EDTF
string as the display date. Slides are grouped by treaty (the first visible
treaty a record concerns) and carry their text and source links as HTML,
escaped.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, JSONObject, NullIf
from django.utils.html import escape

from api.exports.dates import span
from api.exports.selection import Selection
from api.exports.stream import Counter, dumps, json_array
from sources.models import Citation
from timeline.models import Treaty
from timeline.querysets import visible

NAME = "TimelineJS"
MEDIA_TYPE = "application/json"
EXTENSION = "timeline.json"
SUPPORTED = ("events", "statements", "treaty_actions")
ALL_DATASETS = SUPPORTED
INCREMENTAL = False


def _label():
    return Coalesce(NullIf("short_name", Value("")), "name")


def _first_treaty(**lookup):
    treaties = visible(Treaty.objects.filter(**lookup), unpublished=False)
    return Subquery(treaties.order_by("pk").values(label=_label())[:1])


def _links(field: str):
    citations = visible(Citation.objects.filter(**{field: OuterRef("pk")}), unpublished=False)
    return ArraySubquery(
        citations.order_by("source_id", "pk").values(
            json=JSONObject(title="source__title", url="source__url")
        )
    )


def _date_fields(obj) -> dict:
    edtf = obj.date
    s = span(edtf, obj.date_start, obj.date_end, obj.precision)
    out = {"start_date": s.start.parts()}
    if s.end is not None:
        out["end_date"] = s.end.parts()
    if s.qualified or s.end is None and s.last_day is None:
        out["display_date"] = edtf
    return out


def _sources_html(links) -> str:
    seen, items = set(), []
    for link in links:
        key = (link["title"], link["url"])
        if key in seen:
            continue
        seen.add(key)
        title = escape(link["title"])
        items.append(f'<a href="{escape(link["url"])}">{title}</a>' if link["url"] else title)
    return f"<p>Sources: {'; '.join(items)}</p>" if items else ""


def _slide(unique_id: str, obj, headline: str, body: str, group, links) -> dict:
    slide = {"unique_id": unique_id, **_date_fields(obj)}
    slide["text"] = {"headline": escape(headline), "text": body + _sources_html(links)}
    if group:
        slide["group"] = group
    return slide


def _paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text else ""


def events(selection: Selection):
    qs = selection.queryset("events").annotate(
        t_group=_first_treaty(events=OuterRef("pk")), t_links=_links("event")
    )
    for obj in selection.iterate("events", qs):
        place = _paragraph(obj.place_name)
        yield _slide(
            f"event-{obj.pk}",
            obj,
            obj.title,
            _paragraph(obj.summary) + place,
            obj.t_group,
            obj.t_links,
        )


def statements(selection: Selection):
    qs = (
        selection.queryset("statements")
        .select_related("speaker")
        .annotate(t_group=_first_treaty(statements=OuterRef("pk")), t_links=_links("statement"))
    )
    for obj in selection.iterate("statements", qs):
        body = f"<blockquote>{escape(obj.text)}</blockquote>" + _paragraph(obj.venue)
        yield _slide(f"statement-{obj.pk}", obj, obj.speaker.name, body, obj.t_group, obj.t_links)


def treaty_actions(selection: Selection):
    qs = (
        selection.queryset("treaty_actions")
        .select_related("treaty", "actor")
        .annotate(t_links=_links("treaty_action"))
    )
    for obj in selection.iterate("treaty_actions", qs):
        who = obj.actor.name if obj.x_actor_id else "all parties"
        treaty = obj.treaty.short_name or obj.treaty.name
        headline = f"{treaty}: {obj.get_action_display()} by {who}"
        yield _slide(
            f"treaty_action-{obj.pk}", obj, headline, _paragraph(obj.note), treaty, obj.t_links
        )


SLIDES = {"events": events, "statements": statements, "treaty_actions": treaty_actions}


def render(selection: Selection, counter: Counter) -> Iterator[bytes]:
    def slides():
        for name in selection.datasets:
            for slide in SLIDES[name](selection):
                counter.rows += 1
                yield dumps(slide)

    title = {
        "text": {
            "headline": "timeline",
            "text": "<p>Published events, statements and treaty actions.</p>",
        }
    }
    yield b'{"title":' + dumps(title) + b',"events":['
    yield from json_array(slides())
    yield b"]}\n"
