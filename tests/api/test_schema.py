"""The schema contract (schema.graphql) and the documented example queries."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from api.schema_file import SCHEMA_FILE, printed_schema

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "example-queries.graphql"


def test_schema_file_matches_the_code():
    stored = SCHEMA_FILE.read_text(encoding="utf-8")
    assert stored == printed_schema(), (
        "schema.graphql differs from api.schema: run `python manage.py graphql_schema`, "
        "review the diff (changes must be additive unless deprecated first) and commit it."
    )


def test_check_command_reports_drift(tmp_path, monkeypatch):
    import api.management.commands.graphql_schema as command

    stale = tmp_path / "schema.graphql"
    stale.write_text("type Query { old: Int }\n")
    monkeypatch.setattr(command, "SCHEMA_FILE", stale)
    with pytest.raises(Exception, match="schema.graphql is out of date"):
        call_command("graphql_schema", "--check", stdout=StringIO())
    call_command("graphql_schema", stdout=StringIO())
    assert stale.read_text() == printed_schema()


def operations() -> list[str]:
    return re.findall(r"^query (\w+)", EXAMPLES.read_text(encoding="utf-8"), flags=re.M)


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


@pytest.mark.django_db
def test_examples_are_the_three_documented(client):
    assert operations() == ["InfTimeline", "InfPartiesIn2019", "SearchWithdrawal"]


def run_example(client, name):
    response = client.post(
        "/graphql/",
        json.dumps({"query": EXAMPLES.read_text(encoding="utf-8"), "operationName": name}),
        content_type="application/json",
    )
    body = json.loads(response.content)
    assert "errors" not in body, body["errors"]
    return body["data"]


@pytest.mark.django_db
def test_example_timeline(client, demo):
    data = run_example(client, "InfTimeline")["timeline"]
    nodes = [edge["node"] for edge in data["edges"]]
    assert len(nodes) == 10 and data["totalCount"] > 10 and data["pageInfo"]["hasNextPage"]
    assert {node["__typename"] for node in nodes} == {"Event", "Statement", "TreatyAction"}
    dates = [node["date"][:10] for node in nodes]
    assert dates == sorted(dates) and dates[0] >= "2018-10-01" and dates[-1] <= "2019-08-31"
    assert nodes[0] == {
        "__typename": "Event",
        "title": "Trump says the US will leave the INF Treaty",
        "date": "2018-10-20",
        "eventType": {"name": "Statement"},
        "participants": [
            {"role": "INITIATOR", "actor": {"name": "Donald Trump"}},
            {"role": "TARGET", "actor": {"name": "Russia"}},
        ],
    }
    suspension = next(n for n in nodes if n["__typename"] == "TreatyAction")
    assert suspension == {
        "__typename": "TreatyAction",
        "date": "2019-02-02",
        "action": "SUSPENSION",
        "actor": {"name": "United States"},
        "treaty": {"shortName": "INF Treaty"},
    }


@pytest.mark.django_db
def test_example_treaty_parties(client, demo):
    import datetime as dt

    from timeline.models import Treaty

    data = run_example(client, "InfPartiesIn2019")["treaty"]
    treaty = Treaty.objects.get(slug="inf-treaty")
    day = dt.date(2019, 3, 1)
    actions = treaty.actions.filter(status="published")
    status = treaty.status_as_of(day, actions=actions)
    parties = treaty.parties_as_of(day, actions=actions)
    names = dict(treaty.actions.values_list("actor_id", "actor__name"))
    assert data == {
        "shortName": "INF Treaty",
        "statusAsOf": {"status": status.status.upper(), "since": str(status.since)},
        "parties": [
            {"actor": {"name": names[pk]}, "status": s.status.upper(), "since": str(s.since)}
            for pk, s in sorted(parties.items(), key=lambda item: names[item[0]])
        ],
    }
    assert [p["actor"]["name"] for p in data["parties"]] == ["Russia", "United States"]
    assert data["parties"][0]["status"] == "PARTY"


@pytest.mark.django_db
def test_example_search(client, demo):
    data = run_example(client, "SearchWithdrawal")["search"]
    assert len(data["edges"]) == 5 and data["totalCount"] > 5
    ranks = [edge["rank"] for edge in data["edges"]]
    assert ranks == sorted(ranks, reverse=True)
    for edge in data["edges"]:
        assert "<mark>" in edge["snippet"], edge
    assert data["edges"][0]["node"] == {
        "__typename": "Source",
        "title": "Russia's withdrawal from Open Skies Treaty takes effect",
        "outlet": {"name": "Sputnik"},
    }


def test_readme_shows_the_example_queries_as_tested():
    body = EXAMPLES.read_text().split("\n", 2)[2].strip()  # without the two-line file header
    assert body in (EXAMPLES.parents[1] / "README.md").read_text()
