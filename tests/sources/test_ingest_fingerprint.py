"""Stored same-story keys: what they are, that Source.save fills them, and that the stored
candidates of a new article are found through the GIN indexes, whatever the dates.

The articles are written for these tests (no published text).
"""

from __future__ import annotations

import random

import pytest
from django.db import connection, transaction

from sources.ingest import pipeline
from sources.ingest.fingerprint import BINS, band_keys, body_quotes, minhash, story_keys
from sources.ingest.same_story_links import candidate_queryset, stored_candidates
from sources.ingest.similarity import Fingerprint, fold, same_story, shingles
from sources.models import Source

PARAGRAPHS = [
    "The harbour authority of Velmora said on Tuesday that the northern pier would stay "
    "closed to cargo ships until engineers finish checking the storm damage to its pilings.",
    "\u201cWe will not reopen the pier until every single piling has been tested and "
    "certified by independent engineers,\u201d harbour master Ilse Brandvik told reporters.",
    "Shipping companies had asked for the pier to reopen within a week, saying that the "
    "detour to the southern terminal added two days to every voyage along the coast.",
    "The storm, which struck the coast early on Saturday, also flooded the fish market and "
    "cut power to several thousand homes in the old town for most of the weekend.",
    "City engineers said the pilings on the eastern side had shifted by several centimetres "
    "and that divers would inspect the foundations once the water had calmed down.",
    "Brandvik said the authority would publish the engineers' findings in full and would "
    "hold a public meeting with the fishing cooperatives before any decision was taken.",
    "The northern pier handles most of the timber and grain that leaves the region, and "
    "local traders warned that a long closure would hurt farmers ahead of the harvest.",
    "A spokesman for the regional government said emergency funds had been set aside for "
    "the repairs and that the ministry of transport had offered to send its own experts.",
    "Harbour pilots have been told to keep larger vessels away from the northern basin, "
    "where debris from the damaged warehouses is still drifting close to the channel.",
    "The last time the pier was closed for repairs, after a fire in the winter of its "
    "fortieth year, the work took almost four months and cost far more than planned.",
    "Residents of the old town said the storm was the worst they could remember and "
    "that the sea wall along the promenade had been breached in at least two places.",
    "Insurance assessors are expected to arrive on Thursday, and the authority said it "
    "would ask them to start with the warehouses that store food for the island ferries.",
]
ARTICLE = "\n\n".join(PARAGRAPHS)

UNRELATED = "\n\n".join(
    [
        "The botanical society of Ostrava opened its winter exhibition on Friday with more "
        "than three hundred varieties of orchids grown in the greenhouses of the university.",
        "\u201cThis is the largest collection we have ever shown, and most of these plants "
        "were raised from seed by our own volunteers,\u201d curator Petra Holub said.",
        "Visitors can also attend evening lectures on the history of plant collecting and "
        "on the care of tropical species in a cold climate, the society said in a statement.",
        "The exhibition runs until the end of February and admission is free for children "
        "under twelve and for students who bring a valid university card to the entrance.",
    ]
)

QUOTE = (
    "We will not reopen the pier until every single piling has been tested and certified "
    "by independent engineers"
)


def _rewrite_one_paragraph() -> str:
    paragraphs = list(PARAGRAPHS)
    paragraphs[6] = (
        "Timber exporters, who rely on the northern pier for most of their shipments, said "
        "they had already moved several cargoes to ports further south at a higher cost."
    )
    return "\n\n".join(paragraphs)


def _source(body: str, published: str = "", title: str = "A report") -> Source:
    source = Source(title=title, body=body, published=published)
    source.save()
    return source


# -- the keys themselves (no database) ---------------------------------------------------


def test_keys_are_stable_across_white_space_and_quote_marks():
    variant = ARTICLE.replace("\u201c", '"').replace("\u201d", '"').replace("'", "\u2019")
    variant = variant.replace(" the ", "  the ").replace(", ", ",\n")
    assert variant != ARTICLE
    assert story_keys(variant) == story_keys(ARTICLE)


def test_keys_of_a_body():
    keys = story_keys(ARTICLE)
    assert body_quotes(ARTICLE) == [QUOTE]
    # 32 bands and one key per sentence of ten words or more (each paragraph is one).
    assert len(keys.text_keys) == 32 + len(PARAGRAPHS)
    # The quote's 18 words give 13 word 6-grams.
    assert len(keys.quote_keys) == 13
    assert keys.quote_keys == story_keys(ARTICLE, [QUOTE]).quote_keys
    assert all(-(2**63) <= k < 2**63 for k in keys.text_keys + keys.quote_keys)
    assert story_keys("") == story_keys("Too short.")
    assert story_keys("").text_keys == [] and story_keys("").quote_keys == []


def test_minhash_agreement_estimates_the_jaccard_similarity():
    rnd = random.Random(11)
    universe = rnd.sample(range(2**32), 3000)
    for shared in (100, 300, 500, 700):
        a = universe[:1000]
        b = universe[1000 - shared : 2000 - shared]
        jaccard = shared / (2000 - shared)
        sa, sb = minhash(a), minhash(b)
        agreement = sum(x == y for x, y in zip(sa, sb, strict=True)) / BINS
        assert abs(agreement - jaccard) < 0.1, (shared, agreement, jaccard)
    assert minhash([]) is None
    assert len(minhash([7])) == BINS and len(set(minhash([7]))) == BINS


# -- stored candidates -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_near_duplicate_with_one_paragraph_changed_is_found():
    stored = _source(ARTICLE, "2024-05-14")
    _source(UNRELATED, "2024-05-14", "Orchids")
    changed = _rewrite_one_paragraph()
    assert stored_candidates(story_keys(changed)) == [stored.pk]
    # Found by the text alone: MinHash bands as well as the unchanged sentences.
    assert stored_candidates(story_keys(changed, quotes=[])) == [stored.pk]
    bands = set(band_keys(minhash(shingles(fold(changed).split()))))
    assert len(bands & set(stored.text_keys)) >= 8
    assert same_story(Fingerprint.of(changed, []), Fingerprint.of(ARTICLE, [])) == (
        "near-duplicate text"
    )


@pytest.mark.django_db
def test_an_unrelated_article_is_not_a_candidate():
    _source(ARTICLE, "2024-05-14")
    assert stored_candidates(story_keys(UNRELATED)) == []


@pytest.mark.django_db
def test_a_report_of_the_same_statement_decades_earlier_is_found(tmp_path):
    old = _source(ARTICLE, "1998-03-02", "The pier stays closed")
    _source(UNRELATED, "2024-05-14", "Orchids")
    report = (
        "Harbour master keeps pier shut\n\n"
        "VELMORA, May 14, 2024 (Coastal Wire) -- Velmora's harbour master repeated on Tuesday "
        "a promise she first made a quarter of a century ago, as a new storm battered the "
        "coast.\n\n"
        "\u201cWe will not reopen the pier until every single piling has been tested and "
        "certified by independent engineers,\u201d Ilse Brandvik said at a news conference.\n\n"
        "Ferry operators said they hoped for a decision before the summer season begins.\n"
    )
    path = tmp_path / "pier.txt"
    path.write_text(report)
    (outcome,) = pipeline.run([str(path)], dry_run=True)
    assert outcome.result.published.isoformat() == "2024-05-14"
    assert outcome.same_story_sources == [old.pk]
    assert outcome.duplicate_of_source is None


@pytest.mark.django_db
def test_candidates_are_ranked_by_shared_keys_then_by_date():
    exact = _source(ARTICLE, "2010-01-01", "Same text")
    quote_only = _source(UNRELATED + "\n\n\u201c" + QUOTE + ",\u201d she said.", "2024-05-14")
    ranked = stored_candidates(story_keys(ARTICLE))
    assert ranked == [exact.pk, quote_only.pk]


# -- Source.save and the migration -------------------------------------------------------


@pytest.mark.django_db
def test_every_save_fills_the_keys_and_an_edit_refreshes_them():
    source = _source(ARTICLE)
    source.refresh_from_db()
    keys = story_keys(ARTICLE)
    assert (source.text_keys, source.quote_keys) == (keys.text_keys, keys.quote_keys)
    source.body = UNRELATED
    source.save(update_fields=["body"])
    source.refresh_from_db()
    assert source.text_keys == story_keys(UNRELATED).text_keys
    assert source.quote_keys == story_keys(UNRELATED).quote_keys


@pytest.mark.django_db
def test_a_source_added_in_the_admin_gets_its_keys(admin_client):
    response = admin_client.post(
        "/admin/sources/source/add/",
        {
            "title": "Pier closed",
            "body": ARTICLE,
            "published": "2024-05-14",
            "language": "en",
            "status": "draft",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
            "citations-MIN_NUM_FORMS": "0",
            "citations-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    source = Source.objects.get(title="Pier closed")
    assert source.text_keys == story_keys(ARTICLE).text_keys
    assert source.quote_keys == story_keys(ARTICLE).quote_keys


@pytest.mark.django_db
def test_the_backfill_migration_fills_existing_rows():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("sources.migrations.0004_source_same_story_keys")
    source = _source(ARTICLE)
    Source.objects.filter(pk=source.pk).update(text_keys=[], quote_keys=[])
    migration.fill_story_keys(apps, None)
    source.refresh_from_db()
    assert source.text_keys == story_keys(ARTICLE).text_keys
    assert source.quote_keys == story_keys(ARTICLE).quote_keys


# -- the index -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_candidate_query_uses_the_gin_indexes():
    rnd = random.Random(3)
    Source.objects.bulk_create(
        Source(
            title=f"Synthetic {i}",
            body=f"Synthetic body {i}.",
            content_hash=f"{i:064x}",
            text_keys=[rnd.getrandbits(63) for _ in range(40)],
            quote_keys=[rnd.getrandbits(63) for _ in range(10)],
        )
        for i in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sources_source")
    keys = story_keys(ARTICLE)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = candidate_queryset(keys).explain()
    assert "source_text_keys_gin" in plan
    assert "source_quote_keys_gin" in plan
    assert "Seq Scan" not in plan


@pytest.mark.django_db
def test_the_lookup_leaves_the_planner_settings_as_they_were():
    _source(ARTICLE)
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)
        assert stored_candidates(story_keys(ARTICLE)) != []
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)
