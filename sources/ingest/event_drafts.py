"""What each dated phrase of an article proposes: a new event, a known one, or nothing.

Runs after the dates are resolved (``extract.finish``): finds the action next
to each date (``happenings``), titles it from the actors and treaties the
sentence names, and links it to a known event when one fits.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from sources.ingest.happenings import find_action, make_title, match_event
from sources.ingest.knowledge import Knowledge
from sources.ingest.spans import SpanIndex

SUBJECT_KINDS = ("person", "state", "organisation", "group")
SUBJECT_REACH = 300  # characters either side of the action's verb
_JOINED = re.compile(r"^(?:\s*,)?\s+and\s+(?:(?:[A-Z][\w.’'-]*|of|the)\s+)*$")


def describe_events(result, knowledge: Knowledge | None, people: SpanIndex) -> None:
    body = result.article.body
    treaties = SpanIndex(result.treaty_mentions, lambda m: (m.start, m.end))
    for ev in result.events:
        s, e = ev.start, ev.end
        sentence = body[s:e]
        action = find_action(sentence, ev.phrase.start - s, ev.phrase.end - ev.phrase.start)
        if action is None:
            continue
        ev.type_name, ev.action_distance = action.type_name, action.distance
        cue_at = s + action.start
        # The doers of an action stand near its verb; a window keeps run-on text linear.
        near = (max(s, s + action.start - SUBJECT_REACH), min(e, s + action.end + SUBJECT_REACH))
        in_sentence = [
            m
            for m in people.starting_in(*near)
            if m.entity is not None and m.entity.actor is not None
            and m.entity.kind in SUBJECT_KINDS
        ]  # fmt: skip
        before = [m for m in in_sentence if m.end <= cue_at]
        after = [m for m in in_sentence if m.start >= s + action.end]
        passive = body[s + action.end : s + action.end + 4].lstrip().startswith("by ")
        subjects = _subjects(
            body, _heads(body, after if passive or not before else list(reversed(before)))
        )
        others = [m.entity for m in after if m.entity not in subjects]
        treaty = _nearest_treaty(treaties, ev, near, cue_at)
        ev.headline = make_title(
            action.type_name,
            [x.display for x in subjects],
            treaty,
            sentence,
            others[0].display if others else None,
        )
        if ev.phrase.tense == "future" and ev.headline:
            ev.planned = True
        if knowledge is not None:
            treaty_ids = {t.info.id for t in ev.treaties if t.info and t.info.id is not None}
            actor_ids = {x.actor.id for x in ev.participants if x.actor and x.actor.id}
            ev.existing = match_event(
                knowledge, action.type_name, ev.phrase.edtf, treaty_ids, actor_ids
            )
    merge_same_happenings(result.events)


def merge_same_happenings(events: list) -> None:
    """One proposal per happening: drafts of one article with the same title become one,
    dated by the phrase nearest its action, citing every sentence that told it."""
    best: dict[str, object] = {}
    for ev in events:
        if not ev.proposes_event:
            continue
        kept = best.get(ev.headline)
        if kept is None:
            best[ev.headline] = ev
            continue
        winner, loser = (ev, kept) if ev.action_distance < kept.action_distance else (kept, ev)
        winner.also_cited += [(loser.start, loser.end), *loser.also_cited]
        loser.merged_into = winner
        best[ev.headline] = winner


def _subjects(body: str, nearest_first: list) -> list:
    """The actor nearest the verb and those joined to it by "and" ("Trump and Secretary of
    State Pompeo"); a person rather than the state or body they speak for."""
    chosen = []
    previous = None
    for m in nearest_first:
        if previous is not None:
            a, b = sorted([(m.start, m.end), (previous.start, previous.end)])
            if not _JOINED.match(body[a[1] : b[0]]):
                break
        if m.entity not in chosen:
            chosen.append(m.entity)
        previous = m
    chosen.sort(key=lambda e: [m.start for m in nearest_first if m.entity is e][0])
    people = [e for e in chosen if e.kind == "person"]
    return people or chosen


def _nearest_treaty(treaties: SpanIndex, ev, near: tuple[int, int], at: int) -> str | None:
    if not ev.treaties:
        return None
    keys = {t.key for t in ev.treaties}
    near = [m for m in treaties.starting_in(*near) if m.ref.key in keys]
    if not near:
        return ev.treaties[0].display
    return min(near, key=lambda m: abs(m.start - at)).ref.display


_TITLE_GAP = re.compile(r"^\s+(?:(?:[A-Z][\w.’'-]*|of|the)\s+)*$")


def _heads(body: str, mentions: list) -> list:
    """Without the states and bodies that only qualify a person ("US" in "US Secretary of
    State Mike Pompeo")."""
    people = sorted((m.start, n) for n, m in enumerate(mentions) if m.entity.kind == "person")
    starts = [start for start, _ in people]
    out = []
    for m in mentions:
        # Only the person right after it can be the one it qualifies.
        i = bisect_left(starts, m.end)
        after = mentions[people[i][1]] if i < len(people) else None
        qualifies = (
            m.entity.kind != "person"
            and after is not None
            and bool(_TITLE_GAP.match(body[m.end : after.start]))
        )
        if not qualifies:
            out.append(m)
    return out
