"""GraphQL over HTTP at /graphql/: methods, media types, status codes, bad requests,
batching, tokens, CSRF, CORS, statement timeout, error masking.

Through the real view with ``django.test.Client``; exact bodies and codes.
Tests marked ``urls("tests.api.http_urls")`` use a tiny schema with a
mutation and failing/sleeping resolvers, mounted on the same view.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from io import StringIO
from urllib.parse import unquote

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from api.models import ApiToken, hash_key

pytestmark = pytest.mark.django_db

GRAPHQL_RESPONSE = "application/graphql-response+json"
SUPPORT = pytest.mark.urls("tests.api.http_urls")


def post(client, body, *, accept: str | None = None, content_type="application/json", **extra):
    if accept is not None:
        extra["HTTP_ACCEPT"] = accept
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    # CONTENT_TYPE explicitly: the test client drops it when the body is empty.
    return client.post(
        "/graphql/", data, content_type=content_type, CONTENT_TYPE=content_type, **extra
    )


def body(response):
    return json.loads(response.content)


def only_error(response) -> dict:
    payload = body(response)
    assert "data" not in payload, payload
    assert len(payload["errors"]) == 1, payload
    return payload["errors"][0]


# --- methods and GraphiQL ---------------------------------------------------


def test_get_runs_a_query(client):
    response = client.get("/graphql/", {"query": "{ __typename }"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.content) == {"data": {"__typename": "Query"}}


def test_get_takes_variables_and_operation_name_as_json_strings(client):
    response = client.get(
        "/graphql/",
        {
            "query": "query A { __typename } "
            "query B($name: String!) { __type(name: $name) { name } }",
            "operationName": "B",
            "variables": json.dumps({"name": "Event"}),
        },
    )
    assert body(response) == {"data": {"__type": {"name": "Event"}}}


def test_get_with_invalid_variables_json_is_a_bad_request(client):
    response = client.get("/graphql/", {"query": "{ __typename }", "variables": "{nope"})
    assert response.status_code == 400
    assert only_error(response) == {
        "message": "The 'variables' parameter is not valid JSON.",
        "extensions": {"code": "BAD_REQUEST"},
    }


@SUPPORT
def test_mutation_over_get_is_refused_with_405(client):
    response = client.get(
        "/graphql/", {"query": "mutation { touch }"}, HTTP_ACCEPT=GRAPHQL_RESPONSE
    )
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response["Content-Type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    assert only_error(response) == {
        "message": "Mutations cannot be sent with GET: use POST.",
        "extensions": {"code": "METHOD_NOT_ALLOWED"},
    }


@SUPPORT
def test_mutation_over_post_runs(client):
    response = post(client, {"query": "mutation { touch }"})
    assert body(response) == {"data": {"touch": True}}


def test_other_methods_are_refused_with_405(client):
    response = client.put("/graphql/", "{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    assert only_error(response) == {
        "message": "PUT is not supported: use GET for queries or POST.",
        "extensions": {"code": "METHOD_NOT_ALLOWED"},
    }


def test_browser_gets_graphiql(client):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"GraphiQL" in response.content


def test_graphiql_loads_every_asset_from_our_static_files(client):
    # A CDN address would leave a blank page on a closed network (or a CDN outage).
    page = client.get("/graphql/", HTTP_ACCEPT="text/html").content.decode()
    assets = re.findall(r'(?:src|href)="([^"#]+)"', page)
    assert "unpkg.com" not in page
    assert len(assets) == 7
    for url in assets:
        assert url.startswith("/static/npm/"), url
        assert finders.find(unquote(url.removeprefix("/static/"))), f"{url} is not installed"


def test_get_without_query_from_an_api_client_is_a_bad_request(client):
    response = client.get("/graphql/", HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert only_error(response) == {
        "message": "The request has no 'query': send a GraphQL document.",
        "extensions": {"code": "MISSING_QUERY"},
    }


# --- media types and status codes ---------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", "application/json"),
        ("text/html, */*;q=0.1", "application/json"),
    ],
)
def test_response_media_type_follows_accept(client, accept, media_type):
    response = post(client, {"query": "{ __typename }"}, accept=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    assert "Accept" in response["Vary"]
    assert body(response) == {"data": {"__typename": "Query"}}


def test_unacceptable_accept_is_406(client):
    response = post(client, {"query": "{ __typename }"}, accept="text/csv")
    assert response.status_code == 406
    assert only_error(response) == {
        "message": f"The Accept header must allow {GRAPHQL_RESPONSE} or application/json.",
        "extensions": {"code": "NOT_ACCEPTABLE"},
    }


INVALID_QUERY = "{ events { "
SYNTAX_ERROR = {
    "message": "Syntax Error: Expected Name, found <EOF>.",
    "locations": [{"line": 1, "column": 12}],
    "extensions": {"code": "GRAPHQL_PARSE_FAILED"},
}


def test_invalid_graphql_is_a_400_with_graphql_response_json(client):
    response = post(client, {"query": INVALID_QUERY}, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    assert body(response) == {"errors": [SYNTAX_ERROR]}


def test_invalid_graphql_is_a_200_with_application_json(client):
    response = post(client, {"query": INVALID_QUERY}, accept="application/json")
    assert response.status_code == 200
    assert body(response) == {"errors": [SYNTAX_ERROR]}


def test_variable_coercion_failure_is_a_request_error(client):
    query = "query($slug: String!) { event(slug: $slug) { title } }"
    expected = {
        "errors": [
            {
                "message": "Variable '$slug' has invalid value: "
                "Expected value of non-null type 'String!' not to be None.",
                "locations": [{"line": 1, "column": 7}],
                "extensions": {"code": "BAD_USER_INPUT"},
            }
        ]
    }
    response = post(client, {"query": query, "variables": {"slug": None}}, accept=GRAPHQL_RESPONSE)
    assert (response.status_code, body(response)) == (400, expected)
    response = post(client, {"query": query, "variables": {"slug": None}})
    assert (response.status_code, body(response)) == (200, expected)


@SUPPORT
def test_field_error_keeps_data_and_a_200_even_with_graphql_response_json(client):
    response = post(client, {"query": "{ hello refused }"}, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 200
    assert body(response) == {
        "data": None,
        "errors": [
            {
                "message": "You may not see this.",
                "locations": [{"line": 1, "column": 9}],
                "path": ["refused"],
                "extensions": {"code": "FORBIDDEN"},
            }
        ],
    }


def test_unknown_operation_name(client):
    response = post(
        client, {"query": "query A { __typename }", "operationName": "B"}, accept=GRAPHQL_RESPONSE
    )
    assert response.status_code == 400
    assert only_error(response) == {
        "message": 'Unknown operation named "B".',
        "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"},
    }


# --- malformed requests -----------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type", "status", "message", "code"),
    [
        ('{ "query": ', "application/json", 400, None, "INVALID_JSON"),
        (
            "",
            "application/json",
            400,
            "The request body is empty: send a JSON object.",
            "INVALID_JSON",
        ),
        (
            {"variables": {}},
            "application/json",
            400,
            "The request has no 'query': send a GraphQL document.",
            "MISSING_QUERY",
        ),
        (
            {"query": "  "},
            "application/json",
            400,
            "'query' is empty: send a GraphQL document.",
            "MISSING_QUERY",
        ),
        ({"query": 1}, "application/json", 400, "'query' must be a string.", "BAD_REQUEST"),
        (
            {"query": "{ __typename }", "variables": "x"},
            "application/json",
            400,
            "'variables' must be an object or null.",
            "BAD_REQUEST",
        ),
        (
            {"query": "{ __typename }", "operationName": 3},
            "application/json",
            400,
            "'operationName' must be a string or null.",
            "BAD_REQUEST",
        ),
        (
            {"query": "{ __typename }", "extensions": []},
            "application/json",
            400,
            "'extensions' must be an object or null.",
            "BAD_REQUEST",
        ),
        (
            "null",
            "application/json",
            400,
            "The request must be a JSON object with a 'query' string.",
            "BAD_REQUEST",
        ),
        (
            '{"query": "{ __typename }"}',
            "text/plain",
            415,
            "POST bodies must be application/json; got text/plain.",
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (
            "query={ __typename }",
            "application/x-www-form-urlencoded",
            415,
            "POST bodies must be application/json; got application/x-www-form-urlencoded.",
            "UNSUPPORTED_MEDIA_TYPE",
        ),
    ],
)
def test_malformed_requests_are_rejected_clearly(client, data, content_type, status, message, code):
    response = post(client, data, content_type=content_type)
    assert response.status_code == status
    error = only_error(response)
    assert error["extensions"] == {"code": code}
    if message is None:
        assert error["message"].startswith("The request body is not valid JSON: ")
    else:
        assert error["message"] == message


# --- batching ---------------------------------------------------------------


def test_batch_runs_each_operation(client):
    response = post(client, [{"query": "{ __typename }"}, {"query": "{ nope }"}])
    assert response.status_code == 200
    assert body(response) == [
        {"data": {"__typename": "Query"}},
        {
            "errors": [
                {
                    "message": "Cannot query field 'nope' on type 'Query'.",
                    "locations": [{"line": 1, "column": 3}],
                    "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
                }
            ]
        },
    ]


def test_batch_over_the_cap_is_rejected(client):
    response = post(client, [{"query": "{ __typename }"}] * 11)
    assert response.status_code == 400
    assert only_error(response) == {
        "message": "A batch may hold at most 10 operations; this one has 11.",
        "extensions": {"code": "BATCH_TOO_LARGE"},
    }


def test_empty_batch_is_rejected(client):
    response = post(client, [])
    assert response.status_code == 400
    assert only_error(response)["extensions"] == {"code": "BAD_REQUEST"}


@override_settings(GRAPHQL_MAX_BATCH=0)
def test_batching_can_be_disabled(client):
    response = post(client, [{"query": "{ __typename }"}])
    assert response.status_code == 400
    assert only_error(response) == {
        "message": "Batched requests are not accepted here.",
        "extensions": {"code": "BATCHING_DISABLED"},
    }


def test_orjson_encodes_compactly_and_keeps_unicode(client):
    response = client.get("/graphql/", {"query": '{ __type(name: "Run🏃") { name } }'})
    assert response.content == b'{"data":{"__type":null}}'


# --- tokens -----------------------------------------------------------------


@pytest.fixture
def token_key(db) -> str:
    _, key = ApiToken.issue("partner")
    return key


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


EVENT_TITLES = "{ events(first: 100) { edges { node { title status } } } }"


def titles(response) -> set[str]:
    payload = body(response)
    assert "errors" not in payload, payload
    return {edge["node"]["title"] for edge in payload["data"]["events"]["edges"]}


def test_only_the_hash_of_a_key_is_stored(token_key):
    token = ApiToken.objects.get()
    assert token.key_hash == hash_key(token_key)
    assert token_key not in {token.key_hash, token.key_prefix, token.name}
    assert token_key.startswith(token.key_prefix)


def test_valid_token_sees_published_records_only(client, world, token_key):
    response = post(client, {"query": EVENT_TITLES}, **bearer(token_key))
    assert response.status_code == 200
    assert world.ev_draft.title not in titles(response)
    assert world.ev_review.title not in titles(response)
    assert world.ev_withdraw.title in titles(response)
    assert ApiToken.objects.get().last_used_at is not None


def test_token_wins_over_a_curator_session(client, world, curator, token_key):
    client.force_login(curator)
    assert world.ev_draft.title in titles(post(client, {"query": EVENT_TITLES}))
    response = post(client, {"query": EVENT_TITLES}, **bearer(token_key))
    assert world.ev_draft.title not in titles(response)


def test_anonymous_sees_published_only_and_curator_sees_drafts(client, world, curator):
    assert world.ev_draft.title not in titles(post(client, {"query": EVENT_TITLES}))
    client.force_login(curator)
    assert {world.ev_draft.title, world.ev_review.title} <= titles(
        post(client, {"query": EVENT_TITLES})
    )


def assert_invalid_token(response, message: str) -> None:
    assert response.status_code == 401
    assert only_error(response) == {"message": message, "extensions": {"code": "INVALID_TOKEN"}}
    assert response["WWW-Authenticate"].startswith('Bearer realm="timeline", error="invalid_token"')


def test_wrong_token_is_401_not_anonymous(client, token_key):
    response = post(client, {"query": "{ __typename }"}, **bearer(token_key + "x"))
    assert_invalid_token(response, "Invalid API token.")


def test_wrong_token_over_get_is_401(client):
    response = client.get("/graphql/", {"query": "{ __typename }"}, **bearer("tl_nope"))
    assert_invalid_token(response, "Invalid API token.")


def test_expired_token_is_401(client):
    token, key = ApiToken.issue("old", expires_at=timezone.now() - timedelta(minutes=1))
    response = post(client, {"query": "{ __typename }"}, **bearer(key))
    assert_invalid_token(
        response, f"This API token expired on {token.expires_at:%Y-%m-%d %H:%M} UTC."
    )


def test_revoked_token_is_401(client, token_key):
    ApiToken.objects.update(is_active=False)
    response = post(client, {"query": "{ __typename }"}, **bearer(token_key))
    assert_invalid_token(response, "This API token has been revoked.")


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Token abc"])
def test_malformed_authorization_header_is_401(client, header):
    response = post(client, {"query": "{ __typename }"}, HTTP_AUTHORIZATION=header)
    assert_invalid_token(response, "The Authorization header must be 'Bearer <API token>'.")


@SUPPORT
def test_token_cannot_run_mutations(client, token_key):
    response = post(client, {"query": "mutation { touch }"}, **bearer(token_key))
    assert response.status_code == 403
    assert only_error(response) == {
        "message": "API tokens are read-only: mutations are not allowed.",
        "extensions": {"code": "READ_ONLY_TOKEN"},
    }


@SUPPORT
def test_token_request_is_never_a_curator(client, curator, token_key):
    client.force_login(curator)
    assert body(post(client, {"query": "{ seesDrafts }"})) == {"data": {"seesDrafts": True}}
    response = post(client, {"query": "{ seesDrafts }"}, **bearer(token_key))
    assert body(response) == {"data": {"seesDrafts": False}}


def test_create_api_token_command_prints_the_key_once():
    out, err = StringIO(), StringIO()
    call_command("create_api_token", "Partner X", "--expires-in-days", "30", stdout=out, stderr=err)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(name="Partner X")
    assert token.key_hash == hash_key(key)
    assert "not be shown again" in err.getvalue()
    assert token.expires_at > timezone.now() + timedelta(days=29)


def test_admin_shows_a_new_key_once_and_stores_its_hash(admin_client):
    response = admin_client.post(
        "/admin/api/apitoken/add/", {"name": "Newsroom", "is_active": "on"}, follow=True
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="Newsroom")
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) >= 1
    key = next(word for word in shown[0].split() if word.startswith("tl_"))
    assert token.key_hash == hash_key(key)
    page = admin_client.get(f"/admin/api/apitoken/{token.pk}/change/")
    assert key.encode() not in page.content


# --- CSRF -------------------------------------------------------------------


def test_signed_in_post_needs_the_csrf_token(curator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(curator)
    response = post(client, {"query": "{ __typename }"})
    assert response.status_code == 403
    assert only_error(response) == {
        "message": "CSRF check failed: signed-in requests must send the X-CSRFToken header.",
        "extensions": {"code": "CSRF_FAILED"},
    }
    client.get("/admin/login/")  # sets the csrftoken cookie
    csrf = client.cookies["csrftoken"].value
    response = post(client, {"query": "{ __typename }"}, HTTP_X_CSRFTOKEN=csrf)
    assert body(response) == {"data": {"__typename": "Query"}}


def test_anonymous_and_token_posts_need_no_csrf_token(token_key):
    client = Client(enforce_csrf_checks=True)
    assert post(client, {"query": "{ __typename }"}).status_code == 200
    assert post(client, {"query": "{ __typename }"}, **bearer(token_key)).status_code == 200


# --- CORS -------------------------------------------------------------------


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example"])
def test_cors_allows_configured_origins_only(client):
    allowed = post(client, {"query": "{ __typename }"}, HTTP_ORIGIN="https://app.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example"
    other = post(client, {"query": "{ __typename }"}, HTTP_ORIGIN="https://evil.example")
    assert other.status_code == 200
    assert "Access-Control-Allow-Origin" not in other

    preflight = client.options(
        "/graphql/",
        HTTP_ORIGIN="https://app.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type, authorization",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "https://app.example"
    assert "authorization" in preflight["Access-Control-Allow-Headers"]


# --- statement timeout --------------------------------------------------------


@SUPPORT
@pytest.mark.django_db(transaction=True)
@override_settings(GRAPHQL_STATEMENT_TIMEOUT_MS=200)
def test_slow_sql_is_cancelled_with_a_timeout_error(client):
    response = post(client, {"query": "{ hello sleep(seconds: 3) }"}, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 200
    assert body(response) == {
        "data": None,
        "errors": [
            {
                "message": "The query took longer than 200 ms and was cancelled. "
                "Ask for fewer records or narrow the filters.",
                "locations": [{"line": 1, "column": 9}],
                "path": ["sleep"],
                "extensions": {"code": "TIMEOUT"},
            }
        ],
    }
    # The timeout is for API requests only: any other request finds the connection back
    # to its default (the next API request keeps it, without setting it again).
    client.get("/healthz")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


@SUPPORT
@pytest.mark.django_db(transaction=True)
def test_api_requests_run_under_the_default_timeout(client):
    assert body(post(client, {"query": "{ statementTimeout }"})) == {
        "data": {"statementTimeout": "5s"}
    }


# --- masking ------------------------------------------------------------------


@SUPPORT
@pytest.mark.parametrize("field", ["boom", "dbBoom"])
def test_unexpected_errors_are_masked_in_production(client, field):
    response = post(client, {"query": f"{{ {field} }}"})
    assert response.status_code == 200
    assert body(response) == {
        "data": None,
        "errors": [
            {
                "message": "Unexpected error.",
                "locations": [{"line": 1, "column": 3}],
                "path": [field],
                "extensions": {"code": "INTERNAL_SERVER_ERROR"},
            }
        ],
    }
    for leak in (b"auth_user", b"SELECT", b"Traceback", b"no_such_table", b"secret"):
        assert leak not in response.content


@SUPPORT
@override_settings(DEBUG=True)
def test_errors_are_shown_when_debug_is_on(client):
    error = body(post(client, {"query": "{ boom }"}))["errors"][0]
    assert error["message"] == 'relation "auth_user" leaked: SELECT password FROM auth_user'
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}


def test_no_field_suggestions_in_production(client):
    response = post(client, {"query": "{ evnts { totalCount } }"})
    assert body(response)["errors"][0]["message"] == "Cannot query field 'evnts' on type 'Query'."
    assert b"Did you mean" not in response.content


@override_settings(DEBUG=True)
def test_field_suggestions_help_in_development(client):
    response = post(client, {"query": "{ evnts { totalCount } }"})
    assert body(response)["errors"][0]["message"] == (
        "Cannot query field 'evnts' on type 'Query'. Did you mean 'events' or 'event'?"
    )


def test_no_enum_suggestions_in_variable_errors_in_production(client):
    query = "query($o: EventOrder) { events(order: $o) { totalCount } }"
    payload = {"query": query, "variables": {"o": {"direction": "ASCC"}}}
    with override_settings(DEBUG=True):
        assert b"Did you mean the enum value 'ASC'?" in post(client, payload).content
    response = post(client, payload)
    error = body(response)["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert error["message"] == (
        "Variable '$o' has invalid value at .direction: "
        "Value 'ASCC' does not exist in 'OrderDirection' enum."
    )
    assert b"Did you mean" not in response.content
