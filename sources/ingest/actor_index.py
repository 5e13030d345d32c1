"""Names, aliases and surnames of the known actors, compiled for matching in text."""

from __future__ import annotations

import re

from sources.ingest.knowledge import ActorInfo, Knowledge, key
from sources.ingest.lexicon import TITLE_WORDS

# A nationality adjective or a capitalised place word that can qualify a body or a post
# ("Chinese Foreign Ministry", "the French foreign minister", "US State Department").
NATIONALITY_RE = re.compile(r"[A-Z][a-z.]+(?:an|ese|ish|i|ch)|[A-Z]{2,3}|[A-Z]\.[A-Z]\.")
_QUALIFIER_BEFORE = re.compile(r"((?:[A-Z][\w.]*\s+){1,2})$")


class ActorIndex:
    """Names, aliases and surnames of known actors, for matching in text."""

    def __init__(self, knowledge: Knowledge):
        self.by_id = {a.id: a for a in knowledge.actors if a.id is not None}
        self.exact: dict[str, list[ActorInfo]] = {}
        self.folded: dict[str, list[ActorInfo]] = {}
        self.surname: dict[str, list[ActorInfo]] = {}
        for actor in knowledge.actors:
            for name in actor.names():
                self.exact.setdefault(name, []).append(actor)
                self.folded.setdefault(key(name), []).append(actor)
            for surname in actor.surnames():
                self.surname.setdefault(surname, []).append(actor)
        multi = sorted({n for n in self.exact if " " in n}, key=len, reverse=True)
        single = sorted(
            {n for n in self.exact if " " not in n} | set(self.surname), key=len, reverse=True
        )
        self.multi_re = (
            re.compile(
                r"(?<![\w])(?:" + "|".join(re.escape(n) for n in multi) + r")(?![\w])",
                re.IGNORECASE,
            )
            if multi
            else None
        )
        self.single_re = (
            re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in single) + r")(?![\w’'])")
            if single
            else None
        )

    def lookup(self, printed: str) -> ActorInfo | None:
        for table, k in ((self.exact, printed), (self.folded, key(printed))):
            if table.get(k):
                return table[k][0]
        parts = printed.split()
        if parts and parts[-1] in self.surname and len(self.surname[parts[-1]]) == 1:
            actor = self.surname[parts[-1]][0]
            # "Sergey Lavrov" for a stored "Sergei Lavrov": same surname, first names alike.
            if len(parts) == 1 or any(
                n.split()[0][:3].lower() == parts[0][:3].lower() for n in actor.names() if " " in n
            ):
                return actor
        return None

    def find(self, text: str):
        for rx in (self.multi_re, self.single_re):
            if rx is None:
                continue
            for m in rx.finditer(text):
                actor = self.lookup(m.group(0))
                if actor is None:
                    continue
                before = _QUALIFIER_BEFORE.search(text, max(0, m.start() - 40), m.start())
                if before and self.foreign_to(actor, before.group(1).split()):
                    continue  # "Chinese Foreign Ministry" is not Russia's "Foreign Ministry"
                yield m.start(), m.end(), actor

    def country_names(self, actor: ActorInfo) -> list[str]:
        """Names of the state an actor belongs to: itself, its parent, or (for a person) the
        parents of the bodies of their posts."""
        if actor.kind == "state":
            return actor.names()
        names: list[str] = []
        parent = self.by_id.get(actor.parent_id)
        if parent is not None:
            names += self.country_names(parent) if parent is not actor else []
        for pos in actor.positions:
            body = self.lookup(pos.organisation)
            if body is not None and body is not actor:
                names += self.country_names(body)
            names.append(pos.organisation)
        return names

    def foreign_to(self, actor: ActorInfo, words: list[str]) -> bool:
        """Whether a qualifier printed before an actor's name ("Chinese", "French") names
        another country than the actor's. Unknown country: no conflict can be shown."""
        qualifiers = [w for w in words if NATIONALITY_RE.fullmatch(w.strip(".,"))]
        if not qualifiers:
            return False
        countries = self.country_names(actor)
        if not countries:
            return False
        stems = {w[:4].lower() for name in countries for w in name.split() if len(w) >= 4}
        stems |= {name.replace(".", "").lower() for name in countries if len(name) <= 4}
        return not any(
            q.strip(".,")[:4].lower() in stems or q.replace(".", "").lower() in stems
            for q in qualifiers
        )


def title_compatible(noun: str, mods: str, entity) -> bool | None:
    """Whether a printed title ("the top Russian diplomat") fits a speaker entity: True or
    False when its known titles say so; None when it has none."""
    if not entity.titles:
        return None
    nations = {w.lower() for w in mods.split() if NATIONALITY_RE.fullmatch(w)}
    known = {w for w in entity.titles if NATIONALITY_RE.fullmatch(w.capitalize())}
    if nations and known and not nations & known:
        return False  # "the French foreign minister" is not the one printed as Chinese
    wanted = TITLE_WORDS.get(noun.lower(), {noun.lower()})
    if not wanted:
        return True
    if not entity.titles & wanted:
        return False
    mod_words = {
        w
        for w in re.findall(r"[a-z]+", mods.lower())
        if w in {"foreign", "defense", "defence", "prime"}
    }
    return not mod_words or bool(mod_words & entity.titles) or noun.lower() == "diplomat"
