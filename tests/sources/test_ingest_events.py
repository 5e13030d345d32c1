"""Event drafts: happenings linked to the events we know, or proposed with a real title.

Our own sentences; the known events are plain data (``EventInfo``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from sources.ingest.drafts_summary import is_fragment
from sources.ingest.extract import analyse, finish
from sources.ingest.knowledge import EventInfo
from sources.models import Citation
from tests.sources.test_ingest_command import world  # noqa: F401
from tests.sources.test_ingest_support import knowledge
from timeline.models import Event, EventParticipant, EventType

INF, NEW_START = 10, 11
RUSSIA, US, PUTIN = 1, 2, 6


def world_with_events():
    k = knowledge()
    k.events = [
        EventInfo(100, "INF Treaty signed", "Treaty signing", dt.date(1987, 12, 8),
                  dt.date(1987, 12, 8), {INF}, {US}),
        EventInfo(101, "US suspends INF obligations", "Withdrawal", dt.date(2019, 2, 2),
                  dt.date(2019, 2, 2), {INF}, {US}),
        EventInfo(102, "Russia suspends New START", "Suspension", dt.date(2023, 2, 21),
                  dt.date(2023, 2, 21), {NEW_START}, {RUSSIA, PUTIN}),
    ]  # fmt: skip
    return k


def drafts(lead: str):
    known = world_with_events()
    result = analyse("t.txt", f"Arms control\nGENEVA (Reuters) - {lead}\n".encode(), known, 2024)
    finish(result, known)
    return [
        (e.phrase.text, e.type_name, e.headline, e.existing.id if e.existing else None,
         e.proposes_event)
        for e in result.events
    ]  # fmt: skip


def test_a_known_signing_is_linked_not_duplicated():
    assert drafts(
        "Diplomats recalled that the INF Treaty was signed by the United States and Russia "
        "on December 8, 1987."
    ) == [("December 8, 1987", "Treaty signing", "United States and Russia sign INF Treaty",
           100, False)]  # fmt: skip


def test_a_day_of_slack_and_a_compatible_type_link_an_announcement_to_its_effect():
    assert drafts(
        "Washington suspended its INF Treaty obligations on February 1, 2019, officials noted."
    ) == [("February 1, 2019", "Suspension", "United States suspends INF Treaty obligations",
           101, False)]  # fmt: skip


def test_a_signed_decree_is_typed_by_what_it_does():
    assert drafts(
        "Vladimir Putin signed a decree suspending the New START treaty on February 21, 2023."
    ) == [("February 21, 2023", "Suspension", "Vladimir Putin suspends New START obligations",
           102, False)]  # fmt: skip


def test_a_new_happening_is_proposed_with_a_who_does_what_title():
    ((phrase, kind, title, existing, proposed),) = drafts(
        "Russia withdrew from the Open Skies Treaty on December 18, 2021, the ministry said."
    )
    assert (kind, title, existing, proposed) == (
        "Withdrawal",
        "Russia withdraws from Open Skies",
        None,
        True,
    )
    assert not is_fragment(title)


def test_an_entry_into_force_after_a_signing_in_one_sentence():
    found = drafts(
        "The INF Treaty, signed on December 8, 1987, entered into force on June 1, 1988."
    )
    assert [(p, k, t) for p, k, t, *_ in found] == [
        ("December 8, 1987", "Treaty signing", "INF Treaty signed"),
        ("June 1, 1988", "Entry into force", "INF Treaty enters into force"),
    ]


@pytest.mark.parametrize(
    "lead",
    [
        "The minister spoke on Tuesday about the budget, an aide said.",  # a statement's day
        "As the election campaign of 2020 approached, the tone hardened.",  # no action
        "The New START treaty will expire on February 5, 2026, the ministry said.",  # a plan
    ],
)
def test_dates_that_are_not_happenings_propose_no_event(lead):
    assert not any(proposed for *_, proposed in drafts(lead))


def test_one_happening_told_twice_is_one_proposal():
    found = drafts(
        "Russia withdrew from the Open Skies Treaty on December 18, 2021. Officials said "
        "Russia withdrew from the Open Skies Treaty on Dec. 18, 2021, after months of talks."
    )
    assert [proposed for *_, proposed in found] == [True, False]


@pytest.mark.django_db
def test_a_run_cites_the_known_event_and_adds_no_draft(world, tmp_path):  # noqa: F811
    signing = EventType.objects.create(name="Treaty signing")
    event = Event.objects.create(
        title="INF Treaty signed", date="1987-12-08", event_type=signing, status="published"
    )
    from timeline.models import Treaty

    event.treaties.add(Treaty.objects.get(short_name="INF Treaty"))
    path = tmp_path / "recall.txt"
    path.write_text(
        "Anniversary of a missile ban\n\n"
        "GENEVA (Reuters) - Veterans of the talks met on Friday, recalling that the INF "
        "Treaty was signed on December 8, 1987, after years of work.\n"
    )
    before = Event.objects.count()
    call_command("ingest_articles", str(path), "--no-progress", "--year-hint", "2017",
                 stdout=__import__("io").StringIO())  # fmt: skip
    assert Event.objects.count() == before
    (citation,) = Citation.objects.filter(event=event)
    assert "signed on December 8, 1987" in citation.excerpt
    assert not EventParticipant.objects.filter(event=event).exists()  # the record is untouched
