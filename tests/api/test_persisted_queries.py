"""Persisted queries (Apollo's automatic persisted queries protocol) at /graphql/:
hash only, hash and query, over POST, GET and in batches; unknown, mismatched, malformed
and unsupported hashes; the allow-list mode; the README's example."""

from __future__ import annotations

import hashlib
import json
import re
import shlex
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from api.core import persisted
from api.core.limits import documents

pytestmark = pytest.mark.django_db

QUERY = "query Kind { __typename }"
TYPED = "query Typed($id: ID!) { node(id: $id) { id } }"
README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
NOT_FOUND = {
    "message": "PersistedQueryNotFound",
    "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
}


def sha(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def ext(key: str, version=1) -> dict:
    return {"persistedQuery": {"version": version, "sha256Hash": key}}


def post(client, payload, **extra):
    response = client.post(
        "/graphql/", json.dumps(payload), content_type="application/json", **extra
    )
    return response.status_code, json.loads(response.content)


def get(client, **params):
    params = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in params.items()}
    response = client.get("/graphql/", params, HTTP_ACCEPT="application/json")
    return response.status_code, json.loads(response.content)


@pytest.fixture(autouse=True)
def empty_store():
    caches["persisted_queries"].clear()
    yield
    caches["persisted_queries"].clear()
    persisted._load_manifest.cache_clear()


def error(body: dict) -> dict:
    assert "data" not in body, body
    (only,) = body["errors"]
    return only


# --- the protocol --------------------------------------------------------------------


def test_unknown_hash_is_persisted_query_not_found_with_200(client):
    status, body = post(client, {"extensions": ext(sha(QUERY))})
    assert (status, body) == (200, {"errors": [NOT_FOUND]})


def test_not_found_is_200_even_for_graphql_response_json(client):
    # Apollo Client turns persisted queries off for good when this comes back as 400.
    status, body = post(
        client, {"extensions": ext(sha(QUERY))}, HTTP_ACCEPT="application/graphql-response+json"
    )
    assert (status, body) == (200, {"errors": [NOT_FOUND]})


def test_query_with_its_hash_runs_and_registers_it(client):
    assert post(client, {"query": QUERY, "extensions": ext(sha(QUERY))}) == (
        200,
        {"data": {"__typename": "Query"}},
    )
    assert post(client, {"extensions": ext(sha(QUERY))}) == (200, {"data": {"__typename": "Query"}})


def test_hash_only_with_variables_and_operation_name(client):
    post(client, {"query": TYPED, "extensions": ext(sha(TYPED))})
    status, body = post(
        client,
        {"extensions": ext(sha(TYPED)), "variables": {"id": "nonsense"}, "operationName": "Typed"},
    )
    assert status == 200
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # the document ran


def test_uppercase_hash_is_the_same_hash(client):
    post(client, {"query": QUERY, "extensions": ext(sha(QUERY))})
    assert post(client, {"extensions": ext(sha(QUERY).upper())})[1] == {
        "data": {"__typename": "Query"}
    }


def test_hash_hit_skips_parse_and_validation(client, monkeypatch):
    query = "query SkipsParse { __typename }"
    calls = {"parse": 0, "validate": 0}
    real_parse, real_validate = documents.parse, documents.validate

    def counting_parse(*args, **kwargs):
        calls["parse"] += 1
        return real_parse(*args, **kwargs)

    def counting_validate(*args, **kwargs):
        calls["validate"] += 1
        return real_validate(*args, **kwargs)

    monkeypatch.setattr(documents, "parse", counting_parse)
    monkeypatch.setattr(documents, "validate", counting_validate)
    post(client, {"query": query, "extensions": ext(sha(query))})
    assert calls == {"parse": 1, "validate": 1}
    for _ in range(3):
        assert post(client, {"extensions": ext(sha(query))})[1] == {"data": {"__typename": "Query"}}
    assert calls == {"parse": 1, "validate": 1}


def test_get_with_hash_only(client):
    assert get(client, extensions=ext(sha(QUERY))) == (200, {"errors": [NOT_FOUND]})
    assert get(client, query=QUERY, extensions=ext(sha(QUERY))) == (
        200,
        {"data": {"__typename": "Query"}},
    )
    assert get(client, extensions=ext(sha(QUERY))) == (200, {"data": {"__typename": "Query"}})


def test_get_with_hash_of_a_mutation_is_still_refused(client):
    mutation = "mutation M { __typename }"
    post(client, {"query": mutation, "extensions": ext(sha(mutation))})
    response = client.get(
        "/graphql/", {"extensions": json.dumps(ext(sha(mutation)))}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 405


# --- bad input -----------------------------------------------------------------------


def test_hash_that_does_not_match_the_query_is_bad_request(client):
    status, body = post(client, {"query": QUERY, "extensions": ext(sha(QUERY + " "))})
    assert status == 400
    assert error(body) == {
        "message": "extensions.persistedQuery.sha256Hash does not match the query: it must be "
        "the SHA-256 (hexadecimal) of the UTF-8 query text exactly as sent.",
        "extensions": {"code": "BAD_REQUEST"},
    }
    # Nothing was stored under the wrong hash.
    assert post(client, {"extensions": ext(sha(QUERY + " "))})[1] == {"errors": [NOT_FOUND]}


@pytest.mark.parametrize("version", [2, 0, "1", True, None])
def test_unsupported_version_is_bad_request(client, version):
    status, body = post(client, {"query": QUERY, "extensions": ext(sha(QUERY), version)})
    assert status == 400
    assert error(body) == {
        "message": f"Persisted query version {json.dumps(version)} is not supported: "
        "send extensions.persistedQuery.version 1.",
        "extensions": {"code": "BAD_REQUEST"},
    }


@pytest.mark.parametrize("key", ["abc", "g" * 64, sha(QUERY) + "0", 12, None, ""])
def test_malformed_hash_is_bad_request(client, key):
    status, body = post(client, {"extensions": ext(key)})
    assert status == 400
    assert error(body) == {
        "message": "extensions.persistedQuery.sha256Hash must be the 64 hexadecimal digits of "
        "the query's SHA-256.",
        "extensions": {"code": "BAD_REQUEST"},
    }


@pytest.mark.parametrize("spec", ["sha", [1], 1])
def test_persisted_query_must_be_an_object(client, spec):
    status, body = post(client, {"extensions": {"persistedQuery": spec}})
    assert status == 400
    assert error(body)["message"].startswith("extensions.persistedQuery must be an object")


def test_malformed_hash_over_get(client):
    status, body = get(client, extensions=ext("nope"))
    assert status == 400 and error(body)["extensions"]["code"] == "BAD_REQUEST"


def test_disabled_protocol_says_not_supported(client):
    with override_settings(GRAPHQL_PERSISTED_QUERIES=False):
        status, body = post(client, {"query": QUERY, "extensions": ext(sha(QUERY))})
        assert (status, body) == (
            200,
            {
                "errors": [
                    {
                        "message": "PersistedQueryNotSupported",
                        "extensions": {"code": "PERSISTED_QUERY_NOT_SUPPORTED"},
                    }
                ]
            },
        )
        assert post(client, {"query": QUERY})[1] == {"data": {"__typename": "Query"}}


# --- batches -------------------------------------------------------------------------


def test_batch_answers_each_operation_for_itself(client):
    post(client, {"query": QUERY, "extensions": ext(sha(QUERY))})
    status, body = post(
        client,
        [
            {"extensions": ext(sha(QUERY))},
            {"extensions": ext(sha(TYPED))},
            {"query": "{ __typename }"},
            {"extensions": ext("xyz")},
        ],
    )
    assert status == 200
    assert body[0] == {"data": {"__typename": "Query"}}
    assert body[1] == {"errors": [NOT_FOUND]}
    assert body[2] == {"data": {"__typename": "Query"}}
    assert error(body[3])["extensions"]["code"] == "BAD_REQUEST"


def test_batch_registers_then_hash_only_works(client):
    status, body = post(
        client, [{"query": QUERY, "extensions": ext(sha(QUERY))}, {"query": "{ __typename }"}]
    )
    assert status == 200 and body[0] == {"data": {"__typename": "Query"}}
    assert post(client, [{"extensions": ext(sha(QUERY))}])[1] == [{"data": {"__typename": "Query"}}]


# --- the store -----------------------------------------------------------------------


def test_store_is_bounded(client):
    # The LocMem cache keeps at most MAX_ENTRIES documents (GRAPHQL_PERSISTED_CACHE_SIZE).
    from django.conf import settings

    if not settings.CACHES["persisted_queries"]["BACKEND"].endswith("LocMemCache"):
        pytest.skip("REDIS_URL is set: the store is Redis, bounded in time")
    maximum = settings.CACHES["persisted_queries"]["OPTIONS"]["MAX_ENTRIES"]
    assert maximum == 1000
    for n in range(maximum + 50):
        query = f"query Q{n} {{ __typename }}"
        persisted.resolve({"query": query, "extensions": ext(sha(query))})
    assert len(caches["persisted_queries"]._cache) <= maximum


def test_store_alias_setting(client):
    with override_settings(GRAPHQL_PERSISTED_CACHE="default"):
        post(client, {"query": QUERY, "extensions": ext(sha(QUERY))})
        assert caches["default"].get(persisted.KEY_PREFIX + sha(QUERY)) == QUERY
    caches["default"].clear()
    assert caches["persisted_queries"].get(persisted.KEY_PREFIX + sha(QUERY)) is None


def test_store_that_is_down_is_a_miss_not_a_failure(client, monkeypatch):
    class Down:
        def get(self, key):
            raise ConnectionError("redis is down")

        set = get

    monkeypatch.setattr(persisted, "_store", Down)
    assert post(client, {"extensions": ext(sha(QUERY))}) == (200, {"errors": [NOT_FOUND]})
    assert post(client, {"query": QUERY, "extensions": ext(sha(QUERY))}) == (
        200,
        {"data": {"__typename": "Query"}},
    )


# --- the manifest and the allow-list mode ----------------------------------------------


@pytest.fixture
def manifest(tmp_path):
    path = tmp_path / "persisted-query-manifest.json"
    path.write_text(
        json.dumps(
            {
                "format": "apollo-persisted-query-manifest",
                "version": 1,
                "operations": [{"id": sha(QUERY), "name": "Kind", "type": "query", "body": QUERY}],
            }
        )
    )
    return str(path)


def test_manifest_documents_are_known_without_registration(client, manifest):
    with override_settings(GRAPHQL_PERSISTED_MANIFEST=manifest):
        assert post(client, {"extensions": ext(sha(QUERY))})[1] == {"data": {"__typename": "Query"}}


def test_persisted_only_mode(client, manifest):
    other = "query Other { __typename }"
    with override_settings(GRAPHQL_PERSISTED_ONLY=True, GRAPHQL_PERSISTED_MANIFEST=manifest):
        assert post(client, {"extensions": ext(sha(QUERY))}) == (
            200,
            {"data": {"__typename": "Query"}},
        )
        assert post(client, {"query": QUERY, "extensions": ext(sha(QUERY))})[0] == 200
        assert get(client, extensions=ext(sha(QUERY)))[1] == {"data": {"__typename": "Query"}}

        status, body = post(client, {"query": other})
        assert status == 400
        assert error(body) == {
            "message": "This server runs persisted queries only: send "
            "extensions.persistedQuery.sha256Hash of a document from its manifest.",
            "extensions": {"code": "PERSISTED_QUERY_ID_REQUIRED"},
        }
        for payload in (
            {"extensions": ext(sha(other))},
            {"query": other, "extensions": ext(sha(other))},
        ):
            status, body = post(client, payload)
            assert status == 400
            assert error(body) == {
                "message": f"The persisted query {sha(other)} is not in this server's "
                "allow-list (GRAPHQL_PERSISTED_ONLY).",
                "extensions": {"code": "PERSISTED_QUERY_NOT_IN_LIST"},
            }
        status, body = post(client, {"variables": {}})
        assert status == 400
        assert error(body)["extensions"]["code"] == "PERSISTED_QUERY_ID_REQUIRED"
        status, body = post(client, [{"extensions": ext(sha(QUERY))}, {"query": other}])
        assert body[0] == {"data": {"__typename": "Query"}}
        assert error(body[1])["extensions"]["code"] == "PERSISTED_QUERY_ID_REQUIRED"
    # Nothing was registered while locked.
    assert post(client, {"extensions": ext(sha(other))})[1] == {"errors": [NOT_FOUND]}


def test_plain_manifest_format(tmp_path):
    path = tmp_path / "queries.json"
    path.write_text(json.dumps({sha(QUERY): QUERY}))
    assert persisted._load_manifest(str(path)) == {sha(QUERY): QUERY}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "is not valid JSON"),
        ("[1]", 'must hold {"<sha256>": "<document>"}'),
        (json.dumps({"abc": QUERY}), "entry 1 needs a 64-hex-digit SHA-256 id"),
        (json.dumps({sha("x"): QUERY}), f"entry 1 ({sha('x')}) is not the SHA-256 of its document"),
        (json.dumps({"operations": [{"id": sha(QUERY)}]}), "entry 1 needs a 64-hex-digit"),
    ],
)
def test_bad_manifest_is_refused_by_name(tmp_path, content, message):
    path = tmp_path / "m.json"
    path.write_text(content)
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        persisted._load_manifest(str(path))
    with override_settings(GRAPHQL_PERSISTED_MANIFEST=str(path)):
        (problem,) = persisted.persisted_queries_configured(None)
    assert problem.id == "api.E001" and message in problem.msg


def test_missing_manifest_file(tmp_path):
    with override_settings(GRAPHQL_PERSISTED_MANIFEST=str(tmp_path / "none.json")):
        (problem,) = persisted.persisted_queries_configured(None)
    assert "cannot be read" in problem.msg


def test_persisted_only_without_manifest_fails_the_check():
    with override_settings(GRAPHQL_PERSISTED_ONLY=True):
        (problem,) = persisted.persisted_queries_configured(None)
    assert problem.id == "api.E002"
    assert persisted.persisted_queries_configured(None) == []


# --- the README ------------------------------------------------------------------------


def _readme_curls() -> list[list[str]]:
    section = README.split("#### Persisted queries", 1)[1]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    commands = block.replace("\\\n", " ").splitlines()
    return [shlex.split(c) for c in commands if c.strip().startswith("curl")]


def test_readme_example_hash_and_requests(client):
    register, hash_only = _readme_curls()
    body = json.loads(register[register.index("-d") + 1])
    assert sha(body["query"]) == body["extensions"]["persistedQuery"]["sha256Hash"]
    assert post(client, body)[1] == {"data": {"events": {"totalCount": 0}}}
    assert "-G" in hash_only
    params = dict(
        arg.split("=", 1) for arg in hash_only[hash_only.index("--data-urlencode") + 1 :: 2]
    )
    assert get(client, **params)[1] == {"data": {"events": {"totalCount": 0}}}
