"""Concurrent edits of every versioned model: a stale or version-less post is refused
and the other curator's change is kept (issue 13, item 10)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sources.models import Citation, Outlet
from tests.test_admin import form_data, url
from timeline import services
from timeline.errors import ErrorCode
from timeline.models import Actor, Event, Position

pytestmark = pytest.mark.django_db

# model, fixture, a text field to edit
VERSIONED = [
    (Event, "event", "summary"),
    (Position, "lavrov_minister", "title"),
    (Outlet, "outlet", "url"),
    (Citation, "citation", "note"),
]
IDS = [m.__name__ for m, _, _ in VERSIONED]


def _value(field, who):
    return f"https://{who}.example" if field == "url" else f"{who}'s edit"


@pytest.mark.parametrize(("model", "fixture", "field"), VERSIONED, ids=IDS)
def test_stale_admin_post_is_refused(request, curator_client, model, fixture, field):
    record = request.getfixturevalue(fixture)
    change_url = url(model, "change", record.pk)
    opened = form_data(curator_client.get(change_url))
    assert (
        curator_client.post(change_url, {**opened, field: _value(field, "their")}).status_code
        == 302
    )
    response = curator_client.post(change_url, {**opened, field: _value(field, "my")})
    assert response.status_code == 200
    (error,) = response.context["adminform"].form.non_field_errors()
    assert error.startswith(
        "Someone else saved this record while you were editing it (now version 2, you opened "
        "version 1). Your changes were not saved: reload the page to see theirs. curator "
        f"changed: {model._meta.get_field(field).verbose_name} "
    )
    record.refresh_from_db()
    assert (getattr(record, field), record.version) == (_value(field, "their"), 2)


@pytest.mark.parametrize(("model", "fixture", "field"), VERSIONED, ids=IDS)
def test_admin_post_without_version_is_refused(request, curator_client, model, fixture, field):
    record = request.getfixturevalue(fixture)
    change_url = url(model, "change", record.pk)
    data = form_data(curator_client.get(change_url))
    del data["edited_version"]
    response = curator_client.post(change_url, {**data, field: _value(field, "my")})
    assert response.status_code == 200
    assert (
        response.context["adminform"]
        .form.non_field_errors()[0]
        .startswith("This form was sent without the version of the record it edits")
    )
    record.refresh_from_db()
    assert record.version == 1


@pytest.mark.parametrize(("model", "fixture", "field"), VERSIONED, ids=IDS)
def test_service_edit_needs_the_version(request, curator, model, fixture, field):
    record = request.getfixturevalue(fixture)
    changes = {"fields": {field: _value(field, "my")}}
    with pytest.raises(ValidationError) as info:
        services.apply_changes(record, changes, curator)
    assert info.value.code == ErrorCode.VERSION_REQUIRED
    with pytest.raises(ValidationError) as info:
        services.apply_changes(record, changes, curator, expected_version=7)
    assert info.value.code == ErrorCode.CONFLICT
    services.apply_changes(record, changes, curator, expected_version=1)
    record.refresh_from_db()
    assert (getattr(record, field), record.version) == (_value(field, "my"), 2)


def test_stale_inline_row_is_refused(curator_client, lavrov_minister):
    actor_url = url(Actor, "change", lavrov_minister.person_id)
    opened = form_data(curator_client.get(actor_url))
    position_url = url(Position, "change", lavrov_minister.pk)
    data = form_data(curator_client.get(position_url))
    assert (
        curator_client.post(position_url, {**data, "title": "Foreign Minister"}).status_code == 302
    )
    response = curator_client.post(actor_url, {**opened, "positions-0-title": "Envoy"})
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert (
        inline.formset.forms[0]
        .non_field_errors()[0]
        .startswith(
            "Someone else saved this record while you were editing it (now version 2, you opened "
            "version 1)."
        )
    )
    lavrov_minister.refresh_from_db()
    assert lavrov_minister.title == "Foreign Minister"


@pytest.mark.parametrize(
    ("model", "fixture", "inline"),
    [(Event, "citation", "citations"), (Actor, "lavrov_minister", "positions")],
)
def test_inline_rows_render_their_version(request, curator_client, model, fixture, inline):
    row = request.getfixturevalue(fixture)
    parent = row.event if model is Event else row.person
    html = curator_client.get(url(model, "change", parent.pk)).content.decode()
    # What a browser posts back: the hidden input must be in the page, not just the form.
    assert f'name="{inline}-0-edited_version" value="1"' in html
    assert 'name="edited_version" value="1"' in html
