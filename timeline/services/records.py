"""Deleting and creating under the rules: deletions that would break the backing rule or
lose a published record's row without review, and the plain creates scripts and the
ingester make."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import capfirst

from timeline.services import backing
from timeline.services.base import fit_reason, label, require_perm, service
from timeline.services.changes import (
    CITATION,
    Outcome,
    _as_inline_op,
    _delete,
    _DryRun,
    _owner_for_review,
    _short,
    model_key,
    owner_fk,
    propose,
    row_label,
)
from timeline.services.versioning import is_versioned


@service
def delete_record(record, user, *, reason: str = "", expected_version=None) -> Outcome:
    """Delete ``record`` under the rules: sources that back published records are kept,
    a citation that is a published record's last backing is kept, and a curator's
    deletion of a published record's row becomes a revision."""
    from timeline.services.sources import refuse_source_delete

    model = type(record)
    require_perm(user, model, "delete", "delete")
    if model_key(model) == "sources.source":
        refuse_source_delete([record])
    owner = _owner_for_review(record, user)
    if owner is not None:
        op = _as_inline_op(record, {}, "delete", record.version if is_versioned(model) else None)
        return propose(owner, {"fields": {}, "inlines": [op]}, user, owner.version, reason)
    touched = [record.record] if model_key(model) == CITATION else []
    already = backing.keys(backing.unbacked_published(touched))
    record._history_user = user
    record._change_reason = fit_reason(reason or "Deleted")
    _delete(record)
    backing.require_published_backed(touched, cause=f"Deleting {label(record)}", already=already)
    fk = owner_fk(record)
    owner = getattr(record, fk, None) if fk else None
    if owner is not None and hasattr(owner, "history"):
        owner._history_user = user
        owner._change_reason = fit_reason(
            f"{capfirst(record._meta.verbose_name)} removed: “{_short(row_label(record))}”"
        )
        owner.save(update_fields=["updated_at"])
    return Outcome(record, deleted=[record])


def delete_refusal(record, user) -> list[str]:
    """Why deleting ``record`` would be refused (empty if it would not): a dry run of
    ``delete_record`` in a savepoint that is always rolled back."""
    try:
        with transaction.atomic():
            fresh = type(record)._default_manager.get(pk=record.pk)
            delete_record(fresh, user)
            raise _DryRun
    except _DryRun:
        return []
    except (ValidationError, PermissionDenied) as exc:
        return list(getattr(exc, "messages", None) or [str(exc)])


def create(model, *, user=None, reason: str = "", **values):
    """Create a row of ``model`` from Python values (an ingester's or a script's write)."""
    record = model(**values)
    record._history_user = user
    if reason:
        record._change_reason = fit_reason(reason)
    return create_record(record, user)


@service
def create_record(record, user=None):
    """Validate and insert an unsaved ``record`` built in Python."""
    require_perm(user, type(record), "add", "add")
    if is_versioned(type(record)):
        record.version = 1
    record.full_clean()
    record.save()
    return record


@service
def link(record, name: str, targets, *, user=None, add: bool = False) -> None:
    """Set (or with ``add``, extend) the many-to-many links ``name`` of ``record``."""
    require_perm(user, type(record), "change", "edit")
    manager = getattr(record, name)
    if add:
        manager.add(*targets)
    else:
        manager.set(targets)


@service
def get_or_create(model, *, user=None, reason: str = "", defaults=None, **lookup):
    found = model._default_manager.filter(**lookup).first()
    if found is not None:
        return found, False
    return create(model, user=user, reason=reason, **lookup, **(defaults or {})), True
