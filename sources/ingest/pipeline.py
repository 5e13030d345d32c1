"""The database side of ingestion: lookup tables in, one transaction per article out.

``run`` reads files, analyses them (pure code in this package), relates them
to each other and to stored sources, and, unless it is a dry run, stores each
article as a draft Source with draft Statements, Events and Citations. A file
already stored (same content hash) changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sources.ingest.errors import IngestError, IngestErrorCode, IngestWarningCode
from sources.ingest.extract import (
    ArticleResult,
    StatementDraft,
    adopt_year,
    analyse,
    contract,
    finish,
)
from sources.ingest.knowledge import (
    ActorInfo,
    Knowledge,
    OutletInfo,
    PositionInfo,
    TreatyInfo,
)
from sources.ingest.similarity import Fingerprint, fold, same_story, text_overlap
from sources.ingest.speakers import Entity
from sources.ingest.treaties import TreatyRef
from sources.ingest.undated import LOWER_CONFIDENCE, undated_range
from sources.models import Citation, Outlet, Source
from timeline.models import (
    ActionKind,
    Actor,
    Event,
    EventParticipant,
    EventType,
    Statement,
    Status,
    Treaty,
)

INGEST_NOTE = "Proposed by the article ingester; check before publishing."
FALLBACK_EVENT_TYPE = "Unclassified (ingested)"
# Words in the dated sentence -> the event type name to use if the database has it.
EVENT_TYPE_CUES = [
    (r"\bsign(?:ed|s|ing)\b", "Treaty signing"),
    (r"\bratif", "Ratification or accession"),
    (r"\b(?:took effect|(?:entered|enter|came) into force)\b", "Entry into force"),
    (r"\bexten(?:d|sion)", "Treaty extension"),
    (r"\b(?:expire|expiry|come to an end|cease)", "Treaty expiry"),
    (r"\bwithdr[ae]w", "Withdrawal"),
    (r"\bsuspen", "Suspension"),
    (r"\bsummit\b", "Summit"),
    (r"\b(?:talks|negotiat|consultations)\b", "Negotiation round"),
    (r"\b(?:conference|session|assembly)\b", "Conference"),
    (r"\bnuclear test\b", "Nuclear test"),
    (r"\b(?:missile|flight) test", "Missile test"),
    (r"\b(?:accus|violat)", "Accusation"),
    (r"\b(?:said|statement|address|told|announced|speech)\b", "Statement"),
]
SAME_STORY_WINDOW = dt.timedelta(days=7)
RECENT_SOURCES = 2000


# -- lookup tables ------------------------------------------------------------------------


def load_knowledge(today: dt.date | None = None) -> Knowledge:
    actors = []
    positions: dict[int, list[PositionInfo]] = {}
    from timeline.models import Position

    for pos in Position.objects.select_related("organisation").all():
        positions.setdefault(pos.person_id, []).append(
            PositionInfo(pos.title, pos.organisation.name, pos.period_start, pos.period_end)
        )
    for a in Actor.objects.exclude(status=Status.RETRACTED).only(
        "id", "name", "short_name", "aliases", "kind", "parent_id"
    ):
        actors.append(
            ActorInfo(
                a.id,
                a.name,
                a.kind,
                a.short_name,
                list(a.aliases),
                positions.get(a.id, []),
                a.parent_id,
            )
        )
    treaties = []
    for t in Treaty.objects.exclude(status=Status.RETRACTED).prefetch_related("actions"):
        actions = [x for x in t.actions.all() if x.status != Status.RETRACTED]
        dates = [x.date_start for x in actions if x.date_start]
        ends = t.expires_end
        extensions = [
            x.extended_until_end
            for x in actions
            if x.action == ActionKind.EXTENSION and x.extended_until_end
        ]
        if extensions:
            ends = max(extensions)
        withdrawals = [
            x.date_start
            for x in actions
            if x.action == ActionKind.WITHDRAWAL_EFFECTIVE and x.date_start
        ]
        if withdrawals and t.kind == "bilateral":
            ends = min(withdrawals) if ends is None else min(ends, min(withdrawals))
        treaties.append(
            TreatyInfo(
                t.id,
                t.name,
                t.short_name,
                list(t.aliases),
                t.signed_start,
                t.entered_into_force_start,
                ends,
                dates,
            )
        )
    outlets = [OutletInfo(o.id, o.name, list(o.aliases)) for o in Outlet.objects.all()]
    return Knowledge(actors, treaties, outlets, today or timezone.localdate())


# -- reading files ------------------------------------------------------------------------


def expand(paths: Iterable[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.txt") if p.is_file())
        else:
            files.append(path)
    return files


@dataclass
class Outcome:
    file: str
    result: ArticleResult | None = None
    error: dict | None = None
    status: str = ""  # stored | unchanged | dry-run | error
    source_id: int | None = None
    same_story_sources: list[int] = field(default_factory=list)
    duplicate_of_source: int | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        if self.error is not None:
            return self.error
        data = contract(self.result)
        data["status"] = self.status
        data["source_id"] = self.source_id
        data["same_story_sources"] = self.same_story_sources
        data["duplicate_of_source"] = self.duplicate_of_source
        return data


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(
            IngestErrorCode.UNREADABLE, f"Cannot read the file: {exc.strerror or exc}."
        ) from exc


# -- relating articles --------------------------------------------------------------------


def _buckets(fp: Fingerprint) -> set[int]:
    """Keys that any same-story partner is likely to share: quote 6-grams, sampled shingles."""
    keys = {s for s in fp.shingles if s % 16 == 0}
    for q in fp.quotes:
        words = q.split()
        keys |= {
            zlib.crc32(" ".join(words[i : i + 6]).encode()) | 1 << 40
            for i in range(max(1, len(words) - 5))
        }
    return keys


def link_results(results: list[ArticleResult]) -> None:
    """Same story and exact duplicates within one run, via a shared-key index (no n² scan)."""
    first_by_hash: dict[str, ArticleResult] = {}
    distinct: list[ArticleResult] = []
    for r in results:
        if r.content_hash in first_by_hash:
            original = first_by_hash[r.content_hash]
            r.duplicate_of = original.file
            r.same_story_as.append(original.file)
            r.same_story_why[original.file] = "same text"
        else:
            first_by_hash[r.content_hash] = r
            distinct.append(r)
    index: dict[int, list[int]] = {}
    candidates: set[tuple[int, int]] = set()
    for i, r in enumerate(distinct):
        for k in _buckets(r.fingerprint):
            for j in index.get(k, ()):
                candidates.add((j, i))
            index.setdefault(k, []).append(i)
    for j, i in sorted(candidates):
        a, b = distinct[i], distinct[j]
        why = same_story(a.fingerprint, b.fingerprint)
        if why:
            a.same_story_as.append(b.file)
            a.same_story_why[b.file] = why
            b.same_story_as.append(a.file)
            b.same_story_why[a.file] = why
    # Copies share their original's partners.
    for r in results:
        if r.duplicate_of:
            original = first_by_hash[r.content_hash]
            r.same_story_as += [f for f in original.same_story_as if f != r.file]
            r.same_story_as = list(dict.fromkeys(r.same_story_as))
    by_file = {r.file: r for r in results}
    for _ in range(2):
        for r in results:
            adopt_year(r, [by_file[f].published for f in r.same_story_as if f in by_file])


def _stored_fingerprints(result: ArticleResult, cache: dict) -> list[tuple[Source, Fingerprint]]:
    day = result.published
    if day is not None:
        qs = Source.objects.filter(
            Q(
                published_start__lte=day + SAME_STORY_WINDOW,
                published_end__gte=day - SAME_STORY_WINDOW,
            )
            | Q(published_start__isnull=True)
        )
    else:
        qs = Source.objects.order_by("-created_at")[:RECENT_SOURCES]
    out = []
    for source in qs.only("id", "title", "body", "published", "published_start"):
        if source.pk not in cache:
            quotes = list(
                Statement.objects.filter(citations__source=source, kind="direct_quote").values_list(
                    "text", flat=True
                )
            )
            cache[source.pk] = (source, Fingerprint.of(source.body, quotes))
        out.append(cache[source.pk])
    return out


def relate_to_stored(outcome: Outcome, cache: dict) -> None:
    result = outcome.result
    existing = Source.objects.filter(content_hash=result.content_hash).only("id").first()
    if existing is not None:
        outcome.duplicate_of_source = existing.pk
        outcome.same_story_sources.append(existing.pk)
        return
    for source, fp in _stored_fingerprints(result, cache):
        why = same_story(result.fingerprint, fp)
        if why:
            outcome.same_story_sources.append(source.pk)
            if why == "near-duplicate text" and outcome.duplicate_of_source is None:
                outcome.duplicate_of_source = source.pk
            if result.published is None and source.published_start:
                adopt_year(result, [source.published_start])


# -- writing ------------------------------------------------------------------------------


class Writer:
    """Creates the rows for one article. Call inside a transaction."""

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self._event_types = {t.name.lower(): t for t in EventType.objects.all()}

    def event_type(self, sentence: str) -> EventType:
        for pattern, name in EVENT_TYPE_CUES:
            if re.search(pattern, sentence, re.IGNORECASE) and name.lower() in self._event_types:
                return self._event_types[name.lower()]
        fallback = self._event_types.get(FALLBACK_EVENT_TYPE.lower())
        if fallback is None:
            fallback, _ = EventType.objects.get_or_create(
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
            actor = Actor.objects.create(
                name=name, kind=kind, status=Status.DRAFT, description=INGEST_NOTE
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
            treaty = Treaty.objects.create(
                name=name,
                kind="bilateral" if bilateral else "multilateral",
                status=Status.DRAFT,
                summary=INGEST_NOTE,
            )
            counts["new_treaties"] = counts.get("new_treaties", 0) + 1
        return treaty

    def store(self, outcome: Outcome, sources_by_file: dict[str, int]) -> None:
        result = outcome.result
        art = result.article
        counts = outcome.counts
        outlet = Outlet.objects.get(pk=result.outlet.id) if result.outlet else None
        source = Source(
            outlet=outlet,
            title=art.headline[:500],
            published=result.published_edtf or "",
            dateline_place=(art.dateline_place or "")[:200],
            language="en",
            body=art.body,
            raw_text=art.raw_text,
            retrieved_at=timezone.now(),
            status=Status.DRAFT,
        )
        if outcome.duplicate_of_source:
            source.duplicate_of_id = outcome.duplicate_of_source
        source.save()
        partners = set(outcome.same_story_sources)
        partners |= {sources_by_file[f] for f in result.same_story_as if f in sources_by_file}
        if partners:
            source.same_story_as.add(*partners)
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
            event = Event.objects.create(
                title=ev.title[:300],
                summary=sentence,
                date=ev.phrase.edtf,
                event_type=self.event_type(sentence),
                confidence=ev.confidence,
                status=Status.DRAFT,
                place_name="",
            )
            event.treaties.set(treaty_rows(ev.treaties))
            for entity in ev.participants:
                EventParticipant.objects.get_or_create(
                    event=event, actor=self.actor(entity, counts)
                )
            Citation.objects.create(
                source=source,
                event=event,
                excerpt=sentence,
                start=ev.start,
                end=ev.end,
                note=f"date phrase: “{ev.phrase.text}”",
            )
            for s, e in ev.also_cited:
                Citation.objects.get_or_create(
                    source=source, event=event, excerpt=art.body[s:e], start=s, end=e
                )
            counts["events"] = counts.get("events", 0) + 1
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
        statement = Statement.objects.create(
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
        statement.treaties.set(treaty_rows(draft.treaties))
        excerpt = result.article.body[draft.start : draft.end]
        Citation.objects.create(
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


# -- the run ------------------------------------------------------------------------------


def run(
    paths: Iterable[str],
    *,
    dry_run: bool,
    year_hint: int | None = None,
    progress: Callable[[Iterable], Iterable] = lambda it: it,
    knowledge: Knowledge | None = None,
) -> list[Outcome]:
    files = expand(paths)
    knowledge = knowledge or load_knowledge()
    outcomes: list[Outcome] = []
    for path in progress(files):
        outcome = Outcome(file=path.name)
        try:
            outcome.result = analyse(path.name, _read(path), knowledge, year_hint)
        except IngestError as exc:
            outcome.error, outcome.status = exc.as_dict(str(path.name)), "error"
        outcomes.append(outcome)
    good = [o for o in outcomes if o.result is not None]
    link_results([o.result for o in good])
    cache: dict = {}
    for o in good:
        relate_to_stored(o, cache)
        finish(o.result)
    if dry_run:
        for o in good:
            o.status = "dry-run"
        return outcomes
    writer = Writer(knowledge)
    sources_by_file: dict[str, int] = {}
    for o in good:
        if (
            o.duplicate_of_source
            and o.result.content_hash
            and Source.objects.filter(
                pk=o.duplicate_of_source, content_hash=o.result.content_hash
            ).exists()
        ):
            o.status, o.source_id = "unchanged", o.duplicate_of_source
            sources_by_file.setdefault(o.file, o.source_id)
            continue
        if o.result.duplicate_of:
            o.status = "unchanged"
            o.source_id = sources_by_file.get(o.result.duplicate_of)
            continue
        try:
            with transaction.atomic():
                writer.store(o, sources_by_file)
            o.status = "stored"
            sources_by_file[o.file] = o.source_id
        except Exception as exc:
            o.error = {
                "file": o.file,
                "error": str(IngestErrorCode.DATABASE),
                "reason": f"Nothing was stored for this article: {exc}",
            }
            o.status, o.source_id = "error", None
    return outcomes


def summary(outcomes: list[Outcome], seconds: float) -> str:
    by_status: dict[str, int] = {}
    totals: dict[str, int] = {}
    for o in outcomes:
        by_status[o.status] = by_status.get(o.status, 0) + 1
        for k, v in o.counts.items():
            totals[k] = totals.get(k, 0) + v
    quotes = sum(len(o.result.quotes) for o in outcomes if o.result)
    rate = len(outcomes) / seconds if seconds > 0 else float("inf")
    parts = [f"{len(outcomes)} file(s)"] + [f"{v} {k}" for k, v in sorted(by_status.items())]
    parts.append(f"{quotes} quotes found")
    parts += [f"{v} {k.replace('_', ' ')}" for k, v in sorted(totals.items())]
    return ", ".join(parts) + f"; {seconds:.2f}s ({rate:.1f} articles/s)"


__all__ = [
    "Outcome",
    "expand",
    "fold",
    "link_results",
    "load_knowledge",
    "run",
    "summary",
    "text_overlap",
]
