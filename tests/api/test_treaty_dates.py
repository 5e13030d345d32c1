"""Issue 9 item 11 through the API: Treaty.signed / enteredIntoForce are derived from the
published actions, and the treaty date filter (signature to end) uses only derived dates."""

from __future__ import annotations

import pytest

from timeline.models import Treaty

pytestmark = pytest.mark.django_db

QUERY = """query($f: TreatyFilter) { treaties(filters: $f) { edges { node {
  name signed signedStart enteredIntoForce ended } } } }"""


def test_derived_fields_and_filter(gql, world):
    Treaty.objects.create(
        name="Typed-only Accord", kind="bilateral", signed="1987", status="published"
    )
    nodes = [e["node"] for e in gql.data(QUERY)["treaties"]["edges"]]
    inf = next(n for n in nodes if n["name"] == world.inf.name)
    assert inf == {
        "name": world.inf.name,
        "signed": "1987-12-08",
        "signedStart": "1987-12-08",
        "enteredIntoForce": "1988-06-01",
        "ended": "2019-08-02",
    }
    typed = next(n for n in nodes if n["name"] == "Typed-only Accord")
    assert typed["signed"] == "" and typed["enteredIntoForce"] == ""
    # Signed in 1987, ended 2019: the filter sees exactly that span.
    in_1987 = gql.data(QUERY, {"f": {"from": "1987", "to": "1987"}})["treaties"]["edges"]
    assert [e["node"]["name"] for e in in_1987] == [world.inf.name]
    after = gql.data(QUERY, {"f": {"from": "2019-08-03"}})["treaties"]["edges"]
    assert world.inf.name not in [e["node"]["name"] for e in after]
