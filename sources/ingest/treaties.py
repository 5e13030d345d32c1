"""Treaty mentions: found by shape ("… Treaty", "Treaty on …", acronyms), resolved by name.

A mention is matched to a known treaty through its names and aliases after
folding (case, hyphens, "the", "treaty", possessives), through an acronym
defined in the article ("Intermediate-Range Nuclear Forces (INF) Treaty") or
the initials of a long name, and, failing those, by fuzzy similarity. When a
name fits several treaties (START I and New START are both "Strategic Arms
Reduction" treaties), the one in force on the publication date wins. A
treaty the database does not know is proposed under the name as printed.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from rapidfuzz import fuzz

from sources.ingest.article import ParsedArticle
from sources.ingest.knowledge import Knowledge, TreatyInfo, key
from sources.ingest.lexicon import MONTH_RE, WEEKDAY_RE
from sources.ingest.spans import Disjoint

_HEAD = r"(?:Treaty|treaty|Agreement|Accord|Convention|Protocol|Pact)"
_CAPWORD = r"(?:[A-Z][\w.’'\-]*|[A-Z0-9]{2,}[\w\-]*)"
_PAREN = r"\((?:[A-Z][\w.’'\- ]*)\)"
BEFORE_HEAD_RE = re.compile(
    rf"(?P<pre>(?:(?:{_CAPWORD}|{_PAREN})\s+){{1,8}}){_HEAD}\b(?:’s|'s)?"
    rf"(?:\s*\((?P<acr>[A-Z][A-Z0-9\-]{{1,9}})\))?"
)
_POSTWORD = r"[A-Z](?:[\w’'\-]|\.(?=\w))*"
AFTER_HEAD_RE = re.compile(
    rf"\b(?P<head>Treaty|Convention|Agreement)\s+(?P<prep>on|of|for|between)\s+(?:the\s+)?"
    rf"(?!{MONTH_RE}\b)(?P<post>{_POSTWORD}(?:\s+(?:(?:of|on|in)\s+(?:the\s+)?|and\s+(?!the\b))?"
    rf"(?!{MONTH_RE}\b|Treaty\b){_POSTWORD})*)(?:\s*\((?P<acr>[A-Z][A-Z0-9\-]{{1,9}})\))?"
)
# "the Treaty" refers back, unless a name follows ("the Treaty on Open Skies"); a date
# after "on" is not a name ("the Treaty on March 4", "the treaty on Friday").
ANAPHOR_RE = re.compile(
    rf"\b[Tt]he\s+(?:treaty|Treaty|accord|agreement|pact)\b"
    rf"(?!\s+(?:on|of)\s+(?!(?:{MONTH_RE}|{WEEKDAY_RE})\b)[A-Z])"
)
# Words before a name that are not part of it: determiners in any case; adjectives only in
# lower case ("a new treaty"), since a capitalised one starts the name ("New START").
_DROP_LEAD = {"the", "a", "an", "this", "that", "its", "their", "our"}
_DROP_LOWER = {"new", "old", "proposed", "landmark", "historic", "bilateral", "key"}
_STOP = {"treaty", "agreement", "accord", "convention", "protocol", "pact", "the", "on", "of",
         "between", "and", "for", "in"}  # fmt: skip
_NOT_TREATY_AFTER = re.compile(
    r"^[\s-]*(?:missiles?|systems?|weapons?|forces|range|class|capable|warheads?|launchers?)\b",
    re.IGNORECASE,
)
_SENTENCE_WORDS = {"The", "A", "An", "This", "That", "These", "Those", "If", "When", "While",
                   "After", "Before", "Under", "With", "In", "On", "At", "As", "Its", "Their",
                   "Our", "His", "Her", "And", "But", "Both", "Neither", "Such", "Any", "Every",
                   "Unlike", "Despite", "Without", "Since", "Until"}  # fmt: skip


def tkey(text: str) -> str:
    words = [w for w in key(text.replace("’s", "").replace("'s", "")).split() if w not in _STOP]
    return " ".join(words)


def initials(text: str) -> set[str]:
    words = [w for w in re.split(r"\s+", text) if w and w[0].isupper() and w.lower() not in _STOP]
    out = {"".join(w[0] for w in words)}
    out.add("".join(p[0] for w in words for p in w.split("-") if p and p[0].isupper()))
    return {o for o in out if len(o) >= 2}


@dataclass
class TreatyRef:
    key: str
    display: str
    info: TreatyInfo | None = None
    printed: str = ""


@dataclass
class TreatyMention:
    start: int
    end: int
    text: str
    ref: TreatyRef
    anaphor: bool = False


class TreatyIndex:
    def __init__(self, treaties: list[TreatyInfo]):
        self.treaties = treaties
        self.by_key: dict[str, list[TreatyInfo]] = {}
        self.by_acronym: dict[str, list[TreatyInfo]] = {}
        for t in treaties:
            for name in t.names():
                k = tkey(name)
                if k:
                    self.by_key.setdefault(k, [])
                    if t not in self.by_key[k]:
                        self.by_key[k].append(t)
                bare = re.sub(r"\s+(?:Treaty|treaty)$", "", name.strip())
                # An acronym, possibly numbered or after one capitalised word ("New START").
                if re.fullmatch(r"(?:[A-Z][a-z]+\s+)?[A-Z][A-Z0-9\-]{1,9}(?:\s+[IV]+)?", bare):
                    self.by_acronym.setdefault(bare, [])
                    if t not in self.by_acronym[bare]:
                        self.by_acronym[bare].append(t)
        acronyms = sorted(self.by_acronym, key=len, reverse=True)
        self.acronym_re = (
            re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(a) for a in acronyms) + r")(?![\w])")
            if acronyms
            else None
        )

    def match(self, printed: str, acronym: str | None, on: dt.date | None) -> TreatyInfo | None:
        k = tkey(printed)
        hits = list(self.by_key.get(k, []))
        if not hits and acronym:
            hits = list(self.by_acronym.get(acronym, []))
        if not hits and k:
            # A known name inside a longer one ("Russia-U.S. Strategic Arms Reduction").
            best = 0
            for name_key, treaties in self.by_key.items():
                inside = re.search(rf"(?<!\w){re.escape(name_key)}(?!\w)", k)
                if len(name_key.split()) >= 2 and inside:
                    if len(name_key) > best:
                        hits, best = list(treaties), len(name_key)
                    elif len(name_key) == best:
                        hits += [t for t in treaties if t not in hits]
        if not hits and k:
            scored = [
                (fuzz.token_sort_ratio(k, name_key), t)
                for name_key, ts in self.by_key.items()
                for t in ts
                if len(name_key) >= 6
            ]
            scored = [s for s in scored if s[0] >= 90]
            if scored:
                top = max(s for s, _ in scored)
                hits = [t for s, t in scored if s == top]
        return choose(hits, on)


def choose(hits: list[TreatyInfo], on: dt.date | None) -> TreatyInfo | None:
    if not hits:
        return None
    if len(hits) > 1 and on is not None:
        live = [t for t in hits if t.in_force_on(on)]
        hits = live or hits
    return max(hits, key=lambda t: t.signed or dt.date.min)


def _clean_printed(text: str) -> str:
    text = re.sub(r"(?:’s|'s)$", "", text.strip())
    words = text.split()
    while words and (words[0].lower() in _DROP_LEAD or words[0] in _DROP_LOWER):
        words.pop(0)
    while words and words[0] in _SENTENCE_WORDS:
        words.pop(0)
    return " ".join(words)


def find_treaties(
    article: ParsedArticle, knowledge: Knowledge, published: dt.date | None = None
) -> list[TreatyMention]:
    index = knowledge.cached("treaties", lambda: TreatyIndex(knowledge.treaties))
    mentions: list[TreatyMention] = []
    refs: dict[str, TreatyRef] = {}
    aliases: dict[str, str] = {}  # acronym or folded name -> ref key, learned in this article

    def ref_for(printed: str, acronym: str | None, expansion: str | None = None) -> TreatyRef:
        info = index.match(printed, acronym, published)
        if info is None and expansion:
            info = index.match(expansion, None, published)
        if info is not None:
            k = f"treaty:{info.id if info.id is not None else info.name}"
            ref = refs.setdefault(k, TreatyRef(k, info.display, info, printed))
        else:
            k0 = tkey(printed)
            k = (
                aliases.get(k0)
                or aliases.get(k0.upper())
                or (aliases.get(acronym) if acronym else None)
            )
            if k is None:
                for ini in initials(printed):
                    k = k or aliases.get(ini)
            if k is None:
                k = f"new:{k0}"
            ref = refs.setdefault(k, TreatyRef(k, printed, None, printed))
        for alias in filter(
            None,
            [tkey(printed), acronym, *initials(printed), tkey(expansion) if expansion else None],
        ):
            aliases.setdefault(alias, ref.key)
        return ref

    for para in article.analysable():
        text, base = para.text, para.start
        earlier = len(mentions)  # mentions of the paragraphs before, already in order
        taken = Disjoint([(0, para.skip)] if para.skip else [])
        for m in AFTER_HEAD_RE.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            printed = " ".join(text[m.start() : m.end("post")].split())
            if m.group("prep") == "of" and m.group("post").split()[0] in ("Friendship",):
                continue
            ref = ref_for(printed, m.group("acr"))
            mentions.append(TreatyMention(base + m.start(), base + m.end(), m.group(0), ref))
            taken.add(m.start(), m.end())
        for m in BEFORE_HEAD_RE.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            pre = m.group("pre")
            expansion = None
            paren = re.search(r"\(([^)]*)\)", pre)
            acronym = m.group("acr")
            if paren:
                inner = paren.group(1)
                if re.fullmatch(r"[A-Z][A-Z0-9\-]{1,9}", inner):
                    acronym = inner
                else:
                    expansion = inner
                pre = pre.replace(paren.group(0), " ")
            head = m.group(0)[len(m.group("pre")) :].split("(")[0].strip()
            printed = _clean_printed(" ".join(pre.split()) + " " + head.replace("treaty", "Treaty"))
            if len(printed.split()) < 2 or printed.split()[0].lower() in ("treaty", "agreement"):
                continue
            ref = ref_for(printed, acronym, expansion)
            mentions.append(TreatyMention(base + m.start(), base + m.end(), m.group(0), ref))
            taken.add(m.start(), m.end())
        if index.acronym_re is not None:
            for m in index.acronym_re.finditer(text):
                if not taken.free(m.start(), m.end()):
                    continue
                if _NOT_TREATY_AFTER.match(text[m.end() :]):
                    continue
                ref = ref_for(m.group(0), m.group(0))
                mentions.append(TreatyMention(base + m.start(), base + m.end(), m.group(0), ref))
                taken.add(m.start(), m.end())
        mentions[earlier:] = sorted(mentions[earlier:], key=lambda t: t.start)
        named = len(mentions)
        starts = [t.start for t in mentions]
        for m in ANAPHOR_RE.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            before = bisect_left(starts, base + m.start(), 0, named)
            if before:
                mentions.append(
                    TreatyMention(
                        base + m.start(),
                        base + m.end(),
                        m.group(0),
                        mentions[before - 1].ref,
                        anaphor=True,
                    )
                )
        mentions[earlier:] = sorted(mentions[earlier:], key=lambda t: t.start)
    # Unknown names that the article itself defines as an acronym of a known one, e.g.
    # "Treaty of Intermediate Nuclear Forces" and "INF Treaty", share one reference.
    return sorted(mentions, key=lambda t: t.start)


def treaty_names(mentions: list[TreatyMention]) -> list[str]:
    seen: dict[str, str] = {}
    for m in mentions:
        if not m.anaphor:
            seen.setdefault(m.ref.key, m.ref.display)
    return list(seen.values())
