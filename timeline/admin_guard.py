"""Query strings no admin view can use are answered before they reach the database.

PostgreSQL text cannot hold a NUL character, and psycopg refuses to send one, so
a NUL in any filter, search, ordering or autocomplete parameter used to surface
as a 500. Every admin view is covered here, including those of other apps
(users, groups, tokens) and filters added later: a changelist sends the curator
back to the unfiltered list with Django's own "?e=1" flag, as it does for any
other bad lookup; other admin views answer 400 with the reason.
"""

from __future__ import annotations

from django.contrib.admin.views.main import ERROR_FLAG
from django.http import HttpResponseBadRequest, HttpResponseRedirect

NUL = "\x00"


def has_nul(query) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in query.lists())


class AdminQueryGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces or not has_nul(request.GET):
            return None
        if (match.url_name or "").endswith("_changelist"):
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return HttpResponseBadRequest(
            "The query string contains a NUL character (\\x00), which no field can hold; "
            "remove it and try again.",
            content_type="text/plain; charset=utf-8",
        )
