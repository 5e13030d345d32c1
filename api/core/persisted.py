"""Persisted queries: a client sends the SHA-256 of a document instead of the document.

The protocol is Apollo's "automatic persisted queries" (APQ), which Apollo Client,
urql's persisted-fetch exchange and Relay-style clients speak, over POST and GET::

    {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "<64 hex>"}}}

- hash only, known:   the stored document runs;
- hash only, unknown: ``PersistedQueryNotFound`` (code ``PERSISTED_QUERY_NOT_FOUND``),
  always with HTTP 200: Apollo Client then resends with ``query`` (it turns persisted
  queries off for good when it sees a 400 or 500 here);
- hash and ``query``: the hash must be the query's SHA-256 (else ``BAD_REQUEST``); the
  document is stored under it and runs.

Documents live in Django's cache ``GRAPHQL_PERSISTED_CACHE`` (default "persisted_queries":
Redis, shared by the workers, when REDIS_URL is set, else each process's bounded LocMem
cache; a store that is down counts as a miss), plus the documents of an optional manifest
file ``GRAPHQL_PERSISTED_MANIFEST`` (Apollo's ``persisted-query-manifest.json`` or a plain
``{"<sha256>": "<document>"}``).

Parse and validation: a stored hash gives back the document text, and the API's parse
cache (an LRU keyed by the text) and validation cache (keyed by the parsed document and
the rules) in ``api.core.limits.documents`` answer it without parsing or validating again.

``GRAPHQL_PERSISTED_ONLY`` locks the API down to the manifest: a request must name a
hash of the manifest (``PERSISTED_QUERY_NOT_IN_LIST`` otherwise; ``query`` text alone is
``PERSISTED_QUERY_ID_REQUIRED``), and nothing new is stored. ``GRAPHQL_PERSISTED_QUERIES
= False`` turns the protocol off (``PERSISTED_QUERY_NOT_SUPPORTED``, which makes Apollo
Client stop sending hashes).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from graphql import GraphQLError
from strawberry.types import ExecutionResult

from api.core.http import BAD_REQUEST, Rejection

logger = logging.getLogger(__name__)

PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
PERSISTED_QUERY_NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST"
PERSISTED_QUERY_ID_REQUIRED = "PERSISTED_QUERY_ID_REQUIRED"

VERSION = 1
HASH = re.compile(r"[0-9a-fA-F]{64}")
KEY_PREFIX = "apq:"


def sha256(query: str) -> str:
    return hashlib.sha256(query.encode("utf-8")).hexdigest()


def enabled() -> bool:
    return getattr(settings, "GRAPHQL_PERSISTED_QUERIES", True)


def persisted_only() -> bool:
    return getattr(settings, "GRAPHQL_PERSISTED_ONLY", False)


def _store():
    return caches[getattr(settings, "GRAPHQL_PERSISTED_CACHE", "persisted_queries")]


# --- the manifest -------------------------------------------------------------


def manifest() -> dict[str, str]:
    """{sha256: document} of GRAPHQL_PERSISTED_MANIFEST ({} when unset)."""
    return _load_manifest(getattr(settings, "GRAPHQL_PERSISTED_MANIFEST", "") or "")


@lru_cache(maxsize=4)
def _load_manifest(path: str) -> dict[str, str]:
    if not path:
        return {}
    where = f"GRAPHQL_PERSISTED_MANIFEST={path!r}"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ImproperlyConfigured(f"{where} cannot be read: {exc.strerror}.") from None
    except ValueError as exc:
        raise ImproperlyConfigured(f"{where} is not valid JSON: {exc}.") from None
    if isinstance(data, dict) and isinstance(data.get("operations"), list):
        # Apollo's persisted-query manifest: {"operations": [{"id", "body", ...}]}.
        entries = [
            (op.get("id"), op.get("body")) if isinstance(op, dict) else (None, None)
            for op in data["operations"]
        ]
    elif isinstance(data, dict):
        entries = list(data.items())
    else:
        raise ImproperlyConfigured(
            f'{where} must hold {{"<sha256>": "<document>"}} or Apollo\'s '
            '{"operations": [{"id": "<sha256>", "body": "<document>"}]}.'
        )
    documents = {}
    for number, (key, body) in enumerate(entries, 1):
        if not isinstance(key, str) or not HASH.fullmatch(key) or not isinstance(body, str):
            raise ImproperlyConfigured(
                f"{where}: entry {number} needs a 64-hex-digit SHA-256 id and a document string."
            )
        if sha256(body) != key.lower():
            raise ImproperlyConfigured(
                f"{where}: entry {number} ({key}) is not the SHA-256 of its document "
                f"(that is {sha256(body)})."
            )
        documents[key.lower()] = body
    return documents


@checks.register()
def persisted_queries_configured(app_configs, **kwargs):
    """manage.py check: the manifest loads, and locked-down mode has one."""
    try:
        documents = manifest()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="api.E001")]
    if persisted_only() and not documents:
        return [
            checks.Error(
                "GRAPHQL_PERSISTED_ONLY is on but no persisted query is known, so every "
                "request would be refused.",
                hint="Set GRAPHQL_PERSISTED_MANIFEST to the clients' manifest file.",
                id="api.E002",
            )
        ]
    return []


# --- requests -----------------------------------------------------------------


@dataclass
class Failure:
    """A batch item refused for its persisted query: it answers its own error."""

    rejection: Rejection

    def result(self) -> ExecutionResult:
        error = GraphQLError(self.rejection.message, extensions={"code": self.rejection.code})
        return ExecutionResult(data=None, errors=[error])


def _bad(message: str) -> Rejection:
    return Rejection(400, message, BAD_REQUEST)


def resolve(params: Any) -> Any:
    """``params`` with ``query`` filled in from its persisted-query hash, if it has one.

    Raises ``Rejection`` for a bad, unknown or refused hash. Anything that is not a
    request object is returned as it is, for the view's own checks to refuse.
    """
    if not isinstance(params, dict):
        return params
    extensions = params.get("extensions")
    spec = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
    if spec is None:
        if persisted_only():
            raise Rejection(
                400,
                "This server runs persisted queries only: send "
                "extensions.persistedQuery.sha256Hash of a document from its manifest.",
                PERSISTED_QUERY_ID_REQUIRED,
            )
        return params
    if not enabled():
        raise Rejection(200, "PersistedQueryNotSupported", PERSISTED_QUERY_NOT_SUPPORTED)
    key = _parse_spec(spec)
    query = params.get("query")
    known = manifest().get(key)
    if persisted_only() and known is None:
        raise Rejection(
            400,
            f"The persisted query {key} is not in this server's allow-list "
            "(GRAPHQL_PERSISTED_ONLY).",
            PERSISTED_QUERY_NOT_IN_LIST,
        )
    if query is None:
        if known is None:
            known = _stored(key)
        if known is None:
            # Apollo's exact message and code: clients match on them to resend the query.
            raise Rejection(200, "PersistedQueryNotFound", PERSISTED_QUERY_NOT_FOUND)
        return {**params, "query": known}
    if not isinstance(query, str):
        return params  # the view refuses a non-string query
    if sha256(query) != key:
        raise _bad(
            "extensions.persistedQuery.sha256Hash does not match the query: it must be the "
            "SHA-256 (hexadecimal) of the UTF-8 query text exactly as sent."
        )
    if known is None and query.strip():
        _store_document(key, query)
    return params


def _stored(key: str) -> str | None:
    try:
        return _store().get(KEY_PREFIX + key)
    except Exception:
        # A store that is down (Redis) is a miss: the client resends the query, which runs.
        logger.warning("persisted-query store unavailable", exc_info=True)
        return None


def _store_document(key: str, query: str) -> None:
    try:
        _store().set(KEY_PREFIX + key, query)
    except Exception:
        logger.warning("persisted-query store unavailable", exc_info=True)


def resolve_in_batch(params: Any) -> Any:
    """``resolve`` for one operation of a batch: a refusal answers that operation only."""
    try:
        return resolve(params)
    except Rejection as rejection:
        return Failure(rejection)


def _parse_spec(spec: Any) -> str:
    if not isinstance(spec, dict):
        raise _bad(
            "extensions.persistedQuery must be an object: "
            '{"version": 1, "sha256Hash": "<64 hexadecimal digits>"}.'
        )
    version = spec.get("version")
    if version != VERSION or isinstance(version, bool):
        raise _bad(
            f"Persisted query version {json.dumps(version)} is not supported: "
            f"send extensions.persistedQuery.version {VERSION}."
        )
    key = spec.get("sha256Hash")
    if not isinstance(key, str) or not HASH.fullmatch(key):
        raise _bad(
            "extensions.persistedQuery.sha256Hash must be the 64 hexadecimal digits of "
            "the query's SHA-256."
        )
    return key.lower()
