"""Issue 9 item 12: each type has its own order enum, whose values say what they sort by."""

from __future__ import annotations

import pytest

from api.schema import schema

pytestmark = pytest.mark.django_db


def enum_values(name: str) -> dict[str, str | None]:
    return {k: v.deprecation_reason for k, v in schema._schema.type_map[name].values.items()}


def test_one_enum_per_type():
    fields = {
        name: schema._schema.type_map[f"{name}Order"].fields["field"].type.of_type.name
        if hasattr(schema._schema.type_map[f"{name}Order"].fields["field"].type, "of_type")
        else schema._schema.type_map[f"{name}Order"].fields["field"].type.name
        for name in ("Event", "Statement", "Treaty", "Actor", "Source")
    }
    assert fields == {n: f"{n}OrderField" for n in fields}
    assert "OrderField" not in schema._schema.type_map
    statement = enum_values("StatementOrderField")
    assert statement["TEXT"] is None and statement["SPEAKER"] is None
    assert statement["TITLE"].startswith("Use TEXT")
    actor = enum_values("ActorOrderField")
    assert actor["NAME"] is None and actor["CREATED"] is None
    assert actor["DATE"].startswith("Use CREATED") and actor["TITLE"] == "Use NAME."
    assert "TITLE" not in {k for k, v in enum_values("TreatyOrderField").items() if v is None}


def _list(gql, name, order, label):
    order_type = name[:-1].capitalize() + "Order"
    query = (
        f"query($o: {order_type}) {{ {name}(order: $o, first: 100) "
        f"{{ edges {{ node {{ {label} }} }} }} }}"
    )
    return gql.data(query, {"o": order})[name]["edges"]


def test_statements_by_text_and_speaker(gql, world):
    by_text = [e["node"]["text"] for e in _list(gql, "statements", {"field": "TEXT"}, "text")]
    assert by_text == sorted(by_text, key=str) and len(by_text) >= 3
    by_speaker = [
        e["node"]["speaker"]["name"]
        for e in _list(gql, "statements", {"field": "SPEAKER"}, "speaker { name }")
    ]
    assert by_speaker == sorted(by_speaker)
    deprecated = [e["node"]["text"] for e in _list(gql, "statements", {"field": "TITLE"}, "text")]
    assert deprecated == by_text


def test_actors_by_name_and_creation(gql, world):
    names = [e["node"]["name"] for e in _list(gql, "actors", {"field": "NAME"}, "name")]
    assert names == ["Mike Pompeo", "Russia", "Sergei Lavrov", "United States"]
    created = [e["node"]["name"] for e in _list(gql, "actors", {"field": "CREATED"}, "name")]
    assert created == ["United States", "Russia", "Sergei Lavrov", "Mike Pompeo"]
    # No order: by name, as a reader expects of a list of actors.
    assert [e["node"]["name"] for e in _list(gql, "actors", None, "name")] == names
