"""What the parser knows about the world, as plain data: actors, treaties, outlets.

The database layer fills these from the tables; tests build them by hand.
The parsing modules never import Django models.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from sources.text import normalise


@functools.lru_cache(maxsize=65536)
def key(text: str) -> str:
    """A matching key: folded quotes and dashes, lower case, hyphens as spaces, no 'the'."""
    text = normalise(text).casefold().replace("’", "'")
    text = re.sub(r"[-/]", " ", text)
    text = re.sub(r"[.,()\"]", "", text)
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.split())


@dataclass
class PositionInfo:
    title: str
    organisation: str
    start: dt.date | None
    end: dt.date | None


@dataclass
class ActorInfo:
    id: int | None
    name: str
    kind: str  # state | organisation | person | group
    short_name: str = ""
    aliases: list[str] = field(default_factory=list)
    positions: list[PositionInfo] = field(default_factory=list)
    parent_id: int | None = None

    def names(self) -> list[str]:
        return [n for n in [self.name, self.short_name, *self.aliases] if n]

    def surnames(self) -> set[str]:
        if self.kind != "person":
            return set()
        tails = [n.split() for n in self.names()]
        return {t[-1] for t in tails if len(t) >= 2 and len(t[-1]) >= 3}

    def title_words(self) -> set[str]:
        words: set[str] = set()
        for pos in self.positions:
            words |= set(re.findall(r"[a-z]+", pos.title.lower()))
            if "foreign affairs" in pos.title.lower():
                words |= {"foreign", "diplomat"}
        return words


@dataclass
class TreatyInfo:
    id: int | None
    name: str
    short_name: str = ""
    aliases: list[str] = field(default_factory=list)
    signed: dt.date | None = None
    in_force: dt.date | None = None
    ends: dt.date | None = None  # expiry or termination, the latest known
    dates: list[dt.date] = field(default_factory=list)  # every known dated fact

    @property
    def display(self) -> str:
        return self.short_name or self.name

    def names(self) -> list[str]:
        return [n for n in [self.name, self.short_name, *self.aliases] if n]

    def in_force_on(self, day: dt.date) -> bool:
        start = self.in_force or self.signed
        return (start is None or start <= day) and (self.ends is None or day <= self.ends)


@dataclass
class OutletInfo:
    id: int | None
    name: str
    aliases: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class EventInfo:
    """An event the database holds, as far as matching a mention to it needs."""

    id: int
    title: str
    type_name: str
    start: dt.date
    end: dt.date
    treaty_ids: set[int] = field(default_factory=set)
    actor_ids: set[int] = field(default_factory=set)


@dataclass
class Knowledge:
    actors: list[ActorInfo] = field(default_factory=list)
    treaties: list[TreatyInfo] = field(default_factory=list)
    outlets: list[OutletInfo] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)
    events: list[EventInfo] = field(default_factory=list)

    def events_about(self, treaty_ids: set[int], actor_ids: set[int]) -> list[EventInfo]:
        """Known events linked to one of the treaties, or (without treaties) the actors."""
        index = self.cached("events", self._index_events)
        keys = [("t", i) for i in treaty_ids] or [("a", i) for i in actor_ids]
        found = {ev.id: ev for k in keys for ev in index.get(k, ())}
        return list(found.values())

    def _index_events(self) -> dict[tuple[str, int], list[EventInfo]]:
        index: dict[tuple[str, int], list[EventInfo]] = {}
        for ev in self.events:
            for t in ev.treaty_ids:
                index.setdefault(("t", t), []).append(ev)
            for a in ev.actor_ids:
                index.setdefault(("a", a), []).append(ev)
        return index

    def __post_init__(self):
        self._outlet_index: dict[str, OutletInfo] = {}
        for outlet in self.outlets:
            for name in outlet.names():
                self._outlet_index.setdefault(key(name.strip("/ ")), outlet)

    def cached(self, name: str, build):
        """A lookup structure built once per run (regexes over every name)."""
        store = self.__dict__.setdefault("_cache", {})
        if name not in store:
            store[name] = build()
        return store[name]

    def outlet(self, printed: str | None) -> OutletInfo | None:
        if not printed:
            return None
        return self._outlet_index.get(key(printed.strip("/ ")))
