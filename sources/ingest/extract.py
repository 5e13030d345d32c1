"""One article in, everything the reviewer needs out: no database here.

``analyse`` reads one file; ``same_story_links`` relates the articles of a run
(same story, exact duplicates) and lets a story whose year could not be fixed
take it from another report of the same story; ``finish`` resolves the dates
(``date_resolution``) and proposes events; ``contract`` (its own module) renders
DESIGN.md §6.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sources.ingest.anchors import caption_dates, past_full_dates, year_anchors
from sources.ingest.article import ParsedArticle, parse_article
from sources.ingest.date_resolution import resolve
from sources.ingest.dates import (
    DatePhrase,
    YearEvidence,
    collect_evidence,
    find_dates,
    infer_published,
)
from sources.ingest.errors import IngestWarningCode
from sources.ingest.event_drafts import describe_events
from sources.ingest.inputs import Metadata
from sources.ingest.knowledge import EventInfo, Knowledge, OutletInfo
from sources.ingest.outlets import choose_outlet
from sources.ingest.paraphrases import find_paraphrases
from sources.ingest.quote_attribution import attribute, classify
from sources.ingest.quote_marks import scan_quotes
from sources.ingest.similarity import Fingerprint
from sources.ingest.spans import SpanIndex
from sources.ingest.speakers import Entity, Resolver
from sources.ingest.treaties import TreatyMention, TreatyRef, find_treaties
from sources.text import content_hash

ATTRIBUTION_CONFIDENCE = {"tail": 0.9, "head": 0.9, "according": 0.85, "inherited": 0.75,
                          "none": 0.4}  # fmt: skip
MENTION_FACTOR = {"name": 1.0, "title": 0.95, "anaphor": 0.92, "pronoun": 0.9, "phrase": 0.7}


@dataclass
class StatementDraft:
    kind: str  # direct_quote | paraphrase
    text: str
    start: int  # excerpt span in the body
    end: int
    speaker: Entity | None
    cue_verb: str
    confidence: float
    treaties: list[TreatyRef] = field(default_factory=list)
    date_phrase: DatePhrase | None = None

    @property
    def speaker_name(self) -> str | None:
        return self.speaker.display if self.speaker else None


@dataclass
class EventDraft:
    phrase: DatePhrase
    title: str
    start: int
    end: int
    confidence: float
    treaties: list[TreatyRef] = field(default_factory=list)
    participants: list[Entity] = field(default_factory=list)
    also_cited: list[tuple[int, int]] = field(default_factory=list)
    type_name: str | None = None  # the action's event type; None: no happening
    headline: str | None = None  # "who does what"; None: too little to propose an event
    existing: EventInfo | None = None  # the known event it is, if any
    planned: bool = False  # told in the future tense: a plan, not (yet) a happening
    action_distance: int = 0
    merged_into: EventDraft | None = None  # the same happening, told elsewhere in the article

    @property
    def proposes_event(self) -> bool:
        return (
            self.existing is None
            and self.headline is not None
            and not self.planned
            and self.merged_into is None
        )


@dataclass
class ArticleResult:
    file: str
    article: ParsedArticle
    content_hash: str
    outlet: OutletInfo | None
    outlet_name: str | None
    statements: list[StatementDraft]
    treaty_mentions: list[TreatyMention]
    phrases: list[DatePhrase]
    evidence: YearEvidence
    published: dt.date | None = None
    year_candidates: list[int] = field(default_factory=list)
    published_reason: str = ""
    events: list[EventDraft] = field(default_factory=list)
    fingerprint: Fingerprint | None = None
    same_story_as: list[str] = field(default_factory=list)
    same_story_why: dict[str, str] = field(default_factory=dict)
    duplicate_of: str | None = None
    year_hint: int | None = None
    reference: dt.date | None = None  # the day relative dates count from, when not published
    metadata: Metadata = field(default_factory=Metadata)
    outlet_evidence: str = ""
    raw: bytes | None = None  # the file as received, when it is not the text itself (HTML)
    pictured: list[dt.date] = field(default_factory=list)  # dates of its photo captions

    @property
    def url(self) -> str | None:
        return self.metadata.url

    @property
    def warnings(self) -> list[dict]:
        return self.article.warnings

    @property
    def published_edtf(self) -> str | None:
        return self.published.isoformat() if self.published else None

    @property
    def quotes(self) -> list[StatementDraft]:
        return [s for s in self.statements if s.kind == "direct_quote"]


def analyse(
    name: str,
    data: bytes | str,
    knowledge: Knowledge,
    year_hint: int | None = None,
    meta: Metadata | None = None,
    captions: list[str] | None = None,
) -> ArticleResult:
    """Everything but the dates' final resolution. Raises IngestError."""
    meta = meta or Metadata()
    article = parse_article(data)
    if meta.title and meta.sources.get("title") != "page":
        article.headline = meta.title
    outlet_choice = choose_outlet(article, knowledge, meta)
    outlet, outlet_name = outlet_choice.known, outlet_choice.name
    scan = scan_quotes(article)
    attribute(article, scan)
    classify(scan)
    if scan.unbalanced:
        article.warn(
            IngestWarningCode.UNBALANCED_QUOTES,
            f"{scan.unbalanced} quotation mark(s) without a partner; the quote was "
            "closed at the end of its paragraph and its confidence lowered.",
        )
    paraphrases = find_paraphrases(article, scan)
    resolver = Resolver(article, knowledge, scan.masked)
    spans = [(q.speaker_span[0], q.speaker_span[1], True) for q in scan.quotes if q.speaker_span]
    spans += [(p.speaker_span[0], p.speaker_span[1], True) for p in paraphrases]
    resolver.scan(spans)
    resolver.resolve()

    quote_spans = [(q.start, q.end) for q in scan.quotes]
    phrases = find_dates(article, quote_spans)
    evidence = collect_evidence(phrases)

    statements: list[StatementDraft] = []
    for q in scan.quotes:
        entity, mention = resolver.speaker_at(q.speaker_span)
        conf = ATTRIBUTION_CONFIDENCE[q.attribution if q.speaker_span else "none"]
        conf *= MENTION_FACTOR[mention.kind] if mention else 0.6
        if entity is not None and entity.actor is None:
            conf *= 0.9
        if q.unbalanced:
            conf *= 0.7
        if q.partial:
            conf *= 0.9
        statements.append(
            StatementDraft(
                "direct_quote", q.text, q.start, q.end, entity, q.cue_verb or "", round(conf, 2)
            )
        )
    for p in paraphrases:
        entity, mention = resolver.speaker_at(p.speaker_span)
        if entity is None:
            continue
        conf = 0.55 * (MENTION_FACTOR[mention.kind] if mention else 0.6)
        text = article.body[p.content[0] : p.content[1]].strip().rstrip(",")
        statements.append(
            StatementDraft("paraphrase", text, p.start, p.end, entity, p.cue_verb, round(conf, 2))
        )
    statements.sort(key=lambda s: s.start)
    for s in statements:
        if s.speaker is None:
            article.warn(
                IngestWarningCode.UNRESOLVED_SPEAKER,
                f"No speaker found for the quote at {s.start}: “{s.text[:60]}”.",
            )

    result = ArticleResult(
        file=name,
        article=article,
        content_hash=content_hash(article.body),
        outlet=outlet,
        outlet_name=outlet_name,
        statements=statements,
        treaty_mentions=[],
        phrases=phrases,
        evidence=evidence,
        year_hint=year_hint,
    )
    result._resolver = resolver
    result.metadata, result.outlet_evidence = meta, outlet_choice.evidence
    today = min(knowledge.today, meta.retrieved) if meta.retrieved else knowledge.today
    pictured = caption_dates(captions or [], article.removed)
    result.pictured = [d for d in pictured if d <= today]
    # Treaties need a date to choose between namesakes; a first pass uses the dateline.
    published, candidates, reason = infer_published(article, phrases, evidence, today, year_hint)
    result.treaty_mentions = find_treaties(article, knowledge, meta.published or published)
    _treaty_and_position_evidence(result, knowledge)
    if article.dateline_month and article.dateline_day and not article.dateline_year:
        evidence.anchors += year_anchors(
            article.dateline_month,
            article.dateline_day,
            pictured + past_full_dates(phrases),
            today,
        )
    published, candidates, reason = infer_published(article, phrases, evidence, today, year_hint)
    if meta.published is not None:
        given = meta.sources.get("published", "")
        published, candidates = meta.published, [meta.published.year]
        reason = "the page's metadata" if given == "page" else f"given ({given})"
    result.published, result.year_candidates = published, candidates
    result.published_reason = reason
    if published is None and pictured and not article.dateline_month:
        result.reference = max((d for d in pictured if d <= today), default=None)
        if result.reference is not None:
            article.warn(
                IngestWarningCode.NO_DATE,
                "The article prints no publication date; its relative dates (“on Friday”, "
                f"“next year”) are counted from {result.reference.isoformat()}, the date of "
                "its photo caption, with lower confidence.",
            )
    if published is None and article.dateline_month:
        article.warn(
            IngestWarningCode.AMBIGUOUS_YEAR,
            f"The dateline gives no year and it cannot be inferred ({reason}); dates "
            "without a year are left out. Give --published or --year-hint.",
        )
    elif published is None and result.reference is None:
        article.warn(IngestWarningCode.NO_DATE, "The article prints no publication date.")
    result.fingerprint = Fingerprint.of(article.body, [s.text for s in result.quotes])
    return result


def _treaty_and_position_evidence(result: ArticleResult, knowledge: Knowledge) -> None:
    ev = result.evidence
    treaties = SpanIndex(result.treaty_mentions, lambda m: (m.start, m.end))
    for p in result.phrases:
        if p.year or p.month is None or p.day is None:
            continue
        for t in treaties.starting_in(*p.sentence):
            info = t.ref.info
            if info is None:
                continue
            facts = [d for d in [info.signed, info.in_force, info.ends, *info.dates] if d]
            if info.id is not None:
                # Known events of that treaty, too ("talks ended on Jan. 15" for a round held).
                facts += [e.start for e in knowledge.events_about({info.id}, set())]
            ev.anchors += sorted({d.year for d in facts if (d.month, d.day) == (p.month, p.day)})
    for entity in result._resolver.entities.values():
        actor = entity.actor
        if actor is None or entity.kind != "person" or not entity.titles:
            continue
        for pos in actor.positions:
            words = set(re.findall(r"[a-z]+", pos.title.lower()))
            if pos.start and words & entity.titles & {
                "president",
                "secretary",
                "minister",
                "chancellor",
                "premier",
                "spokesman",
                "spokeswoman",
                "ambassador",
                "king",
            }:
                end = pos.end.year if pos.end else knowledge.today.year
                ev.position_ranges.append((pos.start.year, end))


def finish(result: ArticleResult, knowledge: Knowledge | None = None) -> None:
    """Resolve every date phrase against the publication date; propose events."""
    reference_year = result.year_hint if result.published is None else None
    resolve(result.phrases, result.published or result.reference, reference_year)
    for p in result.phrases:
        p.basis = _basis(p, result)
    body = result.article.body
    mentions = SpanIndex(result.treaty_mentions, lambda m: (m.start, m.end))
    resolver = result._resolver
    people = SpanIndex(resolver.mentions, lambda m: (m.start, m.end))
    reporting_days = SpanIndex(
        [
            p
            for p in result.phrases
            if p.edtf
            and not p.in_quote
            and (p.kind == "weekday" or p.rel in ("today", "yesterday"))
            and "/" not in p.edtf
        ],
        lambda p: p.sentence,
    )
    for s in result.statements:
        s.treaties = _refs_in(mentions, s.start, s.end)
        # The day a statement was made is the reporting day its own sentence names ("said
        # on Friday"), never a date in what was said.
        s.date_phrase = next(iter(reporting_days.overlapping(s.start, s.end)), None)
    events: list[EventDraft] = []
    by_date: dict[tuple, EventDraft] = {}  # (date, in a quote, paragraph) -> first event
    for p in result.phrases:
        if not p.edtf:
            continue
        twin = _twin(by_date, p)
        if twin is not None:
            twin.also_cited.append(p.sentence)
            continue
        s, e = p.sentence
        title = _title(body[s:e], p.start - s, p.end - s)
        conf = 0.6 if result.published else 0.4 if result.reference else 0.5
        if p.in_quote:
            conf *= 0.9
        participants = [
            m.entity for m in people.starting_in(s, e) if m.entity is not None and m.entity.actor
        ]
        events.append(
            EventDraft(
                p,
                title,
                s,
                e,
                round(conf, 2),
                _refs_in(mentions, s, e),
                list(dict.fromkeys(participants)),
            )
        )
        by_date.setdefault((p.edtf, p.in_quote, p.paragraph), events[-1])
    result.events = events
    describe_events(result, knowledge, people)


def _basis(p: DatePhrase, result: ArticleResult) -> str:
    """Why a phrase has the date it has, for the reviewer."""
    if not p.edtf:
        return "no date: the year cannot be known"
    if p.year:
        return "printed in full"
    if result.published is not None:
        return f"counted from the publication date {result.published} ({result.published_reason})"
    if result.reference is not None:
        return f"counted from {result.reference}, the date of the photo caption"
    if result.year_hint:
        return f"in the year hint {result.year_hint}"
    return "counted from the dates around it"


def _twin(by_date: dict[tuple, EventDraft], p: DatePhrase) -> EventDraft | None:
    """The same happening told twice: a paraphrase next to the quote it sums up."""
    near = [
        ev
        for para in (p.paragraph - 1, p.paragraph, p.paragraph + 1)
        if (ev := by_date.get((p.edtf, not p.in_quote, para)))
    ]
    return min(near, key=lambda ev: ev.phrase.start, default=None)


def _refs_in(mentions: SpanIndex, start: int, end: int) -> list[TreatyRef]:
    return list({m.ref.key: m.ref for m in mentions.starting_in(start, end)}.values())


def _title(sentence: str, s: int, e: int, limit: int = 160) -> str:
    text = " ".join(sentence.split())
    if len(text) <= limit:
        return text.rstrip(".")
    left = max(0, s - limit // 2)
    piece = sentence[left : left + limit]
    cut = piece.rfind(" ")
    return ("…" if left else "") + " ".join(piece[:cut].split()) + "…"
