"""Hostile fixtures: hidden records linked from public ones, curator notes everywhere.

On top of ``world`` (tests/api/conftest.py): citations backing a draft event, a
draft statement, a statement of a hidden speaker, a draft treaty action and an
action of a draft treaty, a citation from a draft source, and a curator's note on
every citation. ``Hidden`` collects what an anonymous or token client must never
see: global ids and strings (titles, texts, notes), checked against responses.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

import pytest

from sources.models import Citation, Source
from timeline.models import Actor, Event, Position, Statement, Treaty, TreatyAction
from timeline.querysets import visible

PUBLIC_BODY = (
    "Officials met in Geneva on Monday. Delegates talked about verification late into the "
    "night. A spokesman described the mood as businesslike. No date was set for the next "
    "round. Observers expected a statement within the week. The host thanked both teams."
)


def gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


@dataclass
class Hidden:
    ids: set[str] = field(default_factory=set)
    strings: set[str] = field(default_factory=set)
    public_citations: dict[str, str] = field(default_factory=dict)  # global id -> excerpt
    hidden_citations: dict[str, str] = field(default_factory=dict)

    def leaks(self, text: str) -> list[str]:
        return sorted(s for s in self.ids | self.strings if s in text)


def _note(n: int) -> str:
    return f"internal curator note {n}: do not publish"


@pytest.fixture
def hostile(world) -> Hidden:
    w = world
    geneva = Source.objects.create(
        title="Geneva round ends without a date", body=PUBLIC_BODY, status="published",
        published="2019-08-06",
    )  # fmt: skip
    sentences = [s + "." for s in PUBLIC_BODY.split(". ") if s]
    backs = [
        ("event", w.ev_draft, False),
        ("event", w.ev_review, False),
        ("statement", w.st_draft, False),
        ("statement", w.st_hidden_speaker, False),
        ("treaty_action", w.act_draft, False),
        ("treaty_action", w.act_hidden_treaty, False),
        ("event", w.ev_withdraw, True),
        ("statement", w.st_lavrov, True),
    ]
    hidden = Hidden()
    for n, (kind, record, public) in enumerate(backs):
        citation = Citation.objects.create(
            source=geneva, excerpt=sentences[n % len(sentences)].rstrip("."), note=_note(n),
            **{kind: record},
        )  # fmt: skip
        target = hidden.public_citations if public else hidden.hidden_citations
        target[gid("Citation", citation.pk)] = citation.excerpt
    # Notes on the citations of the world fixture too.
    for n, citation in enumerate(Citation.objects.exclude(source=geneva), start=len(backs)):
        citation.note = _note(n)
        citation.save()
        if citation.source.status != "published":
            hidden.hidden_citations[gid("Citation", citation.pk)] = citation.excerpt
    hidden.strings |= {c.note for c in Citation.objects.all() if c.note}

    # Every record the public rules hide, by global id and by its text.
    for model, type_name, text_fields in [
        (Event, "Event", ("title",)),
        (Statement, "Statement", ("text",)),
        (Treaty, "Treaty", ("name",)),
        (Actor, "Actor", ("name",)),
        (TreatyAction, "TreatyAction", ()),
        (Position, "Position", ()),
        (Source, "Source", ("title", "body")),
        (Citation, "Citation", ()),
    ]:
        shown = set(visible(model.objects.all(), unpublished=False).values_list("pk", flat=True))
        for record in model.objects.exclude(pk__in=shown):
            hidden.ids.add(gid(type_name, record.pk))
            hidden.strings |= {getattr(record, f) for f in text_fields if getattr(record, f)}
    assert set(hidden.hidden_citations) <= hidden.ids
    return hidden
