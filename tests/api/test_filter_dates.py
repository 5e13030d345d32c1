"""Issue 9 item 3: date filters accept what our dates are: a year, a month, a day and
EDTF intervals; from is the earliest day its date can mean, to the latest."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

TITLES = """query($f: EventFilter) { events(filters: $f, first: 100) {
  edges { node { title } } } }"""


def titles(gql, **filters) -> list[str]:
    return [e["node"]["title"] for e in gql.data(TITLES, {"f": filters})["events"]["edges"]]


BOUNDS = [
    # A year: all of 1987.
    ({"from": "1987", "to": "1987"}, ["INF Treaty signed"]),
    # A month as `to` reaches its last day (2019-02-28), as `from` starts on the first.
    ({"from": "2019-02", "to": "2019-02"}, ["United States suspends INF obligations"]),
    (
        {"from": "2019-08", "to": "2019-08"},
        ["United States withdraws from the INF Treaty", "Ground-launched cruise missile test"],
    ),
    # Full days, as before.
    (
        {"from": "2019-08-02", "to": "2019-08-02"},
        ["United States withdraws from the INF Treaty"],
    ),
    # An interval: from its start (to the end of its end when used as `to`).
    (
        {"from": "2019-04/2019-05", "to": "2019-06/2019-07"},
        ["Strategic stability talks"],
    ),
    # Uncertain and approximate dates bound like the plain ones.
    ({"from": "2019-08-18?", "to": "2019-08~"}, ["Ground-launched cruise missile test"]),
    # Open-ended `to`: no upper bound.
    ({"from": "2019-09", "to": "2019-09/.."}, ["Moratorium on deployment"]),
]


def test_edtf_bounds(gql, world):
    for filters, expected in BOUNDS:
        assert titles(gql, **filters) == expected, filters


@pytest.mark.parametrize("value", ["2019-13", "yesterday", "2019-02-30", "2019-03-19\x00", ""])
@pytest.mark.parametrize("argument", ["from", "to"])
def test_a_date_that_is_not_edtf_is_bad_user_input(gql, db, argument, value):
    error = gql.error(TITLES, {"f": {argument: value}})
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert error["message"].startswith(f"Argument 'filters.{argument}': ")
    expected = {
        "": "an empty string is not a date",
        "2019-03-19\x00": "NUL characters (U+0000) are not allowed",
    }
    assert expected.get(value, "Enter an EDTF date") in error["message"]
