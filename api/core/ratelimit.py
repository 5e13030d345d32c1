"""Per-client rate limiting of the API (django-ratelimit), answered in the GraphQL error shape.

A client is its API token when it sends one, else its signed-in user, else its
address, so partners behind one NAT do not share a budget with anonymous
visitors. Over the limit: HTTP 429 with ``Retry-After`` and
``{"errors": [{"message", "extensions": {"code": "RATE_LIMITED"}}]}``.
``API_RATE_LIMIT`` ("600/m"; "" for none) sets the budget.
"""

from __future__ import annotations

import logging
from functools import wraps

import orjson
from django.conf import settings
from django.http import HttpResponse
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from api.models import ApiToken, hash_key
from timeline.request_log import client_address

logger = logging.getLogger(__name__)
RATE_LIMITED = "RATE_LIMITED"
GROUP = "graphql"


def client_key(group: str, request) -> str:
    authorization = request.headers.get("Authorization", "")
    if authorization.lower().startswith("bearer "):
        # Only a stored token earns a budget of its own: made-up keys would otherwise
        # give each request a fresh one. They are counted against the address instead.
        token = (
            ApiToken.objects.filter(key_hash=hash_key(authorization[7:].strip()))
            .values_list("pk", flat=True)
            .first()
        )
        if token is not None:
            return f"token:{token}"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_address(request)}"


def rate_limited(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        rate = getattr(settings, "API_RATE_LIMIT", "")
        if rate:
            try:
                usage = get_usage(
                    request, group=GROUP, key=client_key, rate=rate, method=ALL, increment=True
                )
            except Exception:
                # The counters' cache is down: serve (fail open) rather than refuse everyone.
                logger.warning("Rate limit cache unavailable; request not counted", exc_info=True)
                usage = None
            if usage is not None and usage["should_limit"]:
                return too_many_requests(usage)
        return view(request, *args, **kwargs)

    return wrapped


def too_many_requests(usage: dict) -> HttpResponse:
    retry = max(1, int(usage["time_left"]))
    body = {
        "errors": [
            {
                "message": f"Too many requests: at most {usage['limit']} per "
                f"{_period(settings.API_RATE_LIMIT)} for each client. Retry in {retry} s.",
                "extensions": {"code": RATE_LIMITED, "retryAfter": retry},
            }
        ]
    }
    response = HttpResponse(
        orjson.dumps(body), status=429, content_type="application/json; charset=utf-8"
    )
    response["Retry-After"] = str(retry)
    return response


def _period(rate: str) -> str:
    unit = rate.split("/", 1)[1] if "/" in rate else "m"
    names = {"s": "second", "m": "minute", "h": "hour", "d": "day"}
    return names.get(unit[-1:], unit)
