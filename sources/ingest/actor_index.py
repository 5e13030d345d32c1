"""Names, aliases and surnames of the known actors, compiled for matching in text."""

from __future__ import annotations

import re

from sources.ingest.knowledge import ActorInfo, Knowledge, key


class ActorIndex:
    """Names, aliases and surnames of known actors, for matching in text."""

    def __init__(self, knowledge: Knowledge):
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
                if actor is not None:
                    yield m.start(), m.end(), actor
