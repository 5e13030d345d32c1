"""sources: outlet, the records a source backs, visibility of drafts."""

from __future__ import annotations

import pytest

from tests.api.conftest import gid

pytestmark = pytest.mark.django_db

QUERY = """query($filters: SourceFilter) { sources(filters: $filters) { totalCount edges { node {
  title url date dateStart precision language
  outlet { name kind country { name } }
  citations { excerpt event { title } statement { text } treatyAction { action } }
} } } }"""


def test_source_fields_and_backed_records(gql, world):
    data = gql.data(QUERY)["sources"]
    assert data["totalCount"] == 1
    node = data["edges"][0]["node"]
    assert {k: node[k] for k in ("title", "url", "date", "dateStart", "precision")} == {
        "title": "Lavrov: US destroyed INF Treaty",
        "url": "https://tass.example/1",
        "date": "2019-08-02",
        "dateStart": "2019-08-02",
        "precision": "DAY",
    }
    assert node["outlet"] == {"name": "TASS", "kind": "WIRE", "country": {"name": "Russia"}}
    assert sorted(node["citations"], key=lambda c: c["excerpt"]) == [
        {
            "excerpt": "The United States has destroyed the treaty with its own hands",
            "event": None,
            "statement": {"text": "The United States has destroyed the treaty with its own hands."},
            "treatyAction": None,
        },
        {
            "excerpt": "The withdrawal took effect",
            "event": None,
            "statement": None,
            "treatyAction": {"action": "WITHDRAWAL_EFFECTIVE"},
        },
        {
            "excerpt": "The withdrawal took effect on Friday",
            "event": {"title": "United States withdraws from the INF Treaty"},
            "statement": None,
            "treatyAction": None,
        },
    ]


def test_source_filters_and_curators(gql, curator_gql, world):
    assert curator_gql.data(QUERY)["sources"]["totalCount"] == 2

    def count(filters):
        return gql.data(QUERY, {"filters": filters})["sources"]["totalCount"]

    assert count({"actors": [gid("Actor", world.lavrov.pk)]}) == 1
    assert count({"actors": [gid("Actor", world.pompeo.pk)]}) == 0
    assert count({"treaties": [gid("Treaty", world.inf.pk)]}) == 1
    assert count({"from": "2019-08-03"}) == 0
    assert count({"search": "lavrov"}) == 1
    assert count({"tags": ["europe"]}) == 1
