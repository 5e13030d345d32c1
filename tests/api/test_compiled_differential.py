"""The compiled read path and strawberry must agree (issue 12).

Every request runs twice through the real view (POST /graphql/): once with
``GRAPHQL_COMPILED_READS`` on (the compiled path answers what it covers) and once off
(strawberry answers everything). Both answers must have the same status, the same
JSON with keys in the same order, and the same headers except ``X-Timeline-Executor``
(which says who answered).

- The representative queries (tests/api/compiled_queries.py: the page's documents,
  the benchmark's, the README's, one or more per public root field and argument, and
  the error cases) run as an anonymous client and a curator (and, where visibility is
  at stake, with a read-only API token), over the demo data plus unpublished records,
  so visibility matters.
- Generated documents (hypothesis-graphql over the schema's Query type, with aliases,
  named fragments, variables, defaults, directives and ``__typename`` added, and
  argument values drawn from the demo's real ids, slugs, words and cursors) run as an
  anonymous client and a curator. ``GRAPHQL_DIFF_EXAMPLES`` sets how many (CI: 100;
  ``make fuzz``: 2,000).
- The representative cases expected compiled (all but those marked
  ``compiled=False``, errors aside) must be answered by the compiled path, so its
  coverage cannot silently fall; with compiled reads off, none may be.

A disagreement prints the document, its variables and a diff of the two answers: add
it as a named case to ``FOUND`` in compiled_queries.py. With ``-s`` the module prints
how many answers each executor gave and the reasons the header names.
"""

from __future__ import annotations

import base64
import datetime as dt
import difflib
import hashlib
import importlib.util
import json
import os
import random
from collections import Counter
from dataclasses import dataclass, replace
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.test import Client, override_settings
from graphql import (
    ArgumentNode,
    BooleanValueNode,
    DirectiveNode,
    DocumentNode,
    EnumValueNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    ListValueNode,
    NamedTypeNode,
    NameNode,
    ObjectFieldNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    TypeInfo,
    TypeInfoVisitor,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    get_named_type,
    parse_type,
    print_ast,
    value_from_ast_untyped,
    visit,
)
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes, queries

from api.models import ApiToken
from api.schema import schema
from sources.models import Citation, Outlet, Source
from tests.api.compiled_queries import ALL, GRAPHQL_RESPONSE, Case, Cursor, Gid
from timeline.models import (
    Actor,
    Event,
    EventParticipant,
    EventRelation,
    EventType,
    Position,
    Statement,
    Tag,
    Treaty,
    TreatyAction,
)

pytestmark = pytest.mark.django_db

EXECUTOR = "X-Timeline-Executor"
# Headers that may differ between two identical answers: who answered, and the length
# of a body whose JSON is compared parsed (whitespace may differ).
IGNORED_HEADERS = {EXECUTOR.lower(), "content-length"}
COMPILED_PATH_EXISTS = importlib.util.find_spec("api.compiled") is not None
EXAMPLES = int(os.environ.get("GRAPHQL_DIFF_EXAMPLES", "100"))

MODELS = {
    "Event": Event,
    "Statement": Statement,
    "Treaty": Treaty,
    "Actor": Actor,
    "Source": Source,
    "TreatyAction": TreatyAction,
    "Citation": Citation,
    "EventCategory": EventType,
    "Tag": Tag,
    "Position": Position,
    "Outlet": Outlet,
}

# Who answered, per part of this module: {"representative"/"generated": Counter(header)}.
COVERAGE: dict[str, Counter] = {"representative": Counter(), "generated": Counter()}
BYTES: Counter = Counter()  # equal answers: byte-identical, whitespace, number text
EXECUTORS: dict[tuple[str, str], tuple[str, str]] = {}  # (case, kind) -> (on, off)
NUMBER_EXAMPLES: list[tuple[str, bytes, bytes]] = []
MESSAGES: Counter = Counter()  # the generated documents' first errors (strawberry's)


def global_id(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


# --- data ---------------------------------------------------------------------------


def add_unpublished() -> None:
    """Records only curators see, linked to published ones, so visibility matters in
    nested lists, foreign keys, filters, counts, node lookups and treaty replays; and
    rows that tie in a nested list's order."""
    inf = Treaty.objects.get(slug="inf-treaty")
    usa = Actor.objects.get(slug="united-states")
    russia = Actor.objects.get(slug="russia")
    signed = Event.objects.get(slug="inf-treaty-signed-1987")
    left = Event.objects.get(slug="us-leaves-inf-treaty-2019")
    hidden = Actor.objects.create(name="Hidden Envoy", kind="person", status="draft")
    EventParticipant.objects.create(event=signed, actor=hidden, role="participant")
    EventParticipant.objects.create(event=left, actor=hidden, role="host")
    retracted = Event.objects.create(
        title="Retracted report of a missile test",
        date="2019-08",
        event_type=EventType.objects.get(slug="missile-test"),
        summary="A report that proved false.",
        status="retracted",
    )
    retracted.treaties.add(inf)
    retracted.tags.add(Tag.objects.get(slug="arms-control"))
    EventParticipant.objects.create(event=retracted, actor=usa, role="initiator")
    accord = Treaty.objects.create(
        name="Draft Accord on Hypersonic Weapons", kind="bilateral", status="draft"
    )
    left.treaties.add(accord)
    TreatyAction.objects.create(
        treaty=inf, actor=russia, action="withdrawal_notice", date="2019-03-05", status="draft"
    )
    TreatyAction.objects.create(
        treaty=accord, actor=usa, action="signature", date="2020-01-01", status="draft"
    )
    TreatyAction.objects.create(
        treaty=inf, actor=hidden, action="suspension", date="2019-02-03", status="published"
    )
    EventRelation.objects.create(
        from_event=left,
        to_event=Event.objects.get(slug="russia-drops-start-ii-2002"),
        kind="follows",
    )
    Statement.objects.create(
        speaker=hidden,
        on_behalf_of=usa,
        date="2019-08-02",
        text="Words of a hidden envoy about the INF Treaty.",
        status="published",
    )
    review = Statement.objects.create(
        speaker=russia, date="2019-02-03", text="A statement in review on INF.", status="review"
    )
    review.treaties.add(inf)
    review.events.add(left)
    for citation in Citation.objects.order_by("pk")[:40:4]:
        Citation.objects.filter(pk=citation.pk).update(note="Checked against the wire copy.")
    # Values whose JSON is easy to write differently: escapes and non-ASCII text, a
    # year before 1000, coordinates at their limits, timestamps with no or trailing-zero
    # microseconds.
    odd = Event.objects.create(
        title='Quotes "double", a back\\slash, a tab\t, a newline\n, \x01, Zürich, 東京, 🚀',
        summary="Line one.\r\nLine two </script> & <mark>",
        date="0476",
        event_type=EventType.objects.get(slug="summit"),
        place_name="Ravenna",
        latitude="-0.00001",
        longitude="180.00000",
        status="published",
    )
    odd.treaties.add(inf)
    EventParticipant.objects.create(event=odd, actor=usa, role="host")
    Event.objects.filter(pk=odd.pk).update(
        created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        updated_at=dt.datetime(2020, 1, 1, 12, 30, 5, 120000, tzinfo=dt.UTC),
    )
    # An event's relations (no declared order) with one row rewritten, so the table's
    # physical order is not the ids' order: a path relying on either alone would show.
    first = EventRelation.objects.filter(from_event=left).order_by("pk").first()
    EventRelation.objects.filter(pk=first.pk).update(kind=first.kind)
    # Ties in a nested list's order: offices one person took up on the same day (the
    # demo's "President" included), ordered by person and start only.
    putin = Actor.objects.get(slug="vladimir-putin")
    for title in ("Supreme Commander-in-Chief", "Chair of the Security Council"):
        Position.objects.create(
            person=putin, organisation=russia, title=title, period="2000-05-07/2008-05-07"
        )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, the extra unpublished records, a curator and a token, loaded once
    for the module inside a transaction rolled back at its end (each test's own
    transaction nests inside it)."""
    from timeline.demo.loader import load_demo

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        add_unpublished()
        curator = User.objects.create_user("diff-curator", "c@example.org", None, is_staff=True)
        curator.groups.add(Group.objects.get_or_create(name="curator")[0])
        _, key = ApiToken.issue("differential")
        yield SimpleNamespace(curator=curator, token_key=key)
        transaction.set_rollback(True)
    print_coverage()


def print_coverage() -> None:
    print("\n\ncompiled-vs-strawberry differential: who answered (GRAPHQL_COMPILED_READS on)")
    for part, counts in COVERAGE.items():
        total = sum(counts.values())
        if not total:
            continue
        compiled = sum(n for header, n in counts.items() if header == "compiled")
        print(f"  {part}: {total} answers, {compiled} compiled, {total - compiled} strawberry")
        for header, n in counts.most_common():
            print(f"    {n:5d}  {header}")
    if MESSAGES:
        print("  generated documents' most common errors:")
        for message, n in MESSAGES.most_common(8):
            print(f"    {n:5d}  {message}")
    if BYTES:
        print(
            f"  bodies: {BYTES['identical']} byte-identical, {BYTES['equal-parsed']} "
            f"differing in whitespace only, {BYTES['numbers-written-differently']} with the "
            "same numbers written differently (e.g. 6 and 6.0)"
        )
        for query, on, off in NUMBER_EXAMPLES[:2]:
            print(f"    e.g. {' '.join(query.split())}\n      on:  {on!r}\n      off: {off!r}")


# --- requests -----------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict[str, str]
    cookies: dict[str, str]
    executor: str


def clients(demo, kinds=("anonymous", "token", "curator")) -> dict[str, tuple[Client, dict]]:
    out = {}
    for kind in kinds:
        client = Client()
        headers = {}
        if kind == "token":
            headers = {"HTTP_AUTHORIZATION": f"Bearer {demo.token_key}"}
        elif kind == "curator":
            client.force_login(demo.curator)
        out[kind] = (client, headers)
    return out


def send(
    client, headers, payload: dict, accept: str, compiled: bool, request_id: str = "differential"
) -> Answer:
    """One POST; the request id is the client's, so the X-Request-ID echoed back is the
    same for both paths and every header can be compared."""
    with override_settings(GRAPHQL_COMPILED_READS=compiled):
        response = client.post(
            "/graphql/",
            json.dumps(payload),
            content_type="application/json",
            HTTP_ACCEPT=accept,
            HTTP_X_REQUEST_ID=request_id,
            **headers,
        )
    return Answer(
        status=response.status_code,
        body=response.content,
        headers={
            name.lower(): value
            for name, value in response.items()
            if name.lower() not in IGNORED_HEADERS
        },
        cookies={name: morsel.OutputString() for name, morsel in response.cookies.items()},
        executor=response.get(EXECUTOR, "(no header)"),
    )


def ordered(body: bytes):
    """The JSON with objects as (key, value) lists in document order: equal only when
    the keys come in the same order (objects stay distinct from arrays)."""
    return json.loads(body, object_pairs_hook=lambda pairs: ("object", pairs))


def as_written(body: bytes):
    """The JSON with numbers kept as their text (6 and 6.0 differ)."""
    return json.loads(
        body,
        object_pairs_hook=lambda pairs: ("object", pairs),
        parse_int=lambda text: ("number", text),
        parse_float=lambda text: ("number", text),
    )


def pretty(body: bytes) -> list[str]:
    try:
        return json.dumps(json.loads(body), indent=1, ensure_ascii=False).splitlines()
    except ValueError:
        return body.decode(errors="replace").splitlines()


def disagreement(payload: dict, on: Answer, off: Answer) -> str | None:
    """None when the two answers agree, else what differs (for the failure message)."""
    problems = []
    if on.status != off.status:
        problems.append(f"status: compiled-on {on.status}, off {off.status}")
    try:
        same_json = json.loads(on.body) == json.loads(off.body)
        same_order = ordered(on.body) == ordered(off.body)
    except ValueError:
        same_json = same_order = on.body == off.body
    if not same_json:
        problems.append("JSON differs")
    elif not same_order:
        problems.append("same JSON, keys in another order")
    if on.headers != off.headers:
        problems.append(f"headers: on {on.headers} / off {off.headers}")
    if on.cookies != off.cookies:
        problems.append(f"cookies: on {on.cookies} / off {off.cookies}")
    if not problems:
        if on.body == off.body:
            BYTES["identical"] += 1
        elif as_written(on.body) == as_written(off.body):
            BYTES["equal-parsed"] += 1  # whitespace only
        else:
            # The same numbers written differently (6 and 6.0): equal in JSON, which has
            # one number type, so not a disagreement; counted and shown in the summary.
            BYTES["numbers-written-differently"] += 1
            NUMBER_EXAMPLES.append((payload["query"][:200], on.body[:300], off.body[:300]))
        return None
    diff = "\n".join(
        difflib.unified_diff(
            pretty(off.body), pretty(on.body), "strawberry (off)", f"on: {on.executor}", lineterm=""
        )
    )
    return (
        f"{'; '.join(problems)}\nexecutor with reads on: {on.executor}\n"
        f"query:\n{payload['query']}\nvariables: {json.dumps(payload.get('variables'))}\n"
        f"operationName: {payload.get('operationName')}\n"
        f"diff (first 120 lines):\n" + "\n".join(diff.splitlines()[:120])
    )


def both(client, headers, payload: dict, accept: str = GRAPHQL_RESPONSE):
    """Answers with compiled reads on and off (the order alternates, so neither path
    always runs on a warm cache)."""
    if random.random() < 0.5:
        on = send(client, headers, payload, accept, True)
        off = send(client, headers, payload, accept, False)
    else:
        off = send(client, headers, payload, accept, False)
        on = send(client, headers, payload, accept, True)
    return on, off


# --- the representative cases -------------------------------------------------------

_CACHE: dict[str, dict] = {}


def resolve(value, anonymous: Client):
    """Variables with Gid and Cursor placeholders made concrete."""
    if isinstance(value, Gid):
        model = MODELS[value.type_name]
        pk = model.objects.filter(**dict(value.lookup)).order_by("pk").values_list("pk", flat=True)
        assert pk, f"no {value!r} in the demo data"
        return global_id(value.type_name, pk[0])
    if isinstance(value, Cursor):
        source = next(case for case in ALL if case.name == value.case)
        if source.name not in _CACHE:
            answer = send(anonymous, {}, payload_of(source, anonymous), GRAPHQL_RESPONSE, False)
            _CACHE[source.name] = json.loads(answer.body)["data"]
        found = _CACHE[source.name]
        for part in value.path.split("."):
            found = found[int(part)] if isinstance(found, list) else found[part]
        assert isinstance(found, str), (value, found)
        return found
    if isinstance(value, dict):
        return {key: resolve(item, anonymous) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item, anonymous) for item in value]
    return value


def payload_of(case: Case, anonymous: Client) -> dict:
    payload = {"query": case.query, "variables": resolve(case.variables, anonymous)}
    if case.operation_name:
        payload["operationName"] = case.operation_name
    return payload


@pytest.mark.django_db(databases=[])
def test_cases_are_named_once():
    names = [case.name for case in ALL]
    assert len(names) == len(set(names)), [n for n, c in Counter(names).items() if c > 1]
    assert len(ALL) >= 60


def token_matters(case: Case) -> bool:
    """A read-only token sees what the public sees: it is run where visibility or the
    page is at stake (every case as anonymous and as a curator)."""
    words = ("page ", "draft", "hidden", "review", "status", "node", "curator")
    return bool(case.public_error) or any(word in case.name for word in words)


MATRIX = [
    pytest.param(case, kind, id=f"{case.name}-{kind}")
    for case in ALL
    for kind in ("anonymous", "token", "curator")
    if kind != "token" or token_matters(case)
]


@pytest.mark.django_db(databases=[])
def test_the_comparison_sees_what_a_client_would():
    """Key order, {} against [], status, headers and cookies all count; whitespace not."""

    def answer(body: str, status=200, headers=None, cookies=None):
        return Answer(status, body.encode(), headers or {}, cookies or {}, "compiled")

    counted, examples = BYTES.copy(), len(NUMBER_EXAMPLES)  # kept out of the summary

    payload = {"query": "{ x }"}
    same = '{"data":{"a":1,"b":[{"c":null}]}}'
    assert disagreement(payload, answer(same), answer(same)) is None
    assert (
        disagreement(payload, answer('{"data": {"a": 1, "b": [{"c": null}]}}'), answer(same))
        is None
    )
    for other, what in [
        ('{"data":{"b":[{"c":null}],"a":1}}', "keys in another order"),
        ('{"data":{"a":1.0,"b":[{"c":null}]}}', None),  # 1.0 == 1 in JSON: same number
        ('{"data":{"a":1,"b":[{"c":false}]}}', "JSON differs"),
        ('{"data":{"a":1,"b":[{}]}}', "JSON differs"),
        ('{"data":{"a":1,"b":{}}}', "JSON differs"),
    ]:
        found = disagreement(payload, answer(other), answer(same))
        assert (found is None) if what is None else (what in found), (other, found)
    assert disagreement(payload, answer('{"data":{"a":{}}}'), answer('{"data":{"a":[]}}'))
    assert "status" in disagreement(payload, answer(same, 400), answer(same))
    assert "headers" in disagreement(
        payload, answer(same, headers={"vary": "Accept"}), answer(same)
    )
    assert "cookies" in disagreement(payload, answer(same, cookies={"a": "b"}), answer(same))
    BYTES.clear()
    BYTES.update(counted)
    del NUMBER_EXAMPLES[examples:]


@pytest.mark.parametrize("case, kind", MATRIX)
def test_both_paths_agree(demo, case, kind):
    ways = clients(demo, ("anonymous", kind))
    client, headers = ways[kind]
    payload = payload_of(case, ways["anonymous"][0])
    on, off = both(client, headers, payload, case.accept)
    COVERAGE["representative"][on.executor] += 1
    EXECUTORS[case.name, kind] = (on.executor, off.executor)
    problem = disagreement(payload, on, off)
    assert problem is None, problem
    # The case means what it says (else it tests nothing): data, or the expected error.
    body = json.loads(off.body)
    codes = [(error.get("extensions") or {}).get("code") for error in body.get("errors", ())]
    expected = case.expected_error(kind)
    if expected:
        assert expected in codes, body
    else:
        assert not codes, body
        assert body["data"], body


def test_a_batch_agrees(demo):
    """Several operations in one request: each may be answered by a different path."""
    anonymous = clients(demo, ("anonymous",))["anonymous"][0]
    picked = [case for case in ALL if case.name.startswith(("events page", "page "))][:6]
    batch = [payload_of(case, anonymous) for case in picked]
    for kind, (client, headers) in clients(demo, ("anonymous", "curator")).items():
        answers = []
        for compiled in (True, False):
            with override_settings(GRAPHQL_COMPILED_READS=compiled):
                response = client.post(
                    "/graphql/",
                    json.dumps(batch),
                    content_type="application/json",
                    HTTP_ACCEPT=GRAPHQL_RESPONSE,
                    **headers,
                )
            answers.append((response.status_code, ordered(response.content)))
        assert answers[0] == answers[1], kind


def test_a_get_request_agrees(demo):
    """Queries over GET (a CDN-cacheable URL) go through the same two paths."""
    case = next(case for case in ALL if case.name == "events page, first 5")
    client, _ = clients(demo, ("anonymous",))["anonymous"]
    answers = []
    for compiled in (True, False):
        with override_settings(GRAPHQL_COMPILED_READS=compiled):
            response = client.get(
                "/graphql/",
                {"query": case.query, "variables": json.dumps(case.variables)},
                HTTP_ACCEPT=GRAPHQL_RESPONSE,
            )
        answers.append((response.status_code, ordered(response.content)))
    assert answers[0] == answers[1]
    assert answers[0][0] == 200


def test_a_persisted_query_agrees(demo):
    """A document sent by its hash (APQ) is answered alike by both paths, hit or miss."""
    case = next(case for case in ALL if case.name == "page timeline, filtered")
    for kind, (client, headers) in clients(demo, ("anonymous", "curator")).items():
        # A document no store has seen (a store may be shared and outlive the test).
        query = f"# {kind} {random.getrandbits(64)}\n{case.query}"
        digest = hashlib.sha256(query.encode()).hexdigest()
        hashed = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
        only_hash = {"variables": case.variables, "extensions": hashed}
        missed = both(client, headers, only_hash)  # unknown yet: PERSISTED_QUERY_NOT_FOUND
        assert disagreement(only_hash, *missed) is None, kind
        assert b"PERSISTED_QUERY_NOT_FOUND" in missed[1].body
        registered = both(client, headers, {**only_hash, "query": query})
        assert disagreement(only_hash, *registered) is None, kind
        hit = both(client, headers, only_hash)
        assert disagreement(only_hash, *hit) is None, kind
        assert json.loads(hit[1].body) == json.loads(registered[1].body)


@pytest.mark.xfail(
    not COMPILED_PATH_EXISTS,
    reason="api/compiled/ (the compiled read path) is not built yet",
    strict=True,
)
def test_the_expected_cases_are_compiled(demo):
    """The cases marked compiled are answered by it (as anonymous and as a curator, where
    they are not errors: errors are strawberry's to report); with reads off, nothing is.

    Uses the executors test_both_paths_agree saw (asks again for any it did not run).
    """
    ways = clients(demo, ("anonymous", "curator"))
    anonymous = ways["anonymous"][0]
    first = send(anonymous, {}, {"query": "{ events { totalCount } }"}, GRAPHQL_RESPONSE, True)
    assert first.executor != "(no header)", f"no {EXECUTOR} header in the answers"
    not_compiled, compiled_when_off = [], []
    for case in ALL:
        for kind in ("anonymous", "curator"):
            if (case.name, kind) not in EXECUTORS:
                client, headers = ways[kind]
                payload = payload_of(case, anonymous)
                EXECUTORS[case.name, kind] = (
                    send(client, headers, payload, case.accept, True).executor,
                    send(client, headers, payload, case.accept, False).executor,
                )
            on, off = EXECUTORS[case.name, kind]
            if off == "compiled":
                compiled_when_off.append((case.name, kind, off))
            if case.compiled and not case.expected_error(kind) and on != "compiled":
                not_compiled.append((f"{case.name} ({kind})", on))
    unmarked = sorted(
        {name for (name, _), (on, _) in EXECUTORS.items() if on == "compiled"}
        - {case.name for case in ALL if case.compiled}
    )
    print(f"\ncompiled but not marked compiled ({len(unmarked)}): {unmarked}")
    assert not compiled_when_off, compiled_when_off
    listed = "\n".join(f"  {name}: {executor}" for name, executor in not_compiled)
    assert not not_compiled, f"{len(not_compiled)} expected-compiled cases were not:\n{listed}"
    assert any(case.compiled for case in ALL)


# --- generated documents ------------------------------------------------------------

EDTF = [
    "1968",
    "1987-12",
    "1987-12-08",
    "2019",
    "2019-02",
    "2019-08-02",
    "2019-21",
    "2019-03/2019-05",
    "1985-11-19/1985-11-20",
    "2019-02-02?",
    "2019-08~",
    "2019-08-02%",
    "1990/2000",
    "2019-09-01/..",
    "../1990",
    "2090",
    "2019-13",  # not dates: an error for both paths
    "soon",
]
WORDS = ["treaty", "INF", "nuclear", "withdrawal", "missile test", "Russia", "summit", "zzz"]


def value_strategies(refs: SimpleNamespace) -> dict[str, st.SearchStrategy]:
    """Argument values that mostly hit the demo's real records, sometimes nothing, and
    now and then a value a client should be told is wrong."""
    odd_text = st.text(max_size=8).map(nodes.String)
    edtf = st.one_of(st.sampled_from(EDTF), st.dates().map(lambda d: d.isoformat())).map(
        nodes.String
    )
    ids = st.one_of(
        st.sampled_from(refs.all_ids).map(nodes.String),
        st.sampled_from(refs.slugs["Actor"] + refs.slugs["Treaty"]).map(nodes.String),
        st.sampled_from(["RXZlbnQ6OTk5OTk5", "RXZlbnQ6YWJj", "bm9wZQ=="]).map(nodes.String),
    )
    strings = st.one_of(
        st.sampled_from(refs.type_slugs + refs.tag_slugs).map(nodes.String),
        st.sampled_from(WORDS).map(nodes.String),
        st.sampled_from(refs.any_cursor).map(nodes.String),
        odd_text,
    )
    ints = st.one_of(
        st.integers(min_value=0, max_value=12),
        st.sampled_from([0, 1, 50, 100, 101, -1]),
    ).map(nodes.Int)
    dates = st.one_of(
        st.sampled_from(["1987-12-08", "1988-06-01", "2000-01-01", "2019-02-02", "2019-08-02"]),
        st.dates().map(lambda d: d.isoformat()),
    ).map(nodes.String)
    return {
        "EDTFDate": edtf,
        "ID": ids,
        "String": strings,
        "Int": ints,
        "Date": dates,
        "DateTime": st.datetimes().map(lambda d: nodes.String(d.isoformat())),
        "Decimal": st.decimals(allow_nan=False, allow_infinity=False, places=2).map(
            lambda d: nodes.String(str(d))
        ),
    }


def generated_documents(refs: SimpleNamespace) -> st.SearchStrategy[DocumentNode]:
    """Valid documents for one root field at a time (as test_fuzz_graphql does)."""
    scalars = value_strategies(refs)
    return st.one_of(
        [
            queries(
                schema._schema,
                fields=[name],
                custom_scalars=scalars,
                print_ast=lambda document: document,
                allow_x00=False,
            )  # fmt: skip
            for name in schema._schema.query_type.fields
        ]
    )


# Root and record fields whose arguments name records of one type.
RECORD_FIELDS = {
    "event": "Event",
    "statement": "Statement",
    "treaty": "Treaty",
    "actor": "Actor",
    "source": "Source",
}
CONNECTIONS = ("events", "statements", "treaties", "actors", "sources", "timeline", "search")
# A list cursor holds its order's key: the order field each connection sorts by when
# none is given, and the enum of its fields.
ORDERS = {
    "events": ("DATE", "EventOrderField"),
    "statements": ("DATE", "StatementOrderField"),
    "treaties": ("DATE", "TreatyOrderField"),
    "actors": ("NAME", "ActorOrderField"),
    "sources": ("DATE", "SourceOrderField"),
}


def order_key(node: FieldNode) -> tuple:
    """(root field, order field, direction) of a connection's literal order argument."""
    name = node.name.value
    if name not in ORDERS:
        return (name,)
    field, direction = ORDERS[name][0], "ASC"
    for argument in node.arguments or ():
        if argument.name.value == "order" and isinstance(argument.value, ObjectValueNode):
            for item in argument.value.fields:
                if isinstance(item.value, EnumValueNode):
                    if item.name.value == "field":
                        field = item.value.value
                    else:
                        direction = item.value.value
    return (name, field, direction)


class _Decorate(Visitor):
    """Turns a generated document into one a real client could send.

    Argument values: mostly real ones for where they stand (an event's id or slug, a
    cursor of the same list, actor slugs in ``actors``, words in ``search``), now and
    then the generated value as it was. Then what real documents have: variables (some
    with defaults), aliases, named fragments, @include/@skip and __typename.
    """

    def __init__(self, draw, type_info: TypeInfo, refs: SimpleNamespace):
        super().__init__()
        self.draw = draw
        self.type_info = type_info
        self.refs = refs
        self.fields: list[str] = []
        self.variable_definitions: list[VariableDefinitionNode] = []
        self.variables: dict = {}
        self.fragments: list[FragmentDefinitionNode] = []
        self.aliases = 0
        self.cursor_key: tuple = ()

    def _chance(self, one_in: int) -> bool:
        return self.draw(st.integers(0, one_in - 1)) == 0

    # --- realistic values ---------------------------------------------------------

    def _string(self, values: list[str]):
        return nodes.String(self.draw(st.sampled_from(values)))

    def _strings(self, values: list[str]):
        picked = self.draw(st.lists(st.sampled_from(values), min_size=1, max_size=3))
        return ListValueNode(values=tuple(nodes.String(value) for value in picked))

    def _realistic(self, name: str, value):
        """A real value for argument or input field ``name`` of the current field."""
        field = self.fields[-1] if self.fields else ""
        refs = self.refs
        if isinstance(value, VariableNode) or self._chance(8):
            return None
        if name == "id" and field in RECORD_FIELDS:
            return self._string(refs.ids[RECORD_FIELDS[field]])
        if name == "id" and field == "node":
            return self._string(refs.all_ids)
        if name == "ids":
            picked = self.draw(st.lists(st.sampled_from(refs.all_ids), max_size=5))
            return ListValueNode(values=tuple(nodes.String(v) for v in picked))
        if name == "slug" and field in RECORD_FIELDS:
            return self._string(refs.slugs.get(RECORD_FIELDS[field], ["no-such-slug"]))
        if name in ("after", "before") and field in CONNECTIONS:
            return self._string(refs.cursors.get(self.cursor_key) or refs.any_cursor)
        if name == "query" and field == "search":
            # Mostly the word the search cursors were taken with (a cursor holds it).
            return nodes.String(self.draw(st.sampled_from(["treaty", "treaty", *WORDS])))
        if name == "search":
            return nodes.String(self.draw(st.sampled_from(WORDS)))
        if name == "actors":
            return self._strings(refs.slugs["Actor"] + refs.ids["Actor"])
        if name == "treaties" and isinstance(value, ListValueNode):
            return self._strings(refs.slugs["Treaty"] + refs.ids["Treaty"])
        if name == "types":
            return self._strings(refs.type_slugs)
        if name == "tags" and isinstance(value, ListValueNode):
            return self._strings(refs.tag_slugs)
        return None

    # --- visiting -----------------------------------------------------------------

    def enter_field(self, node: FieldNode, *_):
        root = not self.fields
        self.fields.append(node.name.value)
        if root:
            self.cursor_key = order_key(node)
        record = RECORD_FIELDS.get(node.name.value)
        if not root or record is None or record in ("Statement", "Source") or self._chance(10):
            return None
        # event/treaty/actor take exactly one of id or slug: usually keep one.
        arguments = [arg for arg in node.arguments or () if arg.name.value not in ("id", "slug")]
        which = self.draw(st.sampled_from(["id", "slug"]))
        values = self.refs.ids[record] if which == "id" else self.refs.slugs[record]
        arguments.append(ArgumentNode(name=NameNode(value=which), value=self._string(values)))
        return replace(node, arguments=tuple(arguments))

    def _variable(self, value_node, input_type):
        name = f"v{len(self.variable_definitions)}"
        default = None
        if self._chance(4):
            default = value_node  # a default in the document, not sent
        else:
            self.variables[name] = value_from_ast_untyped(value_node)
        self.variable_definitions.append(
            VariableDefinitionNode(
                variable=VariableNode(name=NameNode(value=name)),
                type=parse_type(str(input_type)),
                default_value=default,
                directives=(),
            )
        )
        return VariableNode(name=NameNode(value=name))

    def _value(self, node):
        value = self._realistic(node.name.value, node.value)
        changed = value is not None
        value = node.value if value is None else value
        input_type = self.type_info.get_input_type()
        if input_type is not None and not isinstance(value, VariableNode) and self._chance(3):
            value, changed = self._variable(value, input_type), True
        return replace(node, value=value) if changed else None

    def enter_argument(self, node: ArgumentNode, *_):
        return self._value(node)

    def enter_object_field(self, node: ObjectFieldNode, *_):
        return self._value(node)

    def leave_field(self, node: FieldNode, *_):
        self.fields.pop()
        changes = {}
        if node.name.value != "__typename" and self.aliases < 8 and self._chance(5):
            self.aliases += 1
            changes["alias"] = NameNode(value=f"a{self.aliases}_{node.name.value}")
        if self._chance(10):
            directive = self.draw(st.sampled_from(["include", "skip"]))
            flag = self.draw(st.booleans())
            if self.draw(st.booleans()):
                name = f"b{len(self.variable_definitions)}"
                self.variable_definitions.append(
                    VariableDefinitionNode(
                        variable=VariableNode(name=NameNode(value=name)),
                        type=parse_type("Boolean!"),
                        directives=(),
                    )
                )
                self.variables[name] = flag
                condition = VariableNode(name=NameNode(value=name))
            else:
                condition = BooleanValueNode(value=flag)
            changes["directives"] = (
                *(node.directives or ()),
                DirectiveNode(
                    name=NameNode(value=directive),
                    arguments=(ArgumentNode(name=NameNode(value="if"), value=condition),),
                ),
            )
        if node.selection_set is not None and self._chance(4):
            on_type = get_named_type(self.type_info.get_type())
            fragment = f"F{len(self.fragments)}"
            self.fragments.append(
                FragmentDefinitionNode(
                    name=NameNode(value=fragment),
                    type_condition=NamedTypeNode(name=NameNode(value=on_type.name)),
                    selection_set=node.selection_set,
                    directives=(),
                )
            )
            changes["selection_set"] = SelectionSetNode(
                selections=(FragmentSpreadNode(name=NameNode(value=fragment), directives=()),)
            )
        return replace(node, **changes) if changes else None

    def leave_selection_set(self, node: SelectionSetNode, *_):
        if self._chance(6):
            typename = FieldNode(name=NameNode(value="__typename"), arguments=(), directives=())
            return replace(node, selections=(*node.selections, typename))
        return None


@st.composite
def client_documents(draw, refs: SimpleNamespace):
    """(query, variables): one or two generated root fields (the second aliased, so the
    same field may run with other arguments), then decorated."""
    documents = [draw(generated_documents(refs))]
    if draw(st.integers(0, 3)) == 0:
        documents.append(draw(generated_documents(refs)))
    selections = []
    for i, document in enumerate(documents):
        for selection in document.definitions[0].selection_set.selections:
            if i:
                selection = replace(
                    selection, alias=NameNode(value=f"again_{selection.name.value}")
                )
            selections.append(selection)
    operation = OperationDefinitionNode(
        operation=documents[0].definitions[0].operation,
        name=NameNode(value="Generated"),
        variable_definitions=(),
        directives=(),
        selection_set=SelectionSetNode(selections=tuple(selections)),
    )
    type_info = TypeInfo(schema._schema)
    decorate = _Decorate(draw, type_info, refs)
    operation = visit(operation, TypeInfoVisitor(type_info, decorate))
    operation = replace(operation, variable_definitions=tuple(decorate.variable_definitions))
    document = DocumentNode(definitions=(operation, *decorate.fragments))
    return print_ast(document), decorate.variables


def references() -> SimpleNamespace:
    """Real ids, slugs and cursors from the loaded data (drafts included), by type."""
    ids = {}
    for type_name, model in MODELS.items():
        pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
        ids[type_name] = [global_id(type_name, pk) for pk in pks[:: max(1, len(pks) // 8)]]
        ids[type_name].append(global_id(type_name, 999_999))  # no such record
    slugs = {
        "Actor": [*Actor.objects.order_by("pk").values_list("slug", flat=True)[:8], "hidden-envoy"],
        "Treaty": list(Treaty.objects.values_list("slug", flat=True)),
        "Event": list(Event.objects.order_by("pk").values_list("slug", flat=True)[::6]),
    }
    anonymous = Client()
    pages = {("timeline",): "timeline(first: 6)", ("search",): 'search(query: "treaty", first: 6)'}
    for root, (_, enum) in ORDERS.items():
        for field in schema._schema.get_type(enum).values:
            for direction in ("ASC", "DESC"):
                order = f"order: {{field: {field}, direction: {direction}}}"
                pages[root, field, direction] = f"{root}(first: 6, {order})"
    cursors = {}
    for key, page in pages.items():
        query = f"{{ page: {page} {{ edges {{ cursor }} }} }}"
        body = json.loads(send(anonymous, {}, {"query": query}, GRAPHQL_RESPONSE, False).body)
        cursors[key] = [edge["cursor"] for edge in body["data"]["page"]["edges"][1::2]]
    return SimpleNamespace(
        ids=ids,
        all_ids=[value for values in ids.values() for value in values],
        slugs=slugs,
        type_slugs=list(EventType.objects.values_list("slug", flat=True)),
        tag_slugs=list(Tag.objects.values_list("slug", flat=True)),
        cursors=cursors,
        any_cursor=[value for values in cursors.values() for value in values],
    )


DIFF = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def test_generated_documents_agree(demo):
    refs = references()
    ways = clients(demo, ("anonymous", "curator"))
    outcomes: Counter = Counter()

    @DIFF
    @given(document=client_documents(refs))
    def run(document):
        query, variables = document
        payload = {"query": query, "variables": variables}
        note(json.dumps(payload, ensure_ascii=False))
        for kind, (client, headers) in ways.items():
            on, off = both(client, headers, payload)
            COVERAGE["generated"][on.executor] += 1
            body = json.loads(off.body)
            errors = body.get("errors") or ()
            outcomes[errors[0]["extensions"]["code"] if errors else "data"] += 1
            for error in errors[:1]:
                MESSAGES[error["message"][:80]] += 1
            problem = disagreement(payload, on, off)
            assert problem is None, f"as {kind}: {problem}"

    run()
    print(f"\ngenerated documents: outcomes (strawberry) {dict(outcomes.most_common())}")
    # The generator is tuned to reach real data: most answers must not be errors.
    assert outcomes["data"] >= sum(outcomes.values()) // 3, outcomes
