"""Load the demo dataset: idempotent upserts by natural key, in one transaction.

A record is saved only when one of its values differs from the data, so a
second run writes nothing (no new rows, no new history rows). Citations are
located in their source's body by ``Citation.locate`` (``sources.text``).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from sources.models import Citation, Outlet, Source
from timeline.demo import (
    actors,
    events,
    events_recent,
    sources,
    sources_recent,
    statements,
    treaties,
)
from timeline.models import (
    Actor,
    Event,
    EventParticipant,
    EventRelation,
    EventType,
    Position,
    Statement,
    Tag,
    Treaty,
    TreatyAction,
)
from timeline.models.base import Status

MODELS = [
    Actor,
    Position,
    Treaty,
    TreatyAction,
    EventType,
    Tag,
    Event,
    EventParticipant,
    EventRelation,
    Statement,
    Outlet,
    Source,
    Citation,
]


class Loader:
    def __init__(self):
        self.written: dict[str, int] = {}
        self.actors: dict[str, Actor] = {}
        self.treaties: dict[str, Treaty] = {}
        self.events: dict[str, Event] = {}
        self.sources: dict[str, Source] = {}

    # -- generic upsert -------------------------------------------------------
    def upsert(self, model, lookup: dict, values: dict):
        """Get the row matching ``lookup``; create it, or update it only if ``values`` differ."""
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
        else:
            changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
            if not changed:
                return obj
            for key, value in changed.items():
                setattr(obj, key, value)
        obj.full_clean()
        obj.save()
        self.written[model.__name__] = self.written.get(model.__name__, 0) + 1
        return obj

    def set_m2m(self, obj, field: str, targets) -> None:
        manager = getattr(obj, field)
        wanted = {t.pk for t in targets}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(list(targets))

    def cite(self, record_field: str, record, cites) -> None:
        for key, excerpt in cites:
            self.upsert(
                Citation,
                {"source": self.sources[key], record_field: record, "excerpt": excerpt},
                {},
            )

    # -- sections -------------------------------------------------------------
    def load_actors(self) -> None:
        def put(slug, name, short, aliases, wikidata, kind, parent=None, description=""):
            status = Status.DRAFT if slug in actors.DRAFT_ACTORS else Status.PUBLISHED
            self.actors[slug] = self.upsert(
                Actor,
                {"slug": slug},
                {
                    "name": name,
                    "short_name": short,
                    "aliases": aliases,
                    "kind": kind,
                    "wikidata_id": wikidata,
                    "description": description,
                    "status": status,
                    "parent_id": self.actors[parent].pk if parent else None,
                },
            )

        for slug, name, short, aliases, wikidata in actors.STATES:
            put(slug, name, short, aliases, wikidata, "state")
        for slug, name, short, aliases, wikidata, parent in actors.ORGANISATIONS:
            put(slug, name, short, aliases, wikidata, "organisation", parent)
        for slug, name, short, aliases, wikidata, parent in actors.GROUPS:
            put(slug, name, short, aliases, wikidata, "group", parent)
        for slug, name, aliases, wikidata, description in actors.PEOPLE:
            put(slug, name, "", aliases, wikidata, "person", description=description)
        for person, organisation, title, period in actors.POSITIONS:
            self.upsert(
                Position,
                {
                    "person": self.actors[person],
                    "organisation": self.actors[organisation],
                    "title": title,
                    "period": period,
                },
                {},
            )

    def load_treaties(self) -> None:
        for data in treaties.TREATIES:
            data = dict(data)
            slug = data.pop("slug")
            data.setdefault("expires", "")
            data["status"] = Status.REVIEW if slug in treaties.REVIEW_TREATIES else Status.PUBLISHED
            self.treaties[slug] = self.upsert(Treaty, {"slug": slug}, data)

    def load_event_types_and_tags(self) -> None:
        self.types: dict[str, EventType] = {}
        for slug, name, parent, plover, cameo, description in events.EVENT_TYPES:
            self.types[slug] = self.upsert(
                EventType,
                {"slug": slug},
                {
                    "name": name,
                    "plover_code": plover,
                    "cameo_code": cameo,
                    "description": description,
                    "parent_id": self.types[parent].pk if parent else None,
                },
            )
        self.tags = {name: self.upsert(Tag, {"name": name}, {}) for name in events.TAGS}

    def load_sources(self) -> None:
        outlets = {}
        for name, slug, kind, country, aliases, url in sources.OUTLETS:
            outlets[name] = self.upsert(
                Outlet,
                {"slug": slug},
                {
                    "name": name,
                    "kind": kind,
                    "aliases": aliases,
                    "url": url,
                    "country_id": self.actors[country].pk if country else None,
                },
            )
        for data in sources.SOURCES + sources_recent.RECENT_SOURCES:
            status = Status.DRAFT if data["key"] in sources.DRAFT_SOURCES else Status.PUBLISHED
            self.sources[data["key"]] = self.upsert(
                Source,
                {"url": data["url"]},
                {
                    "outlet_id": outlets[data["outlet"]].pk,
                    "title": data["title"],
                    "published": data["published"],
                    "dateline_place": data["dateline"],
                    "language": "en",
                    "body": data["body"],
                    "status": status,
                },
            )

    def load_events(self) -> None:
        for data in events.EVENTS + events_recent.RECENT_EVENTS:
            slug = data["slug"]
            if slug in events.DRAFT_EVENTS:
                status = Status.DRAFT
            elif slug in events.REVIEW_EVENTS:
                status = Status.REVIEW
            else:
                status = Status.PUBLISHED
            place_name, country, lat, lon = (
                events.PLACES[data["place"]] if data["place"] else ("", None, None, None)
            )
            event = self.upsert(
                Event,
                {"slug": slug},
                {
                    "title": data["title"],
                    "summary": data["summary"],
                    "date": data["date"],
                    "event_type_id": self.types[data["event_type"]].pk,
                    "place_name": place_name,
                    "place_country_id": self.actors[country].pk if country else None,
                    "latitude": Decimal(lat) if lat else None,
                    "longitude": Decimal(lon) if lon else None,
                    "status": status,
                },
            )
            self.events[slug] = event
            wanted = set()
            for actor, role in data["participants"]:
                part = self.upsert(
                    EventParticipant,
                    {"event": event, "actor": self.actors[actor], "role": role},
                    {},
                )
                wanted.add(part.pk)
            stale = event.participations.exclude(pk__in=wanted)
            for part in stale:
                part.delete()
            self.set_m2m(event, "treaties", [self.treaties[t] for t in data["treaties"]])
            self.set_m2m(event, "tags", [self.tags[t] for t in data["tags"]])
            self.cite("event", event, data["cite"])
        for source, kind, target in events.RELATIONS:
            self.upsert(
                EventRelation,
                {"from_event": self.events[source], "to_event": self.events[target], "kind": kind},
                {},
            )

    def load_treaty_actions(self) -> None:
        for treaty, actor, action, date, extra in treaties.TREATY_ACTIONS:
            event = extra.get("event")
            record = self.upsert(
                TreatyAction,
                {
                    "treaty": self.treaties[treaty],
                    "actor": self.actors[actor] if actor else None,
                    "action": action,
                    "date": date,
                },
                {
                    "extended_until": extra.get("extended_until", ""),
                    "note": extra.get("note", ""),
                    "event_id": self.events[event].pk if event else None,
                    "status": extra.get("status", Status.PUBLISHED),
                },
            )
            self.cite("treaty_action", record, extra.get("cite", []))

    def load_statements(self) -> None:
        for data in statements.STATEMENTS:
            behalf = data.get("on_behalf_of")
            statement = self.upsert(
                Statement,
                {
                    "speaker": self.actors[data["speaker"]],
                    "date": data["date"],
                    "text": data["text"],
                },
                {
                    "kind": data["kind"],
                    "venue": data.get("venue", ""),
                    "language": "en",
                    "on_behalf_of_id": self.actors[behalf].pk if behalf else None,
                    "status": data.get("status", Status.PUBLISHED),
                },
            )
            self.set_m2m(
                statement, "treaties", [self.treaties[t] for t in data.get("treaties", [])]
            )
            self.set_m2m(statement, "events", [self.events[e] for e in data.get("events", [])])
            self.cite("statement", statement, data["cite"])

    def load(self) -> dict[str, int]:
        with transaction.atomic():
            self.load_actors()
            self.load_treaties()
            self.load_event_types_and_tags()
            self.load_sources()
            self.load_events()
            self.load_treaty_actions()
            self.load_statements()
        return self.written


def load_demo() -> dict[str, int]:
    """Load (or refresh) the demo dataset; return how many rows of each model were written."""
    return Loader().load()


def counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in MODELS}
