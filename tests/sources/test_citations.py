"""Citations: exactly one record, excerpt verified against the source text, offsets stored."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sources.models import Citation, Source
from sources.text import find_excerpt
from tests.conftest import SOURCE_BODY

pytestmark = pytest.mark.django_db

EXACTLY_ONE = "A citation backs exactly one record: an event, a statement or a treaty action."
NOT_FOUND = (
    "This excerpt does not occur in the text of source “Lavrov: the INF Treaty is dead” "
    "(white space, quote marks and case are ignored)."
)


# --- exactly one record ----------------------------------------------------------------------


def test_citation_without_a_record_is_refused_by_full_clean(source):
    citation = Citation(source=source, excerpt="the INF Treaty is dead")
    with pytest.raises(ValidationError) as info:
        citation.full_clean()
    assert info.value.message_dict == {"__all__": [EXACTLY_ONE]}


def test_citation_without_a_record_is_refused_by_the_database(source):
    citation = Citation(source=source, excerpt="the INF Treaty is dead")
    with pytest.raises(IntegrityError) as info, transaction.atomic():
        citation.save()
    assert info.value.__cause__.diag.constraint_name == "citation_backs_exactly_one_record"


def test_citation_of_two_records_is_refused(source, event, statement):
    citation = Citation(
        source=source, event=event, statement=statement, excerpt="the INF Treaty is dead"
    )
    with pytest.raises(ValidationError) as info:
        citation.full_clean()
    assert info.value.message_dict == {"__all__": [EXACTLY_ONE]}
    with pytest.raises(IntegrityError) as info, transaction.atomic():
        citation.save()
    assert info.value.__cause__.diag.constraint_name == "citation_backs_exactly_one_record"
    assert not Citation.objects.exists()


@pytest.mark.parametrize("record", ["event", "statement", "treaty_action"])
def test_citation_of_each_kind_of_record(source, record, request):
    target = request.getfixturevalue(record)
    citation = Citation(source=source, excerpt="the INF Treaty is dead", **{record: target})
    citation.full_clean()
    citation.save()
    assert citation.record == target
    assert list(target.citations.all()) == [citation]


# --- excerpt verification and offsets -----------------------------------------------------


@pytest.mark.parametrize(
    ("excerpt", "printed"),
    [
        # present verbatim
        (
            "the United States suspended its obligations",
            "the United States suspended its obligations",
        ),
        # straight quotes typed, curly quotes printed; different case
        ('"The INF treaty is dead"', "\u201cthe INF Treaty is dead\u201d"),
        # single space typed, three printed
        ("Moscow remains open to dialogue", "Moscow   remains open to dialogue"),
        # a paragraph break in the source, a space in the excerpt; stray spaces around
        (
            "  obligations. He added  ",
            "obligations.\n\nHe added",
        ),
        # line break typed where the source has a single space
        ("Foreign Minister\nSergei Lavrov", "Foreign Minister Sergei Lavrov"),
    ],
)
def test_excerpt_found_and_offsets_point_at_the_printed_text(source, event, excerpt, printed):
    citation = Citation(source=source, event=event, excerpt=excerpt)
    citation.full_clean()
    citation.save()
    citation.refresh_from_db()
    assert SOURCE_BODY[citation.start : citation.end] == printed
    assert (citation.start, citation.end) == (
        SOURCE_BODY.index(printed),
        SOURCE_BODY.index(printed) + len(printed),
    )


@pytest.mark.parametrize(
    "excerpt",
    [
        "the INF Treaty is alive",
        "Lavrov said on Wednesday",
        "dead\u201d after the United Kingdom",
    ],
)
def test_absent_excerpt_is_refused(source, event, excerpt):
    citation = Citation(source=source, event=event, excerpt=excerpt)
    with pytest.raises(ValidationError) as info:
        citation.full_clean()
    assert info.value.message_dict == {"excerpt": [NOT_FOUND]}
    with pytest.raises(ValidationError) as info:
        citation.save()
    assert info.value.message_dict == {"excerpt": [NOT_FOUND]}
    assert not Citation.objects.exists()


def test_empty_excerpt_is_refused_once(source, event):
    citation = Citation(source=source, event=event, excerpt="")
    with pytest.raises(ValidationError) as info:
        citation.full_clean()
    assert info.value.message_dict == {"excerpt": ["This field cannot be blank."]}


def test_white_space_excerpt_is_refused(source, event):
    citation = Citation(source=source, event=event, excerpt="   \n ")
    with pytest.raises(ValidationError) as info:
        citation.full_clean()
    assert info.value.message_dict == {"excerpt": ["An excerpt is required."]}


def test_editing_the_excerpt_moves_the_offsets(citation):
    citation.excerpt = "Moscow remains open"
    citation.save()
    citation.refresh_from_db()
    assert SOURCE_BODY[citation.start : citation.end] == "Moscow   remains open"


def test_repeated_phrase_prefers_the_occurrence_at_the_stored_offset(outlet, event):
    body = "Peace now. They said: peace now, again."
    source = Source.objects.create(outlet=outlet, title="Peace", body=body)
    first = Citation.objects.create(source=source, event=event, excerpt="peace now")
    assert (first.start, first.end) == (0, 9)
    second = Citation(source=source, event=event, excerpt="peace now")
    second.start = 20
    second.save()
    assert body[second.start : second.end] == "peace now"
    assert second.start == 22


def test_find_excerpt_maps_offsets_through_expanding_characters():
    text = "The \ufb01nal text: \u201cStra\u00dfe\u201d"
    span = find_excerpt(text, 'final text: "STRASSE"')
    assert span is not None
    assert text[span[0] : span[1]] == "\ufb01nal text: \u201cStra\u00dfe\u201d"
