"""Sources: unique URL, content-hash dedup, and deletion protected by published records."""

from __future__ import annotations

import hashlib

import pytest
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from sources.models import Citation, Source
from sources.text import content_hash, normalise
from tests.conftest import SOURCE_BODY
from timeline.models import Event, Statement, Status

pytestmark = pytest.mark.django_db


def raw_save_fails(instance) -> str:
    with pytest.raises(IntegrityError) as info, transaction.atomic():
        instance.save()
    return info.value.__cause__.diag.constraint_name


# --- URL -------------------------------------------------------------------------------


def test_url_is_unique(source, outlet):
    again = Source(outlet=outlet, title="Copy", url=source.url, body="Another text entirely.")
    with pytest.raises(ValidationError) as info:
        again.full_clean()
    assert info.value.message_dict == {"url": ["Source with this Url already exists."]}
    assert raw_save_fails(again) == "sources_source_url_key"


def test_sources_without_url_may_coexist(outlet):
    first = Source.objects.create(outlet=outlet, title="Leaflet", body="First leaflet.")
    second = Source(outlet=outlet, title="Leaflet 2", url="", body="Second leaflet.")
    second.full_clean()
    second.save()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.url, second.url) == (None, None)


def test_empty_url_is_stored_as_null_on_raw_save(outlet):
    source = Source.objects.create(outlet=outlet, title="Leaflet", url="", body="A leaflet.")
    assert Source.objects.filter(pk=source.pk, url__isnull=True).exists()


# --- content hash ---------------------------------------------------------------------------


def test_content_hash_is_sha256_of_the_normalised_body(source):
    source.refresh_from_db()
    assert normalise("  \u201cNo\u201d \u2014 he said.\n") == '"No" - he said.'
    assert source.content_hash == hashlib.sha256(normalise(SOURCE_BODY).encode()).hexdigest()
    assert source.content_hash == content_hash(SOURCE_BODY)


REWORDED = SOURCE_BODY.replace("\u201c", '"').replace("\u201d", '"').replace("   ", " ")


@pytest.mark.parametrize(
    "body",
    [
        SOURCE_BODY,
        REWORDED,
        "\n" + SOURCE_BODY.replace("\n\n", " ") + "  ",
        SOURCE_BODY.replace(" ", "\u00a0"),
    ],
)
def test_same_body_is_a_duplicate(source, outlet, body):
    copy = Source(outlet=outlet, title="Syndicated copy", url="https://copy.example/1", body=body)
    with pytest.raises(ValidationError) as info:
        copy.full_clean()
    assert info.value.message_dict == {
        "body": [f"The same text is already stored as source #{source.pk} “{source.title}”."]
    }
    assert raw_save_fails(copy) == "sources_source_content_hash_key"


def test_different_case_is_a_different_body(source, outlet):
    copy = Source(outlet=outlet, title="Shouting", body=SOURCE_BODY.upper())
    copy.full_clean()
    copy.save()
    assert copy.content_hash != source.content_hash


def test_editing_a_source_does_not_clash_with_itself(source):
    original_hash = source.content_hash
    source.title = "Lavrov: INF Treaty dead"
    source.full_clean()  # its own body is not "already stored as" another source
    source.save()
    stored = Source.objects.get()
    assert (stored.pk, stored.title, stored.content_hash) == (
        source.pk,
        "Lavrov: INF Treaty dead",
        original_hash,
    )


def test_editing_the_body_updates_the_hash(source):
    source.body = SOURCE_BODY + " Updated."
    source.save()
    source.refresh_from_db()
    assert source.content_hash == content_hash(SOURCE_BODY + " Updated.")


def test_body_is_required(outlet):
    source = Source(outlet=outlet, title="Empty")
    with pytest.raises(ValidationError) as info:
        source.full_clean()
    assert info.value.message_dict == {"body": ["This field cannot be blank."]}
    assert raw_save_fails(source) == "source_body_not_empty"


def test_source_cannot_duplicate_itself(source):
    source.duplicate_of_id = source.pk
    assert raw_save_fails(source) == "source_not_own_duplicate"


def test_publication_date_is_parsed(source):
    source.refresh_from_db()
    assert (str(source.published_start), source.published_precision) == ("2019-03-19", "day")


# --- deletion -------------------------------------------------------------------------------


def publish(record):
    type(record).objects.filter(pk=record.pk).update(status=Status.PUBLISHED)


def test_deleting_a_source_backing_a_published_record_is_refused(source, citation, event):
    publish(event)
    with pytest.raises(ProtectedError) as info:
        source.delete()
    assert info.value.args[0] == (
        "Cannot delete source “Lavrov: the INF Treaty is dead”: it backs published records: "
        "Event “United States suspends INF Treaty obligations (2019-02-02)”. "
        "Retract or re-cite those records first."
    )
    assert set(info.value.protected_objects) == {citation}
    assert Source.objects.filter(pk=source.pk).exists()
    assert Citation.objects.filter(pk=citation.pk).exists()


def test_refusal_names_every_published_record(source, citation, event, statement):
    Citation.objects.create(source=source, statement=statement, excerpt="the INF Treaty is dead")
    publish(event)
    publish(statement)
    assert set(source.backed_published_records()) == {event, statement}
    with pytest.raises(ProtectedError) as info:
        Source.objects.filter(pk=source.pk).delete()
    # Citations are ordered by their offset in the source: the statement's excerpt comes first.
    assert info.value.args[0] == (
        "Cannot delete source “Lavrov: the INF Treaty is dead”: it backs published records: "
        "Statement “Sergei Lavrov: “the INF Treaty is dead” (2019-03-19)”; "
        "Event “United States suspends INF Treaty obligations (2019-02-02)”. "
        "Retract or re-cite those records first."
    )
    assert Citation.objects.count() == 2


def test_deletion_collector_refuses_too(source, citation, event):
    # The admin's delete pages collect related objects without calling Source.delete.
    publish(event)
    collector = NestedObjects(using="default")
    collector.collect([source])
    assert collector.protected == {citation}


def test_deleting_a_source_backing_only_drafts_deletes_its_citations(source, citation, event):
    reviewed = Statement.objects.create(
        speaker=event.place_country, date="2019-03-19", text="Dead.", status=Status.REVIEW
    )
    Citation.objects.create(source=source, statement=reviewed, excerpt="is dead")
    source.delete()
    assert not Source.objects.filter(pk=source.pk).exists()
    assert not Citation.objects.exists()
    # The records themselves stay.
    assert Event.objects.filter(pk=event.pk).exists()
    assert Statement.objects.filter(pk=reviewed.pk).exists()


def test_a_retracted_record_does_not_block_deletion(source, citation, event):
    Event.objects.filter(pk=event.pk).update(status=Status.RETRACTED)
    source.delete()
    assert not Citation.objects.exists()


def test_saving_only_the_body_refreshes_its_hash(source):
    source.body = "A different note we wrote about the same day."
    source.save(update_fields=["body"])
    stored = Source.objects.get(pk=source.pk)
    assert stored.content_hash == content_hash("A different note we wrote about the same day.")
