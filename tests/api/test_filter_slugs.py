"""Issue 9 item 2: filters take slugs as well as global ids, on every list."""

from __future__ import annotations

import pytest

from tests.api.conftest import gid

pytestmark = pytest.mark.django_db

LISTS = ["events", "statements", "treaties", "actors", "sources", "timeline"]


def ids(gql, name: str, filters: dict) -> list[str]:
    query = f"""query($f: {name[:-1].capitalize() if name != "timeline" else "Timeline"}Filter) {{
      {name}(filters: $f, first: 100) {{ edges {{ node {{ ... on Node {{ id }} }} }} }} }}"""
    query = query.replace("TreatieFilter", "TreatyFilter")
    return [e["node"]["id"] for e in gql.data(query, {"f": filters})[name]["edges"]]


def test_slugs_and_ids_select_the_same_records(gql, world):
    for name in LISTS:
        check_list(gql, world, name)


def check_list(gql, world, name):
    by_id = ids(gql, name, {"actors": [gid("Actor", world.usa.pk)]})
    by_slug = ids(gql, name, {"actors": [world.usa.slug]})
    assert by_id == by_slug
    assert by_id  # the US is involved in something on every list
    by_id = ids(gql, name, {"treaties": [gid("Treaty", world.inf.pk)]})
    assert by_id == ids(gql, name, {"treaties": ["inf-treaty"]})
    assert by_id


def test_ids_and_slugs_mix(gql, world):
    mixed = ids(gql, "events", {"actors": [world.russia.slug, gid("Actor", world.usa.pk)]})
    assert mixed == ids(gql, "events", {"actors": [world.russia.slug, world.usa.slug]})
    only_us = ids(gql, "events", {"actors": [world.usa.slug]})
    assert set(only_us) < set(mixed) or set(only_us) == set(mixed)
    assert gid("Event", world.ev_sign.pk) in mixed
