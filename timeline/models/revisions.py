"""Pending revisions: proposed changes to a published record, waiting for a reviewer.

The published row stays as it is (the public and the API keep seeing it) until a
reviewer approves the revision; then the services layer applies ``changes`` to
the record exactly as a direct edit would (same rules, same history).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class RevisionStatus(models.TextChoices):
    PENDING = "pending", "pending review"
    APPROVED = "approved", "approved"
    REJECTED = "rejected", "sent back"


class Revision(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    base_version = models.PositiveIntegerField(
        help_text="The version of the record the change was made against."
    )
    changes = models.JSONField(
        help_text='{"fields": {name: value}, "inlines": [{"model", "fk", "op", "pk", "fields"}]}'
    )
    summary = models.TextField(help_text="What the revision changes, in words.")
    reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=16,
        choices=RevisionStatus.choices,
        default=RevisionStatus.PENDING,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="revisions_proposed"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions_reviewed",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True, help_text="The reviewer's comment.")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "status"]),
            models.Index(fields=["status", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RevisionStatus.values),
                name="revision_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status=RevisionStatus.PENDING, reviewed_by__isnull=True)
                | (
                    ~models.Q(status=RevisionStatus.PENDING)
                    & models.Q(reviewed_by__isnull=False, reviewed_at__isnull=False)
                ),
                name="revision_reviewed_when_decided",
            ),
        ]

    def __str__(self) -> str:
        model = self.content_type.model_class()
        name = model._meta.verbose_name if model else self.content_type.model
        return f"Revision #{self.pk} of {name} #{self.object_id} ({self.get_status_display()})"

    @property
    def model(self):
        return self.content_type.model_class()
