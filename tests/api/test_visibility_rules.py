"""Visibility fails closed, and citations follow both their source and their record.

Every type the API exposes is listed with its public rule; a model without a
declared rule is refused, never shown. Citations of hidden records, and every
curator note, stay out of anonymous and token answers on every path that reaches
a citation (the paths are read off the schema, so a new one is covered or fails).
"""

from __future__ import annotations

import base64
import json

import pytest
from django.contrib.auth.models import User
from graphql import get_named_type

from api.core.types import Visible
from api.models import ApiToken
from api.schema import schema
from sources.models import Citation
from tests.api.hostile import gid, hostile  # noqa: F401  (fixture)
from timeline.querysets import ALWAYS, PUBLIC_RULES, NoVisibilityRule, visible

pytestmark = pytest.mark.django_db

# Every GraphQL type backed by a model, with the model and its public rule as the
# database sees it. A new type, or a changed rule, must be added here on purpose.
EXPOSED = {
    "Actor": ("timeline.Actor", "(AND: ('status', 'published'))"),
    "Citation": (
        "sources.Citation",
        "(AND: ('source__status', 'published'), (OR: (event exists: (AND: ('status', "
        "'published'))), (statement exists: (AND: ('status', 'published'), "
        "('speaker__status', 'published'))), (treaty_action exists: (AND: ('status', "
        "'published'), ('treaty__status', 'published')))))",
    ),
    "Event": ("timeline.Event", "(AND: ('status', 'published'))"),
    "EventCategory": ("timeline.EventType", "always"),
    "EventParticipant": ("timeline.EventParticipant", "(AND: ('actor__status', 'published'))"),
    "EventRelation": (
        "timeline.EventRelation",
        "(AND: ('from_event__status', 'published'), ('to_event__status', 'published'))",
    ),
    "Outlet": ("sources.Outlet", "always"),
    "Position": (
        "timeline.Position",
        "(AND: ('person__status', 'published'), ('organisation__status', 'published'))",
    ),
    "Source": ("sources.Source", "(AND: ('status', 'published'))"),
    "Statement": (
        "timeline.Statement",
        "(AND: ('status', 'published'), ('speaker__status', 'published'))",
    ),
    "Tag": ("timeline.Tag", "always"),
    "Treaty": ("timeline.Treaty", "(AND: ('status', 'published'))"),
    "TreatyAction": (
        "timeline.TreatyAction",
        "(AND: ('status', 'published'), ('treaty__status', 'published'))",
    ),
}


def model_types() -> dict[str, type]:
    """GraphQL name -> strawberry-django type, for every model-backed type in the schema."""
    found = {}
    for name, graphql_type in schema._schema.type_map.items():
        definition = getattr(graphql_type, "extensions", {}) or {}
        origin = definition.get("strawberry-definition")
        origin = getattr(origin, "origin", None)
        if origin is not None and hasattr(origin, "__strawberry_django_definition__"):
            found[name] = origin
    return found


def test_every_exposed_type_is_listed_with_its_rule():
    actual = {}
    for name, type_ in model_types().items():
        model = type_.__strawberry_django_definition__.model
        assert model in PUBLIC_RULES, f"{name}: no public rule for {model._meta.label}"
        rule = PUBLIC_RULES[model]
        shown = str(rule).replace("Status.PUBLISHED", "'published'")
        actual[name] = (model._meta.label, "always" if rule == ALWAYS else shown)
        # A type with a real rule must apply it on every path (its get_queryset).
        if rule != ALWAYS:
            assert issubclass(type_, Visible), f"{name} does not apply its visibility rule"
    assert actual == EXPOSED


def test_a_model_without_a_rule_is_refused_not_shown():
    with pytest.raises(NoVisibilityRule, match="auth.User"):
        visible(User.objects.all(), unpublished=False)
    # Curators see everything; no rule is needed to show them all.
    assert visible(User.objects.all(), unpublished=True).model is User


def citation_paths() -> list[str]:
    """Type.field of every field that returns citations."""
    paths = []
    for type_name, graphql_type in schema._schema.type_map.items():
        for field_name, field in (getattr(graphql_type, "fields", None) or {}).items():
            if type_name.startswith("__"):
                continue
            if getattr(get_named_type(field.type), "name", None) == "Citation":
                paths.append(f"{type_name}.{field_name}")
    return sorted(paths)


CITATION = "id excerpt note"
# One query per path to a citation; each asks for every citation it can reach.
QUERIES = {
    "Event.citations": "{ events(first: 100) { edges { node { citations { %s } } } } }",
    "Statement.citations": "{ statements(first: 100) { edges { node { citations { %s } } } } }",
    "TreatyAction.citations": "{ treaties(first: 100) { edges { node { actions { citations"
    " { %s } } } } } }",
    "Source.citations": "{ sources(first: 100) { edges { node { citations { %s } } } } }",
}


def post(client, query, variables=None, **headers):
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200, response.content
    return response.content.decode()


# Mutation payloads that return a citation: only authorised writers get one back.
CITATION_UPDATE = """mutation($id: ID!, $version: Int!, $input: CitationInput!) {
  citationUpdate(id: $id, version: $version, input: $input) {
    citation { %s } errors { code } } }"""
MUTATIONS = {"CitationPayload.citation": CITATION_UPDATE}


def test_the_citation_paths_are_the_ones_tested():
    assert citation_paths() == sorted([*QUERIES, *MUTATIONS])


def _pk(global_id: str) -> int:
    return int(base64.b64decode(global_id).decode().split(":")[1])


def test_a_mutation_payload_shows_no_citation_to_public_clients(client, hostile, public_headers):  # noqa: F811
    before = list(Citation.objects.order_by("pk").values())
    for citation_id in [*hostile.hidden_citations, *hostile.public_citations]:
        version = Citation.objects.get(pk=_pk(citation_id)).version
        variables = {"id": citation_id, "version": version, "input": {"note": "changed"}}
        response = client.post(
            "/graphql/",
            json.dumps({"query": MUTATIONS["CitationPayload.citation"] % CITATION,
                        "variables": variables}),
            content_type="application/json",
            **public_headers,
        )  # fmt: skip
        text = response.content.decode()
        assert not hostile.leaks(text), hostile.leaks(text)
        body = json.loads(text)
        if public_headers:  # a read token is turned away before anything runs
            assert response.status_code == 403, text
            assert "data" not in body and body["errors"][0]["extensions"]["code"] == (
                "READ_ONLY_TOKEN"
            )
        else:  # anonymous: the mutation refuses, the payload holds no citation
            assert response.status_code == 200, text
            assert body["data"]["citationUpdate"] == {
                "citation": None,
                "errors": [{"code": "FORBIDDEN"}],
            }
    assert list(Citation.objects.order_by("pk").values()) == before


def test_a_writer_gets_the_citation_back_with_its_note(client, hostile, curator):  # noqa: F811
    client.force_login(curator)
    citation_id = next(iter(hostile.hidden_citations))
    version = Citation.objects.get(pk=_pk(citation_id)).version
    text = post(
        client,
        MUTATIONS["CitationPayload.citation"] % CITATION,
        {"id": citation_id, "version": version, "input": {"note": "checked by a curator"}},
    )
    payload = json.loads(text)["data"]["citationUpdate"]
    assert payload["errors"] == [], payload
    assert payload["citation"] == {
        "id": citation_id,
        "excerpt": hostile.hidden_citations[citation_id],
        "note": "checked by a curator",
    }


@pytest.fixture(params=["anonymous", "token"])
def public_headers(request, db):
    if request.param == "anonymous":
        return {}
    _, key = ApiToken.issue("partner")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_public_clients_see_only_citations_of_visible_records(client, hostile, public_headers):  # noqa: F811
    seen = set()
    for path, query in QUERIES.items():
        text = post(client, query % CITATION, **public_headers)
        assert not hostile.leaks(text), (path, hostile.leaks(text))
        seen |= {gid_ for gid_ in hostile.public_citations if gid_ in text}
    assert seen == set(hostile.public_citations)
    ids = [*hostile.hidden_citations, *hostile.public_citations]
    text = post(
        client,
        f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on Citation {{ {CITATION} }} }} }}",
        {"ids": ids},
        **public_headers,
    )
    nodes = json.loads(text)["data"]["nodes"]
    assert [n["id"] if n else None for n in nodes] == [
        *(None for _ in hostile.hidden_citations),
        *hostile.public_citations,
    ]
    assert {n["note"] for n in nodes if n} == {""}
    for citation_id in hostile.hidden_citations:
        text = post(
            client,
            f"query($id: ID!) {{ node(id: $id) {{ ... on Citation {{ {CITATION} }} }} }}",
            {"id": citation_id},
            **public_headers,
        )
        assert json.loads(text) == {"data": {"node": None}}


def test_curators_see_every_citation_and_its_note(client, hostile, curator):  # noqa: F811
    client.force_login(curator)
    text = post(client, QUERIES["Source.citations"] % CITATION)
    notes = {
        c["note"]
        for edge in json.loads(text)["data"]["sources"]["edges"]
        for c in edge["node"]["citations"]
    }
    assert notes == set(Citation.objects.values_list("note", flat=True))
    assert all(citation_id in text for citation_id in hostile.hidden_citations)


def test_a_citation_needs_its_source_and_its_record_visible(hostile):  # noqa: F811
    shown = {gid("Citation", pk) for pk in visible(Citation.objects.all(), unpublished=False)
             .values_list("pk", flat=True)}  # fmt: skip
    assert shown.isdisjoint(hostile.hidden_citations)
    assert set(hostile.public_citations) <= shown
