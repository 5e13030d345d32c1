"""Generic English newswire knowledge: cue verbs, pronouns, titles, months, boilerplate.

Nothing here names a particular article; which outlets, actors and treaties
exist is data in the database, passed to the parser as lookup tables.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
MONTH_RE = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


def month_number(token: str) -> int | None:
    return MONTHS.get(token.lower().rstrip("."))


# Reporting verbs, in the forms wire copy uses. Base form -> inflections.
_CUE_BASES = [
    "say", "add", "note", "stress", "emphasize", "emphasise", "tell", "warn", "explain",
    "point out", "continue", "highlight", "read", "conclude", "insist", "argue", "declare",
    "state", "remark", "ask", "answer", "reply", "urge", "claim", "write", "tweet",
    "announce", "observe", "underline", "underscore", "recall", "admit", "acknowledge",
    "complain", "caution", "suggest", "assert", "affirm", "reiterate", "confirm", "deny",
    "believe", "think", "predict", "vow", "pledge", "promise", "propose", "accuse", "allege",
    "comment", "respond", "retort", "maintain", "contend", "specify", "clarify", "indicate",
    "recount", "lament", "concede", "mention", "elaborate", "summarize", "summarise",
]  # fmt: skip
_IRREGULAR = {
    "say": ["say", "says", "said", "saying"],
    "tell": ["tell", "tells", "told", "telling"],
    "read": ["read", "reads", "reading"],
    "write": ["write", "writes", "wrote", "writing"],
    "think": ["think", "thinks", "thought"],
}


def _inflect(base: str) -> list[str]:
    if base in _IRREGULAR:
        return _IRREGULAR[base]
    head, _, tail = base.partition(" ")
    tail = f" {tail}" if tail else ""
    if head.endswith("e"):
        forms = [head, head + "s", head + "d", head[:-1] + "ing"]
    elif head.endswith("y") and head[-2] not in "aeiou":
        forms = [head, head[:-1] + "ies", head[:-1] + "ied", head + "ing"]
    elif head.endswith(("sh", "ch", "ss", "x")):
        forms = [head, head + "es", head + "ed", head + "ing"]
    else:
        forms = [head, head + "s", head + "ed", head + "ing"]
    return [f + tail for f in forms]


CUE_FORMS: dict[str, str] = {}
for _base in _CUE_BASES:
    for _form in _inflect(_base):
        CUE_FORMS.setdefault(_form, _base)
# Longest first so "pointed out" wins over "pointed".
CUE_RE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(f) for f in CUE_FORMS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
# Cue verbs that need a quote or a "that"-clause to mean speech (not "continued fighting").
WEAK_CUES = {"continue", "read", "think", "believe", "note", "state", "mention", "maintain",
             "indicate", "confirm", "deny", "accuse", "propose", "promise", "respond", "ask",
             "answer", "announce", "recall", "observe", "predict", "admit", "suggest"}  # fmt: skip

PERSON_PRONOUNS = {"he", "she", "him", "her"}
THING_PRONOUNS = {"it"}
PLURAL_PRONOUNS = {"they", "them"}
SPEAKER_NOUNS = {"statement", "communique", "communiqué", "document", "release", "report",
                 "note", "letter", "declaration", "announcement", "memo", "text"}  # fmt: skip
ORG_HEADS = {"ministry", "department", "agency", "office", "embassy", "council", "committee",
             "commission", "kremlin", "pentagon", "government", "administration", "cabinet",
             "parliament", "service", "secretariat", "mission", "organization", "organisation",
             "alliance", "union", "bureau", "delegation", "presidency", "duma", "senate",
             "congress", "court", "bank", "army", "navy", "command", "headquarters"}  # fmt: skip

# Role nouns a person is called by; each maps to the title words it is compatible with.
TITLE_WORDS = {
    "minister": {"minister"},
    # Someone whose post is diplomatic: not any minister or secretary (a prime minister is
    # no diplomat); "state" for a Secretary of State.
    "diplomat": {"foreign", "ambassador", "envoy", "diplomat", "state"},
    "envoy": {"envoy", "ambassador", "representative"},
    "ambassador": {"ambassador"},
    "president": {"president"},
    "leader": {"president", "leader", "premier", "chancellor", "chairman", "secretary"},
    "premier": {"premier", "prime"},
    "chancellor": {"chancellor"},
    "secretary": {"secretary"},
    "spokesman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokeswoman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson"},
    "official": set(),
    "chief": {"chief", "head", "director", "chairman"},
    "head": {"chief", "head", "director", "chairman"},
    "director": {"director", "head", "chief"},
    "chairman": {"chairman", "chair", "head"},
    "senator": {"senator"},
    "general": {"general", "commander"},
    "commander": {"commander", "general"},
    "king": {"king"},
    "queen": {"queen"},
    "governor": {"governor"},
    "mayor": {"mayor"},
    "representative": {"representative", "envoy", "ambassador"},
    "deputy": {"deputy"},
    "politician": set(),
    "lawmaker": {"senator", "deputy", "lawmaker", "representative", "member"},
    "prime": {"prime"},
}
# Words that may sit inside a title before a name ("Russian Deputy Foreign Minister").
TITLE_PARTS = {"foreign", "defense", "defence", "interior", "finance", "economy", "trade",
               "prime", "vice", "deputy", "first", "acting", "former", "top", "chief", "senior",
               "state", "of", "the", "affairs", "general", "secretary", "press", "presidential",
               "permanent", "national", "security", "adviser", "advisor", "special", "u.s.",
               "us", "russian", "chinese", "american", "french", "german", "british", "japanese",
               "indian", "iranian", "ukrainian", "un", "nato", "eu", "lieutenant", "major",
               "spokesperson", "head", "director", "leader"}  # fmt: skip
ADVERBS = {"also", "later", "then", "further", "again", "earlier", "previously", "separately",
           "additionally", "moreover", "once", "reportedly", "repeatedly", "recently", "has",
           "had", "have", "was", "is", "would", "will", "firmly", "clearly", "openly",
           "strongly", "publicly", "bluntly", "flatly", "however", "too", "meanwhile"}  # fmt: skip

AUXILIARIES = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do",
               "does", "did", "will", "would", "can", "could", "should", "shall", "may", "might",
               "must", "am", "cannot", "won't", "can't", "don't", "doesn't", "didn't", "isn't",
               "aren't", "wasn't", "weren't", "hasn't", "haven't"}  # fmt: skip
SUBJECT_PRONOUNS = {"i", "we", "you", "he", "she", "they", "it", "this", "that", "there"}

FUTURE_MARKERS = {"will", "shall", "'ll", "going", "scheduled", "due", "upcoming", "next",
                  "before", "ahead", "plans", "planned", "expected", "expire", "expires",
                  "until", "till", "approaches", "approaching", "coming", "forthcoming", "set",
                  "intends", "soon"}  # fmt: skip
PAST_MARKERS = {"was", "were", "had", "did", "ago", "last", "since", "said", "told", "took",
                "made", "held", "signed", "came", "began", "went", "saw", "gave", "met", "won",
                "lost", "left", "became", "fell", "broke", "sent", "spoke", "wrote", "earlier",
                "previously", "former", "buried", "unveiled", "announced", "recalled",
                "after", "following"}  # fmt: skip
NOT_PAST_ED = {"need", "indeed", "speed", "seed", "feed", "bed", "red", "shed", "hundred",
               "proceed", "exceed", "succeed", "breed", "greed", "deed", "weed", "bleed",
               "advanced", "concerned", "united", "based", "so-called", "unfounded", "related",
               "limited", "armed", "detailed", "experienced", "balanced", "sophisticated",
               "developed", "deployed", "declared", "proposed", "expected", "planned",
               "scheduled", "intended", "designed", "alleged", "called", "named", "linked",
               "supposed", "aimed", "reserved", "heated", "renewed", "talked"}  # fmt: skip

# Lines that publishers add around the article text.
BOILERPLATE_RES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^all news$",
        r"^[-–—•*\s]*advertisements?[-–—•*\s]*$",
        r"^(?:sponsored|promoted)(?: content| stories)?$",
        r"^subscribe\b.*",
        r"^sign up\b.*",
        r"^(?:read|see) (?:more|also)\b.*",
        r"^related(?: articles?| stories| news| coverage)?\s*:.*",
        r"^(?:also )?read\s*:.*",
        r"^more on this (?:story|topic).*",
        r"^share(?: this)?(?: article| story)?(?: on .*)?$",
        r"^(?:share|tweet|email|print|comments?)(?:\s*[|/•]\s*\w+)*$",
        r"^follow us\b.*",
        r"^click here\b.*",
        r"^copyright\b.*",
        r"^all rights reserved.*",
        r"^©.*",
        r"^\(?(?:photo|image|picture|file photo|video|source|credit)s?\s*[:/].*",
        r"^\(?(?:reporting|writing|editing|additional reporting) by\b.*",
        r"^\(?editing by\b.*",
        r"^(?:tags?|topics?|keywords?)\s*:.*",
        r"^(?:download|install) (?:our|the) app\b.*",
        r"^(?:listen|watch) (?:to )?(?:this|the) (?:article|story|video)\b.*",
        r"^(?:top|latest|breaking) (?:stories|news)$",
        r"^news feed$",
        r"^(?:previous|next) (?:article|story|post)\b.*",
        r"^you may also like\b.*",
        r"^recommended(?: for you)?$",
        r"^loading\.*$",
        r"^this article (?:was|is) (?:originally )?(?:published|posted|updated)\b.*",
    )
]
# A photo credit: "Name Surname/OUTLET" at the end of a caption line.
CREDIT_TAIL_RE = re.compile(
    r"(?:^|\s)(?:[A-Z][\w.'-]+\s+){1,3}[A-Z][\w.'-]+\s*/\s*[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2}$"
)
