"""JSON-LD with schema.org: Event, Legislation (treaties), Quotation (statements),
NewsArticle (sources), Person / Organization (actors).

The context is inline (no remote fetch needed to expand it). Every node has a
stable ``@id`` (``<TIMELINE_BASE_URI><kind>:<id>``, by default ``urn:timeline:``)
and ``sameAs`` its Wikidata entity when known. Dates are ISO 8601 at their real
precision (2019, 2019-03, 2019-03-19).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.db.models import F

from api.exports.dates import span
from api.exports.formats.jsonl import nested_rows
from api.exports.selection import Selection
from api.exports.stream import Counter, dumps, json_array
from timeline.models import ActorKind, ParticipantRole

NAME = "JSON-LD"
MEDIA_TYPE = "application/ld+json"
EXTENSION = "jsonld"
SUPPORTED = ("actors", "treaties", "events", "statements", "sources")
ALL_DATASETS = SUPPORTED
INCREMENTAL = False

CONTEXT = {
    "@vocab": "https://schema.org/",
    "schema": "https://schema.org/",
    "wd": "http://www.wikidata.org/entity/",
}
WIKIDATA = "http://www.wikidata.org/entity/"
ORGANISER_ROLES = {ParticipantRole.INITIATOR, ParticipantRole.HOST}


def base_uri() -> str:
    return getattr(settings, "TIMELINE_BASE_URI", "urn:timeline:")


def node_id(kind: str, pk) -> dict:
    return {"@id": f"{base_uri()}{kind}:{pk}"}


def _put(node: dict, key: str, value) -> None:
    if value not in (None, "", [], {}):
        node[key] = value


def _dates(node: dict, s, start: str, end: str | None = None) -> None:
    node[start] = s.start.iso()
    if end and s.end is not None:
        node[end] = s.end.iso()


def actor(obj) -> dict:
    node = {**node_id("actor", obj.pk)}
    node["@type"] = "Person" if obj.kind == ActorKind.PERSON else "Organization"
    node["name"] = obj.name
    _put(node, "alternateName", [n for n in [obj.short_name, *obj.aliases] if n])
    _put(node, "identifier", obj.slug)
    _put(node, "description", obj.description)
    if obj.wikidata_id:
        node["sameAs"] = {"@id": WIKIDATA + obj.wikidata_id}
    if obj.x_parent_id:
        key = "memberOf" if obj.kind == ActorKind.PERSON else "parentOrganization"
        node[key] = node_id("actor", obj.x_parent_id)
    return node


def treaty(obj) -> dict:
    node = {**node_id("treaty", obj.pk), "@type": "Legislation", "name": obj.name}
    _put(node, "alternateName", [n for n in [obj.short_name, *obj.aliases] if n])
    _put(node, "identifier", obj.slug)
    _put(node, "legislationType", f"{obj.kind} treaty")
    if obj.signed:
        _dates(node, span(obj.signed, obj.signed_start, obj.signed_end), "legislationDate")
    if obj.expires:
        _dates(node, span(obj.expires, obj.expires_start, obj.expires_end), "expires")
    _put(node, "description", obj.summary)
    if obj.wikidata_id:
        node["sameAs"] = {"@id": WIKIDATA + obj.wikidata_id}
    return node


def event(obj) -> dict:
    node = {**node_id("event", obj.pk), "@type": "Event", "name": obj.title}
    _put(node, "identifier", obj.slug)
    _put(node, "description", obj.summary)
    _dates(node, _span(obj), "startDate", "endDate")
    _put(node, "keywords", obj.j_type)
    if obj.place_name or obj.latitude is not None or obj.x_place_country_id:
        place: dict = {"@type": "Place"}
        _put(place, "name", obj.place_name)
        if obj.latitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(obj.latitude),
                "longitude": float(obj.longitude),
            }
        if obj.x_place_country_id:
            place["containedInPlace"] = node_id("actor", obj.x_place_country_id)
        node["location"] = place
    roles = obj.n_participants
    _put(
        node,
        "organizer",
        [node_id("actor", p["actor_id"]) for p in roles if p["role"] in ORGANISER_ROLES],
    )
    _put(
        node,
        "attendee",
        [node_id("actor", p["actor_id"]) for p in roles if p["role"] not in ORGANISER_ROLES],
    )
    _put(node, "about", [node_id("treaty", pk) for pk in obj.x_treaties])
    _put(node, "subjectOf", _sources(obj.n_citations))
    return node


def statement(obj) -> dict:
    node = {**node_id("statement", obj.pk), "@type": "Quotation", "text": obj.text}
    node["creator"] = node_id("actor", obj.speaker_id)
    if obj.x_on_behalf_of_id:
        node["sourceOrganization"] = node_id("actor", obj.x_on_behalf_of_id)
    _dates(node, _span(obj), "dateCreated")
    node["inLanguage"] = obj.language
    if obj.venue:
        node["locationCreated"] = {"@type": "Place", "name": obj.venue}
    _put(
        node,
        "about",
        [node_id("treaty", pk) for pk in obj.x_treaties]
        + [node_id("event", pk) for pk in obj.x_events],
    )
    _put(node, "citation", _sources(obj.n_citations))
    return node


def source(obj) -> dict:
    node = {**node_id("source", obj.pk), "@type": "NewsArticle", "headline": obj.title}
    if obj.url:
        node["url"] = {"@id": obj.url}
    if obj.published:
        _dates(
            node,
            span(
                obj.published,
                obj.published_start,
                obj.published_end,
                obj.published_precision or None,
            ),
            "datePublished",
        )
    if obj.outlet_id:
        node["publisher"] = {"@type": "Organization", "name": obj.outlet.name}
    node["inLanguage"] = obj.language
    _put(node, "dateline", obj.dateline_place)
    node["articleBody"] = obj.body
    if obj.x_duplicate_of_id:
        node["isBasedOn"] = node_id("source", obj.x_duplicate_of_id)
    return node


def _span(obj):
    return span(obj.date, obj.date_start, obj.date_end, obj.precision)


def _sources(citations) -> list[dict]:
    seen = dict.fromkeys(c["source_id"] for c in citations)
    return [node_id("source", pk) for pk in seen]


def _events_qs(qs):
    return qs.annotate(
        n_participants=nested_rows("participants", "event"),
        n_citations=nested_rows("citations", "event"),
        j_type=F("event_type__name"),
    )


BUILDERS = {
    "actors": (actor, None),
    "treaties": (treaty, None),
    "events": (event, _events_qs),
    "statements": (
        statement,
        lambda qs: qs.annotate(n_citations=nested_rows("citations", "statement")),
    ),
    "sources": (source, lambda qs: qs.select_related("outlet")),
}


def render(selection: Selection, counter: Counter) -> Iterator[bytes]:
    def nodes():
        for name in selection.datasets:
            build, extend = BUILDERS[name]
            qs = selection.queryset(name)
            if extend is not None:
                qs = extend(qs)
            for obj in selection.iterate(name, qs):
                counter.rows += 1
                yield dumps(build(obj))

    yield b'{"@context":' + dumps(CONTEXT) + b',"@graph":['
    yield from json_array(nodes())
    yield b"]}\n"
