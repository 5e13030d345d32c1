"""Fuzzing /graphql/ with documents generated from our own schema (hypothesis-graphql).

Valid documents (every field and argument, random values: NUL bytes, huge and
negative numbers, odd dates) and invalid ones (wrong types, missing arguments),
sent as an anonymous client, a token client and a curator, over the hostile
fixtures (tests/api/hostile.py). Every answer must be:

- never a 5xx, never INTERNAL_SERVER_ERROR, every error with ``extensions.code``;
- for anonymous and token clients, free of every hidden record's global id and
  text and of every curator note, as the database says they are hidden.

CI runs ``GRAPHQL_FUZZ_EXAMPLES`` (default 170) examples per client and mode, six
combinations, about 1,000 per database server; ``make fuzz`` runs many more.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from django.test import Client
from graphql import REMOVE, DocumentNode, Visitor, print_ast, visit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, nodes, queries

from api.models import ApiToken
from api.schema import schema
from tests.api.hostile import hostile  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("GRAPHQL_FUZZ_EXAMPLES", "170"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

DATES = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
SCALARS = {
    "Date": st.one_of(
        DATES.map(lambda d: nodes.String(d.isoformat())),
        st.text(max_size=12).map(nodes.String),
    ),
    "DateTime": st.datetimes().map(lambda d: nodes.String(d.isoformat())),
    "Decimal": st.decimals(allow_nan=False, allow_infinity=False, places=4).map(
        lambda d: nodes.String(str(d))
    ),
}


# Cursor arguments (after/before) are decoded by the connections, which branch `page`
# is moving to keyset cursors (with their own bad-cursor tests, and the cursor rows of
# tests/api/test_bad_input_matrix.py). Until that lands they are left out of the
# generated documents. Integrator: set this to True when merging `page`.
FUZZ_CURSORS = False


def _printed(document: DocumentNode) -> str:
    if not FUZZ_CURSORS:
        document = visit(document, _DropCursors())
    return print_ast(document)


class _DropCursors(Visitor):
    def enter_argument(self, node, *_args):
        return REMOVE if node.name.value in ("after", "before") else None


def documents(mode: Mode):
    """Valid documents one root field at a time (generating them over the whole schema
    at once is three times slower for no more coverage); invalid ones over all of it."""
    if mode is Mode.NEGATIVE:
        return queries(schema._schema, custom_scalars=SCALARS, mode=mode, print_ast=_printed)
    return st.one_of(
        [
            queries(
                schema._schema,
                fields=[name],
                custom_scalars=SCALARS,
                mode=mode,
                print_ast=_printed,
            )  # fmt: skip
            for name in schema._schema.query_type.fields
        ]
    )


def client_for(kind: str, curator) -> tuple[Client, dict]:
    client = Client()
    if kind == "token":
        _, key = ApiToken.issue("fuzz")
        return client, {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    if kind == "curator":
        client.force_login(curator)
    return client, {}


def check(client: Client, headers: dict, query: str, hidden) -> None:
    response = client.post(
        "/graphql/",
        json.dumps({"query": query}),
        content_type="application/json",
        HTTP_ACCEPT="application/graphql-response+json",
        **headers,
    )
    assert response.status_code < 500, (query, response.content)
    text = response.content.decode()
    body = json.loads(text)
    for error in body.get("errors") or ():
        code = (error.get("extensions") or {}).get("code")
        assert code, (query, error)
        assert code != "INTERNAL_SERVER_ERROR", (query, error)
    if hidden is not None:
        assert not hidden.leaks(text), (query, hidden.leaks(text))


@pytest.mark.parametrize("mode", [Mode.POSITIVE, Mode.NEGATIVE], ids=["valid", "invalid"])
@pytest.mark.parametrize("kind", ["anonymous", "token", "curator"])
def test_fuzzed_documents_get_coded_answers_and_leak_nothing(hostile, curator, kind, mode):  # noqa: F811
    client, headers = client_for(kind, curator)
    hidden = None if kind == "curator" else hostile

    @FUZZ
    @given(query=documents(mode))
    def run(query):
        check(client, headers, query, hidden)

    run()


def test_found_by_fuzzing_search_with_no_kinds_is_empty(client, world):
    """`kinds: []` asked for no kinds: nothing matches (it was an internal error)."""
    response = client.post(
        "/graphql/",
        json.dumps(
            {"query": '{ search(query: "treaty", kinds: []) { totalCount edges { rank } } }'}
        ),
        content_type="application/json",
    )
    assert json.loads(response.content) == {"data": {"search": {"totalCount": 0, "edges": []}}}
