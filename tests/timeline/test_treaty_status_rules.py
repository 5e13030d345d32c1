"""Replay rules on bare action lists (no database): same-day order, incomplete records."""

import datetime as dt

from timeline.treaty_status import (
    ActionFact,
    PartyState,
    StatusAt,
    TreatyState,
    party_statuses,
    treaty_status,
)

D = dt.date.fromisoformat
A, B, C = 1, 2, 3


def test_treaty_wide_entry_into_force_with_same_day_state_entries_is_in_force():
    actions = [
        ActionFact("signature", A, D("1992-03-24")),
        ActionFact("signature", B, D("1992-03-24")),
        ActionFact("entry_into_force", None, D("2002-01-01")),
        ActionFact("entry_into_force", A, D("2002-01-01")),
        ActionFact("entry_into_force", B, D("2002-01-01")),
    ]
    status = treaty_status(actions, D("2002-01-01"), bilateral=False)
    assert status == StatusAt(TreatyState.IN_FORCE, D("2002-01-01"))
    assert party_statuses(actions, D("2002-01-01"), bilateral=False) == {
        A: StatusAt(PartyState.PARTY, D("2002-01-01")),
        B: StatusAt(PartyState.PARTY, D("2002-01-01")),
    }


def test_multilateral_in_force_without_recorded_ratifications_is_not_terminated():
    actions = [
        ActionFact("signature", A, D("1968-07-01")),
        ActionFact("entry_into_force", None, D("1970-03-05")),
    ]
    assert treaty_status(actions, D("1990-01-01"), bilateral=False) == StatusAt(
        TreatyState.IN_FORCE, D("1970-03-05")
    )
    # The signatory that never ratified is still only a signatory.
    assert party_statuses(actions, D("1990-01-01"), bilateral=False) == {
        A: StatusAt(PartyState.SIGNATORY, D("1968-07-01"))
    }


def test_suspended_party_giving_notice_stays_suspended_until_it_leaves():
    actions = [
        ActionFact("signature", A, D("1987-12-08")),
        ActionFact("signature", B, D("1987-12-08")),
        ActionFact("entry_into_force", None, D("1988-06-01")),
        ActionFact("suspension", A, D("2019-02-02")),
        ActionFact("withdrawal_notice", A, D("2019-02-02")),
        ActionFact("withdrawal_effective", A, D("2019-08-02")),
    ]
    assert treaty_status(actions, D("2019-02-02"), bilateral=True) == StatusAt(
        TreatyState.SUSPENDED, D("2019-02-02")
    )
    assert party_statuses(actions, D("2019-05-01"), bilateral=True)[A] == StatusAt(
        PartyState.SUSPENDED, D("2019-02-02")
    )
    assert treaty_status(actions, D("2019-08-02"), bilateral=True) == StatusAt(
        TreatyState.TERMINATED, D("2019-08-02")
    )


def test_expiry_date_is_the_first_day_out_of_force():
    actions = [
        ActionFact("signature", A, D("1991-07-31")),
        ActionFact("signature", B, D("1991-07-31")),
        ActionFact("entry_into_force", None, D("1994-12-05")),
    ]
    expires = D("2009-12-05")
    assert treaty_status(actions, D("2009-12-04"), bilateral=True, expires=expires).status == (
        TreatyState.IN_FORCE
    )
    assert treaty_status(actions, D("2009-12-05"), bilateral=True, expires=expires) == StatusAt(
        TreatyState.EXPIRED, D("2009-12-05")
    )


def test_one_of_three_parties_withdrawing_leaves_the_treaty_in_force():
    actions = [
        *(ActionFact("ratification", p, D("2000-01-01")) for p in (A, B, C)),
        ActionFact("entry_into_force", None, D("2000-06-01")),
        ActionFact("withdrawal_effective", A, D("2010-01-01")),
    ]
    assert treaty_status(actions, D("2010-01-01"), bilateral=False) == StatusAt(
        TreatyState.IN_FORCE, D("2000-06-01")
    )
    assert party_statuses(actions, D("2010-01-01"), bilateral=False)[A] == StatusAt(
        PartyState.WITHDRAWN, D("2010-01-01")
    )
