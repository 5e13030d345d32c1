"""``timeline.dates.qualifier_sql`` (the compiled read path's dateUncertain/dateApproximate)
gives what ``qualifiers`` gives, for every form a stored date can take."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from timeline.dates import parse_date, qualifier_sql, qualifiers
from timeline.management.commands._synthetic.dates import edtf_date

pytestmark = pytest.mark.django_db

FORMS = [
    "",
    "2019",
    "2019?",
    "2019~",
    "2019%",
    "2019-03",
    "2019-03?",
    "2019-03~",
    "2019?-03",
    "2019-03~-19",
    "2019-03-%19",
    "?2019-03-19",
    "2019-?03",
    "2019-03-19",
    "2019-03-19?",
    "2019-03-19/2019-04",
    "2019-03-19?/2019-04",
    "2019-03/2019-05~",
    "2004-06-11~/2004-06-12%",
    "2019-03-19/..",
    "../2019%",
    "2019-XX?",
    "199X~",
    "2019-21",
]


def sql_flags(value: str) -> tuple[bool, bool]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {qualifier_sql('%s', 'uncertain')}, {qualifier_sql('%s', 'approximate')}",
            [value] * 4,
        )
        return tuple(cursor.fetchone())


@pytest.mark.parametrize("value", FORMS)
def test_the_sql_agrees_with_the_parser(value):
    if value:
        parse_date(value)  # only valid EDTF is ever stored
    assert sql_flags(value) == qualifiers(value)


def test_the_sql_agrees_on_generated_dates():
    rng = random.Random(7)
    values = {edtf_date(rng)[0] for _ in range(300)}
    assert any("?" in v for v in values) and any("~" in v for v in values)
    for value in values:
        assert sql_flags(value) == qualifiers(value), value
