"""EDTF dates: accepted forms with their day bounds and precision, rejected forms with messages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from timeline.dates import ACCEPTED_FORMS, Precision, parse_date
from timeline.models import Event, Position, Treaty, TreatyKind

D = dt.date

ACCEPTED = [
    ("2019-03-19", D(2019, 3, 19), D(2019, 3, 19), Precision.DAY),
    ("2019-03", D(2019, 3, 1), D(2019, 3, 31), Precision.MONTH),
    ("2019-02", D(2019, 2, 1), D(2019, 2, 28), Precision.MONTH),
    ("2020-02", D(2020, 2, 1), D(2020, 2, 29), Precision.MONTH),
    ("2021", D(2021, 1, 1), D(2021, 12, 31), Precision.YEAR),
    ("2019-03-20/2019-03-21", D(2019, 3, 20), D(2019, 3, 21), Precision.RANGE),
    ("2019-03-19?", D(2019, 3, 19), D(2019, 3, 19), Precision.DAY),
    ("2019-03-19~", D(2019, 3, 19), D(2019, 3, 19), Precision.DAY),
    ("2019-21", D(2019, 3, 1), D(2019, 5, 31), Precision.SEASON),
    ("2019-24", D(2019, 12, 1), D(2020, 2, 29), Precision.SEASON),  # winter spans the new year
    ("2019-22", D(2019, 6, 1), D(2019, 8, 31), Precision.SEASON),
    ("2004-03-09/..", D(2004, 3, 9), None, Precision.RANGE),
    ("2020-02-29", D(2020, 2, 29), D(2020, 2, 29), Precision.DAY),
]


@pytest.mark.parametrize(("value", "start", "end", "precision"), ACCEPTED)
def test_accepted_forms_give_bounds_and_precision(value, start, end, precision):
    bounds = parse_date(value)
    assert (bounds.edtf, bounds.start, bounds.end, bounds.precision) == (
        value,
        start,
        end,
        precision,
    )


def test_surrounding_white_space_is_stripped():
    assert parse_date("  2019-03-19 \n").edtf == "2019-03-19"


@pytest.mark.parametrize(
    "value", ["2019-13-01", "March 19", "2019-02-30", "2019-02-29", "19-3-2019"]
)
def test_invalid_input_names_the_accepted_forms(value):
    with pytest.raises(ValidationError) as info:
        parse_date(value)
    assert info.value.code == "invalid_edtf"
    assert info.value.messages == [f"'{value}' is not a valid date. Enter {ACCEPTED_FORMS}."]
    assert "2019-03-19 (day), 2019-03 (month), 2021 (year)" in info.value.messages[0]


def test_empty_is_required_and_names_the_accepted_forms():
    with pytest.raises(ValidationError) as info:
        parse_date("   ")
    assert info.value.code == "required"
    assert info.value.messages == [f"A date is required. Enter {ACCEPTED_FORMS}."]


def test_range_that_ends_before_it_starts_is_rejected():
    with pytest.raises(ValidationError) as info:
        parse_date("2019-03-21/2019-03-20")
    assert info.value.code == "invalid_range"
    assert info.value.messages == ["'2019-03-21/2019-03-20' ends before it starts."]


def test_range_open_at_both_ends_is_rejected():
    with pytest.raises(ValidationError) as info:
        parse_date("../..")
    assert info.value.code == "invalid_edtf"


# Model level: the error is attached to the field, and derived columns are filled.


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["2019-13-01", "March 19", "2019-02-30"])
def test_event_full_clean_names_the_date_field_once(value, event_type):
    event = Event(title="Something", date=value, event_type=event_type)
    with pytest.raises(ValidationError) as info:
        event.full_clean()
    assert info.value.message_dict == {
        "date": [f"'{value}' is not a valid date. Enter {ACCEPTED_FORMS}."]
    }


@pytest.mark.django_db
def test_event_without_date_is_rejected_with_the_accepted_forms(event_type):
    event = Event(title="Something", date="", event_type=event_type)
    with pytest.raises(ValidationError) as info:
        event.full_clean()
    assert info.value.message_dict == {"date": [f"A date is required. Enter {ACCEPTED_FORMS}."]}


@pytest.mark.django_db
@pytest.mark.parametrize(("value", "start", "end", "precision"), ACCEPTED)
def test_event_save_stores_derived_bounds(value, start, end, precision, event_type):
    event = Event.objects.create(title=f"Event {value}", date=value, event_type=event_type)
    event.refresh_from_db()
    assert (event.date, event.date_start, event.date_end, event.precision) == (
        value,
        start,
        end,
        precision,
    )


@pytest.mark.django_db
def test_raw_save_of_an_invalid_date_is_refused(event_type):
    with pytest.raises(ValidationError) as info:
        Event.objects.create(title="Something", date="2019-13-01", event_type=event_type)
    assert info.value.message_dict == {
        "date": [f"'2019-13-01' is not a valid date. Enter {ACCEPTED_FORMS}."]
    }
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_raw_save_without_a_required_date_is_refused_before_the_database(event_type):
    with pytest.raises(ValidationError) as info:
        Event.objects.create(title="Something", date="", event_type=event_type)
    assert info.value.message_dict == {"date": [f"A date is required. Enter {ACCEPTED_FORMS}."]}


@pytest.mark.django_db
def test_event_save_recomputes_bounds_when_the_date_changes(event):
    event.date = "2019-08"
    event.save()
    event.refresh_from_db()
    assert (event.date_start, event.date_end, event.precision) == (
        D(2019, 8, 1),
        D(2019, 8, 31),
        Precision.MONTH,
    )


@pytest.mark.django_db
def test_open_ended_position_has_null_end(lavrov_minister):
    lavrov_minister.refresh_from_db()
    assert (lavrov_minister.period_start, lavrov_minister.period_end) == (D(2004, 3, 9), None)


@pytest.mark.django_db
def test_event_date_must_have_a_known_start(event_type):
    event = Event(title="Something", date="../2019-03-19", event_type=event_type)
    with pytest.raises(ValidationError) as info:
        event.full_clean()
    assert info.value.message_dict == {
        "date": ["'../2019-03-19' needs a known start; only its end may be open (..)."]
    }


@pytest.mark.django_db
def test_optional_treaty_dates_may_be_empty():
    treaty = Treaty(name="Some Treaty", kind=TreatyKind.MULTILATERAL)
    treaty.full_clean()
    treaty.save()
    treaty.refresh_from_db()
    assert (treaty.signed, treaty.signed_start, treaty.signed_end) == ("", None, None)


@pytest.mark.django_db
def test_invalid_optional_treaty_date_names_its_field():
    treaty = Treaty(name="Some Treaty", kind=TreatyKind.MULTILATERAL, expires="2021-02-30")
    with pytest.raises(ValidationError) as info:
        treaty.full_clean()
    assert info.value.message_dict == {
        "expires": [f"'2021-02-30' is not a valid date. Enter {ACCEPTED_FORMS}."]
    }


@pytest.mark.django_db
def test_position_period_validated_on_full_clean(lavrov, russia):
    position = Position(person=lavrov, organisation=russia, title="Minister", period="2004-14")
    with pytest.raises(ValidationError) as info:
        position.full_clean()
    assert info.value.message_dict == {
        "period": [f"'2004-14' is not a valid date. Enter {ACCEPTED_FORMS}."]
    }
