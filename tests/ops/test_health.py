"""/healthz: 200 with every database reachable, 503 naming the one that is not."""

from __future__ import annotations

import pytest
from django.db import connections

pytestmark = pytest.mark.django_db


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["databases"] == {"default": "ok"}


@pytest.fixture
def database_down(monkeypatch):
    """Every new cursor fails as it does when the server is unreachable."""
    from django.db import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "db.internal" failed: Connection refused')

    monkeypatch.setattr(connections["default"], "cursor", refuse)


def test_unreachable_database_is_503(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["databases"] == {"default": "unavailable (OperationalError)"}
    assert "db.internal" not in response.content.decode()


def test_only_get(client):
    assert client.post("/healthz").status_code == 405
