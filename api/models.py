"""API tokens for partner and read-only clients.

Only the SHA-256 of a key is stored: a leaked database does not leak working
keys, and a lost key is replaced, never recovered. A token never signs a
Django user in; it makes the request a read-only public client (published
records only), whoever it was issued to.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

KEY_PREFIX = "tl_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    name = models.CharField(max_length=100, help_text="Who or what uses the token.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text="Issued to (for the record): the token does not sign this user in.",
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_prefix = models.CharField(
        max_length=12, editable=False, help_text="The key's first characters, to recognise it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True, help_text="Untick to revoke the token.")

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(key_hash__regex=r"^[0-9a-f]{64}$"),
                name="api_token_key_hash_is_sha256",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    def set_new_key(self) -> str:
        """Give the token a fresh random key and return it: the only time it is seen."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        self.key_hash = hash_key(key)
        self.key_prefix = key[:8]
        return key

    @classmethod
    def issue(
        cls, name: str, user=None, expires_at: datetime | None = None
    ) -> tuple[ApiToken, str]:
        token = cls(name=name, user=user, expires_at=expires_at)
        key = token.set_new_key()
        token.save()
        return token, key

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())
