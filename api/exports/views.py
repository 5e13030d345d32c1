"""``/exports/<dataset>.<format>``: streamed exports for partners holding an API token.

401: no token, or a wrong, revoked or expired one; 403: the token's scopes do
not include the dataset; 400: bad filters or since; 404: unknown dataset or
format; 304: the client's copy is current (ETag / Last-Modified). Every
request is logged in ExportAccess (who, what, when, rows, bytes).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

from api.core.http import Rejection
from api.core.tokens import authenticate
from api.exports.formats import FORMATS, csv_package
from api.exports.names import ALL
from api.exports.runner import plan_export, snapshot
from api.exports.selection import FILTER_KEYS, ExportError
from api.exports.stream import Counter, dumps
from api.models import ExportAccess

TOKEN_REQUIRED = "TOKEN_REQUIRED"
OUT_OF_SCOPE = "OUT_OF_SCOPE"
NOT_FOUND = "NOT_FOUND"
BAD_REQUEST = "BAD_REQUEST"


def _error(status: int, code: str, message: str, headers: dict | None = None) -> JsonResponse:
    response = JsonResponse({"error": {"code": code, "message": message}}, status=status)
    for key, value in (headers or {}).items():
        response[key] = value
    return response


def _log(request, token, dataset, fmt, status, parameters=None, **extra) -> ExportAccess:
    return ExportAccess.objects.create(
        token=token,
        who=token.name if token else "anonymous",
        channel="http",
        dataset=dataset[:32],
        format=fmt[:16],
        parameters=parameters or {},
        status=status,
        **extra,
    )


@require_safe
def export_view(request: HttpRequest, name: str) -> HttpResponse:
    dataset, _, fmt = name.partition(".")
    if name == csv_package.DESCRIPTOR:
        dataset, fmt = ALL, "datapackage"
    try:
        token = authenticate(request)
    except Rejection as rejection:
        _log(request, None, dataset, fmt, rejection.status)
        return _error(rejection.status, rejection.code, rejection.message, rejection.headers)
    if token is None:
        _log(request, None, dataset, fmt, 401)
        return _error(
            401,
            TOKEN_REQUIRED,
            "Exports need an API token: send 'Authorization: Bearer <key>'.",
            {"WWW-Authenticate": 'Bearer realm="timeline"'},
        )
    unknown = sorted(set(request.GET) - {*FILTER_KEYS, "since"})
    try:
        if unknown:
            raise ExportError(
                f"Unknown parameter(s): {', '.join(unknown)}. "
                f"Parameters: {', '.join([*FILTER_KEYS, 'since'])}."
            )
        filters = {key: request.GET.get(key) for key in FILTER_KEYS}
        plan = plan_export(
            "csv" if fmt == "datapackage" else fmt, dataset, filters, request.GET.get("since")
        )
    except ExportError as exc:
        known = fmt in FORMATS or fmt == "datapackage"
        status, code = (
            (400, BAD_REQUEST)
            if known and "Unknown dataset" not in str(exc)
            else (
                404,
                NOT_FOUND,
            )
        )
        _log(request, token, dataset, fmt, status)
        return _error(status, code, str(exc))
    datasets = plan.selection.datasets
    if not token.may_export(datasets):
        missing = sorted(set(datasets) - set(token.datasets))
        _log(request, token, dataset, fmt, 403, plan.parameters())
        return _error(
            403,
            OUT_OF_SCOPE,
            f"This token may not export: {', '.join(missing)}. Ask for a token with those "
            "datasets in its scope.",
        )

    with snapshot():
        last_modified = plan.selection.last_modified
    etag = plan.etag(last_modified)
    headers = {"ETag": etag, "Cache-Control": "private, no-cache", "Vary": "Authorization"}
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified.timestamp())
    if _not_modified(request, etag, last_modified):
        _log(
            request,
            token,
            dataset,
            fmt,
            304,
            plan.parameters(),
            completed=True,
            finished_at=timezone.now(),
        )
        response = HttpResponse(status=304)
        for key, value in headers.items():
            response[key] = value
        return response

    headers["X-Export-As-Of"] = plan.as_of.isoformat()
    if fmt == "datapackage":
        body = dumps(csv_package.descriptor(plan.selection))
        _log(
            request,
            token,
            dataset,
            fmt,
            200,
            plan.parameters(),
            rows=0,
            bytes=len(body),
            completed=True,
            finished_at=timezone.now(),
        )
        response = HttpResponse(body, content_type="application/json")
    else:
        log = _log(request, token, dataset, fmt, 200, plan.parameters(), started_at=plan.as_of)
        response = StreamingHttpResponse(
            _stream(plan, log, request.method == "HEAD"), content_type=plan.media_type
        )
        response["Content-Disposition"] = f'attachment; filename="{plan.filename}"'
    for key, value in headers.items():
        response[key] = value
    return response


def _stream(plan, log: ExportAccess, head: bool):
    counter = Counter()
    completed = False
    try:
        if not head:
            with snapshot():
                yield from plan.render(counter)
        completed = True
    finally:
        ExportAccess.objects.filter(pk=log.pk).update(
            rows=counter.rows,
            bytes=counter.bytes,
            finished_at=timezone.now(),
            completed=completed,
        )


def _not_modified(request: HttpRequest, etag: str, last_modified) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
    if since is None or last_modified is None:
        return False
    return int(last_modified.timestamp()) <= since
