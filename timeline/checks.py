"""Deployment checks of our own, run by ``manage.py check --deploy``."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def rate_limit_counters_are_shared(app_configs, **kwargs):
    backend = settings.CACHES[settings.RATELIMIT_USE_CACHE]["BACKEND"]
    if settings.API_RATE_LIMIT and backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "API rate-limit counters are kept in each worker's memory, so every worker "
                "allows the full API_RATE_LIMIT.",
                hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) so all workers share them.",
                id="timeline.W001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def graphiql_is_closed(app_configs, **kwargs):
    if not settings.DEBUG and (settings.GRAPHQL_GRAPHIQL or settings.GRAPHQL_INTROSPECTION):
        return [
            checks.Warning(
                "GraphiQL or schema introspection is open on a production server.",
                hint="Set GRAPHQL_GRAPHIQL=0 and GRAPHQL_INTROSPECTION=0, unless the API is "
                "meant to be explored publicly (then silence timeline.W002).",
                id="timeline.W002",
            )
        ]
    return []
