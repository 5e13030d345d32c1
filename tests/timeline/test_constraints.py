"""Model constraints: what full_clean tells a curator, and what the database refuses anyway."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from timeline.models import (
    ActionKind,
    Actor,
    ActorKind,
    Event,
    EventParticipant,
    EventRelation,
    EventType,
    ParticipantRole,
    Position,
    RelationKind,
    Statement,
    Treaty,
    TreatyAction,
)

pytestmark = pytest.mark.django_db

WIKIDATA_MESSAGE = "Enter a Wikidata item id: Q followed by digits, e.g. Q159."


def raw_save_fails(instance) -> str:
    """Save without validation; return the name of the constraint the database enforced."""
    with pytest.raises(IntegrityError) as info, transaction.atomic():
        instance.save()
    return info.value.__cause__.diag.constraint_name


def messages(instance, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        instance.full_clean(**kwargs)
    return info.value.message_dict


# --- Actor -------------------------------------------------------------------------------


@pytest.mark.parametrize("wikidata_id", ["Q1", "Q123", "Q159", ""])
def test_valid_wikidata_ids(wikidata_id):
    actor = Actor(name="Someone", kind=ActorKind.STATE, wikidata_id=wikidata_id)
    actor.full_clean()  # the form's check accepts it...
    actor.save()  # ...and so does the database constraint
    assert Actor.objects.filter(pk=actor.pk, wikidata_id=wikidata_id).exists()


@pytest.mark.parametrize("wikidata_id", ["q12", "Q0", "123", "Q012", "Q12a", "P31"])
def test_invalid_wikidata_ids_are_rejected_with_the_format(wikidata_id):
    actor = Actor(name="Someone", kind=ActorKind.STATE, wikidata_id=wikidata_id)
    assert messages(actor) == {"wikidata_id": [WIKIDATA_MESSAGE]}


@pytest.mark.parametrize("wikidata_id", ["q12", "Q0", "123"])
def test_database_refuses_invalid_wikidata_ids(wikidata_id):
    actor = Actor(name="Someone", kind=ActorKind.STATE, wikidata_id=wikidata_id)
    assert raw_save_fails(actor) == "actor_wikidata_id_format"


def test_wikidata_id_is_unique_but_may_be_empty_on_many(russia):
    Actor.objects.create(name="Group A", kind=ActorKind.GROUP)
    Actor.objects.create(name="Group B", kind=ActorKind.GROUP)  # two empty ids are fine
    clash = Actor(name="Russian Federation", kind=ActorKind.STATE, wikidata_id="Q159")
    with pytest.raises(ValidationError):
        clash.full_clean()
    assert raw_save_fails(clash) == "actor_wikidata_id_unique"


def test_actor_name_is_unique(russia):
    assert messages(Actor(name="Russia", kind=ActorKind.STATE)) == {
        "name": ["Actor with this Name already exists."]
    }


def test_actor_slug_is_made_unique():
    first = Actor.objects.create(name="Ministry of Defence", kind=ActorKind.ORGANISATION)
    second = Actor.objects.create(name="Ministry of Defence!", kind=ActorKind.ORGANISATION)
    assert (first.slug, second.slug) == ("ministry-of-defence", "ministry-of-defence-2")


def test_status_must_be_a_workflow_state(russia):
    russia.status = "approved"
    assert messages(russia) == {"status": ["Value 'approved' is not a valid choice."]}
    assert raw_save_fails(russia) == "actor_status_valid"


# --- Position and the speaker's role on a statement ----------------------------------------


def test_position_is_unique_per_person_organisation_title_and_period(lavrov_minister):
    again = Position(
        person=lavrov_minister.person,
        organisation=lavrov_minister.organisation,
        title="Minister of Foreign Affairs",
        period="2004-03-09/..",
    )
    assert messages(again) == {
        "__all__": ["Position with this Person, Organisation, Title and Period already exists."]
    }
    assert raw_save_fails(again) == "position_unique"


def test_statement_fills_the_speaker_position_covering_its_date(lavrov, russia, lavrov_minister):
    Position.objects.create(
        person=lavrov,
        organisation=russia,
        title="Permanent Representative to the UN",
        period="1994-04/2004-03-08",
    )
    statement = Statement.objects.create(speaker=lavrov, date="2019-03-19", text="It is dead.")
    assert statement.speaker_position == lavrov_minister
    statement.refresh_from_db()
    assert statement.speaker_position_id == lavrov_minister.pk


def test_statement_picks_the_position_held_on_that_day(lavrov, russia, lavrov_minister):
    envoy = Position.objects.create(
        person=lavrov,
        organisation=russia,
        title="Permanent Representative to the UN",
        period="1994-04/2004-03-08",
    )
    on_last_day = Statement.objects.create(speaker=lavrov, date="2004-03-08", text="Before.")
    on_first_day = Statement.objects.create(speaker=lavrov, date="2004-03-09", text="After.")
    assert (on_last_day.speaker_position, on_first_day.speaker_position) == (
        envoy,
        lavrov_minister,
    )


def test_statement_before_any_position_has_none(lavrov, lavrov_minister):
    statement = Statement.objects.create(speaker=lavrov, date="1990", text="Early words.")
    assert statement.speaker_position is None


def test_statement_keeps_a_position_given_explicitly(lavrov, russia, lavrov_minister):
    envoy = Position.objects.create(
        person=lavrov,
        organisation=russia,
        title="Permanent Representative to the UN",
        period="1994-04/2004-03-08",
    )
    statement = Statement.objects.create(
        speaker=lavrov, speaker_position=envoy, date="2019-03-19", text="As I said in 2000."
    )
    assert statement.speaker_position == envoy


def test_statement_position_must_belong_to_the_speaker(lavrov_minister, russia):
    other = Actor.objects.create(name="Dmitry Peskov", kind=ActorKind.PERSON)
    statement = Statement(
        speaker=other, speaker_position=lavrov_minister, date="2019-03-19", text="No comment."
    )
    assert messages(statement) == {"speaker_position": ["This position belongs to another person."]}


def test_statement_text_is_required(lavrov):
    statement = Statement(speaker=lavrov, date="2019-03-19", text="")
    assert messages(statement) == {"text": ["This field cannot be blank."]}
    assert raw_save_fails(statement) == "statement_text_not_empty"


# --- Event, participants, relations, types --------------------------------------------------


def test_event_coordinates_both_or_neither(event):
    event.latitude = Decimal("55.75")
    assert messages(event) == {"__all__": ["Give both latitude and longitude, or neither."]}
    assert raw_save_fails(event) == "event_coordinates_both_or_neither"


def test_event_coordinates_in_range(event):
    event.latitude, event.longitude = Decimal("91"), Decimal("37.6")
    assert messages(event) == {"latitude": ["Ensure this value is less than or equal to 90."]}
    assert raw_save_fails(event) == "event_coordinates_range"


def test_event_confidence_between_zero_and_one(event):
    event.confidence = 1.5
    assert messages(event) == {"confidence": ["Ensure this value is less than or equal to 1."]}
    assert raw_save_fails(event) == "event_confidence_range"


def test_event_slug_from_title_and_year(event, event_type):
    twin = Event.objects.create(title=event.title, date="2019-02", event_type=event_type)
    assert (event.slug, twin.slug) == (
        "united-states-suspends-inf-treaty-obligations-2019",
        "united-states-suspends-inf-treaty-obligations-2019-2",
    )


def test_event_type_cameo_code_is_digits():
    event_type = EventType(name="Sign agreement", cameo_code="05A")
    assert messages(event_type) == {"__all__": ["A CAMEO code is 2 to 4 digits, e.g. 057."]}
    assert raw_save_fails(event_type) == "eventtype_cameo_code_format"


def test_event_relation_not_to_itself(event):
    relation = EventRelation(from_event=event, to_event=event, kind=RelationKind.FOLLOWS)
    assert messages(relation) == {"__all__": ["An event cannot be related to itself."]}
    assert raw_save_fails(relation) == "eventrelation_not_self"


def test_event_participant_once_per_role(event, usa):
    EventParticipant.objects.create(event=event, actor=usa, role=ParticipantRole.INITIATOR)
    again = EventParticipant(event=event, actor=usa, role=ParticipantRole.INITIATOR)
    assert messages(again) == {
        "__all__": ["Event participant with this Event, Actor and Role already exists."]
    }
    assert raw_save_fails(again) == "eventparticipant_unique"
    EventParticipant(event=event, actor=usa, role=ParticipantRole.HOST).full_clean()


# --- Treaty actions ------------------------------------------------------------------------


def test_treaty_action_needs_an_actor_except_treaty_wide(inf_treaty):
    action = TreatyAction(treaty=inf_treaty, action=ActionKind.SIGNATURE, date="1987-12-08")
    assert messages(action) == {
        "__all__": ["Only entry into force or an extension may have no actor."]
    }
    assert raw_save_fails(action) == "treatyaction_actor_required"
    TreatyAction(
        treaty=inf_treaty, action=ActionKind.ENTRY_INTO_FORCE, date="1988-06-01"
    ).full_clean()


def test_extended_until_only_on_extensions(inf_treaty, usa):
    action = TreatyAction(
        treaty=inf_treaty,
        actor=usa,
        action=ActionKind.RATIFICATION,
        date="1988-05-27",
        extended_until="2026-02-05",
    )
    assert messages(action) == {"__all__": ["'Extended until' applies to extensions only."]}
    assert raw_save_fails(action) == "treatyaction_extended_until_only_for_extension"


def test_extension_stores_its_new_expiry(inf_treaty):
    extension = TreatyAction.objects.create(
        treaty=inf_treaty,
        action=ActionKind.EXTENSION,
        date="2021-02-03",
        extended_until="2026-02-05",
    )
    extension.refresh_from_db()
    assert (extension.extended_until_start, extension.extended_until_end) == (
        dt.date(2026, 2, 5),
        dt.date(2026, 2, 5),
    )


def test_treaty_action_unique_per_actor_action_and_date(treaty_action):
    again = TreatyAction(
        treaty=treaty_action.treaty,
        actor=treaty_action.actor,
        action=treaty_action.action,
        date=treaty_action.date,
    )
    assert messages(again) == {
        "__all__": ["This actor already has this action on this treaty at this date."]
    }
    assert raw_save_fails(again) == "treatyaction_unique"


def test_treaty_wide_action_unique_per_date(inf_treaty):
    TreatyAction.objects.create(
        treaty=inf_treaty, action=ActionKind.ENTRY_INTO_FORCE, date="1988-06-01"
    )
    again = TreatyAction(treaty=inf_treaty, action=ActionKind.ENTRY_INTO_FORCE, date="1988-06-01")
    assert messages(again) == {
        "__all__": ["This actor already has this action on this treaty at this date."]
    }
    assert raw_save_fails(again) == "treatyaction_unique"


def test_statement_refills_the_position_when_the_speaker_changes(lavrov, russia, lavrov_minister):
    ryabkov = Actor.objects.create(name="Sergei Ryabkov", kind=ActorKind.PERSON)
    deputy = Position.objects.create(
        person=ryabkov, organisation=russia, title="Deputy Foreign Minister", period="2008/.."
    )
    statement = Statement.objects.create(speaker=lavrov, date="2019-03-19", text="Words.")
    assert statement.speaker_position == lavrov_minister
    statement.speaker = ryabkov
    statement.save()
    statement.refresh_from_db()
    assert statement.speaker_position == deputy


def test_treaty_wikidata_id_format_and_uniqueness_in_the_database(inf_treaty):
    bad = Treaty(name="Some treaty", kind="bilateral", wikidata_id="Q0")
    assert messages(bad) == {"wikidata_id": [WIKIDATA_MESSAGE]}
    assert raw_save_fails(bad) == "treaty_wikidata_id_format"
    Treaty.objects.filter(pk=inf_treaty.pk).update(wikidata_id="Q1130196")
    clash = Treaty(name="Another treaty", kind="bilateral", wikidata_id="Q1130196")
    assert messages(clash) == {"__all__": ["Another treaty already has this Wikidata id."]}
    assert raw_save_fails(clash) == "treaty_wikidata_id_unique"
