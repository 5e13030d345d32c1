"""From a dated phrase to an event draft a curator can use, or to an event we already have.

A date in an article is not always a happening: "as the campaign of 2020
approaches" or "said on Tuesday" (the statement is its own record) are not
events. A happening is an action the sentence reports next to its date: a
signing, an entry into force, a suspension, a withdrawal, a test, a summit.
The action nearest the date phrase in its clause gives the type; a document
that is signed ("signed a decree suspending …") is not a treaty signing, the
decree's action is. The title says who does what in the present tense of
headlines ("United States suspends INF Treaty obligations"), built from the
actors and treaties the sentence names, never cut out of the sentence.

A happening that matches an event the database holds (a shared treaty or
participant, overlapping dates, a compatible type) is linked to it: the
article becomes one more citation of it instead of a duplicate draft.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sources.ingest.knowledge import EventInfo, Knowledge

# Cue -> event type name. Order matters only for ties at equal distance.
ACTION_CUES: list[tuple[str, str]] = [
    (r"\bsuspen(?:d|ds|ded|ding|sion)\b", "Suspension"),
    (r"\bwithdr(?:aw|aws|awing|awal|awn|ew)\b|\bpull(?:ed|s|ing)? out\b", "Withdrawal"),
    (r"\b(?:took|takes|take|taking) effect\b|\b(?:entered|enters|enter|entering|came|comes|"
     r"come|coming) into force\b|\bentry into force\b", "Entry into force"),
    (r"\bratif(?:y|ies|ied|ying|ication)\b", "Ratification or accession"),
    (r"\bexten(?:d|ds|ded|ding|sion)\b|\bprolong", "Treaty extension"),
    (r"\bexpir(?:e|es|ed|ing|y|ation)\b|\b(?:come|came|comes|coming) to an end\b|"
     r"\bceas(?:e|es|ed|ing) to exist\b|\blapse[sd]?\b|\bcollaps(?:e|es|ed|ing)\b|"
     r"\bterminat(?:e|es|ed|ing|ion)\b|\bdemise\b", "Treaty expiry"),
    (r"\bsign(?:ed|s|ing)?\b", "Treaty signing"),
    (r"\bsummit\b", "Summit"),
    (r"\b(?:talks|negotiations?|consultations)\b", "Negotiation round"),
    (r"\bconference\b|\bsession of the\b", "Conference"),
    (r"\bnuclear (?:test|explosion)\b", "Nuclear test"),
    (r"\b(?:missile|flight) test|\btest(?:ed|s)? (?:a|an|the)? ?\w* ?missile", "Missile test"),
    (r"\baccus(?:e|es|ed|ing|ation)\b|\bviolat(?:e|es|ed|ing|ion)\b", "Accusation"),
]  # fmt: skip
_CUE_RES = [(re.compile(p, re.IGNORECASE), name) for p, name in ACTION_CUES]
# "signed a decree suspending …": the document's action is the happening, not a signing.
_SIGNED_DOCUMENT = re.compile(
    r"\bsign(?:ed|s|ing)?\s+(?:a|an|the)\s+(?:\w+\s+)?(?:decree|order|law|bill|document|"
    r"declaration|statement|letter|memorandum|executive order)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:and|but|while|which|who|as)\b|\s+—\s+")
# Types whose events may be the same happening told from two sides.
COMPATIBLE = {
    "Suspension": {"Suspension", "Withdrawal"},
    "Withdrawal": {"Withdrawal", "Suspension", "Treaty expiry"},
    "Treaty expiry": {"Treaty expiry", "Withdrawal"},
    "Treaty extension": {"Treaty extension", "Negotiation round"},
    "Ratification or accession": {"Ratification or accession", "Legislative vote"},
}
DAY_SLACK = 1  # announced one day, in effect the next


@dataclass
class Action:
    type_name: str
    start: int  # offsets in the sentence
    end: int
    distance: int = 0  # from the date phrase; the nearer, the surer the date is its date


def _clause(sentence: str, at: int) -> tuple[int, int]:
    start, end = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return start, end


def find_action(sentence: str, at: int, length: int) -> Action | None:
    """The action nearest the date phrase (at, at+length) within its clause."""
    lo, hi = _clause(sentence, at)
    documents = [(m.start(), m.end()) for m in _SIGNED_DOCUMENT.finditer(sentence)]
    best: tuple[int, Action] | None = None
    for rx, name in _CUE_RES:
        for m in rx.finditer(sentence, lo, hi):
            if name == "Treaty signing" and any(a <= m.start() < b for a, b in documents):
                continue
            if m.end() <= at:
                gap = sentence[m.end() : at]
                distance = at - m.end()
            elif m.start() >= at + length:
                gap = sentence[at + length : m.start()]
                distance = m.start() - (at + length) + 5  # an action told before its date wins
            else:
                continue
            if "," in gap:
                distance += 60  # "signed on May 1, entered into force …": another phrase
            if best is None or distance < best[0]:
                best = (distance, Action(name, m.start(), m.end(), distance))
    return best[1] if best else None


# -- titles -------------------------------------------------------------------------------

_TEMPLATES = {
    # type: (with a subject, without one); {s} subject, {t} treaty, {o} other party
    "Suspension": ("{s} {suspend} {t} obligations", "{t} suspended"),
    "Withdrawal": ("{s} {withdraw} from {t}", "Withdrawal from {t}"),
    "Entry into force": ("{t} enters into force", "{t} enters into force"),
    "Ratification or accession": ("{s} {ratify} {t}", "{t} ratified"),
    "Treaty extension": ("{s} {extend} {t}", "{t} extended"),
    "Treaty expiry": ("{t} expires", "{t} expires"),
    "Treaty signing": ("{s} {sign} {t}", "{t} signed"),
    "Summit": ("{s} {hold} a summit", None),
    "Negotiation round": ("{s} {hold} talks on {t}", "Talks on {t}"),
    "Conference": ("{s} at the {c}", "{c}"),
    "Nuclear test": ("{s} {conduct} a nuclear test", None),
    "Missile test": ("{s} {test} a missile", None),
    "Accusation": ("{s} {accuse} {o} of violating {t}", None),
}
_NEEDS_TREATY = {"Entry into force", "Treaty expiry", "Treaty extension", "Treaty signing",
                 "Ratification or accession", "Suspension", "Withdrawal"}  # fmt: skip
_CONFERENCE = re.compile(
    r"\b(?:the\s+)?((?:[A-Z][\w.-]*\s+)*Conference(?:\s+(?:on|of|for)\s+(?:the\s+)?"
    r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?)"
)


def _verb(base: str, plural: bool) -> str:
    if plural:
        return base
    if base.endswith(("sh", "ch", "ss", "x")):
        return base + "es"
    if base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def make_title(
    type_name: str,
    subjects: list[str],
    treaty: str | None,
    sentence: str,
    other: str | None = None,
) -> str | None:
    """A short complete headline for the happening, or None when the sentence names too
    little to say who did what."""
    template = _TEMPLATES.get(type_name)
    if template is None:
        return None
    conference = None
    if type_name == "Conference":
        m = _CONFERENCE.search(sentence)
        conference = " ".join(m.group(1).split()) if m else None
        if conference is None:
            return None
    if type_name in _NEEDS_TREATY and treaty is None:
        return None
    if type_name == "Accusation" and (other is None or treaty is None):
        template = ("{s} {accuse} {o}", None) if other else (None, None)
    if type_name == "Negotiation round" and treaty is None:
        template = ("{s} {hold} talks", None)
    subject = " and ".join(subjects[:2]) if subjects else None
    pattern = template[0] if subject else template[1]
    if pattern is None:
        return None
    plural = len(subjects) > 1
    verbs = {
        v: _verb(v, plural)
        for v in ("suspend", "withdraw", "ratify", "extend", "sign", "hold", "conduct", "test",
                  "accuse")
    }  # fmt: skip
    title = pattern.format(s=subject, t=treaty, o=other, c=conference, **verbs)
    return title[:1].upper() + title[1:]


# -- linking to what we know --------------------------------------------------------------


def edtf_bounds(edtf: str) -> tuple[dt.date, dt.date] | None:
    """First and last day an EDTF date or interval of ours (YYYY, YYYY-MM, YYYY-MM-DD) covers."""
    parts = edtf.split("/")
    try:
        first = _bounds(parts[0])[0]
        last = _bounds(parts[-1])[1]
    except ValueError:
        return None
    return first, last


def _bounds(text: str) -> tuple[dt.date, dt.date]:
    pieces = [int(p) for p in text.split("-")]
    if len(pieces) == 1:
        return dt.date(pieces[0], 1, 1), dt.date(pieces[0], 12, 31)
    if len(pieces) == 2:
        y, m = pieces
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return dt.date(y, m, 1), nxt - dt.timedelta(days=1)
    day = dt.date(*pieces)
    return day, day


def match_event(
    knowledge: Knowledge,
    type_name: str | None,
    edtf: str,
    treaty_ids: set[int],
    actor_ids: set[int],
) -> EventInfo | None:
    """The known event this happening is, if one fits: a shared treaty (or, without one, a
    shared participant), overlapping dates (a day's slack for a dated day) and a compatible
    type. A mention vaguer than a month must agree on the type exactly."""
    bounds = edtf_bounds(edtf)
    if bounds is None or type_name is None:
        return None
    first, last = bounds
    exact_day = first == last
    if exact_day:
        first, last = first - dt.timedelta(days=DAY_SLACK), last + dt.timedelta(days=DAY_SLACK)
    vague = (last - first).days > 31
    allowed = {type_name} if vague else COMPATIBLE.get(type_name, {type_name})
    best: tuple[tuple, EventInfo] | None = None
    for ev in knowledge.events_about(treaty_ids, actor_ids):
        if ev.end < first or ev.start > last or ev.type_name not in allowed:
            continue
        shared_treaties = len(treaty_ids & ev.treaty_ids)
        shared_actors = len(actor_ids & ev.actor_ids)
        if treaty_ids and not shared_treaties:
            continue
        if not treaty_ids and not shared_actors:
            continue
        rank = (
            shared_treaties,
            shared_actors,
            ev.type_name == type_name,
            -(ev.end - ev.start).days,
        )
        if best is None or rank > best[0]:
            best = (rank, ev)
    return best[1] if best else None
