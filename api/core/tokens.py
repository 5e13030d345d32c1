"""Bearer API tokens: a valid one makes the request a public client (published records).

Scopes: ``datasets`` (which exports it may download) and ``access`` (read, or
read and write). ``token_can_write`` is the one check for writes.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone

from api.core.http import INVALID_TOKEN, Rejection
from api.models import ApiToken, TokenAccess, hash_key

# A token's last use is recorded at most this often: one write per minute, not per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def authenticate(request: HttpRequest) -> ApiToken | None:
    """The API token named by the Authorization header; None without one; 401 if wrong."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, key = header.strip().partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or not key:
        raise _invalid_token("The Authorization header must be 'Bearer <API token>'.")
    token = ApiToken.objects.filter(key_hash=hash_key(key)).first()
    if token is None:
        raise _invalid_token("Invalid API token.")
    if not token.is_active:
        raise _invalid_token("This API token has been revoked.")
    now = timezone.now()
    if token.is_expired(now):
        raise _invalid_token(f"This API token expired on {token.expires_at:%Y-%m-%d %H:%M} UTC.")
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    # A token is a public, read-only client, whoever holds a session cookie too.
    request.user = AnonymousUser()
    request.api_token = token
    return token


def _invalid_token(message: str) -> Rejection:
    description = message.replace('"', "'")
    return Rejection(
        401,
        message,
        INVALID_TOKEN,
        {
            "WWW-Authenticate": f'Bearer realm="timeline", error="invalid_token", '
            f'error_description="{description}"'
        },
    )


def token_can_write(token: ApiToken | None) -> bool:
    """True when ``token`` is usable (active, unexpired) and has the write scope."""
    return token is not None and token.is_usable() and token.access == TokenAccess.WRITE
