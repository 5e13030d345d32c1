"""Issue 9 item 4: uncertain (`?`) and approximate (`~`) dates are visible beside the EDTF
date and its bounds, on every type with a historical date."""

from __future__ import annotations

import pytest

from tests.api.conftest import gid
from timeline.models import Event, Statement, TreatyAction

pytestmark = pytest.mark.django_db

FIELDS = "date dateStart dateEnd precision dateUncertain dateApproximate"


@pytest.mark.parametrize(
    ("edtf", "uncertain", "approximate"),
    [
        ("2019-03-19", False, False),
        ("2019-03-19?", True, False),
        ("2019-03~", False, True),
        ("2019%", True, True),
        ("2019-?03-19", True, False),  # a part of the date
        ("2019-03-20/2019-03-21~", False, True),  # an end of an interval
    ],
)
def test_event_statement_action_and_source(gql, world, edtf, uncertain, approximate):
    Event.objects.filter(pk=world.ev_test.pk).update(date=edtf)
    Statement.objects.filter(pk=world.st_lavrov.pk).update(date=edtf)
    TreatyAction.objects.filter(pk=world.act_withdraw.pk).update(date=edtf)
    world.src_tass.published = edtf
    world.src_tass.save()
    query = f"""{{
      e: node(id: "{gid("Event", world.ev_test.pk)}") {{ ... on Event {{ {FIELDS} }} }}
      s: node(id: "{gid("Statement", world.st_lavrov.pk)}") {{ ... on Statement {{ {FIELDS} }} }}
      a: node(id: "{gid("TreatyAction", world.act_withdraw.pk)}") {{
        ... on TreatyAction {{ {FIELDS} }} }}
      src: node(id: "{gid("Source", world.src_tass.pk)}") {{ ... on Source {{ {FIELDS} }} }}
    }}"""
    data = gql.data(query)
    for key in ("e", "s", "a", "src"):
        assert data[key]["date"] == edtf
        assert (data[key]["dateUncertain"], data[key]["dateApproximate"]) == (
            uncertain,
            approximate,
        ), key
