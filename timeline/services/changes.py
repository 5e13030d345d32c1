"""Edits as data: a change set is applied by one function, or stored as a pending revision.

A change set is JSON, so that the admin, GraphQL mutations, history restore and
stored revisions all describe an edit the same way::

    {"fields": {"title": "…", "treaties": [3, 4], "event_type": 2},
     "inlines": [{"model": "sources.citation", "fk": "statement", "op": "add"|"change"|"delete",
                  "pk": 7, "version": 2, "fields": {"excerpt": "…"}}]}

Field values are JSON: a foreign key is its pk, a many-to-many field a list of
pks, decimals and dates are strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst

from timeline.errors import ErrorCode
from timeline.models.base import Status
from timeline.services import backing
from timeline.services.base import fit_reason, label, perm, require_perm, service
from timeline.services.values import _set, current_json
from timeline.services.versioning import conflict, is_versioned, save_versioned, version_required

# Supporting rows that belong to one main record: editing them edits that record
# (its history lists the change, and a published owner needs review).
OWNER_FK = {
    "timeline.eventparticipant": "event",
    "timeline.eventrelation": "from_event",
    "timeline.position": "person",
    "timeline.treatyaction": None,  # a main record itself (own workflow)
}
CITATION = "sources.citation"


def model_key(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def owner_fk(record) -> str | None:
    """The foreign key that names the main record ``record`` belongs to, if any."""
    key = model_key(type(record))
    if key == CITATION:
        return next((n for n in record.RECORD_FIELDS if getattr(record, f"{n}_id")), None)
    return OWNER_FK.get(key)


def _short(value, limit: int = 36) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def row_label(row) -> str:
    """How a supporting row is named in a history reason: a citation by its excerpt."""
    return getattr(row, "excerpt", None) or str(row)


def _field_labels(model, names) -> list[str]:
    return [capfirst(str(model._meta.get_field(n).verbose_name)) for n in names]


def diff(record, fields: dict) -> dict:
    """Only the entries of ``fields`` that differ from the record as stored."""
    model = type(record)
    stored = model._default_manager.filter(pk=record.pk).first() if record.pk else None
    out = {}
    for name, value in fields.items():
        model_field = model._meta.get_field(name)
        if stored is None or current_json(stored, model_field) != value:
            out[name] = value
    return out


def describe(model, changes: dict) -> str:
    """A change set in words, for history reasons and revision summaries."""
    parts = []
    if changes.get("fields"):
        parts.append(", ".join(_field_labels(model, changes["fields"])))
    for op in changes.get("inlines", []):
        child = apps.get_model(op["model"])
        name = child._meta.verbose_name
        verb = {"add": "added", "change": "changed", "delete": "removed"}[op["op"]]
        what = op.get("label") or (op.get("fields") or {}).get("excerpt") or ""
        parts.append(f"{capfirst(name)} {verb}" + (f": “{_short(what, 30)}”" if what else ""))
    return "; ".join(parts)


# --- outcome -------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What an edit did: the record (saved, or as it still is), and the revision if staged."""

    record: object
    revision: object = None
    created: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    deleted: list = field(default_factory=list)

    @property
    def pending(self) -> bool:
        return self.revision is not None


class _DryRun(Exception):
    pass


# --- applying ------------------------------------------------------------------------------


def needs_review(record, changes: dict, user) -> bool:
    """A change to a published record by someone who may not publish it waits for review."""
    if user is None:
        return False
    if getattr(record, "status", None) == Status.PUBLISHED and not user.has_perm(
        perm(record, "publish")
    ):
        return True
    for op in changes.get("inlines", []):
        child_model = apps.get_model(op["model"])
        if op["op"] == "add" or not hasattr(child_model, "status"):
            continue
        child = child_model._default_manager.filter(pk=op["pk"]).first()
        published = child is not None and child.status == Status.PUBLISHED
        if published and not user.has_perm(perm(child_model, "publish")):
            return True
    return False


def _apply_child(parent, op: dict, user, reason: str, outcome: Outcome) -> list:
    """Apply one inline operation; return the main records whose backing it may change."""
    model = apps.get_model(op["model"])
    fk = model._meta.get_field(op["fk"])
    if op["op"] == "add":
        child = model()
        setattr(child, fk.attname, parent.pk)
    else:
        child = (
            model._default_manager.select_for_update()
            .filter(pk=op.get("pk"), **{fk.attname: parent.pk})
            .first()
        )
        if child is None:
            raise ValidationError(
                f"The {model._meta.verbose_name} #{op.get('pk')} of {label(parent)} was "
                "removed by someone else meanwhile; reload the page.",
                code=ErrorCode.CONFLICT,
            )
        if is_versioned(model):
            if op.get("version") is None:
                raise version_required(child)
            if child.version != op["version"]:
                raise conflict(model, child, child.version, op["version"])
    touched = [parent]
    if model_key(model) == CITATION and child.pk:
        touched.append(child.record)
    child._history_user = user
    child._change_reason = fit_reason(reason)
    if op["op"] == "delete":
        outcome.deleted.append(child)
        _delete(child)
        return touched
    for name, value in (op.get("fields") or {}).items():
        model_field = model._meta.get_field(name)
        if not model_field.many_to_many:
            _set(child, model_field, value)
    if child.pk is None:
        if is_versioned(model):
            child.version = 1
        child.full_clean()
        child.save()
        outcome.created.append(child)
    elif is_versioned(model):
        save_versioned(child, op["version"])
        outcome.changed.append((child, list(op.get("fields") or {})))
    else:
        child.full_clean()
        child.save()
        outcome.changed.append((child, list(op.get("fields") or {})))
    for name, value in (op.get("fields") or {}).items():
        model_field = model._meta.get_field(name)
        if model_field.many_to_many:
            getattr(child, name).set(value)
    if model_key(model) == CITATION:
        touched.append(child.record)
    return touched


def _delete(record) -> None:
    from sources.models import Citation

    if isinstance(record, Citation):
        # The backing check runs once at the end of the change set, after the
        # additions, so replacing a citation in one save is allowed.
        Citation.objects.filter(pk=record.pk).delete_unchecked()
    else:
        record.delete()


def _apply(record, changes: dict, user, expected_version, reason: str) -> Outcome:
    model = type(record)
    outcome = Outcome(record)
    fields = changes.get("fields") or {}
    m2m = {}
    for name, value in fields.items():
        model_field = model._meta.get_field(name)
        if model_field.many_to_many:
            m2m[name] = value
        else:
            _set(record, model_field, value)
    body_changed = model_key(model) == "sources.source" and "body" in fields and record.pk
    already = backing.keys(backing.unbacked_published(_owners_before(record, changes)))
    record._history_user = user
    record._change_reason = fit_reason(reason)
    if record.pk is None:
        if is_versioned(model):
            record.version = 1
        record.full_clean()
        record.save()
    elif is_versioned(model):
        save_versioned(record, expected_version)
    else:
        record.full_clean()
        record.save()
    for name, pks in m2m.items():
        getattr(record, name).set(pks)
    touched = [record]
    if model_key(model) == CITATION:
        touched += _citation_owners_before(record)
    ops = changes.get("inlines") or []
    # Additions and edits before deletions: a citation may be replaced in one save.
    for op in sorted(ops, key=lambda o: o["op"] == "delete"):
        touched += _apply_child(record, op, user, reason, outcome)
    if body_changed:
        from timeline.services.sources import reverify_citations

        reverify_citations(record, user)
    backing.require_published_backed(touched, cause=_cause(record, changes), already=already)
    return outcome


def _owners_before(record, changes: dict) -> list:
    """The main records whose backing a change set may touch, as they are now."""
    from sources.models import Citation

    owners = [record] if record.pk else []
    if model_key(type(record)) == CITATION and record.pk:
        owners.append(Citation.objects.get(pk=record.pk).record)
    pks = [op.get("pk") for op in changes.get("inlines") or [] if op.get("model") == CITATION]
    citations = Citation.objects.filter(pk__in=[p for p in pks if p])
    owners += [c.record for c in citations.select_related("event", "statement", "treaty_action")]
    return owners


def _citation_owners_before(citation) -> list:
    before = getattr(citation, "_owner_before", None)
    return [before, citation.record] if before is not None else [citation.record]


def _cause(record, changes) -> str:
    removed = [o for o in changes.get("inlines", []) if o["op"] == "delete"]
    if removed:
        return "Removing " + ("these citations" if len(removed) > 1 else "this citation")
    return f"This change to {label(record)}"


def _check_version(record, expected_version) -> None:
    model = type(record)
    if record.pk is None or not is_versioned(model):
        return
    if expected_version is None:
        raise version_required(record)
    current = model._default_manager.select_for_update().filter(pk=record.pk)
    version = current.values_list("version", flat=True).first()
    if version != expected_version:
        raise conflict(model, record, version, expected_version)


@service
def apply_changes(
    record, changes: dict, user, *, expected_version: int | None = None, reason: str = ""
) -> Outcome:
    """Create or edit ``record`` with ``changes`` under the workflow rules.

    - checks the user's add/change permission;
    - an edit carries ``expected_version``; a missing or stale one is refused;
    - an edit of a published record (or of a row that belongs to one, such as a
      citation) by someone who may not publish it becomes a pending revision;
    - the backing rule holds afterwards, or nothing is saved.
    """
    model = type(record)
    creating = record.pk is None
    require_perm(user, model, "add" if creating else "change", "add" if creating else "edit")
    _check_version(record, expected_version)
    if model_key(model) == CITATION and not creating:
        stored = model._default_manager.get(pk=record.pk)
        record._owner_before = stored.record
    owner = _owner_for_review(record, user)
    if owner is not None:
        # A row of a published record (a citation, a participant, a position):
        # the change waits for review as a revision of that record.
        op = _as_inline_op(record, changes, "add" if creating else "change", expected_version)
        return propose(owner, {"fields": {}, "inlines": [op]}, user, owner.version, reason)
    if not creating and needs_review(record, changes, user):
        return propose(record, changes, user, expected_version, reason)
    text = describe(model, changes)
    full_reason = reason if not text or creating else f"{reason}: {text}" if reason else text
    return _apply(record, changes, user, expected_version, full_reason)


def _owner_for_review(record, user):
    """The published main record ``record`` belongs to, if the user's edit of it needs review."""
    fk = owner_fk(record)
    if fk is None or user is None:
        return None
    owners = [getattr(record, fk)]
    before = getattr(record, "_owner_before", None)
    if before is not None:
        owners.append(before)
    for owner in owners:
        if owner is not None and needs_review(owner, {}, user):
            return owner
    return None


def _as_inline_op(record, changes: dict, op: str, version) -> dict:
    fk = owner_fk(record)
    out = {"model": model_key(type(record)), "fk": fk, "op": op, "fields": changes.get("fields")}
    if op != "add":
        out["pk"], out["version"] = record.pk, version
    out["label"] = row_label(record) if op != "add" else ""
    return out


# --- pending revisions -----------------------------------------------------------------------


def propose(record, changes: dict, user, expected_version, reason: str) -> Outcome:
    """Store ``changes`` as a pending revision of ``record`` (published, unchanged).

    The change set is tried first in a savepoint that is rolled back, so a revision
    that could never be approved (bad date, missing excerpt, last citation removed)
    is refused now, with the same message a direct edit would get.
    """
    from django.contrib.contenttypes.models import ContentType

    from timeline.models.revisions import Revision

    changes = {
        "fields": diff(record, changes.get("fields") or {}),
        "inlines": list(changes.get("inlines") or []),
    }
    if not changes["fields"] and not changes["inlines"]:
        fresh = type(record)._default_manager.get(pk=record.pk)
        return Outcome(fresh)
    try:
        with transaction.atomic():
            trial = type(record)._default_manager.get(pk=record.pk)
            _apply(trial, changes, user, expected_version, reason)
            raise _DryRun
    except _DryRun:
        pass
    revision = Revision.objects.create(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
        base_version=expected_version,
        changes=changes,
        summary=describe(type(record), changes),
        reason=reason[:300],
        created_by=user,
    )
    return Outcome(type(record)._default_manager.get(pk=record.pk), revision=revision)
