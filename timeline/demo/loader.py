"""Load the demo dataset: idempotent upserts by natural key, in one transaction.

A record is saved only when one of its values differs from the data, so a
second run writes nothing (no new rows, no new history rows). Citations are
located in their source's body by ``Citation.locate`` (``sources.text``).

The demo belongs to its curators once loaded: ``make run`` loads it on every
start, so a record anyone changed, retitled or deleted after the loader wrote it
is left alone (with its related rows), and only records whose latest history row
is the loader's own are refreshed to a newer release of the demo data. Those
history rows name the inactive ``demo-loader`` account and the reason
"Loaded demo data".
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
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


LOADER_USERNAME = "demo-loader"
LOADER_REASON = "Loaded demo data"


def loader_account():
    """The account the loader's history rows name; inactive, so nobody can sign in as it."""
    user, created = get_user_model().objects.get_or_create(
        username=LOADER_USERNAME, defaults={"is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


class Loader:
    def __init__(self):
        self.written: dict[str, int] = {}
        # Records left as they are because someone changed them after the loader did.
        self.kept: list[str] = []
        self.user = None
        self.actors: dict[str, Actor] = {}
        self.treaties: dict[str, Treaty] = {}
        self.events: dict[str, Event] = {}
        self.sources: dict[str, Source] = {}

    # -- generic upsert -------------------------------------------------------
    def _stamp(self, obj) -> None:
        obj._history_user = self.user
        obj._change_reason = LOADER_REASON

    @staticmethod
    def _history(model):
        return getattr(model, "history", None)

    def owned(self, obj) -> bool:
        """True when the loader wrote the latest version of ``obj`` (nobody changed it since)."""
        if obj is None:
            return False
        if getattr(obj, "_loaded_now", False):
            return True
        history = self._history(type(obj))
        if history is None:
            return True
        latest = (
            history.filter(id=obj.pk)
            .order_by("-history_date", "-history_id")
            .values_list("history_change_reason", "history_user__username")
            .first()
        )
        return latest == (LOADER_REASON, LOADER_USERNAME)

    def upsert(self, model, lookup: dict, values: dict):
        """Get the row matching ``lookup``; create it, or update it only if ``values`` differ.

        Returns None for a row someone deleted or whose natural key they changed (its
        history exists but the row does not): it is not brought back. A row whose
        latest change is not the loader's keeps its values.
        """
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            history = self._history(model)
            if history is not None and history.filter(**lookup).exists():
                self.kept.append(f"{model.__name__} {lookup_label(lookup)} (removed or renamed)")
                return None
            obj = model(**lookup, **values)
        else:
            changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
            if not changed:
                return obj
            if not self.owned(obj):
                self.kept.append(f"{model.__name__} “{obj}”")
                return obj
            for key, value in changed.items():
                setattr(obj, key, value)
            if hasattr(obj, "version"):
                # An admin form opened on the old values must not overwrite the new ones.
                obj.version += 1
        obj.full_clean()
        self._stamp(obj)
        obj.save()
        obj._loaded_now = True
        self.written[model.__name__] = self.written.get(model.__name__, 0) + 1
        return obj

    def set_m2m(self, obj, field: str, targets) -> None:
        if not self.owned(obj):
            return
        targets = [t for t in targets if t is not None]
        manager = getattr(obj, field)
        wanted = {t.pk for t in targets}
        if set(manager.values_list("pk", flat=True)) != wanted:
            self._stamp(obj)
            manager.set(targets)
            self.written[type(obj).__name__] = self.written.get(type(obj).__name__, 0) + 1

    def cite(self, record_field: str, record, cites) -> None:
        if not self.owned(record):
            return
        for key, excerpt in cites:
            if self.sources.get(key) is None:
                continue
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
                    "parent_id": _pk(self.actors.get(parent)),
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
            if not _present(self.actors.get(person), self.actors.get(organisation)):
                continue
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
                    "parent_id": _pk(self.types.get(parent)),
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
                    "country_id": _pk(self.actors.get(country)),
                },
            )
        for data in sources.SOURCES + sources_recent.RECENT_SOURCES:
            if not _present(outlets[data["outlet"]]):
                continue
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
            if not _present(self.types[data["event_type"]]):
                continue
            event = self.upsert(
                Event,
                {"slug": slug},
                {
                    "title": data["title"],
                    "summary": data["summary"],
                    "date": data["date"],
                    "event_type_id": self.types[data["event_type"]].pk,
                    "place_name": place_name,
                    "place_country_id": _pk(self.actors.get(country)),
                    "latitude": Decimal(lat) if lat else None,
                    "longitude": Decimal(lon) if lon else None,
                    "status": status,
                },
            )
            self.events[slug] = event
            if not self.owned(event):
                continue
            wanted = set()
            for actor, role in data["participants"]:
                if not _present(self.actors[actor]):
                    continue
                part = self.upsert(
                    EventParticipant,
                    {"event": event, "actor": self.actors[actor], "role": role},
                    {},
                )
                if part is not None:
                    wanted.add(part.pk)
            for part in event.participations.exclude(pk__in=wanted):
                if self.owned(part):
                    self._stamp(part)
                    part.delete()
                    self.written["EventParticipant"] = self.written.get("EventParticipant", 0) + 1
            self.set_m2m(event, "treaties", [self.treaties[t] for t in data["treaties"]])
            self.set_m2m(event, "tags", [self.tags[t] for t in data["tags"]])
            self.cite("event", event, data["cite"])
        for source, kind, target in events.RELATIONS:
            if not _present(self.events.get(source), self.events.get(target)):
                continue
            self.upsert(
                EventRelation,
                {"from_event": self.events[source], "to_event": self.events[target], "kind": kind},
                {},
            )

    def load_treaty_actions(self) -> None:
        for treaty, actor, action, date, extra in treaties.TREATY_ACTIONS:
            event = extra.get("event")
            if not _present(self.treaties[treaty]) or (actor and not self.actors[actor]):
                continue
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
                    "event_id": _pk(self.events.get(event)),
                    "status": extra.get("status", Status.PUBLISHED),
                },
            )
            self.cite("treaty_action", record, extra.get("cite", []))

    def load_statements(self) -> None:
        for data in statements.STATEMENTS:
            behalf = data.get("on_behalf_of")
            if not _present(self.actors[data["speaker"]]):
                continue
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
                    "on_behalf_of_id": _pk(self.actors.get(behalf)),
                    "status": data.get("status", Status.PUBLISHED),
                },
            )
            self.set_m2m(
                statement, "treaties", [self.treaties[t] for t in data.get("treaties", [])]
            )
            self.set_m2m(statement, "events", [self.events.get(e) for e in data.get("events", [])])
            self.cite("statement", statement, data["cite"])

    def load(self) -> dict[str, int]:
        with transaction.atomic():
            self.user = loader_account()
            self.load_actors()
            self.load_treaties()
            self.load_event_types_and_tags()
            self.load_sources()
            self.load_events()
            self.load_treaty_actions()
            self.load_statements()
        return self.written


def _pk(obj):
    return obj.pk if obj is not None else None


def _present(*objs) -> bool:
    """False when a record this one needs was removed by a curator: then it is skipped too."""
    return all(obj is not None for obj in objs)


def lookup_label(lookup: dict) -> str:
    return ", ".join(f"{key}={value}" for key, value in lookup.items())[:120]


def load_demo(loader: Loader | None = None) -> dict[str, int]:
    """Load (or refresh) the demo dataset; return how many rows of each model were written."""
    return (loader or Loader()).load()


def counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in MODELS}
