"""Production switches of the API: rate limit per client (429 in the GraphQL error shape),
GraphiQL and introspection off, structured request logs."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.cache import caches
from django.test import override_settings

pytestmark = pytest.mark.django_db

QUERY = {"query": "{ events(first: 1) { totalCount } }"}


@pytest.fixture(autouse=True)
def fresh_counters():
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


def post(client, body=QUERY, **headers):
    return client.post("/graphql/", body, content_type="application/json", **headers)


@override_settings(API_RATE_LIMIT="3/m")
def test_a_client_over_its_budget_gets_429_in_the_graphql_error_shape(client):
    assert [post(client).status_code for _ in range(3)] == [200, 200, 200]
    refused = post(client)
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    retry = int(refused["Retry-After"])
    assert 1 <= retry <= 60
    assert refused.json() == {
        "errors": [
            {
                "message": "Too many requests: at most 3 per minute for each client. "
                f"Retry in {retry} s.",
                "extensions": {"code": "RATE_LIMITED", "retryAfter": retry},
            }
        ]
    }
    # GET queries count against the same budget.
    assert client.get("/graphql/", {"query": "{ __typename }"}).status_code == 429


@override_settings(API_RATE_LIMIT="2/m")
def test_budgets_are_per_client(client, curator):
    for _ in range(2):
        post(client, REMOTE_ADDR="192.0.2.1")
    assert post(client, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert post(client, REMOTE_ADDR="192.0.2.2").status_code == 200
    # A signed-in curator behind the exhausted address has a budget of their own.
    client.force_login(curator)
    assert post(client, REMOTE_ADDR="192.0.2.1").status_code == 200


@override_settings(API_RATE_LIMIT="2/m")
def test_a_token_has_its_own_budget_but_made_up_keys_share_the_address(client):
    from api.models import ApiToken

    _token, key = ApiToken.issue("Partner")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {key}", "REMOTE_ADDR": "192.0.2.5"}
    for n in range(2):
        post(client, HTTP_AUTHORIZATION=f"Bearer made-up-{n}", REMOTE_ADDR="192.0.2.5")
    assert (
        post(client, HTTP_AUTHORIZATION="Bearer made-up-3", REMOTE_ADDR="192.0.2.5").status_code
        == 429
    )
    assert [post(client, **bearer).status_code for _ in range(3)] == [200, 200, 429]


@override_settings(API_RATE_LIMIT="")
def test_an_empty_rate_turns_limiting_off(client):
    assert {post(client).status_code for _ in range(5)} == {200}


@override_settings(API_RATE_LIMIT="1/m")
def test_other_pages_are_not_limited(client):
    post(client)
    assert post(client).status_code == 429
    assert client.get("/healthz").status_code == 200
    assert client.get("/admin/login/").status_code == 200


@override_settings(
    API_RATE_LIMIT="100/m",
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5},
        },
    },
)
def test_a_dead_counter_cache_serves_rather_than_refuses(client, caplog):
    with caplog.at_level(logging.WARNING, logger="api.core.ratelimit"):
        assert post(client).status_code == 200
    assert [r.getMessage() for r in caplog.records if r.name == "api.core.ratelimit"] == [
        "Rate limit cache unavailable; request not counted"
    ]


INTROSPECTION = {"query": "{ __schema { queryType { name } } }"}


@override_settings(GRAPHQL_INTROSPECTION=False)
def test_introspection_can_be_switched_off(client):
    refused = post(client, INTROSPECTION).json()
    assert refused["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "introspection" in refused["errors"][0]["message"].lower()
    assert "data" not in refused or refused["data"] is None
    assert post(client, {"query": "{ __typename }"}).json() == {"data": {"__typename": "Query"}}


def test_introspection_is_on_by_default(client):
    assert post(client, INTROSPECTION).json() == {
        "data": {"__schema": {"queryType": {"name": "Query"}}}
    }


@pytest.mark.parametrize("enabled", [True, False])
def test_graphiql_can_be_switched_off(client, enabled):
    with override_settings(GRAPHQL_GRAPHIQL=enabled):
        response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    is_graphiql = response.status_code == 200 and b"graphiql" in response.content.lower()
    assert is_graphiql is enabled


def test_each_request_is_one_structured_log_record(client, caplog, curator):
    from django.conf import settings

    client.force_login(curator)
    with caplog.at_level(logging.INFO, logger="timeline.requests"):
        response = post(client, HTTP_X_REQUEST_ID="abc-123", REMOTE_ADDR="192.0.2.9")
        other = client.get("/graphql/?query=%7B__typename%7D&secret=hunter2")
    records = [r for r in caplog.records if r.name == "timeline.requests"]
    assert len(records) == 2
    first = records[0]
    assert response["X-Request-ID"] == "abc-123"
    assert (first.request_id, first.method, first.path, first.status) == (
        "abc-123",
        "POST",
        "/graphql/",
        200,
    )
    assert (first.client, first.user_id) == ("192.0.2.9", curator.pk)
    assert first.duration_ms >= 0
    # A fresh id when the client sends none (or a hostile one), never the query string.
    assert len(records[1].request_id) == 32 and other["X-Request-ID"] == records[1].request_id
    from pythonjsonlogger.json import JsonFormatter

    spec = settings.LOGGING["formatters"]["json"]
    line = JsonFormatter(spec["fmt"], rename_fields=spec["rename_fields"]).format(records[1])
    parsed = json.loads(line)
    assert parsed["logger"] == "timeline.requests" and parsed["level"] == "INFO"
    assert parsed["path"] == "/graphql/" and "hunter2" not in line


def test_a_hostile_request_id_is_replaced(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="a\nb" + "x" * 300)
    assert response["X-Request-ID"] != "a\nb" + "x" * 300
    assert len(response["X-Request-ID"]) == 32
