"""Same story and duplicates: within one run through a shared-key index, and against the
sources already stored (those published within a week, or the most recent when undated).
"""

from __future__ import annotations

import datetime as dt
import zlib

from django.db.models import Q

from sources.ingest.extract import ArticleResult, adopt_year
from sources.ingest.outcome import Outcome
from sources.ingest.similarity import Fingerprint, same_story
from sources.models import Source
from timeline.models import Statement

SAME_STORY_WINDOW = dt.timedelta(days=7)
RECENT_SOURCES = 2000


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
