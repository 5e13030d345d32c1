"""/exports/<dataset>.<format>: scoped tokens, JSON errors, conditional requests, access log."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone

from api.core.tokens import token_can_write
from api.exports.names import DATASETS
from api.exports.views import export_view
from api.models import ApiToken, ExportAccess, TokenAccess
from timeline.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    token, key = ApiToken.issue("Partner", datasets=list(DATASETS))
    return token, key


def get(client, url, key=None, **headers):
    if key:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client.get(url, **headers)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_missing_token_is_401_json(client, world):
    response = get(client, "/exports/events.jsonl")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "TOKEN_REQUIRED"
    assert response["WWW-Authenticate"].startswith("Bearer")
    log = ExportAccess.objects.get()
    assert (log.who, log.status, log.dataset, log.format) == ("anonymous", 401, "events", "jsonl")


@pytest.mark.parametrize("state", ["wrong", "revoked", "expired"])
def test_wrong_revoked_or_expired_token_is_401(client, world, partner, state):
    token, key = partner
    if state == "wrong":
        key = "tl_not-a-key"
    elif state == "revoked":
        token.is_active = False
        token.save()
    else:
        token.expires_at = timezone.now() - dt.timedelta(days=1)
        token.save()
    response = get(client, "/exports/events.jsonl", key)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "INVALID_TOKEN"


def test_out_of_scope_token_is_403(client, world):
    token, key = ApiToken.issue("Events only", datasets=["events"])
    assert get(client, "/exports/events.geojson", key).status_code == 200
    response = get(client, "/exports/statements.jsonl", key)
    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "OUT_OF_SCOPE",
        "message": "This token may not export: statements. Ask for a token with those "
        "datasets in its scope.",
    }
    # "all" needs every dataset it contains.
    assert get(client, "/exports/all.geojson", key).status_code == 200  # events only
    assert get(client, "/exports/all.jsonl", key).status_code == 403
    assert ExportAccess.objects.filter(token=token, status=403).count() == 2


def test_export_streams_records_logs_rows_and_bytes_and_records_last_use(client, world, partner):
    token, key = partner
    response = get(client, "/exports/events.jsonl", key)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/jsonl"
    assert response["Content-Disposition"] == 'attachment; filename="timeline-events.jsonl"'
    data = body(response)
    lines = [json.loads(x) for x in data.decode().splitlines()]
    assert [r["id"] for r in lines] == [world["event"].pk]
    log = ExportAccess.objects.get()
    assert (log.who, log.token, log.rows, log.bytes, log.completed) == (
        "Partner",
        token,
        1,
        len(data),
        True,
    )
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_etag_and_last_modified_give_304_until_the_data_changes(client, world, partner):
    _, key = partner
    first = get(client, "/exports/all.geojson", key)
    body(first)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert get(client, "/exports/all.geojson", key, HTTP_IF_NONE_MATCH=etag).status_code == 304
    again = get(client, "/exports/all.geojson", key, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert again.status_code == 304
    assert ExportAccess.objects.filter(status=304).count() == 2
    # Filters are part of the ETag.
    other = get(client, "/exports/all.geojson?from=2020-01-01", key, HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200
    event = world["event"]
    event.title = "Edited"
    event.save()
    changed = get(client, "/exports/all.geojson", key, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert b"Edited" in body(changed)


def test_bad_requests_are_400_or_404_json(client, world, partner):
    _, key = partner
    cases = {
        "/exports/events.jsonl?from=yesterday": (400, "'filters.from': 'yesterday' is not a date"),
        "/exports/events.jsonl?colour=red": (400, "Unknown parameter(s): colour."),
        "/exports/events.ics?since=2020-01-01": (400, "The iCalendar format is always a full"),
        "/exports/events.jsonl?since=last+week": (400, "since: 'last week' is not an ISO 8601"),
        "/exports/sources.geojson": (400, "The GeoJSON format does not export 'sources'."),
        "/exports/dragons.jsonl": (404, "Unknown dataset 'dragons'."),
        "/exports/events.xlsx": (404, "Unknown format 'xlsx'."),
    }
    for url, (status, message) in cases.items():
        response = get(client, url, key)
        assert response.status_code == status, url
        assert message in response.json()["error"]["message"], (url, response.json())
    assert client.post("/exports/events.jsonl").status_code == 405


def test_incremental_over_http_lists_tombstones(client, world, partner):
    _, key = partner
    first = get(client, "/exports/all.jsonl", key)
    body(first)
    since = first["X-Export-As-Of"]
    statement = world["statement"]
    statement.status = Status.RETRACTED
    statement.save()
    response = get(client, f"/exports/all.jsonl?since={since.replace('+', '%2B')}", key)
    lines = [json.loads(x) for x in body(response).decode().splitlines()]
    assert lines == [
        {"type": "tombstone", "dataset": "statements", "id": statement.pk, "reason": "retracted"}
    ]


def test_csv_package_is_a_zip_and_descriptor_is_served(client, world, partner):
    _, key = partner
    response = get(client, "/exports/all.csv", key)
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    assert sorted(archive.namelist()) == sorted(
        ["datapackage.json", *(f"{n}.csv" for n in DATASETS)]
    )
    assert archive.read("events.csv").startswith(b"id,slug,title")
    descriptor = get(client, "/exports/datapackage.json", key).json()
    assert [r["name"] for r in descriptor["resources"]] == list(DATASETS)


def test_token_can_write_checks_the_write_scope():
    reader, _ = ApiToken.issue("Reader")
    writer, _ = ApiToken.issue("Writer", access=TokenAccess.WRITE)
    assert not token_can_write(reader)
    assert token_can_write(writer)
    writer.is_active = False
    assert not token_can_write(writer)
    writer.is_active = True
    writer.expires_at = timezone.now() - dt.timedelta(seconds=1)
    assert not token_can_write(writer)
    assert not token_can_write(None)


def test_admin_creates_a_scoped_token_and_revokes_it(client):
    admin = User.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    response = client.post(
        "/admin/api/apitoken/add/",
        {"name": "Newsroom", "access": "read", "datasets": ["events", "actors"], "is_active": "on"},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="Newsroom")
    assert sorted(token.datasets) == ["actors", "events"]
    assert "copy it now" in response.content.decode()
    client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )
    token.refresh_from_db()
    assert not token.is_active
    # The access log is read-only in the admin.
    assert client.get("/admin/api/exportaccess/").status_code == 200
    assert client.get("/admin/api/exportaccess/add/").status_code == 403


def test_a_client_that_goes_away_is_logged_as_incomplete(rf, world, partner):
    _, key = partner
    # Straight to the view: the test client wraps streamed responses in its own closer.
    response = export_view(
        rf.get("/exports/all.jsonl", HTTP_AUTHORIZATION=f"Bearer {key}"), "all.jsonl"
    )
    first = next(iter(response.streaming_content))
    # The client disconnected: the server closes the response, its iterator first. Outside
    # tests request_finished then recycles the connection; the test's transaction must
    # survive that, as Django's test client arranges for its own requests.
    signals.request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        signals.request_finished.connect(close_old_connections)
    log = ExportAccess.objects.get()
    assert (log.completed, log.bytes) == (False, len(first))
    assert log.finished_at is not None
