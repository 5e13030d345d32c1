"""Issue 9 item 5 and issue 13 item 5 (cursors): one keyset cursor style on every
connection, opaque, stable when records are inserted before the cursor, with the
same totalCount type everywhere; a cursor the server did not make is BAD_USER_INPUT
naming the argument, and no traceback is logged."""

from __future__ import annotations

import base64
import logging

import pytest
from graphql import GraphQLNonNull, GraphQLObjectType

from api.schema import schema
from timeline.models import Actor, Event, Statement, Treaty

pytestmark = pytest.mark.django_db

# Each connection, with how to make one more record that sorts before everything.
CONNECTIONS = {
    "events": "{ events(first: $first, after: $after) { %s } }",
    "statements": "{ statements(first: $first, after: $after) { %s } }",
    "treaties": "{ treaties(first: $first, after: $after) { %s } }",
    "actors": "{ actors(first: $first, after: $after) { %s } }",
    "sources": "{ sources(first: $first, after: $after) { %s } }",
    "timeline": "{ timeline(first: $first, after: $after) { %s } }",
    "search": '{ search(query: "treaty", first: $first, after: $after) { %s } }',
}
PAGE = "totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ... on Node { id } } }"


def run(gql, name: str, first: int, after: str | None):
    query = "query($first: Int, $after: String) " + CONNECTIONS[name] % PAGE
    return gql.data(query, {"first": first, "after": after})


def insert_before_everything(world, name: str) -> None:
    if name in ("events", "timeline", "search"):
        Event.objects.create(
            title="Treaty, treaty, treaty: an early event, the first of all",
            summary="The treaty of treaties.",
            date="1900-01-01",
            event_type=world.agreement,
            status="published",
        )
    elif name == "statements":
        Statement.objects.create(
            speaker=world.lavrov, date="1900", text="An early statement.", status="published"
        )
    elif name == "treaties":
        Treaty.objects.create(
            name="Aardvark Accord", kind="bilateral", signed="1900", status="published"
        )
    elif name == "actors":
        Actor.objects.create(name="Aaron Aaronson", kind="person", status="published")
    elif name == "sources":
        from tests.api.conftest import _source

        _source("An early source", "The earliest text of all.", published="1900")


@pytest.fixture
def more(world):
    """Enough treaties and sources (the small world has one public of each) to page."""
    from tests.api.conftest import _source

    for n in (1, 2):
        Treaty.objects.create(
            name=f"Later treaty {n}", kind="bilateral", signed=f"200{n}", status="published"
        )
        _source(f"Later source {n}", f"The treaty text number {n}.", published=f"202{n}")
    return world


@pytest.mark.parametrize("name", list(CONNECTIONS))
def test_paging_is_stable_when_records_are_inserted_before_the_cursor(gql, more, name):
    world = more
    everything = [e["node"]["id"] for e in run(gql, name, 100, None)[name]["edges"]]
    assert len(everything) >= 3, everything
    first_page = run(gql, name, 2, None)[name]
    assert [e["node"]["id"] for e in first_page["edges"]] == everything[:2]
    insert_before_everything(world, name)
    seen = [e["node"]["id"] for e in first_page["edges"]]
    after = first_page["pageInfo"]["endCursor"]
    while after:
        page = run(gql, name, 2, after)[name]
        seen += [e["node"]["id"] for e in page["edges"]]
        after = page["pageInfo"]["endCursor"] if page["pageInfo"]["hasNextPage"] else None
    # Nothing repeated, nothing skipped: an offset cursor would repeat the 2nd record.
    assert seen == everything


@pytest.mark.parametrize("name", list(CONNECTIONS))
def test_cursors_are_opaque_keysets(gql, world, name):
    cursor = run(gql, name, 1, None)[name]["edges"][0]["cursor"]
    decoded = base64.b64decode(cursor).decode()
    assert not decoded.startswith("arrayconnection:")  # no offsets


def test_total_count_has_one_type():
    types = set()
    for gql_type in schema._schema.type_map.values():
        if isinstance(gql_type, GraphQLObjectType) and "totalCount" in gql_type.fields:
            field_type = gql_type.fields["totalCount"].type
            types.add((isinstance(field_type, GraphQLNonNull), str(field_type)))
    assert types == {(True, "Int!")}


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


BAD_CURSORS = {
    "garbage": "garbage!!",
    "huge negative offset": _b64("arrayconnection:-99999999999999999999999"),
    "negative offset": _b64("arrayconnection:-1"),
    "NUL byte": "YXJyYXljb25uZWN0aW9uOjA=\x00",
    "NUL inside the key": _b64('list:["timeline.event|date_start,date_end,pk","\x00",null,1]'),
    "valid base64, not JSON": _b64("list:{{{"),
    "wrong shape": _b64("list:[1,2]"),
    "huge pk": _b64('timeline:["2019-01-01","2019-01-01","event",99999999999999999999999]'),
    "bad date": _b64('timeline:["2019-13-45","2019-01-01","event",1]'),
    "empty": "",
}


@pytest.mark.parametrize("connection", list(CONNECTIONS))
@pytest.mark.parametrize("label", list(BAD_CURSORS))
def test_bad_cursor_is_bad_user_input(gql, caplog, connection, label):
    query = "query($first: Int, $after: String) " + CONNECTIONS[connection] % PAGE
    with caplog.at_level(logging.DEBUG):
        body = gql(query, {"first": 2, "after": BAD_CURSORS[label]})
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    # A NUL is refused before any cursor is decoded (api.core.limits.nul), still by name.
    reason = "': NUL characters" if "\x00" in BAD_CURSORS[label] else "' is not a valid"
    assert error["message"].startswith(f"Argument 'after{reason}"), error
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def test_a_cursor_of_another_list_or_order_is_refused(gql, world):
    cursor = run(gql, "actors", 1, None)["actors"]["pageInfo"]["endCursor"]
    error = gql.error("query($a: String) { events(after: $a) { totalCount } }", {"a": cursor})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    error = gql.error(
        "query($a: String) { actors(after: $a, order: {field: CREATED}) { totalCount } }",
        {"a": cursor},
    )
    assert error["message"] == "Argument 'after' is not a valid list cursor."


def test_before_and_last_page_backwards(gql, world):
    query = """query($last: Int, $before: String) { events(last: $last, before: $before) {
      pageInfo { hasPreviousPage startCursor } edges { node { title } } } }"""
    seen, before = [], None
    while True:
        page = gql.data(query, {"last": 2, "before": before})["events"]
        seen = [e["node"]["title"] for e in page["edges"]] + seen
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]
    titles = gql.data("{ events(first: 100) { edges { node { title } } } }")["events"]["edges"]
    assert len(titles) > 2
    assert seen == [e["node"]["title"] for e in titles]
