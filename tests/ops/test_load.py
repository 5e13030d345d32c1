"""Load: concurrent clients mixing GraphQL reads and curator writes against gunicorn.

Readers are anonymous API clients; writers are curators who log in to the admin and
add events through its add form (session + CSRF), as a browser does. Bounds come
from LOAD_CLIENTS / LOAD_SECONDS: CI size in `make test`, 32 × 60 s in `make load`.
Promised: no 5xx, every accepted write stored exactly once (and nothing that was not
accepted), every read a complete answer; throughput and p99 are printed.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections import Counter

import pytest

from tests.ops.conftest import PASSWORD
from tests.ops.server import Session, management_forms, percentile
from timeline.models import Event, EventType

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = int(os.environ.get("LOAD_CLIENTS", "8"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "12"))
WRITER_SHARE = 4  # one client in four is a curator who writes
READS = [
    "{ events(first: 20) { totalCount edges { node { title date eventType { name } } } } }",
    '{ timeline(filters: {from: "1980-01-01", to: "2030-12-31"}, first: 20) '
    "{ totalCount edges { node { __typename } } } }",
    '{ search(query: "treaty", first: 5) { totalCount } }',
]


@pytest.fixture
def seeded():
    kind = EventType.objects.create(name="Load test signing")
    for n in range(40):
        Event.objects.create(
            title=f"Seed treaty event {n}",
            date=f"{1980 + n}-05-01",
            event_type=kind,
            status="published",
            summary="A treaty was signed.",
        )
    return kind


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.statuses: Counter = Counter()
        self.failures: list[str] = []
        self.accepted: list[str] = []
        self.attempted: list[str] = []

    def record(self, kind: str, response, problem: str | None = None) -> None:
        with self.lock:
            self.latencies.append(response.seconds)
            self.statuses[(kind, response.status)] += 1
            if problem:
                self.failures.append(problem)


def reader(base: str, deadline: float, stats: Stats, seed: int) -> None:
    rng = random.Random(seed)
    session = Session(base)
    while time.monotonic() < deadline:
        response = session.graphql(rng.choice(READS))
        problem = None
        if response.status != 200:
            problem = f"read {response.status}: {response.body[:200]!r}"
        elif "errors" in response.json() or not response.json().get("data"):
            problem = f"read errors: {response.body[:300]!r}"
        stats.record("read", response, problem)


ADD_URL = "/admin/timeline/event/add/"


def signed_in(base: str, username: str) -> tuple[Session, list[tuple[str, str]]]:
    session = Session(base)
    session.login(username, PASSWORD)
    return session, management_forms(session.send("GET", ADD_URL).body.decode())


def writer(
    session: Session, inline_fields, deadline: float, stats: Stats, username: str, kind_pk: int
) -> None:
    add_url = ADD_URL
    n = 0
    # At least one write each, however slow the machine.
    while n == 0 or time.monotonic() < deadline:
        n += 1
        title = f"Load {username} write {n}"
        with stats.lock:
            stats.attempted.append(title)
        response = session.form(
            add_url,
            [
                ("title", title),
                ("slug", f"load-{username}-{n}"),
                ("summary", "Added under load."),
                ("date", "2020-01-02"),
                ("event_type", str(kind_pk)),
                *inline_fields,
            ],
        )
        problem = None
        if response.status == 302:
            with stats.lock:
                stats.accepted.append(title)
        else:
            problem = f"write {response.status}: {response.body[:300]!r}"
        stats.record("write", response, problem)
        # A curator reads the list back now and then, as the admin redirect does.
        if n % 5 == 0:
            listing = session.send("GET", "/admin/timeline/event/?q=Load")
            stats.record(
                "admin", listing, None if listing.status == 200 else f"list {listing.status}"
            )


def test_mixed_load(production_server, curators, seeded, capsys):
    server = production_server()
    writers = max(1, CLIENTS // WRITER_SHARE)
    signed = [(signed_in(server.base, name), name) for name in curators(writers)]
    stats = Stats()
    deadline = time.monotonic() + SECONDS
    threads = [
        threading.Thread(target=writer, args=(session, fields, deadline, stats, name, seeded.pk))
        for (session, fields), name in signed
    ] + [
        threading.Thread(target=reader, args=(server.base, deadline, stats, seed))
        for seed in range(CLIENTS - writers)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 120)
    elapsed = time.monotonic() - started

    total = sum(stats.statuses.values())
    p50, p99 = percentile(stats.latencies, 0.50), percentile(stats.latencies, 0.99)
    with capsys.disabled():  # the figures belong in `make test`'s output
        print(
            f"\nload: {CLIENTS} clients ({writers} writing) for {SECONDS:.0f} s: {total} requests, "
            f"{total / elapsed:.0f}/s, p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
            f"{len(stats.accepted)} writes accepted; statuses {dict(stats.statuses)}"
        )
    assert not any(alive.is_alive() for alive in threads), "a client hung"
    assert not [s for (_, s) in stats.statuses if s >= 500], stats.failures[:5]
    assert stats.failures == []
    assert stats.accepted, "no write was accepted"
    assert total > CLIENTS

    stored = Counter(
        Event.objects.filter(title__startswith="Load ").values_list("title", flat=True)
    )
    assert set(stored) == set(stats.accepted)
    assert set(stored.values()) == {1}
    # Each stored write is whole: its creation is in the history, with who made it.
    for event in Event.objects.filter(title__startswith="Load "):
        created = event.history.filter(history_type="+")
        assert [r.history_user.username for r in created] == [event.title.split()[1]]
