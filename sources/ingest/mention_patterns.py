"""Regexes that find mentions of people and organisations in running text."""

from __future__ import annotations

import re

from sources.ingest.lexicon import ORG_HEADS, SPEAKER_NOUNS

_TITLE_CAP = (
    r"(?:President|Minister|Secretary|Spokesman|Spokeswoman|Spokesperson|Ambassador|Chancellor|"
    r"Premier|Director|Chairman|Chairwoman|Senator|General|Envoy|Representative|Governor|Mayor|"
    r"King|Queen|Prince|Leader|Chief|Commander|Deputy|Adviser|Advisor|Head|Emir|Sheikh|Pope)"
)
_NOT_NAME = (
    r"(?!(?:If|When|The|An?|In|On|At|But|And|As|While|After|Before|Despite|According|"
    r"Although|Since|Unlike|Under|With|For|From|By|Meanwhile|However|Then|So|Yet|"
    r"This|That|These|Those|Both|Neither|Russian|American|Chinese)\b)"
)
_NOT_TITLE = (
    r"(?!(?:President|Minister|Secretary|Spokesman|Spokeswoman|Ambassador|Chancellor|"
    r"Premier|Director|Chairman|Senator|General|Envoy|Governor|Deputy|Foreign|Prime|"
    r"Vice|Defense|Defence|State|Chief|Head|Commander|Adviser|Advisor)\b)"
)
_NAME = (
    _NOT_NAME + _NOT_TITLE + r"[A-Z][a-z\-]+(?:\s+[A-Z]\.)?(?:\s+(?:bin\s+|al-|de\s+|"
    r"van\s+|von\s+)?" + _NOT_TITLE + r"[A-Z][a-z\-]+(?:'[A-Z][a-z]+)?){1,2}"
    r"(?![’'][A-Za-z]{2})"
)
NAME_OR_SURNAME = _NOT_NAME + r"[A-Z][a-z\-]{2,}(?:\s+[A-Z][a-z\-]+){0,2}"
_SPEECH = (
    r"(?:said|says|told|added|stressed|noted|emphasi[sz]ed|warned|explained|pointed out|"
    r"recalled|insisted|argued|declared|stated|continued|concluded|urged|wrote|tweeted)\b"
)
PERSON_TITLED_RE = re.compile(
    rf"\b{_TITLE_CAP}(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'\-]*(?:\s+(?:and\s+)?[A-Z][\w'\-]*)?)?"
    rf"\s+(?P<name>{_NAME})"
)
TITLE_LEFT_RE = re.compile(r"(?:(?:[A-Z][\w.'’\-]*|[a-z]+)\s+){0,4}$")
PERSON_CUE_RE = re.compile(
    rf"(?<![Tt]he )(?P<name>{_NAME})(?=,?\s+(?:also\s+|later\s+|then\s+)?{_SPEECH})"
)
TITLE_ONLY_RE = re.compile(
    r"\b(?P<det>[Tt]he|[Aa]n?|[A-Z][\w.]*(?:'s|’s))\s+(?P<mods>(?:[\w.\-]+\s+){0,3}?)"
    r"(?P<noun>minister|diplomat|president|leader|spokesman|spokeswoman|spokesperson|envoy|"
    r"ambassador|chancellor|premier|secretary|official|chief|head|senator|general|commander)\b"
    r"(?!\s+(?-i:[A-Z][a-z]))",
    re.IGNORECASE,
)
TITLE_CAPS_ONLY_RE = re.compile(
    rf"(?<![\w.])(?P<mods>(?:[A-Z][\w.]*\s+){{1,3}})(?P<noun>{_TITLE_CAP})\b(?!\s+[A-Z][a-z])"
)
ORG_HEAD_ALT = "|".join(sorted(ORG_HEADS, key=len, reverse=True))
ORG_RE = re.compile(
    rf"\b(?:[Tt]he\s+)?(?P<org>(?:(?:[A-Z][\w.'’\-]*|foreign|defense|defence|interior|state|"
    rf"finance|justice|emergencies|energy|trade)\s+){{1,4}}(?=(?-i:[A-Z]))(?:{ORG_HEAD_ALT})\b"
    rf"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'\-]*\s*)+)?|(?:Kremlin|Pentagon|White House))",
    re.IGNORECASE,
)
ANAPHOR_RE = re.compile(
    r"\b[Tt]he\s+(?P<noun>"
    + "|".join(sorted(ORG_HEADS | SPEAKER_NOUNS, key=len, reverse=True))
    + r")\b(?!\s+(?:of\s+)?[A-Z])"
)
PRONOUN_RE = re.compile(r"^(?:he|she|him|her|it|they|them)$", re.IGNORECASE)
GROUP_NOUNS = {
    "officials",
    "diplomats",
    "analysts",
    "experts",
    "sources",
    "observers",
    "critics",
    "lawmakers",
    "residents",
    "witnesses",
    "authorities",
    "police",
    "protesters",
    "leaders",
    "ministers",
    "negotiators",
    "participants",
    "delegates",
    "reporters",
    "journalists",
    "scientists",
    "activists",
    "officers",
    "spokesmen",
    "envoys",
}
_ORG_WORDS_SMALL = {"of", "the", "and", "for", "on"}


def org_display(printed: str) -> str:
    words = re.sub(r"^(?:the)\s+", "", printed.strip(), flags=re.IGNORECASE).split()
    return " ".join(
        w if (w.isupper() or (i and w.lower() in _ORG_WORDS_SMALL)) else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )
