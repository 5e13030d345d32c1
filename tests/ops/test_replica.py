"""Read replica: API reads go to DATABASE_REPLICA_URL's alias, everything else to the primary.

The replica here is a second connection alias to the same test database (what
``DATABASE_REPLICA_URL`` pointing at the primary's server gives), so which alias
ran each query is what the test observes.
"""

from __future__ import annotations

import pytest
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from timeline.db_router import REPLICA, ReplicaRouter, replica_reads
from timeline.models import Event, EventType

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup):
    settings_dict = dict(connections["default"].settings_dict)
    connections.settings[REPLICA] = settings_dict
    yield
    connections[REPLICA].close()
    del connections.settings[REPLICA]
    del connections[REPLICA]


def tables(queries) -> str:
    return " ".join(q["sql"] for q in queries)


@pytest.fixture
def published_event():
    kind = EventType.objects.create(name="Sign agreement")
    return Event.objects.create(
        title="INF Treaty signed", date="1987-12-08", event_type=kind, status="published"
    )


def test_api_reads_come_from_the_replica(client, published_event):
    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.post(
            "/graphql/",
            {"query": "{ events(first: 5) { totalCount edges { node { title } } } }"},
            content_type="application/json",
        )
    assert response.json()["data"]["events"]["totalCount"] == 1
    assert "timeline_event" in tables(on_replica.captured_queries)
    assert "timeline_event" not in tables(on_primary.captured_queries)


def test_the_admin_reads_from_the_primary(admin_client, published_event):
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = admin_client.get(reverse("admin:timeline_event_changelist"))
    assert response.status_code == 200
    assert on_replica.captured_queries == []


def test_writes_and_transactions_stay_on_the_primary(published_event):
    routing = ReplicaRouter()
    assert routing.db_for_read(Event) is None  # outside an API request: Django's default
    with replica_reads():
        assert router.db_for_read(Event) == REPLICA
        assert router.db_for_write(Event) == "default"
        with transaction.atomic():
            # select_for_update, and any read a service makes inside its transaction.
            assert router.db_for_read(Event) == "default"
            locked = Event.objects.select_for_update().get(pk=published_event.pk)
            assert locked._state.db == "default"
        assert Event.objects.get(pk=published_event.pk)._state.db == REPLICA
    assert not routing.allow_migrate(REPLICA, "timeline")
