"""Storing one analysed article: a draft Source with draft Statements, Events, Citations,
and draft Actors and Treaties for names the database does not know. Undated statements
get the range ``undated`` allows, or are skipped with a warning.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Q
from django.utils import timezone

from sources.ingest.errors import IngestWarningCode
from sources.ingest.extract import ArticleResult, StatementDraft
from sources.ingest.knowledge import Knowledge
from sources.ingest.outcome import Outcome
from sources.ingest.speakers import Entity
from sources.ingest.treaties import TreatyRef
from sources.ingest.undated import LOWER_CONFIDENCE, undated_range
from sources.models import Citation, Outlet, Source
from timeline import services
from timeline.models import Actor, Event, EventParticipant, EventType, Statement, Status, Treaty

INGEST_NOTE = "Proposed by the article ingester; check before publishing."
FALLBACK_EVENT_TYPE = "Unclassified (ingested)"


class Writer:
    """Creates the rows for one article. Call inside a transaction."""

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self._event_types = {t.name.lower(): t for t in EventType.objects.all()}

    def event_type(self, name: str | None) -> EventType:
        """The type of that name (added to the vocabulary if the database lacks it)."""
        if name and name.lower() in self._event_types:
            return self._event_types[name.lower()]
        if name:
            created, _ = services.get_or_create(
                EventType, name=name, defaults={"description": "Added by the article ingester."}
            )
            self._event_types[name.lower()] = created
            return created
        fallback = self._event_types.get(FALLBACK_EVENT_TYPE.lower())
        if fallback is None:
            fallback, _ = services.get_or_create(
                EventType,
                name=FALLBACK_EVENT_TYPE,
                defaults={"description": "Machine-proposed events awaiting a type."},
            )
            self._event_types[fallback.name.lower()] = fallback
        return fallback

    def _state_names(self) -> set[str]:
        if not hasattr(self, "_states"):
            self._states = {
                n for a in self.knowledge.actors if a.kind == "state" for n in a.names()
            }
        return self._states

    def actor(self, entity: Entity, counts: dict) -> Actor:
        if entity.actor is not None and entity.actor.id is not None:
            return Actor.objects.get(pk=entity.actor.id)
        name = entity.display.strip()[:200]
        kind = (
            entity.kind
            if entity.kind in ("person", "organisation", "state", "group")
            else (
                "person"
                if re.fullmatch(r"[A-Z][a-z\-]+(?:\s+[A-Z][a-z\-]+){1,2}", name)
                else "organisation"
            )
        )
        actor = Actor.objects.filter(Q(name__iexact=name) | Q(aliases__contains=[name])).first()
        if actor is None:
            actor = services.create(
                Actor, name=name, kind=kind, status=Status.DRAFT, description=INGEST_NOTE
            )
            counts["new_actors"] = counts.get("new_actors", 0) + 1
        return actor

    def treaty(self, ref: TreatyRef, counts: dict) -> Treaty:
        if ref.info is not None and ref.info.id is not None:
            return Treaty.objects.get(pk=ref.info.id)
        name = ref.display[:300]
        treaty = Treaty.objects.filter(Q(name__iexact=name) | Q(aliases__contains=[name])).first()
        if treaty is None:
            states = self._state_names()
            bilateral = any(
                a in states and b in states
                for a, b in re.findall(r"([A-Z][\w.]*)-([A-Z][\w.]*)", name)
            )
            treaty = services.create(
                Treaty,
                name=name,
                kind="bilateral" if bilateral else "multilateral",
                status=Status.DRAFT,
                summary=INGEST_NOTE,
            )
            counts["new_treaties"] = counts.get("new_treaties", 0) + 1
        return treaty

    def outlet(self, result: ArticleResult, counts: dict) -> Outlet | None:
        if result.outlet is not None:
            return Outlet.objects.get(pk=result.outlet.id)
        name = (result.outlet_name or "").strip()[:200]
        if not name:
            return None
        outlet = Outlet.objects.filter(Q(name__iexact=name) | Q(aliases__contains=[name])).first()
        if outlet is None:
            outlet = services.create(Outlet, name=name)
            counts["new_outlets"] = counts.get("new_outlets", 0) + 1
        return outlet

    def free_url(self, result: ArticleResult) -> str | None:
        """The page's address, unless another source already has it (then a warning)."""
        url = (result.url or "")[:1000] or None
        if url and Source.objects.filter(url=url).exists():
            _warn_once(
                result,
                IngestWarningCode.URL_IN_USE,
                f"Another source already has the address {url}; this one was stored "
                "without it (an updated version of the page?).",
            )
            return None
        return url

    def store(self, outcome: Outcome, sources_by_file: dict[str, int]) -> None:
        result = outcome.result
        art = result.article
        counts = outcome.counts
        outlet = self.outlet(result, counts)
        source = Source(
            outlet=outlet,
            title=art.headline[:500],
            url=self.free_url(result),
            published=result.published_edtf or "",
            dateline_place=(art.dateline_place or "")[:200],
            language="en",
            body=art.body,
            raw_text=raw_text(result),
            retrieved_at=retrieved_at(result),
            status=Status.DRAFT,
        )
        if outcome.duplicate_of_source:
            source.duplicate_of_id = outcome.duplicate_of_source
        services.create_record(source)
        partners = set(outcome.same_story_sources)
        partners |= {sources_by_file[f] for f in result.same_story_as if f in sources_by_file}
        if partners:
            services.link(source, "same_story_as", partners, add=True)
        treaties: dict[str, Treaty] = {}

        def treaty_rows(refs: list[TreatyRef]) -> list[Treaty]:
            for ref in refs:
                if ref.key not in treaties:
                    treaties[ref.key] = self.treaty(ref, counts)
            return [treaties[r.key] for r in refs]

        treaty_rows([m.ref for m in result.treaty_mentions])
        for draft in result.statements:
            self._statement(source, result, draft, treaty_rows, counts)
        for ev in result.events:
            sentence = art.body[ev.start : ev.end]
            if ev.existing is not None:
                # A happening we already have: the article becomes one more source for it.
                event = Event.objects.get(pk=ev.existing.id)
                counts["linked_events"] = counts.get("linked_events", 0) + 1
            elif ev.proposes_event:
                event = services.create(
                    Event,
                    title=ev.headline[:300],
                    summary=sentence,
                    date=ev.phrase.edtf,
                    event_type=self.event_type(ev.type_name),
                    confidence=ev.confidence,
                    status=Status.DRAFT,
                    place_name="",
                )
                services.link(event, "treaties", treaty_rows(ev.treaties))
                for entity in ev.participants:
                    services.get_or_create(
                        EventParticipant, event=event, actor=self.actor(entity, counts)
                    )
                counts["events"] = counts.get("events", 0) + 1
            else:
                continue  # a date, not a happening (or told again elsewhere in the article)
            services.get_or_create(
                Citation,
                source=source,
                event=event,
                excerpt=sentence,
                start=ev.start,
                end=ev.end,
                defaults={"note": f"date phrase: “{ev.phrase.text}”"},
            )
            for s, e in ev.also_cited:
                services.get_or_create(
                    Citation, source=source, event=event, excerpt=art.body[s:e], start=s, end=e
                )
        outcome.source_id = source.pk

    def _statement(self, source, result, draft: StatementDraft, treaty_rows, counts) -> None:
        if draft.speaker is None:
            counts["skipped_statements"] = counts.get("skipped_statements", 0) + 1
            return
        date = (draft.date_phrase.edtf if draft.date_phrase else None) or result.published_edtf
        confidence, note = draft.confidence, ""
        speaker = None
        day = (draft.date_phrase.first_day if draft.date_phrase else None) or result.published
        if not date:
            span = undated_range(result, source.retrieved_at.astimezone(dt.UTC).date())
            if span is None:
                counts["skipped_statements"] = counts.get("skipped_statements", 0) + 1
                _warn_once(
                    result,
                    IngestWarningCode.NO_STATEMENT_DATE,
                    "Statements were not stored: the article gives no date for them "
                    "and nothing in it bounds one. Set the source's date and add them "
                    "by hand.",
                )
                return
            date, note = span.edtf, span.note
            confidence = round(draft.confidence * LOWER_CONFIDENCE, 2)
            speaker = self.actor(draft.speaker, counts)
            held = speaker.position_on(span.lower.day) if speaker.kind == "person" else None
            if held is not None and held == speaker.position_on(span.upper.day):
                day = span.lower.day  # one position held over the whole range
            _warn_once(
                result,
                IngestWarningCode.STATEMENT_DATE_RANGE,
                f"The article does not date its statements; they were stored with the "
                f"range {span.edtf} and lower confidence. {span.note}",
            )
            counts["ranged_statements"] = counts.get("ranged_statements", 0) + 1
        speaker = speaker or self.actor(draft.speaker, counts)
        on_behalf = None
        if speaker.kind == "person" and day is not None:
            position = speaker.position_on(day)
            on_behalf = position.organisation if position else None
        statement = services.create(
            Statement,
            speaker=speaker,
            on_behalf_of=on_behalf,
            date=date,
            kind=draft.kind,
            language="en",
            text=draft.text,
            cue_verb=(draft.cue_verb or "")[:40],
            confidence=confidence,
            status=Status.DRAFT,
        )
        services.link(statement, "treaties", treaty_rows(draft.treaties))
        excerpt = result.article.body[draft.start : draft.end]
        services.create(
            Citation,
            source=source,
            statement=statement,
            excerpt=excerpt,
            start=draft.start,
            end=draft.end,
            note=note,
        )
        counts["statements"] = counts.get("statements", 0) + 1


def _warn_once(result: ArticleResult, code: IngestWarningCode, message: str) -> None:
    if not any(w["code"] == code for w in result.warnings):
        result.article.warn(code, message)


def raw_text(result: ArticleResult) -> str:
    """The file as received, as text (PostgreSQL text holds no NUL)."""
    if result.raw is None:
        return result.article.raw_text.replace("\x00", "")
    return result.raw.decode("utf-8", "replace").replace("\x00", "")


def retrieved_at(result: ArticleResult) -> dt.datetime:
    """When the page was saved, if the sidecar says so (noon UTC of that day), else now."""
    day = result.metadata.retrieved
    if day is None:
        return timezone.now()
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
