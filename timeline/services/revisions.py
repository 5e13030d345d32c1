"""Reviewing pending revisions: approve (apply it) or send it back with a comment."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from timeline.errors import ErrorCode
from timeline.services.base import perm, service
from timeline.services.changes import Outcome, _apply
from timeline.services.workflow import two_person_rule


def _load(revision):
    from timeline.models.revisions import Revision, RevisionStatus

    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != RevisionStatus.PENDING:
        raise ValidationError(
            f"Revision #{revision.pk} was already {revision.get_status_display()} by "
            f"{revision.reviewed_by}.",
            code=ErrorCode.INVALID_TRANSITION,
        )
    model = revision.model
    record = model._default_manager.select_for_update().filter(pk=revision.object_id).first()
    if record is None:
        raise ValidationError(
            f"The record of revision #{revision.pk} no longer exists.", code=ErrorCode.NOT_FOUND
        )
    return revision, record


def may_review(user, revision) -> str | None:
    """Why ``user`` may not approve ``revision`` (None if they may)."""
    model = revision.model
    if user is None or not user.has_perm(perm(model, "publish")):
        return f"You may not approve or send back changes to a {model._meta.verbose_name}."
    if two_person_rule() and revision.created_by_id == user.pk:
        return (
            f"You proposed revision #{revision.pk} yourself; another reviewer must approve it "
            "(two-person rule)."
        )
    return None


@service
def approve_revision(revision, user, comment: str = "") -> Outcome:
    from timeline.models.revisions import RevisionStatus

    revision, record = _load(revision)
    refused = may_review(user, revision)
    if refused:
        raise PermissionDenied(refused)
    if record.version != revision.base_version:
        raise ValidationError(
            f"“{record}” changed since revision #{revision.pk} was proposed (it was made "
            f"against version {revision.base_version}, the record is now version "
            f"{record.version}). Send it back so that {revision.created_by} redoes it on the "
            "current version.",
            code=ErrorCode.CONFLICT,
        )
    reason = f"Revision #{revision.pk} by {revision.created_by} approved"
    if revision.summary:
        reason += f": {revision.summary}"
    outcome = _apply(record, revision.changes, user, revision.base_version, reason)
    revision.status = RevisionStatus.APPROVED
    revision.reviewed_by, revision.reviewed_at, revision.comment = user, timezone.now(), comment
    revision.save()
    outcome.revision = revision
    return outcome


@service
def reject_revision(revision, user, comment: str):
    from timeline.models.revisions import RevisionStatus

    revision, record = _load(revision)
    refused = may_review(user, revision)
    if refused:
        raise PermissionDenied(refused)
    if not (comment or "").strip():
        raise ValidationError(
            {
                "comment": ValidationError(
                    "Say why it is sent back, so that the curator can fix it.",
                    code=ErrorCode.REQUIRED,
                )
            }
        )
    revision.status = RevisionStatus.REJECTED
    revision.reviewed_by, revision.reviewed_at = user, timezone.now()
    revision.comment = comment.strip()
    revision.save()
    return revision


def pending_for(record):
    from django.contrib.contenttypes.models import ContentType

    from timeline.models.revisions import Revision, RevisionStatus

    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
        status=RevisionStatus.PENDING,
    ).select_related("created_by")
