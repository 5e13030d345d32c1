"""Issue 9 item 6 and issue 13 item 7: contradictory or unknown filter values are a
BAD_USER_INPUT error naming the argument, not a silent empty list; and a hidden record
(draft, in review, retracted) named in a filter behaves exactly like a nonexistent one,
so a filter cannot reveal that it exists."""

from __future__ import annotations

import pytest

from tests.api.conftest import gid

pytestmark = pytest.mark.django_db

LISTS = {
    "events": "EventFilter",
    "statements": "StatementFilter",
    "treaties": "TreatyFilter",
    "actors": "ActorFilter",
    "sources": "SourceFilter",
    "timeline": "TimelineFilter",
}


def error(gql, name: str, filters: dict) -> dict:
    query = f"query($f: {LISTS[name]}) {{ {name}(filters: $f) {{ totalCount }} }}"
    body = gql(query, {"f": filters})
    # No list, empty or not (a NUL is refused before execution: no "data" at all).
    assert body.get("data") is None, body
    (err,) = body["errors"]
    assert err["extensions"] == {"code": "BAD_USER_INPUT"}, err
    return err


def test_from_after_to(gql, world):
    for name in LISTS:
        err = error(gql, name, {"from": "2020", "to": "2019-06"})
        assert err["message"] == (
            "Argument 'filters': 'from' (2020) is after 'to' (2019-06); no record can match."
        )


NUL = "NUL characters (U+0000) are not allowed; no text stored here can hold one."


@pytest.mark.parametrize(
    ("argument", "value", "message"),
    [
        ("actors", "nobody-at-all", "no actor 'nobody-at-all'."),
        ("treaties", "no-such-treaty", "no treaty 'no-such-treaty'."),
        ("types", "no-such-type", "no event type 'no-such-type'."),
        ("tags", "no-such-tag", "no tag 'no-such-tag'."),
        ("actors", "with\x00nul", NUL),
        ("types", "with\x00nul", NUL),
    ],
)
def test_unknown_values(gql, world, argument, value, message):
    for name in LISTS:
        err = error(
            gql,
            name,
            {argument: [world.usa.slug, value]} if argument == "actors" else {argument: [value]},
        )
        assert err["message"] == f"Argument 'filters.{argument}': {message}"


def _hidden_and_missing(world):
    missing_pk = 10**9
    return [
        ("treaties", gid("Treaty", world.draft_treaty.pk), gid("Treaty", missing_pk)),
        ("treaties", world.draft_treaty.slug, "draft-accord-that-never-was"),
        ("actors", gid("Actor", world.secret.pk), gid("Actor", missing_pk)),
        ("actors", world.secret.slug, "secret-actor-that-never-was"),
    ]


def test_hidden_records_behave_like_nonexistent_ones(gql, curator_gql, world):
    for name in LISTS:
        check_hidden(gql, curator_gql, world, name)


def check_hidden(gql, curator_gql, world, name):
    for argument, hidden, missing in _hidden_and_missing(world):
        hidden_error = error(gql, name, {argument: [hidden]})
        missing_error = error(gql, name, {argument: [missing]})
        # Word for word the same but for the value the client sent.
        assert hidden_error["message"].replace(repr(hidden), "X") == missing_error[
            "message"
        ].replace(repr(missing), "X")
        # Curators see drafts, so for them the hidden record is a real filter value.
        query = f"query($f: {LISTS[name]}) {{ {name}(filters: $f) {{ totalCount }} }}"
        curator_gql.data(query, {"f": {argument: [hidden]}})


def test_filters_follow_only_visible_links(gql, curator_gql, world):
    # The withdrawal event concerns the INF Treaty and (hidden) the draft accord, and the
    # secret actor takes part in it: none of it shows through public filters.
    query = """query($f: EventFilter) { events(filters: $f) { totalCount } }"""
    for filters in ({"treaties": [world.draft_treaty.slug]}, {"actors": [world.secret.slug]}):
        assert curator_gql.data(query, {"f": filters})["events"]["totalCount"] >= 1
        assert gql(query, {"f": filters})["data"] is None


def test_a_wrong_kind_of_id_names_the_argument(gql, world):
    err = error(gql, "events", {"treaties": [gid("Actor", world.usa.pk)]})
    assert err["message"].startswith("Argument 'filters.treaties' takes Treaty ids or slugs")
