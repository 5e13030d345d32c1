"""Writes curators and the API make: workflow transitions and versioned saves.

Every function runs in a transaction and checks permission itself, so the
admin, the API and scripts get the same rules.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F

from timeline.errors import ErrorCode
from timeline.models.base import Status

# from-status -> allowed to-statuses
TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.REVIEW},
    Status.REVIEW: {Status.DRAFT, Status.PUBLISHED},
    Status.PUBLISHED: {Status.RETRACTED},
    Status.RETRACTED: {Status.DRAFT},
}
# Moves a curator may make; the others need the model's publish permission.
CURATOR_MOVES = {(Status.DRAFT, Status.REVIEW)}
# Records that must cite a source before they can be published.
MUST_CITE = {"event", "statement", "treatyaction"}


def _perm(record, action: str) -> str:
    return f"{record._meta.app_label}.{action}_{record._meta.model_name}"


def can_transition(user, record, to_status: str) -> bool:
    move = (record.status, to_status)
    needed = "change" if move in CURATOR_MOVES else "publish"
    return user.has_perm(_perm(record, needed))


@transaction.atomic
def transition(record, to_status: str, user):
    """Move ``record`` to ``to_status``; raise ValidationError or PermissionDenied."""
    record = type(record)._default_manager.select_for_update().get(pk=record.pk)
    if to_status not in TRANSITIONS.get(record.status, set()):
        allowed = ", ".join(sorted(TRANSITIONS.get(record.status, set()))) or "none"
        raise ValidationError(
            f"Cannot move {record._meta.verbose_name} “{record}” from {record.status} to "
            f"{to_status}; allowed: {allowed}.",
            code=ErrorCode.INVALID_TRANSITION,
        )
    if not can_transition(user, record, to_status):
        raise PermissionDenied(
            f"You may not move this {record._meta.verbose_name} "
            f"from {record.status} to {to_status}."
        )
    if (
        to_status == Status.PUBLISHED
        and record._meta.model_name in MUST_CITE
        and not record.citations.exists()
    ):
        raise ValidationError(
            f"“{record}” cites no source; add a citation before publishing.",
            code=ErrorCode.UNCITED,
        )
    record.status = to_status
    record._change_reason = f"status → {to_status}"
    record._history_user = user
    save_versioned(record, record.version)
    return record


@transaction.atomic
def save_versioned(record, expected_version: int):
    """Save ``record`` only if nobody saved it since ``expected_version``; bump the version.

    A stale version raises ValidationError(code=conflict) instead of overwriting.
    """
    if record.pk is None:
        record.version = 1
        record.full_clean()
        record.save()
        return record
    model = type(record)
    updated = model._default_manager.filter(pk=record.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not updated:
        current = model._default_manager.filter(pk=record.pk).values_list("version", flat=True)
        raise ValidationError(
            f"{model._meta.verbose_name.capitalize()} “{record}” was changed by someone else "
            f"(version {current.first()}, you edited version {expected_version}); reload it.",
            code=ErrorCode.CONFLICT,
        )
    record.version = expected_version + 1
    record.full_clean()
    record.save()
    return record
