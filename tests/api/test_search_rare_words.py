"""The search filter of the lists: a word ANALYZE never saw goes to the GIN index first,
a common one is left to the planner, and both shapes give the same rows in the same
order."""

from __future__ import annotations

import pytest
from django.db import connection

from timeline import querysets
from timeline.models import Event, EventType

pytestmark = pytest.mark.django_db

LIST = """query($search: String!, $after: String) {
  events(first: 3, after: $after, filters: {search: $search}) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { title date } } } }"""


@pytest.fixture
def analysed(db):
    kind = EventType.objects.create(name="Meeting", slug="meeting")
    for day in range(1, 9):
        Event.objects.create(
            title=f"Border security talks, round {day}",
            summary="Ministers met on border security.",
            date=f"2019-03-{day:02d}",
            event_type=kind,
            status="published",
        )
    Event.objects.create(
        title="Zanzibar ferry accord", date="2019-04-01", event_type=kind, status="published"
    )
    Event.objects.create(
        title="Border security draft", date="2019-02-01", event_type=kind, status="draft"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE timeline_event")


def _titles(gql, search: str) -> tuple[int, list[str]]:
    titles, after, total = [], None, None
    while True:
        data = gql.data(LIST, {"search": search, "after": after})["events"]
        total = data["totalCount"] if total is None else total
        titles += [edge["node"]["title"] for edge in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            return total, titles
        after = data["pageInfo"]["endCursor"]


def test_a_word_no_document_has_is_rare_and_common_words_are_not(analysed):
    assert querysets.has_rare_word(Event, "xylophonic")
    assert querysets.has_rare_word(Event, "border xylophonic")  # all words must match
    assert not querysets.has_rare_word(Event, "border security")
    assert not querysets.has_rare_word(Event, "the Border")  # a stop word is never rare
    assert not querysets.has_rare_word(Event, "")


def test_both_query_shapes_give_the_same_pages(analysed, gql, monkeypatch):
    expected = _titles(gql, "border security")
    assert expected[0] == 8 and expected[1][0] == "Border security talks, round 1"
    monkeypatch.setattr(querysets, "has_rare_word", lambda *args, **kwargs: True)
    assert _titles(gql, "border security") == expected  # the GIN index first: same pages


def test_rare_and_absent_words_through_the_api(analysed, gql):
    assert _titles(gql, "xylophonic") == (0, [])
    assert _titles(gql, "zanzibar") == (1, ["Zanzibar ferry accord"])
    assert _titles(gql, "border zanzibar") == (0, [])


def test_the_rare_word_answer_is_kept_for_a_while(db, monkeypatch):
    """One statistics lookup per word per few minutes: it only picks a plan."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        querysets.has_rare_word(Event, "xylophonic")
    with CaptureQueriesContext(connection) as again:
        querysets.has_rare_word(Event, "xylophonic")
    assert len(first.captured_queries) == 1
    assert len(again.captured_queries) == 0
    monkeypatch.setattr(querysets, "RARE_WORD_TTL", 0.0)
    with CaptureQueriesContext(connection) as expired:
        querysets.has_rare_word(Event, "xylophonic")
    assert len(expired.captured_queries) == 1
