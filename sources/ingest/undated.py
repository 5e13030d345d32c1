"""An honest date range for statements the article does not date.

When neither the article's publication date nor a reporting day ("said on
Friday") is known, a statement is still stored, dated with the widest range
the evidence allows and nothing narrower:

* the latest day is the publication date when known, else the latest date the
  dateline can stand for (its month and day in the latest candidate year),
  else the day the source was retrieved;
* the earliest day is the latest of: the start of a position the article
  gives a person ("Foreign Minister Sergei Lavrov") when it matches a stored
  position of that actor; a year or date the article tells in the past tense
  ("withdrew in 2018"); a known treaty date that a past-tense month-day in
  the article points at; a known event the article reports as done; the
  date of a photo caption it carries.

With no lower bound at all there is no range: the caller skips the statement.
No database here: positions and treaty dates come from ``Knowledge``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sources.ingest.dates import DatePhrase
from sources.ingest.knowledge import ActorInfo, PositionInfo
from sources.ingest.lexicon import TITLE_PARTS, TITLE_WORDS
from sources.ingest.spans import SpanIndex

# Role nouns that can tie a person to one of their stored positions.
ROLE_NOUNS = {"president", "secretary", "minister", "chancellor", "premier", "spokesman",
              "spokeswoman", "spokesperson", "ambassador", "king", "queen", "envoy", "diplomat",
              "chairman", "director", "governor", "mayor", "senator", "representative"}  # fmt: skip
# Modifiers that must also be in the position's title ("Deputy Foreign Minister" is not the
# Minister of Foreign Affairs).
RESTRICTIVE = {"foreign", "defense", "defence", "prime", "vice", "deputy", "first", "interior",
               "finance", "trade", "energy", "justice"}  # fmt: skip
_NATIONALITY = re.compile(r"[a-z.]+(?:an|ese|ish|i|ch)")
_APPOSITIVE = re.compile(
    r"^,\s+(?:the\s+|[A-Z][\w.]*(?:'s|’s)\s+)?(?P<mods>(?:[\w.\-]+\s+){0,3}?)"
    r"(?P<noun>" + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
LOWER_CONFIDENCE = 0.7  # a ranged date is a weaker claim than a dated report


@dataclass(frozen=True)
class Bound:
    day: dt.date  # the earliest (lower) or latest (upper) day it allows
    edtf: str  # at the precision the evidence has
    why: str


@dataclass(frozen=True)
class DateRange:
    lower: Bound
    upper: Bound

    @property
    def edtf(self) -> str:
        if self.lower.edtf == self.upper.edtf:
            return self.lower.edtf
        return f"{self.lower.edtf}/{self.upper.edtf}"

    @property
    def note(self) -> str:
        return (
            f"Undated in the article: dated {self.edtf}, the range the evidence allows "
            f"(not earlier than {self.lower.why}; not later than {self.upper.why})."
        )


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def position_words(pos: PositionInfo) -> set[str]:
    words = _words(pos.title)
    if "foreign affairs" in pos.title.lower():
        words |= {"foreign", "diplomat"}
    return words


def title_matches(printed: set[str], pos: PositionInfo) -> bool:
    """Whether title words printed in the article describe this stored position."""
    held = position_words(pos)
    nouns = printed & ROLE_NOUNS
    if not nouns or not any(TITLE_WORDS.get(n, {n}) & held for n in nouns):
        return False
    return (printed & RESTRICTIVE) <= held


def _title_before(body: str, start: int) -> set[str]:
    """Title words printed right before a name ("Russian Foreign Minister" Sergei Lavrov)."""
    words: list[str] = []
    for word in reversed(body[max(0, start - 80) : start].split()):
        low = word.lower()
        if not (
            low in TITLE_PARTS
            or low in ROLE_NOUNS
            or low in TITLE_WORDS
            or _NATIONALITY.fullmatch(low)
            and word[:1].isupper()
        ):
            break
        words.append(low)
    return set(words)


def printed_titles(result) -> dict[int, tuple[ActorInfo, set[str]]]:
    """Known people the article gives a title, with the title words it prints for each."""
    body = result.article.body
    found: dict[int, tuple[ActorInfo, set[str]]] = {}
    for m in result._resolver.mentions:
        entity = m.entity
        if entity is None or entity.kind != "person" or entity.actor is None:
            continue
        actor = entity.actor
        if m.kind == "name":
            words = _title_before(body, m.start)
            after = _APPOSITIVE.match(body[m.end : m.end + 80])
            if after:
                words |= _words(after.group("mods")) | {after.group("noun").lower()}
        elif m.kind == "title":
            words = _words(f"{m.title} {m.noun}")
        else:
            continue
        if words & ROLE_NOUNS:
            key = id(actor)
            found[key] = (actor, found.get(key, (actor, set()))[1] | words)
    return found


def _position_bounds(result) -> list[Bound]:
    bounds = []
    for actor, words in printed_titles(result).values():
        starts = [p for p in actor.positions if p.start and title_matches(words, p)]
        if starts:
            first = min(starts, key=lambda p: p.start)
            bounds.append(
                Bound(
                    first.start,
                    first.start.isoformat(),
                    f"{first.start.isoformat()}, when {actor.name} took the post "
                    f"the article names ({first.title})",
                )
            )
    return bounds


def _phrase_bound(p: DatePhrase) -> Bound | None:
    if not p.year:
        return None
    told_past = p.tense == "past" or p.text.lower().startswith(("since ", "after "))
    if not told_past or p.text.lower().startswith(("by ", "until ", "till ")):
        return None
    if p.month and p.day:
        try:
            day = dt.date(p.year, p.month, p.day)
        except ValueError:
            return None
        edtf = day.isoformat()
    elif p.month:
        day, edtf = dt.date(p.year, p.month, 1), f"{p.year:04d}-{p.month:02d}"
    else:
        day, edtf = dt.date(p.year, 1, 1), f"{p.year:04d}"
    return Bound(day, edtf, f"{edtf}, which the article tells as past (“{p.text}”)")


def _treaty_bounds(result) -> list[Bound]:
    """A past-tense month-day next to a treaty whose known date falls on that month-day."""
    bounds = []
    treaties = SpanIndex(result.treaty_mentions, lambda m: (m.start, m.end))
    for p in result.phrases:
        if p.year or not (p.month and p.day) or p.tense != "past":
            continue
        for t in treaties.starting_in(*p.sentence):
            info = t.ref.info
            if info is None:
                continue
            facts = [
                d
                for d in [info.signed, info.in_force, info.ends, *info.dates]
                if d and (d.month, d.day) == (p.month, p.day)
            ]
            if facts:
                day = min(facts)
                bounds.append(
                    Bound(
                        day,
                        day.isoformat(),
                        f"{day.isoformat()}, the {info.display} date the article "
                        f"recalls (“{p.text}”)",
                    )
                )
    return bounds


def _event_bounds(result) -> list[Bound]:
    """A known event the article reports as done: what is said about it came after it."""
    bounds = []
    for ev in result.events:
        known = ev.existing
        if known is None or ev.phrase.tense == "future" or ev.planned:
            continue
        bounds.append(
            Bound(
                known.start,
                known.start.isoformat(),
                f"{known.start.isoformat()}, the date of “{known.title}”, which the article "
                f"reports (“{ev.phrase.text}”)",
            )
        )
    return bounds


def _caption_bounds(result) -> list[Bound]:
    """A dated photo the article carries was taken before the article was written."""
    if not result.pictured:
        return []
    latest = max(result.pictured)
    return [
        Bound(latest, latest.isoformat(), f"{latest.isoformat()}, the date of its photo caption")
    ]


def lower_bound(result) -> Bound | None:
    bounds = _position_bounds(result) + _treaty_bounds(result)
    bounds += _event_bounds(result) + _caption_bounds(result)
    bounds += [b for p in result.phrases if (b := _phrase_bound(p)) is not None]
    if not bounds:
        return None
    return max(bounds, key=lambda b: (b.day, len(b.edtf)))


def _expected_bound(result) -> Bound | None:
    """The article expects a dated thing ("as the campaign of 2020 approaches", "will
    expire in 2021"): it was written before the end of that year."""
    ends = []
    for p in result.phrases:
        if p.tense != "future" or not p.year or p.in_quote:
            continue
        end = dt.date(p.year, 12, 31)
        ends.append((end, p))
    if not ends:
        return None
    end, p = min(ends, key=lambda x: x[0])
    return Bound(
        end, f"{end.year:04d}", f"{end.year}, which the article still expects (“{p.text}”)"
    )


def upper_bound(result, retrieved: dt.date) -> Bound:
    expected = _expected_bound(result) if result.published is None else None
    bound = _upper_bound(result, retrieved)
    if expected is not None and expected.day < bound.day:
        return expected
    return bound


def _upper_bound(result, retrieved: dt.date) -> Bound:
    if result.published is not None:
        day = result.published
        return Bound(day, day.isoformat(), f"{day.isoformat()}, the publication date")
    art = result.article
    days = []
    for year in result.year_candidates:
        try:
            days.append(dt.date(year, art.dateline_month, art.dateline_day))
        except (TypeError, ValueError):
            continue
    days = [d for d in days if d <= retrieved]
    if days:
        day = max(days)
        return Bound(
            day, day.isoformat(), f"{day.isoformat()}, the latest year the dateline can stand for"
        )
    return Bound(
        retrieved,
        retrieved.isoformat(),
        f"{retrieved.isoformat()}, the day the source was retrieved",
    )


def undated_range(result, retrieved: dt.date) -> DateRange | None:
    """The range for an undated statement of this article, or None without a lower bound."""
    lower = lower_bound(result)
    if lower is None:
        return None
    upper = upper_bound(result, retrieved)
    if lower.day > upper.day:
        return None  # the evidence contradicts itself: say nothing rather than guess
    return DateRange(lower, upper)
