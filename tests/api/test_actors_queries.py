"""actors, actor(slug): fields, positions, filters by involvement, visibility."""

from __future__ import annotations

import pytest

from tests.api.conftest import gid

pytestmark = pytest.mark.django_db

QUERY = """query($filters: ActorFilter, $order: ActorOrder) {
  actors(filters: $filters, order: $order) { totalCount edges { node { name } } }
}"""


def names(gql, **variables):
    return [e["node"]["name"] for e in gql.data(QUERY, variables)["actors"]["edges"]]


def test_actor_by_slug(gql, world):
    query = """query($slug: String!) { actor(slug: $slug) {
      id name kind aliases positions { title organisation { name } periodStart periodEnd }
    } }"""
    assert gql.data(query, {"slug": world.lavrov.slug}) == {
        "actor": {
            "id": gid("Actor", world.lavrov.pk),
            "name": "Sergei Lavrov",
            "kind": "PERSON",
            "aliases": [],
            "positions": [
                {
                    "title": "Minister of Foreign Affairs",
                    "organisation": {"name": "Russia"},
                    "periodStart": "2004-03-09",
                    "periodEnd": None,
                }
            ],
        }
    }
    assert gql.data(query, {"slug": world.secret.slug}) == {"actor": None}


def test_actor_list_and_filters(gql, curator_gql, world):
    order = {"field": "TITLE"}
    assert names(gql, order=order) == [
        "Mike Pompeo",
        "Russia",
        "Sergei Lavrov",
        "United States",
    ]
    assert "Secret Actor" in names(curator_gql, order=order)
    assert names(gql, order=order, filters={"from": "2019-08-01", "to": "2019-08-31"}) == [
        "Sergei Lavrov",
        "United States",
    ]
    assert names(gql, order=order, filters={"types": ["signing"]}) == ["Russia", "United States"]
    assert names(gql, order=order, filters={"treaties": [gid("Treaty", world.inf.pk)]}) == [
        "Russia",
        "United States",
    ]
    assert names(gql, order=order, filters={"search": "russian federation"}) == ["Russia"]
