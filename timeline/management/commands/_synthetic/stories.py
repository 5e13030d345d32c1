"""Stories: an event with its participants, what was said about it, and the reports that
back both. Each story is written as it is generated (events, statements, sources and
citations together), so memory stays flat however many events are asked for.

Every record is cited by the story's own report; half the stories are cited again in a
monthly chronicle (as Keesing's Record of World Events sums up a month), so records carry
1.5 citations on average while sources stay near one per event. Each
excerpt is a sentence of the report's body at the offsets stored with the citation.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import re

from sources.ingest.fingerprint import story_keys
from sources.text import content_hash

from . import vocab
from .dates import LAST, day_near, edtf_date
from .world import World, stamps, status

MONTHS = list(calendar.month_name)
CHRONICLE_STORIES = 8
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _month_last(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _when(edtf: str, start: dt.date, end: dt.date | None, precision: str) -> str:
    if precision == "day":
        return f"On {start.day} {MONTHS[start.month]} {start.year}"
    if precision == "month":
        return f"In {MONTHS[start.month]} {start.year}"
    if precision == "year":
        return f"In {start.year}"
    if precision == "season":
        season = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}[start.month]
        return f"In {season} {start.year}"
    if end is None:
        return f"Since {start.day} {MONTHS[start.month]} {start.year}"
    return f"From {start.day} {MONTHS[start.month]} to {end.day} {MONTHS[end.month]} {end.year}"


class Report:
    """One source's body, built paragraph by paragraph, remembering where each excerpt is."""

    def __init__(self, dateline: str):
        self.parts = [dateline]
        self.length = len(dateline)
        self.cited: list[tuple[str, int, str, int, int]] = []

    def add(self, text: str, record: tuple[str, int, str] | None = None, excerpt: str = ""):
        self.parts.append("\n\n")
        self.length += 2
        if record:
            offset = text.index(excerpt)
            start = self.length + offset
            self.cited.append((record[0], record[1], excerpt, start, start + len(excerpt)))
        self.parts.append(text)
        self.length += len(text)

    @property
    def body(self) -> str:
        return "".join(self.parts)


class Stories:
    def __init__(self, rng: random.Random, files, world: World, *, with_story_keys: bool):
        self.rng, self.files, self.world = rng, files, world
        self.with_story_keys = with_story_keys
        self.hashes: set[bytes] = set()
        self.chronicles: dict[tuple[int, int], list] = {}
        self.events = 0

    # -- events -------------------------------------------------------------
    def event(self) -> None:
        rng, files, world = self.rng, self.files, self.world
        edtf, start, end, precision = edtf_date(rng)
        type_id, title_form, verb = world.types.pick(rng)
        actors = world.participants.distinct(rng, rng.choice([1, 2, 2, 2, 2, 2, 3, 3, 4, 4]))
        a = actors[0]
        b = actors[1].label if len(actors) > 1 else "its neighbours"
        topic = rng.choice(vocab.TOPICS)
        title = title_form.format(a=a.label, b=b, t=topic)
        first = f"{_when(edtf, start, end, precision)}, {a.label} {verb.format(b=b, t=topic)}."
        summary = f"{first} {rng.choice(vocab.FILLER)}"
        state = status(rng)
        country = next((x for x in actors if x.kind == "state"), None)
        place = rng.choice(world.cities)
        located = rng.random() < 0.4
        pk = files.event.new_id()
        files.event.write(
            id=pk,
            title=title,
            slug=f"{_NOT_SLUG.sub('-', title.lower())[:150]}-{pk}",
            summary=summary,
            date=edtf,
            date_start=start,
            date_end=end,
            precision=precision,
            event_type_id=type_id,
            place_name=place,
            place_country_id=country.id if country and rng.random() < 0.6 else None,
            latitude=f"{rng.uniform(-60, 70):.5f}" if located else None,
            longitude=f"{rng.uniform(-170, 170):.5f}" if located else None,
            confidence=round(rng.uniform(0.3, 0.95), 3)
            if state != "published" and rng.random() < 0.7
            else None,
            status=state,
            **stamps(rng),
        )
        for index, actor in enumerate(actors):
            role = (
                ("initiator", "target")[index]
                if index < 2
                else rng.choice(["participant", "participant", "host"])
            )
            files.eventparticipant.write(event_id=pk, actor_id=actor.id, role=role)
        treaties = []
        roll = rng.random()
        if roll < 0.15:
            treaties = world.treaties.distinct(rng, 2 if roll < 0.03 else 1)
            for treaty in treaties:
                files.event_treaties.write(event_id=pk, treaty_id=treaty.id)
        for tag in world.tags.distinct(rng, rng.choice([0, 1, 1, 2, 3])):
            files.event_tags.write(event_id=pk, tag_id=tag)
        if pk > 1 and rng.random() < 0.04:
            files.eventrelation.write(
                from_event_id=pk,
                to_event_id=rng.randrange(1, pk),
                kind=rng.choice(["responds_to", "part_of", "follows"]),
            )
        records = [("event_id", pk, state, first)]
        for _ in range(rng.choice([0, 0, 0, 0, 0, 0, 1, 1, 1, 2])):
            records.append(self.statement(pk, start, end, actors, treaties))
        self.reports(records, title, place, start, end)
        self.events += 1

    # -- statements ---------------------------------------------------------
    def statement(self, event_id, start, end, actors, treaties):
        rng, files, world = self.rng, self.files, self.world
        home = [p for x in actors for p in world.people_of.get(x.id, ())]
        speaker = rng.choice(home) if home and rng.random() < 0.6 else world.speakers.pick(rng)
        day = day_near(rng, start, end, 10)
        roll = rng.random()
        if roll < 0.92:
            edtf, d_start, d_end, precision = day.isoformat(), day, day, "day"
        elif roll < 0.97:
            edtf, precision = day.strftime("%Y-%m"), "month"
            d_start = day.replace(day=1)
            d_end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        else:
            edtf, d_start, d_end, precision = day.isoformat() + "?", day, day, "day"
        position = speaker.position_on(d_start)
        topic = rng.choice(vocab.TOPICS)
        text = f"{rng.choice(vocab.QUOTE_OPENINGS)} {topic} {rng.choice(vocab.QUOTE_ENDINGS)}."
        venue = rng.choice(vocab.VENUES)
        cue = rng.choice(vocab.CUE_VERBS)
        state = status(rng)
        pk = files.statement.write(
            speaker_id=speaker.id,
            speaker_position_id=position[0] if position else None,
            on_behalf_of_id=position[1] if position else speaker.parent.id,
            date=edtf,
            date_start=d_start,
            date_end=d_end,
            precision=precision,
            venue=venue,
            kind=rng.choice(["direct_quote"] * 7 + ["paraphrase"] * 2 + ["official_statement"]),
            language=rng.choice(vocab.LANGUAGES),
            text=text,
            cue_verb=cue,
            status=state,
            **stamps(rng),
        )
        if rng.random() < 0.9:
            files.statement_events.write(statement_id=pk, event_id=event_id)
        for treaty in treaties:
            if rng.random() < 0.5:
                files.statement_treaties.write(statement_id=pk, treaty_id=treaty.id)
        at = f" at {venue}" if venue else ""
        return ("statement_id", pk, state, text, f'{speaker.name} {cue}{at}: "{text}"')

    # -- treaty actions -----------------------------------------------------
    def treaty_actions(self) -> None:
        names = {a.id: a.label for a in self.world.participants.items}
        for treaty in self.world.treaties.items:
            by_day: dict[dt.date, list] = {}
            for pk, action, actor, day, state in treaty.actions:
                by_day.setdefault(day, []).append((pk, action, actor, state))
            for day, actions in by_day.items():
                records = []
                for pk, action, actor, state in actions:
                    sentence = vocab.ACTION_SENTENCES[action].format(
                        a=names.get(actor, ""), t=treaty.name
                    )
                    records.append(("treaty_action_id", pk, state, sentence + "."))
                title = f"{treaty.short or treaty.name}: {len(records)} action(s) recorded"
                self.reports(records, title, self.rng.choice(self.world.cities), day, day)

    # -- sources and citations ----------------------------------------------
    def reports(self, records, title, place, start, end) -> None:
        """The story's own report cites every record; half the stories are also summed up
        in a monthly chronicle (one source for CHRONICLE_STORIES stories of a month)."""
        published = any(r[2] == "published" for r in records)
        self.report(records, title, place, start, end, published)
        if self.rng.random() < 0.5:
            month = self.chronicles.setdefault((start.year, start.month), [])
            month.append((title, records, published))
            if len(month) == CHRONICLE_STORIES:
                self.chronicle(start.year, start.month)

    def report(self, records, title, place, start, end, published: bool) -> None:
        rng = self.rng
        outlet = rng.choice(self.world.outlets)
        day = day_near(rng, start, end, 3)
        report = Report(f"{place.upper()}, {day.day} {MONTHS[day.month]} ({outlet[1]}) -")
        for record in records:
            paragraph = record[4] if len(record) > 4 else record[3]
            report.add(paragraph, record[:3], record[3])
            if rng.random() < 0.5:
                report.add(rng.choice(vocab.FILLER))
        report.add(f"{rng.choice(vocab.FILLER)} Report {rng.getrandbits(40):010x}.")
        self.store(report, outlet, title, place, day, published)

    def chronicle(self, year: int, month: int) -> None:
        stories = self.chronicles.pop((year, month))
        rng = self.rng
        outlet = rng.choice(self.world.outlets)
        day = min(_month_last(year, month), LAST)
        report = Report(f"Chronicle of {MONTHS[month]} {year} ({outlet[1]})")
        for title, records, _ in stories:
            report.add(title.upper())
            for record in records:
                paragraph = record[4] if len(record) > 4 else record[3]
                report.add(paragraph, record[:3], record[3])
        report.add(f"Compiled by the editors. Issue {rng.getrandbits(40):010x}.")
        title = f"Chronicle of {MONTHS[month]} {year}: {stories[0][0]} and other news"
        published = any(p for _, _, p in stories)
        self.store(report, outlet, title, "", day, published)

    def finish(self) -> None:
        """Publish the chronicles still open (months with fewer stories)."""
        for year, month in sorted(self.chronicles):
            self.chronicle(year, month)

    def store(self, report: Report, outlet, title, place, day, published: bool) -> None:
        rng, files = self.rng, self.files
        outlet_id, _, outlet_slug = outlet
        body = report.body
        digest = content_hash(body)
        while digest.encode() in self.hashes:  # practically never; the hash must stay unique
            body += " (updated)"
            digest = content_hash(body)
        self.hashes.add(digest.encode())
        keys = story_keys(body) if self.with_story_keys else None
        if rng.random() < 0.95:
            edtf, p_start, p_end, precision = day.isoformat(), day, day, "day"
        else:
            edtf, precision = day.strftime("%Y-%m"), "month"
            p_start = day.replace(day=1)
            p_end = _month_last(day.year, day.month)
        pk = files.source.new_id()
        files.source.write(
            id=pk,
            outlet_id=outlet_id,
            title=title,
            url=f"https://{outlet_slug}.example/{day.year}/{pk}",
            published=edtf,
            published_start=p_start,
            published_end=p_end,
            published_precision=precision,
            dateline_place=place,
            language="en",
            body=body,
            content_hash=digest,
            retrieved_at=stamps(rng)["created_at"] if rng.random() < 0.5 else None,
            text_keys=keys.text_keys if keys else [],
            quote_keys=keys.quote_keys if keys else [],
            status="published" if published else "draft",
            **stamps(rng),
        )
        for column, record_id, excerpt, begin, finish in report.cited:
            files.citation.write(
                source_id=pk,
                excerpt=excerpt,
                start=begin,
                end=finish,
                **{column: record_id},
                **stamps(rng),
            )
