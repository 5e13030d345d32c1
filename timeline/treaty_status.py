"""Treaty status and each party's status as of a date, derived from treaty actions.

Pure functions over a list of actions, so the rules can be read and tested
on their own; ``Treaty.status_as_of`` and ``Treaty.parties_as_of`` feed them
from the database. Nothing here is typed in by curators: only the actions are.

Rules (applied in date order; actions on the same day in ACTION_ORDER):
- signature makes an actor a signatory;
- ratification/accession binds it: it becomes a party once the treaty is in
  force (immediately if it already is), otherwise it is "ratified";
- entry into force with no actor puts the treaty in force: ratified actors
  become parties (for a bilateral treaty, so do the signatories: the exchange
  of instruments is the ratification); with an actor, in force for that actor;
- suspension, withdrawal notice, withdrawal (effective) and de-ratification
  move that actor to suspended, withdrawing, withdrawn, signatory;
- extension moves the expiry to ``extended_until``;
- a suspended party that gives withdrawal notice stays suspended;
- all of a day's actions apply before the treaty's state is judged: it is in
  force while at least two parties are bound and active, suspended while fewer
  than two are active but two are still bound, terminated once fewer than two
  are bound (only if two ever were: missing ratification records do not end a
  treaty), expired from its expiry date (the day it ceases to be in force).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby


class TreatyState:
    NOT_SIGNED = "not_signed"
    SIGNED = "signed"  # signed by someone, not (yet) in force
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"
    EXPIRED = "expired"


class PartyState:
    SIGNATORY = "signatory"
    RATIFIED = "ratified"  # bound, treaty not yet in force
    PARTY = "party"
    SUSPENDED = "suspended"
    WITHDRAWING = "withdrawing"  # notice given, still bound
    WITHDRAWN = "withdrawn"
    TREATY_ENDED = "treaty_ended"  # was bound when the treaty terminated or expired


BOUND = {PartyState.PARTY, PartyState.SUSPENDED, PartyState.WITHDRAWING}
ACTIVE = {PartyState.PARTY, PartyState.WITHDRAWING}

ENDED = {TreatyState.TERMINATED, TreatyState.EXPIRED}

ACTION_ORDER = [
    "signature",
    "ratification",
    "accession",
    "entry_into_force",
    "extension",
    "suspension",
    "withdrawal_notice",
    "withdrawal_effective",
    "deratification",
]


@dataclass(frozen=True)
class ActionFact:
    action: str
    actor_id: int | None
    date: dt.date
    extended_until: dt.date | None = None

    @classmethod
    def from_row(cls, row) -> ActionFact:
        """From a TreatyAction row (the model, or its historical version in a migration)."""
        return cls(row.action, row.actor_id, row.date_start, row.extended_until_end)


@dataclass(frozen=True)
class StatusAt:
    status: str
    since: dt.date | None


def _sorted(actions: Iterable[ActionFact]) -> list[ActionFact]:
    # Same day: in ACTION_ORDER, and a state's own entry into force before the treaty-wide one.
    return sorted(actions, key=lambda a: (a.date, ACTION_ORDER.index(a.action), a.actor_id is None))


class _Replay:
    def __init__(self, bilateral: bool, expires: dt.date | None):
        self.bilateral = bilateral
        self.expires = expires
        self.in_force = False
        self.signed = False
        # Whether two parties were ever bound at once: only then can losing them end the
        # treaty (a treaty-wide entry into force with no ratifications recorded stays in force).
        self.was_bound = False
        self.parties: dict[int, StatusAt] = {}
        self.status = StatusAt(TreatyState.NOT_SIGNED, None)

    def _set_party(self, actor_id: int, state: str, day: dt.date) -> None:
        current = self.parties.get(actor_id)
        if current is None or current.status != state:
            self.parties[actor_id] = StatusAt(state, day)

    def _state(self, actor_id: int | None) -> str | None:
        current = self.parties.get(actor_id)
        return current.status if current else None

    def apply(self, fact: ActionFact) -> None:
        day, who, state = fact.date, fact.actor_id, self._state(fact.actor_id)
        match fact.action:
            case "signature":
                self.signed = True
                if who is not None and state in (None, PartyState.WITHDRAWN):
                    self._set_party(who, PartyState.SIGNATORY, day)
            case "ratification" | "accession":
                self.signed = True
                if who is not None:
                    bound = PartyState.PARTY if self.in_force else PartyState.RATIFIED
                    self._set_party(who, bound, day)
            case "entry_into_force":
                self.signed = True
                if who is not None:
                    self._set_party(who, PartyState.PARTY, day)
                    if not self.in_force:
                        self.in_force = sum(s.status in BOUND for s in self.parties.values()) >= 2
                    return
                self.in_force = True
                joining = {PartyState.RATIFIED}
                if self.bilateral:
                    joining.add(PartyState.SIGNATORY)
                for actor_id, current in list(self.parties.items()):
                    if current.status in joining:
                        self._set_party(actor_id, PartyState.PARTY, day)
            case "extension":
                if fact.extended_until:
                    self.expires = fact.extended_until
            case "suspension":
                if who is not None and state in (PartyState.PARTY, PartyState.WITHDRAWING):
                    self._set_party(who, PartyState.SUSPENDED, day)
            case "withdrawal_notice":
                # A suspended party that gives notice stays suspended until it leaves.
                if who is not None and state in (PartyState.PARTY,):
                    self._set_party(who, PartyState.WITHDRAWING, day)
            case "withdrawal_effective":
                if who is not None:
                    self._set_party(who, PartyState.WITHDRAWN, day)
            case "deratification":
                if who is not None:
                    self._set_party(who, PartyState.SIGNATORY, day)

    def treaty_state(self) -> str:
        if not self.in_force:
            if self.status.status in (TreatyState.TERMINATED, TreatyState.EXPIRED):
                return self.status.status
            return TreatyState.SIGNED if self.signed else TreatyState.NOT_SIGNED
        states = [s.status for s in self.parties.values()]
        bound = sum(s in BOUND for s in states)
        self.was_bound = self.was_bound or bound >= 2
        if not self.was_bound:
            return TreatyState.IN_FORCE
        if bound < 2:
            return TreatyState.TERMINATED
        if sum(s in ACTIVE for s in states) < 2:
            return TreatyState.SUSPENDED
        return TreatyState.IN_FORCE

    def end(self, state: str, day: dt.date) -> None:
        self.in_force = False
        self.status = StatusAt(state, day)
        for actor_id, current in list(self.parties.items()):
            if current.status in BOUND:
                self._set_party(actor_id, PartyState.TREATY_ENDED, day)

    def settle(self, day: dt.date) -> None:
        state = self.treaty_state()
        if state == TreatyState.TERMINATED and self.in_force:
            self.end(state, day)
        elif state != self.status.status:
            self.status = StatusAt(state, day)

    def expire_if_due(self, day: dt.date) -> bool:
        """End the treaty if it has expired by ``day``; True if it did.

        ``expires`` (and an extension's ``extended_until``) is the day the treaty
        ceases to be in force, as usually cited: New START "expired on 5 February 2026".
        """
        if self.in_force and self.expires and day >= self.expires:
            self.end(TreatyState.EXPIRED, self.expires)
            return True
        return False


def replay(
    actions: Iterable[ActionFact], as_of: dt.date, *, bilateral: bool, expires: dt.date | None
) -> _Replay:
    state = _Replay(bilateral, expires)
    facts = [fact for fact in _sorted(actions) if fact.date <= as_of]
    for day, group in groupby(facts, key=lambda fact: fact.date):
        if state.status.status in ENDED or state.expire_if_due(day):
            break
        # All of a day's actions count before the treaty's state is judged.
        for fact in group:
            state.apply(fact)
        state.settle(day)
    if state.status.status not in ENDED:
        state.expire_if_due(as_of)
    return state


def treaty_status(actions, as_of, *, bilateral, expires=None) -> StatusAt:
    return replay(actions, as_of, bilateral=bilateral, expires=expires).status


def party_statuses(actions, as_of, *, bilateral, expires=None) -> dict[int, StatusAt]:
    return replay(actions, as_of, bilateral=bilateral, expires=expires).parties


def ended_on(actions, *, bilateral, expires=None) -> dt.date | None:
    """The first day the treaty was out of force (terminated or expired), or None."""
    final = treaty_status(actions, dt.date.max, bilateral=bilateral, expires=expires)
    return final.since if final.status in ENDED else None


def entered_into_force_on(actions, *, bilateral, expires=None) -> dt.date | None:
    """The first day the treaty was in force, by the same replay, or None."""
    facts = list(actions)
    for day in sorted({fact.date for fact in facts}):
        status = treaty_status(facts, day, bilateral=bilateral, expires=expires)
        if status.status == TreatyState.IN_FORCE:
            return status.since
    return None


@dataclass(frozen=True)
class DerivedDates:
    signed: str  # EDTF, as the action that gives it was dated ("" when none)
    entered_into_force: str
    ended: dt.date | None


def derived_dates(rows, *, bilateral: bool, expires: dt.date | None) -> DerivedDates:
    """A treaty's signature, entry into force and end, from its published action rows
    (the model's, or their historical versions in a migration): never typed in twice.

    Signed: the first signature. Entered into force: the first day the replay finds the
    treaty in force (a treaty-wide entry into force, or the parties' own), dated as the
    action that brought it into force was dated, so its precision and qualifiers stay.
    """
    rows = [r for r in rows if r.status == "published" and r.date_start is not None]
    facts = [ActionFact.from_row(r) for r in rows]
    signatures = sorted((r for r in rows if r.action == "signature"), key=lambda r: r.date_start)
    signed = signatures[0].date if signatures else ""
    day = entered_into_force_on(facts, bilateral=bilateral, expires=expires)
    entered = ""
    if day is not None:
        on_day = [r for r in rows if r.date_start == day]
        preferred = sorted(
            on_day, key=lambda r: (r.action != "entry_into_force", r.actor_id is not None)
        )
        entered = preferred[0].date if preferred else day.isoformat()
    return DerivedDates(signed, entered, ended_on(facts, bilateral=bilateral, expires=expires))
