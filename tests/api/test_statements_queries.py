"""statements: the speaker, the speaker's role at the time, on behalf of, citations."""

from __future__ import annotations

import pytest

from tests.api.conftest import gid

pytestmark = pytest.mark.django_db

QUERY = """query($filters: StatementFilter) { statements(filters: $filters) {
  totalCount
  edges { node {
    text date language kind
    speaker { name }
    speakerPosition { title organisation { name } period }
    onBehalfOf { name }
    treaties { shortName }
    events { title }
    citations { excerpt start end source { title } }
  } }
} }"""


def test_statement_fields(gql, world):
    data = gql.data(QUERY, {"filters": {"actors": [gid("Actor", world.russia.pk)]}})
    assert data == {
        "statements": {
            "totalCount": 1,
            "edges": [
                {
                    "node": {
                        "text": "The United States has destroyed the treaty with its own hands.",
                        "date": "2019-08-02",
                        "language": "en",
                        "kind": "DIRECT_QUOTE",
                        "speaker": {"name": "Sergei Lavrov"},
                        "speakerPosition": {
                            "title": "Minister of Foreign Affairs",
                            "organisation": {"name": "Russia"},
                            "period": "2004-03-09/..",
                        },
                        "onBehalfOf": {"name": "Russia"},
                        "treaties": [{"shortName": "INF Treaty"}],
                        "events": [{"title": "United States withdraws from the INF Treaty"}],
                        "citations": [
                            {
                                "excerpt": "The United States has destroyed the treaty with "
                                "its own hands",
                                "start": 26,
                                "end": 87,
                                "source": {"title": "Lavrov: US destroyed INF Treaty"},
                            }
                        ],
                    }
                }
            ],
        }
    }


def test_statements_hide_drafts_and_hidden_speakers(gql, curator_gql, world):
    query = "{ statements { totalCount edges { node { text } } } }"
    public = gql.data(query)["statements"]
    assert [e["node"]["text"] for e in public["edges"]] == [
        "Russia is solely responsible for the treaty's demise.",
        "The United States has destroyed the treaty with its own hands.",
        "Договоры о ракетах больше не действуют.",
    ]
    assert public["totalCount"] == 3
    assert curator_gql.data(query)["statements"]["totalCount"] == 5


def test_statement_filters(gql, world):
    def texts(filters):
        data = gql.data(QUERY, {"filters": filters})["statements"]
        return [e["node"]["text"][:20] for e in data["edges"]]

    assert texts({"from": "2019-08-01"}) == ["The United States ha", "Договоры о ракетах б"]
    assert texts({"types": ["withdrawal"]}) == ["The United States ha"]
    assert texts({"tags": ["europe"]}) == ["The United States ha"]
    assert texts({"treaties": [gid("Treaty", world.inf.pk)], "to": "2019-05-01"}) == [
        "Russia is solely res"
    ]
    # Russian stemming: "договор" finds "Договоры".
    assert texts({"search": "договор"}) == ["Договоры о ракетах б"]
