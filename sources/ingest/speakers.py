"""Who is who in an article: mentions of people and organisations, and coreference.

Mentions are read outside quotes only (a name inside a quote is what the
speaker talks about, not who speaks). Each mention is resolved in reading
order: names to actors (by name, alias or surname), titles ("the minister",
"the Russian top diplomat") to the person the article gave a compatible
title, pronouns to the last person or the last organisation that spoke, and
"the ministry" / "the statement" to the organisation that issued it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from sources.ingest.actor_index import ActorIndex, title_compatible
from sources.ingest.article import ParsedArticle
from sources.ingest.knowledge import ActorInfo, Knowledge, key
from sources.ingest.lexicon import SPEAKER_NOUNS, TITLE_PARTS
from sources.ingest.mention_patterns import (
    ANAPHOR_RE,
    GROUP_NOUNS,
    NAME_OR_SURNAME,
    ORG_HEAD_ALT,
    ORG_RE,
    PERSON_CUE_RE,
    PERSON_TITLED_RE,
    PRONOUN_RE,
    TITLE_CAPS_ONLY_RE,
    TITLE_LEFT_RE,
    TITLE_ONLY_RE,
    org_display,
)
from sources.ingest.spans import Disjoint, SpanIndex

# How many people named later a title may point forward to ("the minister … Ms Berg said").
CATAPHORA_REACH = 20


@dataclass(eq=False)
class Entity:
    key: str
    name: str
    kind: str  # person | organisation | state | group | unknown
    actor: ActorInfo | None = None
    titles: set[str] = field(default_factory=set)
    printed: list[str] = field(default_factory=list)

    @property
    def display(self) -> str:
        return self.actor.name if self.actor else self.name


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str  # name | title | anaphor | pronoun | phrase
    entity: Entity | None = None
    title: str = ""
    noun: str = ""
    speaker: bool = False


class Resolver:
    def __init__(self, article: ParsedArticle, knowledge: Knowledge, masked: dict[int, str]):
        self.article = article
        self.index = knowledge.cached("actors", lambda: ActorIndex(knowledge))
        self.masked = masked
        self.entities: dict[str, Entity] = {}
        self.mentions: list[Mention] = []

    # -- entities ------------------------------------------------------------------------
    def _entity_for_actor(self, actor: ActorInfo, printed: str) -> Entity:
        k = f"actor:{actor.id if actor.id is not None else actor.name}"
        entity = self.entities.get(k)
        if entity is None:
            entity = Entity(k, actor.name, actor.kind, actor)
            entity.titles |= actor.title_words()
            self.entities[k] = entity
        entity.printed.append(printed)
        return entity

    def _entity_for_person(self, name: str) -> Entity:
        actor = self.index.lookup(name)
        if actor is not None:
            return self._entity_for_actor(actor, name)
        surname = name.split()[-1]
        k = f"person:{surname.lower()}"
        entity = self.entities.get(k)
        if entity is None:
            entity = Entity(k, name, "person")
            self.entities[k] = entity
        elif len(name) > len(entity.name):
            entity.name = name
        entity.printed.append(name)
        return entity

    def _entity_for_org(self, printed: str) -> Entity:
        actor = self.index.lookup(printed) or self.index.lookup(org_display(printed))
        if actor is None:
            for name, actors in self.index.folded.items():
                inside = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", key(printed))
                if " " in name and inside:
                    qualifiers = printed[: len(printed) - len(printed.lstrip())].split()
                    qualifiers += printed.split()[
                        : max(0, len(printed.split()) - len(name.split()))
                    ]
                    if not self.index.foreign_to(actors[0], qualifiers):
                        actor = actors[0]
                    break
        if actor is not None:
            return self._entity_for_actor(actor, printed)
        display = org_display(printed)
        k = f"org:{key(display)}"
        entity = self.entities.setdefault(k, Entity(k, display, "organisation"))
        entity.printed.append(printed)
        return entity

    # -- scanning ------------------------------------------------------------------------
    def scan(self, extra_spans: list[tuple[int, int, bool]]) -> None:
        """Collect mentions outside quotes plus the given speaker spans (start, end, speaker)."""
        found: list[Mention] = []
        for index, para in enumerate(self.article.paragraphs):
            if para.kind not in ("lead", "body"):
                continue
            text = self.masked[index]
            base = para.start
            taken = Disjoint([(0, para.skip)] if para.skip else [])
            free = taken.free
            first_of_paragraph = len(found)

            for s, e, actor in self.index.find(text):
                if free(s, e):
                    kind = "name"
                    found.append(
                        Mention(
                            base + s,
                            base + e,
                            text[s:e],
                            kind,
                            self._entity_for_actor(actor, text[s:e]),
                        )
                    )
                    taken.add(s, e)
            by_start: dict[int, list[Mention]] = {}
            for mention in found[first_of_paragraph:]:
                by_start.setdefault(mention.start, []).append(mention)
            for m in PERSON_TITLED_RE.finditer(text):
                s, e = m.start("name"), m.end("name")
                left = TITLE_LEFT_RE.search(text, max(0, m.start() - 60), m.start())
                mods = left.group(0).split() if left else []
                while mods and mods[0].lower() not in TITLE_PARTS and not mods[0][0].isupper():
                    mods.pop(0)
                title = " ".join(mods) + " " + text[m.start() : s]
                if not free(s, e):
                    # A known name: still learn the title it carries.
                    for mention in by_start.get(base + s, ()):
                        if mention.entity is not None:
                            mention.entity.titles |= set(re.findall(r"[a-z]+", title.lower()))
                    continue
                entity = self._entity_for_person(m.group("name"))
                entity.titles |= set(re.findall(r"[a-z]+", title.lower()))
                found.append(Mention(base + s, base + e, m.group("name"), "name", entity))
                by_start.setdefault(base + s, []).append(found[-1])
                taken.add(s, e)
            for m in PERSON_CUE_RE.finditer(text):
                s, e = m.start("name"), m.end("name")
                if free(s, e) and not re.search(ORG_HEAD_ALT, m.group("name"), re.IGNORECASE):
                    entity = self._entity_for_person(m.group("name"))
                    found.append(Mention(base + s, base + e, m.group("name"), "name", entity))
                    taken.add(s, e)
            for m in ORG_RE.finditer(text):
                s, e = m.start("org"), m.end("org")
                if free(s, e):
                    found.append(
                        Mention(
                            base + s,
                            base + e,
                            m.group("org"),
                            "name",
                            self._entity_for_org(m.group("org")),
                        )
                    )
                    taken.add(s, e)
            for rx in (TITLE_ONLY_RE, TITLE_CAPS_ONLY_RE):
                for m in rx.finditer(text):
                    if free(m.start(), m.end()) and self._title_mods_ok(m.group("mods")):
                        found.append(
                            Mention(
                                base + m.start(),
                                base + m.end(),
                                m.group(0),
                                "title",
                                title=m.group("mods"),
                                noun=m.group("noun"),
                            )
                        )
                        taken.add(m.start(), m.end())
            for m in ANAPHOR_RE.finditer(text):
                if free(m.start(), m.end()):
                    found.append(
                        Mention(
                            base + m.start(),
                            base + m.end(),
                            m.group(0),
                            "anaphor",
                            noun=m.group("noun").lower(),
                        )
                    )
                    taken.add(m.start(), m.end())
        by_span = SpanIndex(found, lambda m: (m.start, m.end))
        extras: list[Mention] = []  # added below, in order of start
        reach: list[int] = []
        for s, e, is_speaker in sorted(extra_spans):
            inside = by_span.overlapping(s, e)
            k = len(extras) - 1
            while k >= 0 and reach[k] > s:
                if extras[k].end > s:
                    inside.append(extras[k])
                k -= 1
            if inside:
                for m in inside:
                    m.speaker = m.speaker or is_speaker
                continue
            phrase = self.article.body[s:e]
            bare = re.sub(r"(?:’s|'s)$", "", phrase.strip())
            if PRONOUN_RE.match(bare):
                found.append(Mention(s, e, phrase, "pronoun", speaker=is_speaker))
            elif (actor := self.index.lookup(bare)) is not None:
                found.append(
                    Mention(
                        s,
                        e,
                        phrase,
                        "name",
                        self._entity_for_actor(actor, bare),
                        speaker=is_speaker,
                    )
                )
            elif re.fullmatch(NAME_OR_SURNAME, bare) and bare.lower() not in GROUP_NOUNS:
                found.append(
                    Mention(s, e, phrase, "name", self._entity_for_person(bare), speaker=is_speaker)
                )
            else:
                found.append(Mention(s, e, phrase, "phrase", speaker=is_speaker))
            extras.append(found[-1])
            reach.append(max(reach[-1], e) if reach else e)
        found.sort(key=lambda m: (m.start, -m.end))
        self.mentions = found
        self._index = SpanIndex(found, lambda m: (m.start, m.end))

    @staticmethod
    def _title_mods_ok(mods: str) -> bool:
        for word in mods.lower().replace("’s", "").replace("'s", "").split():
            if word not in TITLE_PARTS and not re.fullmatch(r"[a-z.]+(?:an|ese|ish|i|ch)", word):
                return False
        return True

    # -- resolution ----------------------------------------------------------------------
    def resolve(self) -> None:
        last_person: Entity | None = None
        last_org: Entity | None = None
        last_org_speaker: Entity | None = None
        last_person_speaker: Entity | None = None
        persons_seen: list[Entity] = []
        named_persons = SpanIndex(
            [
                m
                for m in self.mentions
                if m.kind == "name" and m.entity and m.entity.kind == "person"
            ],
            lambda m: (m.start, m.end),
        )
        orgs_seen: list[Entity] = []
        for m in self.mentions:
            if m.kind == "name":
                pass
            elif m.kind == "title":
                m.entity = self._resolve_title(m, persons_seen, named_persons)
            elif m.kind == "pronoun":
                word = m.text.strip().lower()
                if word in ("he", "she", "him", "her"):
                    m.entity = (
                        last_person
                        or last_person_speaker
                        or self._first_after(named_persons, m.start)
                    )
                else:
                    m.entity = last_org_speaker or last_org
            elif m.kind == "anaphor":
                m.entity = self._resolve_anaphor(m, orgs_seen, last_org_speaker, last_org)
            elif m.kind == "phrase":
                m.entity = self._resolve_phrase(m)
            entity = m.entity
            if entity is None:
                continue
            if entity.kind == "person":
                last_person = entity
                if entity in persons_seen:
                    persons_seen.remove(entity)
                persons_seen.append(entity)
                if m.speaker:
                    last_person_speaker = entity
            elif entity.kind in ("organisation", "group", "state"):
                last_org = entity
                if entity in orgs_seen:
                    orgs_seen.remove(entity)
                orgs_seen.append(entity)
                if m.speaker:
                    last_org_speaker = entity

    @staticmethod
    def _first_after(named: SpanIndex, position: int) -> Entity | None:
        for m in named.iter_from(named.first_starting_after(position)):
            return m.entity
        return None

    def _resolve_title(self, m: Mention, seen: list[Entity], named: SpanIndex):
        for strict in (True, False):
            for entity in reversed(seen):
                if entity.actor is not None and self.index.foreign_to(
                    entity.actor, m.title.split()
                ):
                    continue  # "the Chinese foreign minister" is not Russia's
                ok = title_compatible(m.noun, m.title, entity)
                if ok or (not strict and ok is None):
                    entity.titles |= set(re.findall(r"[a-z]+", f"{m.title} {m.noun}".lower()))
                    return entity
            later = named.iter_from(named.first_starting_after(m.start))
            for other in itertools.islice(later, CATAPHORA_REACH):  # named later in the article
                actor = other.entity.actor if other.entity else None
                if other.entity and not (actor and self.index.foreign_to(actor, m.title.split())):
                    ok = title_compatible(m.noun, m.title, other.entity)
                    if ok or (not strict and ok is None):
                        return other.entity
        words = f"{m.title} {m.noun}".split()
        k = f"title:{key(' '.join(words))}"
        return self.entities.setdefault(k, Entity(k, org_display(" ".join(words)), "person"))

    def _resolve_anaphor(self, m: Mention, orgs: list[Entity], org_speaker, last_org):
        noun = m.noun
        if noun in SPEAKER_NOUNS:
            return org_speaker or last_org
        for entity in reversed(orgs):
            names = [entity.name, *(entity.actor.names() if entity.actor else []), *entity.printed]
            if any(noun in n.lower() for n in names):
                return entity
        if org_speaker is not None and org_speaker.kind == "organisation":
            return org_speaker
        k = f"org:{noun}"
        return self.entities.setdefault(k, Entity(k, noun.capitalize(), "organisation"))

    def _resolve_phrase(self, m: Mention) -> Entity | None:
        text = m.text.strip()
        if not text:
            return None
        actor = self.index.lookup(text)
        if actor is not None:
            return self._entity_for_actor(actor, text)
        k = f"phrase:{key(text)}"
        return self.entities.setdefault(k, Entity(k, org_display(text), "unknown"))

    def speaker_at(self, span: tuple[int, int] | None) -> tuple[Entity | None, Mention | None]:
        if span is None:
            return None, None
        s, e = span
        inside = [m for m in self._index.overlapping(s, e) if m.entity is not None]
        if not inside:
            return None, None
        rank = {"name": 0, "title": 1, "anaphor": 2, "pronoun": 3, "phrase": 4}
        # A named person in the phrase speaks, not the body they speak for ("Chinese
        # Foreign Ministry spokesperson Hua Lan").
        best = min(
            inside,
            key=lambda m: (rank[m.kind], m.entity.kind != "person", -(m.end - m.start)),
        )
        return best.entity, best
