"""The backing rule on every path: a published record keeps at least one citation of a
published source, and publishing needs one."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sources.models import Citation, Source
from tests.conftest import SOURCE_BODY
from tests.test_admin import form_data, messages_of, run_action, url
from timeline import services
from timeline.errors import ErrorCode
from timeline.models import Statement, Status

pytestmark = pytest.mark.django_db

LAST = (
    "{cause} would leave published statement “Sergei Lavrov: “the INF Treaty is dead” "
    "(2019-03-19)” without a citation of a published source. Add a citation of another "
    "published source to it first, or retract it."
)


def publish(*records):
    for record in records:
        type(record).objects.filter(pk=record.pk).update(status=Status.PUBLISHED)
        record.refresh_from_db()


@pytest.fixture
def backed(statement, source):
    """A published statement whose only citation is of a published source."""
    citation = Citation.objects.create(
        source=source, statement=statement, excerpt="the INF Treaty is dead"
    )
    publish(source, statement)
    return citation


@pytest.fixture
def draft_source(outlet):
    return Source.objects.create(
        outlet=outlet, title="A draft copy", body="Lavrov said the INF Treaty is dead, again."
    )


def still_backed(citation):
    assert Citation.objects.filter(pk=citation.pk).exists()
    statement = Statement.objects.get(pk=citation.statement_id)
    assert statement.status == Status.PUBLISHED
    assert statement.citations.filter(source__status=Status.PUBLISHED).exists()


# --- removing the last citation -------------------------------------------------------------


@pytest.mark.parametrize("who", ["reviewer_client", "curator_client"])
def test_admin_inline_delete_of_the_last_citation_is_refused(request, backed, statement, who):
    client = request.getfixturevalue(who)
    change_url = url(Statement, "change", statement.pk)
    data = form_data(client.get(change_url))
    data["citations-0-DELETE"] = "on"
    response = client.post(change_url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        LAST.format(cause="Removing this citation")
    ]
    still_backed(backed)


def test_admin_citation_delete_page_refuses(reviewer_client, backed):
    delete_url = url(Citation, "delete", backed.pk)
    for response in (
        reviewer_client.get(delete_url, follow=True),
        reviewer_client.post(delete_url, {"post": "yes"}, follow=True),
    ):
        assert messages_of(response) == [
            ("error", LAST.format(cause=f"Deleting citation “{backed}”"))
        ]
    still_backed(backed)


def test_bulk_delete_of_citations_is_refused(reviewer_client, backed):
    response = run_action(reviewer_client, Citation, "delete_selected", backed)
    assert messages_of(response) == [("error", LAST.format(cause=f"Deleting citation “{backed}”"))]
    still_backed(backed)


def test_service_delete_is_refused(backed, reviewer):
    with pytest.raises(ValidationError) as info:
        services.delete_record(backed, reviewer)
    assert info.value.code == ErrorCode.UNCITED
    still_backed(backed)


def test_orm_delete_is_refused_too(backed):
    with pytest.raises(ValidationError):
        Citation.objects.filter(pk=backed.pk).delete()
    with pytest.raises(ValidationError):
        backed.delete()
    still_backed(backed)


def test_another_published_citation_allows_removing_one(backed, statement, outlet, reviewer):
    other = Source.objects.create(
        outlet=outlet, title="Other", body="Lavrov: the INF Treaty is dead.", status="published"
    )
    Citation.objects.create(source=other, statement=statement, excerpt="the INF Treaty is dead")
    services.delete_record(backed, reviewer)
    assert not Citation.objects.filter(pk=backed.pk).exists()


def test_a_citation_of_a_draft_source_does_not_count(backed, statement, draft_source, reviewer):
    Citation.objects.create(
        source=draft_source, statement=statement, excerpt="the INF Treaty is dead"
    )
    with pytest.raises(ValidationError) as info:
        services.delete_record(backed, reviewer)
    assert info.value.messages == [LAST.format(cause=f"Deleting citation “{backed}”")]


def test_replacing_the_citation_in_one_save_is_allowed(reviewer_client, backed, statement):
    change_url = url(Statement, "change", statement.pk)
    data = form_data(reviewer_client.get(change_url))
    data["citations-0-DELETE"] = "on"
    data.update(
        {
            "citations-TOTAL_FORMS": "2",
            "citations-1-source": str(backed.source_id),
            "citations-1-excerpt": "Moscow remains open to dialogue",
            "citations-1-note": "",
        }
    )
    response = reviewer_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert [c.excerpt for c in statement.citations.all()] == ["Moscow remains open to dialogue"]


def test_moving_the_citation_to_a_draft_source_is_refused(reviewer_client, backed, draft_source):
    change_url = url(Citation, "change", backed.pk)
    data = form_data(reviewer_client.get(change_url))
    data["source"] = str(draft_source.pk)
    response = reviewer_client.post(change_url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        LAST.format(cause=f"This change to citation “{backed}”").replace(
            "Lavrov: the INF Treaty is dead: ", "A draft copy: "
        )
    ]
    assert Citation.objects.get(pk=backed.pk).source_id == backed.source_id


# --- the source side ---------------------------------------------------------------------


def test_retracting_the_only_published_source_is_refused(backed, source, reviewer):
    with pytest.raises(ValidationError) as info:
        services.transition(source, Status.RETRACTED, reviewer)
    assert info.value.messages == [
        LAST.format(cause="Un-publishing source “Lavrov: the INF Treaty is dead”")
    ]
    source.refresh_from_db()
    assert source.status == Status.PUBLISHED


def test_retract_action_on_sources_reports_the_refusal(reviewer_client, backed, source):
    response = run_action(reviewer_client, Source, "mark_retracted", source)
    assert messages_of(response) == [
        ("error", LAST.format(cause="Un-publishing source “Lavrov: the INF Treaty is dead”"))
    ]
    source.refresh_from_db()
    assert source.status == Status.PUBLISHED


# --- publishing ----------------------------------------------------------------------------


def test_publishing_with_only_a_draft_source_is_refused(statement, draft_source, reviewer):
    Citation.objects.create(
        source=draft_source, statement=statement, excerpt="the INF Treaty is dead"
    )
    Statement.objects.filter(pk=statement.pk).update(status=Status.REVIEW)
    with pytest.raises(ValidationError) as info:
        services.transition(statement, Status.PUBLISHED, reviewer)
    assert info.value.code == ErrorCode.UNCITED
    assert info.value.messages == [
        "“Sergei Lavrov: “the INF Treaty is dead” (2019-03-19)” cites only unpublished "
        "sources; publish one of its sources first, or add a citation of a published source, "
        "before publishing it."
    ]
    assert Statement.objects.get(pk=statement.pk).status == Status.REVIEW


# --- editing a source's text ------------------------------------------------------------------


def test_editing_the_body_relocates_citations(reviewer_client, backed, source):
    change_url = url(Source, "change", source.pk)
    data = form_data(reviewer_client.get(change_url))
    data["body"] = "Update: " + SOURCE_BODY
    response = reviewer_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    backed.refresh_from_db()
    assert source.__class__.objects.get(pk=source.pk).body[backed.start : backed.end] == (
        "the INF Treaty is dead"
    )
    assert backed.version == 2
    assert backed.history.first().history_change_reason == (
        "Offsets re-located after the source text changed"
    )


def test_editing_away_a_cited_excerpt_is_refused_in_the_admin(reviewer_client, backed, source):
    change_url = url(Source, "change", source.pk)
    data = form_data(reviewer_client.get(change_url))
    data["body"] = SOURCE_BODY.replace("the INF Treaty is dead", "the treaty is over")
    response = reviewer_client.post(change_url, data)
    assert response.status_code == 200
    # The source page lists its citations: the row that no longer matches says so.
    (inline,) = response.context["inline_admin_formsets"]
    assert inline.formset.forms[0].errors == {
        "excerpt": [
            "This excerpt does not occur in the text of source “Lavrov: the INF Treaty is dead” "
            "(white space, quote marks and case are ignored)."
        ]
    }
    # What the curator typed is still in the form; nothing was saved.
    assert "the treaty is over" in response.content.decode()
    source.refresh_from_db()
    assert (source.body, source.version) == (SOURCE_BODY, 1)


def test_editing_away_a_cited_excerpt_is_refused_by_the_service(backed, source, reviewer):
    body = SOURCE_BODY.replace("the INF Treaty is dead", "the treaty is over")
    with pytest.raises(ValidationError) as info:
        services.apply_changes(source, {"fields": {"body": body}}, reviewer, expected_version=1)
    assert info.value.message_dict == {
        "body": [
            "The new text no longer contains 1 cited excerpt(s): “the INF Treaty is dead” (backs "
            "statement “Sergei Lavrov: “the INF Treaty is dead” (2019-03-19)”). Keep those "
            "passages, or change or remove those citations first."
        ]
    }
    source.refresh_from_db()
    assert (source.body, source.version) == (SOURCE_BODY, 1)


def test_an_unrelated_edit_of_a_record_already_unbacked_is_not_blamed(
    statement, draft_source, reviewer
):
    # Loaded from elsewhere: published, cited only by a draft source.
    Citation.objects.create(
        source=draft_source, statement=statement, excerpt="the INF Treaty is dead"
    )
    publish(statement)
    services.apply_changes(statement, {"fields": {"venue": "Geneva"}}, reviewer, expected_version=1)
    assert Statement.objects.get(pk=statement.pk).venue == "Geneva"
