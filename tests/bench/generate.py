"""Synthetic dataset generator for benchmarks and query-count tests.

    from tests.bench.generate import generate
    generate(events=20_000, seed=1)

Fast: rows are written with bulk_create (no history rows, no per-row save), with
the derived EDTF fields computed the same way the models compute them. About
85–90% of records are published; the rest are drafts or in review, so
visibility filters have work to do.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import re

from django.db import transaction

from sources.models import Citation, Outlet, Source
from sources.text import content_hash
from timeline.dates import DateBounds, Precision, parse_date
from timeline.models import (
    Actor,
    Event,
    EventParticipant,
    EventType,
    Position,
    Statement,
    Tag,
    Treaty,
    TreatyAction,
)

WORDS = [
    "treaty",
    "missile",
    "nuclear",
    "forces",
    "withdrawal",
    "summit",
    "talks",
    "agreement",
    "ratification",
    "sanctions",
    "ceasefire",
    "border",
    "troops",
    "minister",
    "foreign",
    "affairs",
    "security",
    "council",
    "resolution",
    "arms",
    "control",
    "inspection",
    "verification",
    "protocol",
    "delegation",
    "negotiation",
    "accord",
    "pipeline",
    "energy",
    "trade",
    "embassy",
    "statement",
    "warning",
    "deployment",
    "exercise",
    "launch",
    "test",
    "strategic",
    "stability",
]
STATUSES = ["published"] * 17 + ["draft", "review", "retracted"]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _date(rng: random.Random) -> str:
    day = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(27_000))
    roll = rng.random()
    if roll < 0.75:
        return day.isoformat()
    if roll < 0.88:
        return day.strftime("%Y-%m")
    if roll < 0.95:
        return f"{day.isoformat()}/{(day + dt.timedelta(days=rng.randrange(1, 60))).isoformat()}"
    if roll < 0.98:
        return f"{day.isoformat()}/.."
    return str(day.year)


_bounds = functools.lru_cache(maxsize=None)(parse_date)
_FAST = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse(value: str):
    # Plain days are most dates: skip the EDTF parser for them (same result, much faster).
    if _FAST.match(value):
        day = dt.date.fromisoformat(value)
        return DateBounds(value, day, day, Precision.DAY)
    return _bounds(value)


def _dated(obj, field: str = "date", start="date_start", end="date_end", precision="precision"):
    bounds = _parse(getattr(obj, field))
    setattr(obj, start, bounds.start)
    setattr(obj, end, bounds.end)
    if precision:
        setattr(obj, precision, bounds.precision)
    return obj


@transaction.atomic
def generate(
    events: int = 20_000,
    seed: int = 1,
    prefix: str = "syn",
    *,
    states: int | None = None,
    people: int | None = None,
    treaties: int | None = None,
) -> dict[str, int]:
    """Create ``events`` events and proportional actors, treaties, statements and sources.

    Every record has all its relations filled (parent, position, participants,
    citations…), so a page of any size exercises every prefetch.
    """
    rng = random.Random(seed)
    n_states = states or max(10, events // 400)
    n_people = people or max(10, events // 200)
    n_treaties = treaties or max(5, events // 1000)
    head = Actor.objects.create(
        name=f"{prefix} Union", slug=f"{prefix}-union", kind="organisation", status="published"
    )
    states = Actor.objects.bulk_create(
        Actor(
            name=f"{prefix} State {i}",
            slug=f"{prefix}-state-{i}",
            kind="state",
            status=rng.choice(STATUSES),
            aliases=[f"S{i}"],
            parent=head,
        )
        for i in range(n_states)
    )
    people = Actor.objects.bulk_create(
        Actor(
            name=f"{prefix} Person {i}",
            slug=f"{prefix}-person-{i}",
            kind="person",
            status=rng.choice(STATUSES),
            parent=head,
        )
        for i in range(n_people)
    )
    positions = Position.objects.bulk_create(
        _dated(
            Position(
                person=p, organisation=rng.choice(states), title="Minister", period="1900-01-01/.."
            ),
            "period",
            "period_start",
            "period_end",
            None,
        )
        for p in people
    )
    position_of = {p.person_id: p for p in positions}
    parents = EventType.objects.bulk_create(
        EventType(name=f"{prefix} type {i}", slug=f"{prefix}-type-{i}") for i in range(5)
    )
    types = parents + EventType.objects.bulk_create(
        EventType(name=f"{prefix} subtype {i}", slug=f"{prefix}-subtype-{i}", parent=parents[i % 5])
        for i in range(10)
    )
    tags = Tag.objects.bulk_create(
        Tag(name=f"{prefix} tag {i}", slug=f"{prefix}-tag-{i}") for i in range(20)
    )
    treaties = Treaty.objects.bulk_create(
        _dated(
            Treaty(
                name=f"{prefix} Treaty {i}",
                slug=f"{prefix}-treaty-{i}",
                kind=rng.choice(["bilateral", "multilateral"]),
                signed=f"{1950 + i % 70}",
                summary=_text(rng, 20),
                status=rng.choice(STATUSES),
            ),
            "signed",
            "signed_start",
            "signed_end",
            None,
        )
        for i in range(n_treaties)
    )
    event_rows = Event.objects.bulk_create(
        _dated(
            Event(
                title=_text(rng, 6)[:-1],
                slug=f"{prefix}-event-{i}",
                date=_date(rng),
                summary=_text(rng, 30),
                event_type=rng.choice(types),
                status=rng.choice(STATUSES),
            )
        )
        for i in range(events)
    )
    participants, event_treaties, event_tags = [], [], []
    for event in event_rows:
        for actor, role in zip(rng.sample(states, 2), ("initiator", "target"), strict=True):
            participants.append(EventParticipant(event=event, actor=actor, role=role))
        event_treaties.append(Event.treaties.through(event=event, treaty=rng.choice(treaties)))
        for tag in rng.sample(tags, rng.randrange(1, 3)):
            event_tags.append(Event.tags.through(event=event, tag=tag))
    EventParticipant.objects.bulk_create(participants)
    Event.treaties.through.objects.bulk_create(event_treaties)
    Event.tags.through.objects.bulk_create(event_tags)

    actions = []
    for treaty in treaties:
        for actor in rng.sample(states, 2):
            actions.append(
                TreatyAction(
                    treaty=treaty,
                    actor=actor,
                    action="signature",
                    date=treaty.signed,
                    status="published",
                )
            )
        actions.append(
            TreatyAction(
                treaty=treaty,
                actor=None,
                action="entry_into_force",
                date=f"{treaty.signed_start.year + 1}-01-01",
                status="published",
            )
        )
    for i in range(events // 10):
        actions.append(
            TreatyAction(
                treaty=rng.choice(treaties),
                actor=rng.choice(states),
                action=rng.choice(["suspension", "withdrawal_notice"]),
                date=_date(rng).split("/")[0],
                status=rng.choice(STATUSES),
                note=f"{prefix} {i}",
            )
        )
    actions = TreatyAction.objects.bulk_create(_dated(a) for a in actions)

    statements = Statement.objects.bulk_create(
        _dated(
            Statement(
                speaker=(speaker := rng.choice(people)),
                speaker_position=position_of[speaker.pk],
                on_behalf_of=rng.choice(states),
                date=_date(rng).split("/")[0],
                text=_text(rng, 25),
                status=rng.choice(STATUSES),
            )
        )
        for _ in range(events // 2)
    )
    Statement.treaties.through.objects.bulk_create(
        Statement.treaties.through(statement=s, treaty=rng.choice(treaties)) for s in statements
    )
    Statement.events.through.objects.bulk_create(
        Statement.events.through(statement=s, event=rng.choice(event_rows)) for s in statements
    )

    outlets = Outlet.objects.bulk_create(
        Outlet(
            name=f"{prefix} Outlet {i}",
            slug=f"{prefix}-outlet-{i}",
            kind="wire",
            country=rng.choice(states),
        )
        for i in range(10)
    )
    sources, citations = [], []
    for i, event in enumerate(event_rows):
        excerpt = event.summary[:60]
        body = f"{prefix} source {i}. {event.summary} {_text(rng, 40)}"
        sources.append(
            _dated(
                Source(
                    outlet=rng.choice(outlets),
                    title=f"{prefix} report {i}: {event.title}",
                    url=f"https://{prefix}.example/{i}",
                    published=event.date.split("/")[0],
                    body=body,
                    content_hash=content_hash(body),
                    status=rng.choice(STATUSES),
                ),
                "published",
                "published_start",
                "published_end",
                "published_precision",
            )
        )
        start = body.index(excerpt)
        citations.append((i, event, excerpt, start))
    sources = Source.objects.bulk_create(sources)
    Citation.objects.bulk_create(
        Citation(
            source=sources[i], event=event, excerpt=excerpt, start=start, end=start + len(excerpt)
        )
        for i, event, excerpt, start in citations
    )
    return {
        "actors": len(states) + len(people) + 1,
        "treaties": len(treaties),
        "treaty_actions": len(actions),
        "events": len(event_rows),
        "statements": len(statements),
        "sources": len(sources),
    }
