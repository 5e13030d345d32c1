"""Issue 9 item 11: a treaty's signature and entry-into-force dates are derived from its
published actions (DESIGN §1), never typed in twice; the date filter uses them."""

from __future__ import annotations

import pytest

from timeline.models import Treaty, TreatyAction

pytestmark = pytest.mark.django_db


def act(treaty, action, actor, date, status="published"):
    return TreatyAction.objects.create(
        treaty=treaty, action=action, actor=actor, date=date, status=status
    )


def test_typed_dates_are_ignored_and_actions_decide(usa, russia):
    treaty = Treaty.objects.create(
        name="Test Accord", kind="bilateral", signed="1950", entered_into_force="1951"
    )
    treaty.refresh_from_db()
    assert (treaty.signed, treaty.entered_into_force) == ("", "")
    act(treaty, "signature", usa, "1987-12-08")
    act(treaty, "signature", russia, "1987-12-09?")
    treaty.refresh_from_db()
    assert treaty.signed == "1987-12-08"
    assert str(treaty.signed_start) == "1987-12-08"
    assert treaty.entered_into_force == ""
    act(treaty, "ratification", usa, "1988-05")
    act(treaty, "entry_into_force", None, "1988-06-01~")
    treaty.refresh_from_db()
    # Dated as the action that brought it into force: precision and qualifier kept.
    assert treaty.entered_into_force == "1988-06-01~"
    assert str(treaty.entered_into_force_start) == "1988-06-01"
    # A draft action does not count; publishing it does.
    earlier = act(treaty, "signature", usa, "1987-11", status="draft")
    treaty.refresh_from_db()
    assert treaty.signed == "1987-12-08"
    earlier.status = "published"
    earlier.save()
    treaty.refresh_from_db()
    assert treaty.signed == "1987-11"
    # Saving the treaty with a typed value changes nothing.
    treaty.signed = "2001"
    treaty.save()
    treaty.refresh_from_db()
    assert treaty.signed == "1987-11"


def test_parties_own_entry_into_force(usa, russia):
    treaty = Treaty.objects.create(name="Open Accord", kind="multilateral")
    act(treaty, "signature", usa, "1992-03-24")
    act(treaty, "signature", russia, "1992-03-24")
    act(treaty, "entry_into_force", usa, "2002-01-01")
    act(treaty, "entry_into_force", russia, "2002-01-01")
    treaty.refresh_from_db()
    assert (treaty.signed, treaty.entered_into_force) == ("1992-03-24", "2002-01-01")


def test_the_form_no_longer_offers_the_dates():
    from django.forms import modelform_factory

    form = modelform_factory(Treaty, exclude=[])()
    assert "signed" not in form.fields and "entered_into_force" not in form.fields
