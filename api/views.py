"""The ``/graphql/`` endpoint: GraphQL over HTTP, token auth, limits, orjson.

Follows the GraphQL-over-HTTP spec (https://graphql.github.io/graphql-over-http/):

- GET runs queries (a mutation over GET is refused with 405); POST takes
  ``application/json`` (other bodies: 415); a JSON array is a batch of at
  most ``GRAPHQL_MAX_BATCH`` operations.
- The response is ``application/graphql-response+json`` when the client asks
  for it, else ``application/json``. With the former, a request that fails
  before execution (syntax, validation, limits, variables) gets 400 and no
  ``data``; with ``application/json`` it gets 200, as the spec says.
- Every rejection is a GraphQL error with ``extensions.code``; none is a 500.
- ``Authorization: Bearer <key>`` makes the request a read-only public client;
  a wrong, revoked or expired key is a 401, never a silent anonymous request.
- SQL runs under a PostgreSQL ``statement_timeout``; a cancelled statement is a
  ``TIMEOUT`` error on its field. The whole request has a wall-clock budget
  (``GRAPHQL_REQUEST_BUDGET_MS``); past it, no further SQL or batch operation
  runs (``REQUEST_BUDGET_EXCEEDED``).
- Bodies over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` are 413, query strings over it 414.
- A browser opening the URL gets GraphiQL.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import orjson
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.templatetags.static import static
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from strawberry.django.views import GraphQLView
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from api.compiled import extension as compiled
from api.core import persisted
from api.core.http import (
    BAD_REQUEST,
    BATCH_TOO_LARGE,
    BATCHING_DISABLED,
    CSRF_FAILED,
    GRAPHQL_RESPONSE_JSON,
    INTERNAL_SERVER_ERROR,
    INVALID_JSON,
    JSON,
    METHOD_NOT_ALLOWED,
    MISSING_QUERY,
    NOT_ACCEPTABLE,
    OPERATION_RESOLUTION_FAILURE,
    READ_ONLY_TOKEN,
    UNSUPPORTED_MEDIA_TYPE,
    Rejection,
    check_size,
    is_request_error,
    json_default,
    negotiate,
    too_large,
)
from api.core.limits import apply_error_policy, limit
from api.core.limits.budget import budget_exceeded_result, request_budget
from api.core.permissions import token_can_write
from api.core.timeouts import statement_timeout
from api.core.tokens import authenticate
from api.models import ApiToken

logger = logging.getLogger(__name__)

# "https://unpkg.com/<package>@<version>/<path>" in strawberry's GraphiQL page.
CDN_ASSET = re.compile(
    r"https://unpkg\.com/(?P<package>(?:@[\w.-]+/)?[\w.-]+)@[\w.-]+/(?P<path>[^\"']+)"
)


@method_decorator(csrf_exempt, name="dispatch")  # CSRF is checked below, for sessions only
class TimelineGraphQLView(GraphQLView):
    """strawberry's Django view with the HTTP handling above.

    ``schema`` defaults to ``api.schema.schema``, imported on first use.
    """

    allow_queries_via_get = True

    def __init__(self, schema=None, **kwargs: Any) -> None:
        super().__init__(schema=schema, **kwargs)

    def get_schema(self):
        if self.schema is None:
            from api.schema import schema

            self.schema = schema
        return self.schema

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data, default=json_default)

    # --- request handling -----------------------------------------------

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        media_type = negotiate(request.headers.get("Accept", "")) or JSON
        try:
            check_size(request)
            if request.method not in ("GET", "POST"):
                raise Rejection(
                    405,
                    f"{request.method} is not supported: use GET for queries or POST.",
                    METHOD_NOT_ALLOWED,
                    {"Allow": "GET, POST"},
                )
            if request.method == "GET" and self._wants_graphiql(request):
                return self.render_graphql_ide(request)
            if negotiate(request.headers.get("Accept", "")) is None:
                raise Rejection(
                    406,
                    f"The Accept header must allow {GRAPHQL_RESPONSE_JSON} or {JSON}.",
                    NOT_ACCEPTABLE,
                )
            token = authenticate(request)
            self._check_csrf(request, token)
            payload = self._request_payload(request)
            return self._execute(request, payload, media_type, token)
        except RequestDataTooBig:
            rejection = too_large()
            return self._error_response(
                rejection.status, rejection.message, rejection.code, media_type
            )
        except TooManyFieldsSent:
            return self._error_response(
                400,
                f"The query string has more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} "
                "parameters: send query, variables, operationName and extensions only.",
                BAD_REQUEST,
                media_type,
            )
        except Rejection as rejection:
            return self._error_response(
                rejection.status,
                rejection.message,
                rejection.code,
                media_type,
                rejection.headers,
            )
        except Exception:
            # A bug, not a rejection: logged in full, answered without internals.
            logger.exception("GraphQL request failed")
            return self._error_response(500, "Unexpected error.", INTERNAL_SERVER_ERROR, media_type)

    @property
    def graphql_ide_html(self) -> str:
        """strawberry's GraphiQL page with its CDN assets served from our static files.

        The npm packages are installed at the exact versions the page names, so its
        integrity hashes still hold; a closed network or a CDN outage cannot blank it.
        """
        return CDN_ASSET.sub(
            lambda m: static(f"npm/{m['package']}/{m['path']}"), super().graphql_ide_html
        )

    def _wants_graphiql(self, request: HttpRequest) -> bool:
        return (
            bool(self.graphql_ide)
            and getattr(settings, "GRAPHQL_GRAPHIQL", True)
            and "query" not in request.GET
            and "text/html" in request.headers.get("Accept", "")
        )

    def _check_csrf(self, request: HttpRequest, token: ApiToken | None) -> None:
        """Signed-in (session) POSTs need Django's CSRF token, as GraphiQL sends it.

        Anonymous and token requests carry no ambient authority, so they are exempt;
        the JSON-only body rule already keeps plain cross-site forms out.
        """
        if token is not None or request.method != "POST":
            return
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        failure = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if failure is not None:
            raise Rejection(
                403,
                "CSRF check failed: signed-in requests must send the X-CSRFToken header.",
                CSRF_FAILED,
            )

    def _request_payload(self, request: HttpRequest) -> dict | list:
        if request.method == "GET":
            return self._get_params(request)
        content_type = request.content_type.lower()
        if content_type != JSON:
            raise Rejection(
                415,
                f"POST bodies must be {JSON}; got {content_type or 'no Content-Type'}.",
                UNSUPPORTED_MEDIA_TYPE,
            )
        if not request.body:
            raise Rejection(400, "The request body is empty: send a JSON object.", INVALID_JSON)
        try:
            payload = orjson.loads(request.body)
        except orjson.JSONDecodeError as exc:
            raise Rejection(
                400, f"The request body is not valid JSON: {exc}.", INVALID_JSON
            ) from None
        if isinstance(payload, list):
            self._check_batch(payload)
            # Persisted queries fill in "query" (a refused hash answers its item)
            payload = [persisted.resolve_in_batch(item) for item in payload]
            for item in payload:
                if not isinstance(item, persisted.Failure):
                    self._check_params(item)
            return payload
        payload = persisted.resolve(payload)  # persisted queries: the hash becomes its document
        self._check_params(payload)
        return payload

    def _get_params(self, request: HttpRequest) -> dict:
        params: dict[str, Any] = {}
        for name in ("query", "operationName"):
            if name in request.GET:
                params[name] = request.GET[name]
        for name in ("variables", "extensions"):
            raw = request.GET.get(name)
            if raw:
                try:
                    params[name] = orjson.loads(raw)
                except orjson.JSONDecodeError:
                    raise Rejection(
                        400, f"The '{name}' parameter is not valid JSON.", BAD_REQUEST
                    ) from None
        params = persisted.resolve(params)  # persisted queries: the hash becomes its document
        self._check_params(params)
        return params

    def _check_batch(self, payload: list) -> None:
        maximum = limit("GRAPHQL_MAX_BATCH")
        if maximum <= 0:
            raise Rejection(400, "Batched requests are not accepted here.", BATCHING_DISABLED)
        if not payload:
            raise Rejection(400, "The batch is empty: send at least one operation.", BAD_REQUEST)
        if len(payload) > maximum:
            raise Rejection(
                400,
                f"A batch may hold at most {maximum} operations; this one has {len(payload)}.",
                BATCH_TOO_LARGE,
            )

    @staticmethod
    def _check_params(params: Any) -> None:
        if not isinstance(params, dict):
            raise Rejection(
                400, "The request must be a JSON object with a 'query' string.", BAD_REQUEST
            )
        query = params.get("query")
        if query is None:
            raise Rejection(
                400, "The request has no 'query': send a GraphQL document.", MISSING_QUERY
            )
        if not isinstance(query, str):
            raise Rejection(400, "'query' must be a string.", BAD_REQUEST)
        if not query.strip():
            raise Rejection(400, "'query' is empty: send a GraphQL document.", MISSING_QUERY)
        for name, expected, kind in (
            ("variables", dict, "an object"),
            ("extensions", dict, "an object"),
            ("operationName", str, "a string"),
        ):
            value = params.get(name)
            if value is not None and not isinstance(value, expected):
                raise Rejection(400, f"'{name}' must be {kind} or null.", BAD_REQUEST)

    # --- execution --------------------------------------------------------

    def _execute(
        self, request: HttpRequest, payload: dict | list, media_type: str, token: ApiToken | None
    ) -> HttpResponse:
        sub_response = self.get_sub_response(request)
        context = self.get_context(request, response=sub_response)
        setattr(request, compiled.REQUEST_FLAG, settings.GRAPHQL_COMPILED_READS)
        root_value = self.get_root_value(request)
        with statement_timeout(limit("GRAPHQL_STATEMENT_TIMEOUT_MS")), request_budget() as deadline:
            if isinstance(payload, list):
                results = [
                    budget_exceeded_result(deadline.budget_ms)
                    if deadline.passed()
                    else self._execute_one(request, item, context, root_value, token, media_type)
                    for item in payload
                ]
                body: Any = [self._format(result) for result in results]
                status = 200
            else:
                result = self._execute_one(request, payload, context, root_value, token, media_type)
                body = self._format(result)
                status = (
                    400 if media_type == GRAPHQL_RESPONSE_JSON and is_request_error(result) else 200
                )
        response = self._response(body, status, media_type)
        executor = compiled.header_value(request)
        if executor is not None:
            response[compiled.EXECUTOR_HEADER] = executor
        for name, value in sub_response.items():
            if name.lower() != "content-type":
                response[name] = value
        for name, value in sub_response.cookies.items():
            response.cookies[name] = value
        if sub_response.status_code:
            response.status_code = sub_response.status_code
        return response

    def _execute_one(self, request, params: dict, context, root_value, token, media_type: str):
        if isinstance(params, persisted.Failure):  # a batch item whose hash was refused
            return params.result()
        allowed = {OperationType.QUERY}
        if request.method == "POST" and (token is None or token_can_write(token)):
            allowed.add(OperationType.MUTATION)
        try:
            result = self.get_schema().execute_sync(
                params["query"],
                variable_values=params.get("variables"),
                context_value=context,
                root_value=root_value,
                operation_name=params.get("operationName"),
                allowed_operation_types=allowed,
                operation_extensions=params.get("extensions"),
            )
        except InvalidOperationTypeError as exc:
            raise self._operation_type_rejection(exc.operation_type, request, token) from None
        except CannotGetOperationTypeError as exc:
            message = (
                f'Unknown operation named "{exc.operation_name}".'
                if exc.operation_name
                else "The document must hold exactly one operation, or operationName must "
                "name the one to run."
            )
            # A GraphQL request error: 200 with application/json, as the spec says.
            status = 400 if media_type == GRAPHQL_RESPONSE_JSON else 200
            raise Rejection(status, message, OPERATION_RESOLUTION_FAILURE) from None
        result.errors = apply_error_policy(result.errors)
        return result

    @staticmethod
    def _operation_type_rejection(operation_type, request, token) -> Rejection:
        if operation_type == OperationType.SUBSCRIPTION:
            return Rejection(400, "Subscriptions are not supported over HTTP.", BAD_REQUEST)
        if request.method == "GET":
            return Rejection(
                405,
                "Mutations cannot be sent with GET: use POST.",
                METHOD_NOT_ALLOWED,
                {"Allow": "POST"},
            )
        if token is not None:
            return Rejection(
                403, "API tokens are read-only: mutations are not allowed.", READ_ONLY_TOKEN
            )
        return Rejection(400, "This operation type is not allowed.", BAD_REQUEST)

    @staticmethod
    def _format(result) -> dict:
        body: dict[str, Any] = {}
        if not is_request_error(result):
            body["data"] = result.data
        if result.errors:
            body["errors"] = [error.formatted for error in result.errors]
        if result.extensions:
            body["extensions"] = result.extensions
        return body

    def _response(self, body: Any, status: int, media_type: str) -> HttpResponse:
        response = HttpResponse(
            self.encode_json(body), status=status, content_type=f"{media_type}; charset=utf-8"
        )
        patch_vary_headers(response, ("Accept", "Authorization"))
        return response

    def _error_response(
        self,
        status: int,
        message: str,
        code: str,
        media_type: str,
        headers: dict[str, str] | None = None,
    ) -> HttpResponse:
        body = {"errors": [{"message": message, "extensions": {"code": code}}]}
        response = self._response(body, status, media_type)
        for name, value in (headers or {}).items():
            response[name] = value
        return response
