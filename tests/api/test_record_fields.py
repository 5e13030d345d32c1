"""Issue 9 item 7: a root field per record type, by global id or slug."""

from __future__ import annotations

import pytest

from tests.api.conftest import gid

pytestmark = pytest.mark.django_db


def test_statement_by_id(gql, curator_gql, world):
    query = "query($id: ID!) { statement(id: $id) { text speaker { name } } }"
    data = gql.data(query, {"id": gid("Statement", world.st_lavrov.pk)})
    assert data == {
        "statement": {
            "text": "The United States has destroyed the treaty with its own hands.",
            "speaker": {"name": "Sergei Lavrov"},
        }
    }
    # A draft is null for the public, like a statement that does not exist.
    assert gql.data(query, {"id": gid("Statement", world.st_draft.pk)}) == {"statement": None}
    assert gql.data(query, {"id": gid("Statement", 10**9)}) == {"statement": None}
    assert curator_gql.data(query, {"id": gid("Statement", world.st_draft.pk)})["statement"]


@pytest.mark.parametrize(
    ("field", "type_name", "attr", "label"),
    [
        ("event", "Event", "ev_sign", "title"),
        ("treaty", "Treaty", "inf", "name"),
        ("actor", "Actor", "usa", "name"),
        ("source", "Source", "src_tass", "title"),
        ("statement", "Statement", "st_pompeo", "text"),
    ],
)
def test_every_record_type_by_id(gql, world, field, type_name, attr, label):
    record = getattr(world, attr)
    query = f"query($id: ID!) {{ {field}(id: $id) {{ id {label} }} }}"
    data = gql.data(query, {"id": gid(type_name, record.pk)})[field]
    assert data == {"id": gid(type_name, record.pk), label: getattr(record, label)}
    if hasattr(record, "slug"):
        by_slug = gql.data(f'{{ {field}(slug: "{record.slug}") {{ id {label} }} }}')[field]
        assert by_slug == data


def test_id_or_slug_errors(gql, world):
    err = gql.error("{ event { title } }")
    assert err["message"] == "Give exactly one of 'id' or 'slug'."
    assert err["extensions"] == {"code": "BAD_USER_INPUT"}
    err = gql.error(f'{{ event(slug: "x", id: "{gid("Event", 1)}") {{ title }} }}')
    assert err["message"] == "Give exactly one of 'id' or 'slug'."
    err = gql.error(f'{{ statement(id: "{gid("Event", world.ev_sign.pk)}") {{ text }} }}')
    assert err["message"].startswith("Argument 'id' takes Statement ids")
    err = gql.error('{ statement(id: "garbage!!") { text } }')
    assert err["extensions"] == {"code": "BAD_USER_INPUT"}
