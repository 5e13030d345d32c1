"""One structured log record per request, for log pipelines (JSON with LOG_FORMAT=json).

Each record carries the request id (the client's X-Request-ID if it sent a sane one,
else a new one, echoed in the response), method, path (no query string: it may hold
search terms or tokens), status, duration, client address and user id. Query
strings and bodies are never logged.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

logger = logging.getLogger("timeline.requests")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


def client_address(request) -> str:
    # REMOTE_ADDR is the proxy's address behind one; the proxy's header is only trusted
    # where the deployment says a proxy sets it (SECURE_PROXY_SSL_HEADER configured).
    from django.conf import settings

    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get("X-Request-ID", "")
        request.request_id = sent if REQUEST_ID.match(sent) else uuid.uuid4().hex
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request.request_id
            return response
        finally:
            if logger.isEnabledFor(logging.INFO):
                user = getattr(request, "user", None)
                logger.info(
                    "request",
                    extra={
                        "request_id": request.request_id,
                        "method": request.method,
                        "path": request.path,
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "client": client_address(request),
                        "user_id": user.pk if user is not None and user.is_authenticated else None,
                    },
                )
