"""Same story and duplicates: within one run through a shared-key index, and against the
sources already stored through their indexed same-story keys (``fingerprint``), whatever
their date. Candidates are then checked with the rules of ``similarity``.
"""

from __future__ import annotations

import datetime as dt
import zlib

from django.db import connection, transaction
from django.db.models import Q

from sources.ingest.errors import IngestWarningCode
from sources.ingest.extract import ArticleResult
from sources.ingest.fingerprint import StoryKeys, body_quotes, story_keys
from sources.ingest.outcome import Outcome
from sources.ingest.similarity import Fingerprint, same_story
from sources.models import Source

MAX_CANDIDATES = 200  # stored sources checked per article, most shared keys first


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


def adopt_year(result: ArticleResult, partner_dates: list[dt.date | None]) -> None:
    """A report whose year is open takes it from another report of the same story."""
    art = result.article
    if result.published or not art.dateline_month or not result.year_candidates:
        return
    for other in partner_dates:
        if other is None:
            continue
        for y in result.year_candidates:
            try:
                mine = dt.date(y, art.dateline_month, art.dateline_day)
            except ValueError:
                continue
            if abs((mine - other).days) <= 2:
                result.published = mine
                result.published_reason = "same story"
                result.warnings[:] = [
                    w for w in result.warnings if w["code"] != IngestWarningCode.AMBIGUOUS_YEAR
                ]
                return


def candidate_queryset(keys: StoryKeys):
    """The stored sources sharing a same-story key with ``keys`` (GIN index scans)."""
    match = Q(pk__in=[])
    if keys.text_keys:
        match |= Q(text_keys__overlap=keys.text_keys)
    if keys.quote_keys:
        match |= Q(quote_keys__overlap=keys.quote_keys)
    return (
        Source.objects.filter(match)
        .order_by()
        .values_list("id", "text_keys", "quote_keys", "published_start")
    )


def _using_the_indexes(queryset) -> list:
    """Rows of ``queryset`` read through the GIN indexes.

    PostgreSQL has no statistics for keys that occur once (most of them), so it guesses
    that ``&&`` with ~50 keys matches a fifth of the table and prefers a sequential scan;
    the index is right whatever the size, so the scan is ruled out for this one query.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan')")
        (previous,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = off")
        rows = list(queryset)
        # Inside an outer transaction SET LOCAL would outlive this block (an error rolls
        # the savepoint back, and the setting with it).
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])
    return rows


def stored_candidates(keys: StoryKeys, day: dt.date | None = None) -> list[int]:
    """Ids of the stored sources worth checking for ``keys``, at most ``MAX_CANDIDATES``.

    Ranked by the number of shared keys, then (a hint only) by closeness to ``day``.
    """
    if not keys.text_keys and not keys.quote_keys:
        return []
    text, quoted = set(keys.text_keys), set(keys.quote_keys)
    ranked = []
    for pk, text_keys, quote_keys, published in _using_the_indexes(candidate_queryset(keys)):
        shared = len(text.intersection(text_keys)) + len(quoted.intersection(quote_keys))
        distance = abs((published - day).days) if day and published else 10**6
        ranked.append((-shared, distance, pk))
    ranked.sort()
    return [pk for _, _, pk in ranked[:MAX_CANDIDATES]]


def _stored_fingerprints(ids: list[int], cache: dict) -> list[tuple[Source, Fingerprint]]:
    missing = [pk for pk in ids if pk not in cache]
    for source in Source.objects.filter(pk__in=missing).only("id", "body", "published_start"):
        cache[source.pk] = (source, Fingerprint.of(source.body, body_quotes(source.body)))
    return [cache[pk] for pk in sorted(ids)]


def relate_to_stored(outcome: Outcome, cache: dict) -> None:
    result = outcome.result
    existing = Source.objects.filter(content_hash=result.content_hash).only("id").first()
    if existing is not None:
        outcome.duplicate_of_source = existing.pk
        outcome.same_story_sources.append(existing.pk)
        return
    keys = story_keys(result.article.body, [q.text for q in result.quotes])
    for source, fp in _stored_fingerprints(stored_candidates(keys, result.published), cache):
        why = same_story(result.fingerprint, fp)
        if why:
            outcome.same_story_sources.append(source.pk)
            if why == "near-duplicate text" and outcome.duplicate_of_source is None:
                outcome.duplicate_of_source = source.pk
            if result.published is None and source.published_start:
                adopt_year(result, [source.published_start])
