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
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from simple_history import register as register_history

from api.exports.names import DATASETS
from timeline.models import Tag

KEY_PREFIX = "tl_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class TokenAccess(models.TextChoices):
    READ = "read", "read"
    WRITE = "write", "read and write"


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
    # Scopes. A token reads the GraphQL API (published records) whatever its scopes;
    # exports need the dataset in ``datasets``, writes need ``access`` = write.
    datasets = ArrayField(
        models.CharField(max_length=32, choices=[(name, name) for name in DATASETS]),
        blank=True,
        default=list,
        help_text="The export datasets this token may download (none: no exports).",
    )
    access = models.CharField(
        max_length=8,
        choices=TokenAccess.choices,
        default=TokenAccess.READ,
        help_text="Read: exports and queries. Write: also the GraphQL mutations.",
    )

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(key_hash__regex=r"^[0-9a-f]{64}$"),
                name="api_token_key_hash_is_sha256",
            ),
            models.CheckConstraint(
                condition=models.Q(access__in=TokenAccess.values), name="api_token_access_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(datasets__contained_by=list(DATASETS)),
                name="api_token_datasets_known",
            ),
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
        cls,
        name: str,
        user=None,
        expires_at: datetime | None = None,
        datasets: list[str] | None = None,
        access: str = "read",
    ) -> tuple[ApiToken, str]:
        token = cls(
            name=name, user=user, expires_at=expires_at, datasets=datasets or [], access=access
        )
        key = token.set_new_key()
        token.save()
        return token, key

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    def is_usable(self, now: datetime | None = None) -> bool:
        return self.is_active and not self.is_expired(now)

    def may_export(self, datasets) -> bool:
        return set(datasets) <= set(self.datasets)


class ExportAccess(models.Model):
    """One export download (HTTP) or file (command line): who, what, when, how much."""

    token = models.ForeignKey(
        ApiToken, null=True, blank=True, on_delete=models.SET_NULL, related_name="export_accesses"
    )
    who = models.CharField(max_length=200, help_text="The token's name, or 'command line: <user>'.")
    channel = models.CharField(max_length=8, choices=[("http", "HTTP"), ("cli", "command line")])
    dataset = models.CharField(max_length=32)
    format = models.CharField(max_length=16)
    parameters = models.JSONField(default=dict, blank=True, help_text="Filters and since.")
    status = models.PositiveSmallIntegerField(help_text="HTTP status (200, 304, 4xx); 0 = CLI.")
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows = models.PositiveBigIntegerField(default=0)
    bytes = models.PositiveBigIntegerField(default=0)
    completed = models.BooleanField(
        default=False, help_text="False while streaming, or if the client went away."
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "export access"
        verbose_name_plural = "export access log"

    def __str__(self) -> str:
        return f"{self.who}: {self.dataset}.{self.format} at {self.started_at:%Y-%m-%d %H:%M}"


# Tags have no edit history of their own; exports need one to list deleted tags
# in incremental downloads, so it is kept here (table api_historicaltag).
register_history(Tag, app="api", table_name="api_historicaltag")
