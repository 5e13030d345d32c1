"""The production server as deployed: gunicorn + WhiteNoise, DEBUG off, JSON logs."""

from __future__ import annotations

import pytest

from tests.ops.server import Session, request

pytestmark = pytest.mark.django_db(transaction=True)


def test_serves_api_static_files_health_and_logs_as_json(production_server):
    server = production_server()
    health = request(server.base, "GET", "/healthz")
    assert (health.status, health.json()["status"]) == (200, "ok")

    css = request(
        server.base, "GET", "/static/admin/css/base.css", None, {"Accept-Encoding": "gzip"}
    )
    assert css.status == 200
    assert css.headers["content-encoding"] == "gzip"  # WhiteNoise's pre-compressed copy
    assert "max-age" in css.headers["cache-control"]
    graphiql = request(server.base, "GET", "/static/npm/graphiql/package.json")
    assert graphiql.status == 200

    answer = Session(server.base).graphql("{ events(first: 1) { totalCount } }")
    assert (answer.status, answer.json()) == (200, {"data": {"events": {"totalCount": 0}}})
    assert request(server.base, "GET", "/nope").status == 404

    assert server.stop() == 0  # SIGTERM: a graceful stop
    records = [r for r in server.log_records() if r.get("logger") == "timeline.requests"]
    paths = {(r["method"], r["path"], r["status"]) for r in records}
    assert {("GET", "/healthz", 200), ("POST", "/graphql/", 200), ("GET", "/nope", 404)} <= paths
    assert all(len(r["request_id"]) == 32 and r["duration_ms"] >= 0 for r in records)


def test_graphiql_and_introspection_off_in_production(production_server):
    server = production_server(GRAPHQL_GRAPHIQL="0", GRAPHQL_INTROSPECTION="0")
    page = request(server.base, "GET", "/graphql/", None, {"Accept": "text/html"})
    assert b"graphiql" not in page.body.lower()
    refused = Session(server.base).graphql("{ __schema { types { name } } }").json()
    assert refused["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
