"""search: ranked full-text results over five kinds, snippets, prefixes, stemming, visibility."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

QUERY = """query($query: String!, $first: Int, $after: String, $kinds: [SearchKind!]) {
  search(query: $query, first: $first, after: $after, kinds: $kinds) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { rank snippet node {
      __typename
      ... on Event { title }
      ... on Statement { text speaker { name } }
      ... on Treaty { name }
      ... on Actor { name }
      ... on Source { title outlet { name } }
    } }
  }
}"""


def hits(gql, query, **variables):
    data = gql.data(QUERY, {"query": query, **variables})["search"]
    out = []
    for edge in data["edges"]:
        node = edge["node"]
        name = node.get("title") or node.get("name") or node.get("text")
        out.append((node["__typename"], name))
    return out, data


def test_ranks_title_over_summary_over_body(gql, world):
    # "missile": in an event title (weight A) and in a treaty summary (B).
    found, data = hits(gql, "missile")
    assert found == [
        ("Event", "Ground-launched cruise missile test"),
        ("Treaty", "Intermediate-Range Nuclear Forces Treaty"),
    ]
    # "withdrawal": an event title and summary (A, B) above a source body (C).
    found, data = hits(gql, "withdrawal")
    assert found == [
        ("Event", "United States withdraws from the INF Treaty"),
        ("Source", "Lavrov: US destroyed INF Treaty"),
    ]
    ranks = [e["rank"] for e in data["edges"]]
    assert ranks[0] > ranks[1]
    assert data["totalCount"] == 2


def test_snippets_highlight_matches(gql, world):
    _, data = hits(gql, "lavrov", kinds=["SOURCE"])
    (edge,) = data["edges"]
    assert edge["node"] == {
        "__typename": "Source",
        "title": "Lavrov: US destroyed INF Treaty",
        "outlet": {"name": "TASS"},
    }
    # Fragment length varies slightly between PostgreSQL versions; the highlights do not.
    assert edge["snippet"].startswith(
        "<mark>Lavrov</mark>: US destroyed INF Treaty — MOSCOW, August 2. /TASS/. The United "
        "States has destroyed the treaty with its own hands, Foreign Minister Sergei "
        "<mark>Lavrov</mark>"
    )
    assert edge["snippet"].count("<mark>") == 2


def test_prefix_and_stemming(gql, world):
    assert hits(gql, "interm nucl", kinds=["TREATY"])[0] == [
        ("Treaty", "Intermediate-Range Nuclear Forces Treaty")
    ]
    # English stemming: "destroying" matches "destroyed"; Russian: "договор" matches "Договоры".
    assert ("Statement", "The United States has destroyed the treaty with its own hands.") in hits(
        gql, "destroying"
    )[0]
    assert hits(gql, "договор")[0] == [("Statement", "Договоры о ракетах больше не действуют.")]


def test_search_hides_unpublished(gql, curator_gql, world):
    assert hits(gql, "secret")[0] == []
    assert hits(gql, "unpublished")[0] == []
    assert sorted(hits(curator_gql, "secret")[0]) == [
        ("Actor", "Secret Actor"),
        ("Statement", "Words of a secret actor."),
    ]
    assert hits(curator_gql, "unpublished")[0] == [("Source", "Unpublished wire copy")]


def test_search_pages(gql, world):
    full, data = hits(gql, "treaty", first=100)
    assert data["totalCount"] == len(full) >= 6
    seen, after = [], None
    while True:
        page, data = hits(gql, "treaty", first=2, after=after)
        seen += page
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    assert seen == full


def test_search_arguments(gql, world):
    error = gql.error(QUERY, {"query": " !! "})
    assert error["message"] == "Argument 'query' needs at least one word."
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    error = gql.error(QUERY, {"query": "treaty", "first": 500})
    assert error["message"] == "Argument 'first' cannot be higher than 100."


@pytest.mark.parametrize(
    ("model_path", "index"),
    [
        ("timeline.models.Event", "event_search_gin"),
        ("timeline.models.Statement", "statement_search_gin"),
        ("timeline.models.Treaty", "treaty_search_gin"),
        ("timeline.models.Actor", "actor_search_gin"),
        ("sources.models.Source", "source_search_gin"),
    ],
)
def test_search_uses_the_gin_index(world, model_path, index):
    import importlib

    from django.db import connection

    import sources.querysets  # noqa: F401
    from timeline.querysets import search_filtered

    module, name = model_path.rsplit(".", 1)
    model = getattr(importlib.import_module(module), name)
    qs = search_filtered(model.objects.order_by(), "treaty")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = qs.explain()
    assert index in plan
