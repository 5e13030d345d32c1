"""The slowly changing world the stories happen in: actors with positions, the event-type
taxonomy, tags, outlets, and treaties with every party's actions.

Actors take part with power-law weights (a few states appear in most events, most
actors in a handful), as in GDELT- and ACLED-style data.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from dataclasses import dataclass, field

from timeline import treaty_status

from . import vocab
from .dates import LAST, day_near, random_day

PUBLISHED_SHARE = [("published", 0.92), ("draft", 0.97), ("review", 0.99), ("retracted", 1.0)]
EPOCH = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)


def status(rng: random.Random, shares=PUBLISHED_SHARE) -> str:
    roll = rng.random()
    return next(name for name, p in shares if roll < p)


def _stamp_pool(size: int = 1 << 16) -> list[dict]:
    # Formatting two datetimes per row is a tenth of the generation time; 65,536 drawn
    # (created, updated) pairs, fixed for every seed, are as good for the benchmarks.
    rng, pool = random.Random(0), []
    for _ in range(size):
        created = EPOCH + dt.timedelta(seconds=rng.randrange(330_000_000))
        updated = created + dt.timedelta(seconds=rng.randrange(30_000_000))
        pool.append({"created_at": created.isoformat(), "updated_at": updated.isoformat()})
    return pool


_STAMPS = _stamp_pool()


def stamps(rng: random.Random) -> dict:
    """created_at/updated_at as a curation history would leave them (2015 to 2025)."""
    return _STAMPS[rng.getrandbits(16)]


class PowerLaw:
    """Pick items with Zipf-like weights 1/rank^s, ranks shuffled by the seed."""

    def __init__(self, items: list, rng: random.Random, s: float = 1.1):
        self.items = list(items)
        rng.shuffle(self.items)
        self.cum = list(itertools.accumulate(1 / (rank + 1) ** s for rank in range(len(items))))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect(self.cum, rng.random() * self.total)]

    def distinct(self, rng: random.Random, k: int) -> list:
        k = min(k, len(self.items))
        chosen: list = []
        while len(chosen) < k:
            item = self.pick(rng)
            if all(item is not other for other in chosen):
                chosen.append(item)
        return chosen


@dataclass(eq=False)  # identity: the same actor twice is the same row
class ActorRow:
    id: int
    name: str
    label: str  # how a sentence names it
    kind: str
    parent: ActorRow | None
    status: str
    positions: list[tuple[int, dt.date, dt.date | None, int]] = field(default_factory=list)

    def position_on(self, day: dt.date) -> tuple[int, int] | None:
        """(position id, organisation id) as Actor.position_on chooses it."""
        best = None
        for pk, start, end, org in self.positions:
            covers = start <= day and (end is None or end >= day)
            # The latest start wins, then the lowest id (Actor.position_on's order).
            if covers and (best is None or (start, -pk) > (best[1], -best[0])):
                best = (pk, start, end, org)
        return (best[0], best[3]) if best else None


def unique_names(rng: random.Random, n: int, forms: list[str], taken: set[str]) -> list[str]:
    names = []
    while len(names) < n:
        root = rng.choice(vocab.ONSETS) + rng.choice(vocab.MIDDLES) + rng.choice(vocab.ENDINGS)
        name = rng.choice(forms).format(root.capitalize())
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


class World:
    def __init__(self, rng: random.Random, files, events: int):
        self.rng, self.files = rng, files
        n_actors = min(4000, max(150, events // 40))
        self.taken: set[str] = set()
        self.states = self._actors("state", max(20, min(200, n_actors // 5)), vocab.STATE_FORMS)
        self.orgs = self._actors("organisation", n_actors // 10, vocab.ORG_FORMS)
        self.groups = self._actors("group", n_actors // 7, vocab.GROUP_FORMS)
        self.people = self._people(n_actors - len(self.states) - len(self.orgs) - len(self.groups))
        self.participants = PowerLaw(self.states * 3 + self.orgs + self.groups, rng)
        self.speakers = PowerLaw(self.people, rng)
        self.people_of: dict[int, list[ActorRow]] = {}
        for person in self.people:
            self.people_of.setdefault(person.parent.id, []).append(person)
        self.cities = unique_names(rng, 400, ["{}", "{} City", "Port {}", "New {}"], set())
        self.types = self._types()
        self.tags = PowerLaw(
            [files.tag.write(name=t, slug=t.replace(" ", "-"), **stamps(rng)) for t in vocab.TAGS],
            rng,
        )
        self.outlets = self._outlets()
        self.treaties = self._treaties(min(2000, max(10, events // 500)))

    # -- actors -------------------------------------------------------------
    def _write_actor(self, name, kind, parent, short="", aliases=()) -> ActorRow:
        rng = self.rng
        row = ActorRow(
            0,
            name,
            short or name,
            kind,
            parent,
            status(rng, [("published", 0.97), ("draft", 0.99), ("review", 1.0)]),
        )
        row.id = self.files.actor.new_id()
        self.files.actor.write(
            id=row.id,
            name=name,
            short_name=short,
            slug=f"{_slug(name)}-{row.id}",
            aliases=list(aliases),
            kind=kind,
            parent_id=parent.id if parent else None,
            wikidata_id=f"Q{1_000_000 + row.id}" if kind != "person" and rng.random() < 0.5 else "",
            description=f"A {kind} in the synthetic dataset.",
            status=row.status,
            **stamps(rng),
        )
        return row

    def _actors(self, kind: str, n: int, forms: list[str]) -> list[ActorRow]:
        rows = []
        for name in unique_names(self.rng, n, forms, self.taken):
            short = "".join(w[0] for w in name.split() if w[0].isupper()) if " " in name else ""
            parent = self.rng.choice(self.states) if kind == "group" else None
            rows.append(self._write_actor(name, kind, parent, short, [short] if short else []))
        return rows

    def _people(self, n: int) -> list[ActorRow]:
        rng, rows = self.rng, []
        while len(rows) < n:
            name = f"{rng.choice(vocab.GIVEN)} {rng.choice(vocab.FAMILY)}"
            name = name if name not in self.taken else f"{name} {len(rows) + 1}"
            if name in self.taken:
                continue
            self.taken.add(name)
            person = self._write_actor(name, "person", rng.choice(self.states))
            self._positions(person)
            rows.append(person)
        return rows

    def _positions(self, person: ActorRow) -> None:
        rng = self.rng
        start = random_day(rng)
        for _ in range(rng.choice([1, 1, 2, 3])):
            org = person.parent if rng.random() < 0.8 else rng.choice(self.orgs or self.states)
            title = rng.choice(vocab.POSITION_TITLES[org.kind])
            end = start + dt.timedelta(days=rng.randrange(400, 3650))
            if end > LAST:
                period, end = f"{start.isoformat()}/..", None
            else:
                period = f"{start.isoformat()}/{end.isoformat()}"
            pk = self.files.position.write(
                person_id=person.id,
                organisation_id=org.id,
                title=title,
                period=period,
                period_start=start,
                period_end=end,
                **stamps(rng),
            )
            person.positions.append((pk, start, end, org.id))
            if end is None:
                return
            start = end + dt.timedelta(days=rng.randrange(1, 900))
            if start > LAST:
                return

    # -- taxonomy, outlets --------------------------------------------------
    def _types(self) -> PowerLaw:
        ids, leaves = {}, []
        for name, plover, cameo, title, verb, parent in vocab.EVENT_TYPES:
            ids[name] = self.files.eventtype.write(
                name=name,
                slug=_slug(name),
                parent_id=ids.get(parent),
                plover_code=plover,
                cameo_code=cameo,
                **stamps(self.rng),
            )
            if title:
                leaves.append((ids[name], title, verb))
        return PowerLaw(leaves, self.rng, s=0.8)

    def _outlets(self) -> list[tuple[int, str, str]]:
        rows = []
        for name in unique_names(self.rng, 40, ["{}"], set()):
            form, kind = self.rng.choice(vocab.OUTLET_FORMS)
            full = form.format(name)
            pk = self.files.outlet.write(
                name=full,
                slug=_slug(full),
                aliases=[name],
                kind=kind,
                country_id=self.rng.choice(self.states).id,
                url=f"https://{_slug(name)}.example/",
                **stamps(self.rng),
            )
            rows.append((pk, full, _slug(name)))
        return rows

    # -- treaties -----------------------------------------------------------
    def _treaties(self, n: int) -> PowerLaw:
        rng, rows, names = self.rng, [], set()
        for _ in range(n):
            place = rng.choice(self.cities)
            name = rng.choice(vocab.TREATY_FORMS).format(p=place, t=rng.choice(vocab.TOPICS))
            name = name if name not in names else f"{name} (No. {len(rows) + 1})"
            names.add(name)
            rows.append(self._treaty(name))
        return PowerLaw(rows, rng)

    def _treaty(self, name: str):
        rng = self.rng
        bilateral = rng.random() < 0.55
        signed = random_day(rng)
        if signed.year > 2023:  # leave time for ratifications and entry into force
            signed = dt.date(2023, signed.month, min(signed.day, 28))
        in_force = signed + dt.timedelta(days=rng.randrange(30, 900))
        term = rng.randrange(10, 26) if rng.random() < 0.3 else None
        expires = in_force.replace(day=1, year=in_force.year + term) if term else None
        short = "".join(w[0] for w in name.split() if w[0].isupper())
        tid = self.files.treaty.new_id()
        parties = (
            self.participants.distinct(rng, 2)
            if bilateral
            else self.participants.distinct(rng, min(3 + int(rng.paretovariate(1.2)), 80))
        )
        actions = self._actions(parties, bilateral, signed, in_force, expires)
        published = [
            treaty_status.ActionFact(a, actor, start, until)
            for a, actor, _, start, until, st in actions
            if st == "published"
        ]
        ended = treaty_status.ended_on(published, bilateral=bilateral, expires=_expiry(expires))
        treaty = TreatyRow(tid, name, short, status(rng, [("published", 0.95), ("draft", 1.0)]))
        self.files.treaty.write(
            id=tid,
            name=name,
            short_name=short,
            slug=f"{_slug(short or name)}-{tid}",
            aliases=[short],
            kind="bilateral" if bilateral else "multilateral",
            signed=signed.isoformat(),
            signed_start=signed,
            signed_end=signed,
            entered_into_force=in_force.isoformat() if in_force <= LAST else "",
            entered_into_force_start=in_force if in_force <= LAST else None,
            entered_into_force_end=in_force if in_force <= LAST else None,
            expires=expires.strftime("%Y-%m") if expires else "",
            expires_start=expires,
            expires_end=_expiry(expires),
            summary=f"An agreement on {name.split(' on ')[-1]} concluded in {signed.year}.",
            ended=ended,
            status=treaty.status,
            **stamps(rng),
        )
        for action, actor, edtf, start, until, st in actions:
            pk = self.files.treatyaction.write(
                treaty_id=tid,
                actor_id=actor,
                action=action,
                date=edtf,
                date_start=start,
                date_end=start,
                precision="day",
                extended_until=until.strftime("%Y-%m") if until else "",
                extended_until_start=until.replace(day=1) if until else None,
                extended_until_end=until,
                status=st,
                **stamps(rng),
            )
            treaty.actions.append((pk, action, actor, start, st))
        return treaty

    def _actions(self, parties, bilateral, signed, in_force, expires):
        """(action, actor id, edtf, date, extended_until, status) in a plausible order."""
        rng, rows = self.rng, []
        pub = [("published", 0.96), ("draft", 1.0)]

        def add(action, actor, day, until=None):
            if day <= LAST:
                rows.append((action, actor, day.isoformat(), day, until, status(rng, pub)))

        for party in parties:
            late = not bilateral and rng.random() < 0.3
            if late:
                add("accession", party.id, day_near(rng, in_force, None, 2000))
                continue
            add("signature", party.id, signed)
            add("ratification", party.id, day_near(rng, signed, in_force))
        add("entry_into_force", None, in_force)
        if expires and rng.random() < 0.3:
            until = _expiry(expires.replace(year=expires.year + 5))
            add("extension", None, day_near(rng, expires - dt.timedelta(days=300), expires), until)
        for party in parties:
            roll = rng.random()
            if roll < 0.08:
                notice = day_near(rng, in_force, None, 9000)
                add("withdrawal_notice", party.id, notice)
                add("withdrawal_effective", party.id, notice + dt.timedelta(days=180))
            elif roll < 0.12:
                add("suspension", party.id, day_near(rng, in_force, None, 9000))
        return rows


@dataclass
class TreatyRow:
    id: int
    name: str
    short: str
    status: str
    actions: list = field(default_factory=list)


def _expiry(first_day: dt.date | None) -> dt.date | None:
    """The last day of the month ``first_day`` starts (expiry is stored to the month)."""
    if first_day is None:
        return None
    nxt = (first_day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(filter(None, out.split("-")))[:180]
