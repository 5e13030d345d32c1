"""Compare-and-bump saves: an edit carries the version it was made against."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import F

from timeline.errors import ErrorCode
from timeline.services.base import service

IGNORED = {"version", "updated_at", "created_at", "date_start", "date_end", "precision"}


def is_versioned(model) -> bool:
    return any(f.name == "version" for f in model._meta.concrete_fields)


def _short(value) -> str:
    text = "—" if value in (None, "", []) else str(value)
    return f"“{text}”" if len(text) <= 60 else f"“{text[:57]}…”"


def changes_since(model, pk, version: int) -> str:
    """What others changed since ``version``, from the edit history: "who: field “a” → “b”"."""
    history = getattr(model, "history", None)
    if history is None:
        return ""
    rows = history.filter(id=pk).order_by("-history_date", "-history_id")
    base = rows.filter(version=version).first()
    current = rows.first()
    if base is None or current is None or base.pk == current.pk:
        return ""
    delta = current.diff_against(base)
    labels = []
    for change in delta.changes:
        if change.field in IGNORED:
            continue
        field = model._meta.get_field(change.field)
        if field.many_to_many:
            old = ", ".join(str(getattr(r, field.m2m_reverse_field_name())) for r in change.old)
            new = ", ".join(str(getattr(r, field.m2m_reverse_field_name())) for r in change.new)
        else:
            old, new = change.old, change.new
        labels.append(f"{field.verbose_name} {_short(old)} → {_short(new)}")
    later = rows.filter(history_date__gt=base.history_date).exclude(history_user=None)
    who = sorted({str(r.history_user) for r in later})
    if not labels:
        return ""
    return f" {' and '.join(who) or 'Someone'} changed: " + "; ".join(labels) + "."


def conflict(model, record, current: int | None, edited: int) -> ValidationError:
    name = model._meta.verbose_name.capitalize()
    return ValidationError(
        f"{name} “{record}” was changed by someone else (version {current}, you edited "
        f"version {edited}); reload it.{changes_since(model, record.pk, edited)}",
        code=ErrorCode.CONFLICT,
    )


def version_required(record) -> ValidationError:
    return ValidationError(
        f"The edit of {record._meta.verbose_name} “{record}” does not say which version it "
        "changes, so it could overwrite someone else's work; reload the page and make your "
        "change again.",
        code=ErrorCode.VERSION_REQUIRED,
    )


@service
def save_versioned(record, expected_version: int | None):
    """Save ``record`` only if nobody saved it since ``expected_version``; bump the version.

    A stale version raises ValidationError(code=conflict) instead of overwriting.
    """
    if record.pk is None:
        record.version = 1
        record.full_clean()
        record.save()
        return record
    if expected_version is None:
        raise version_required(record)
    model = type(record)
    updated = model._default_manager.filter(pk=record.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not updated:
        current = model._default_manager.filter(pk=record.pk).values_list("version", flat=True)
        raise conflict(model, record, current.first(), expected_version)
    record.version = expected_version + 1
    record.full_clean()
    record.save()
    return record
