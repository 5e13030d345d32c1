"""Status moves (draft → review → published → retracted) and who may make them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from timeline.errors import ErrorCode
from timeline.models.base import Status
from timeline.services import backing
from timeline.services.base import fit_reason, perm, service
from timeline.services.versioning import save_versioned

# from-status -> allowed to-statuses
TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.REVIEW},
    Status.REVIEW: {Status.DRAFT, Status.PUBLISHED},
    Status.PUBLISHED: {Status.RETRACTED},
    Status.RETRACTED: {Status.DRAFT},
}
# Moves a curator may make; the others need the model's publish permission.
CURATOR_MOVES = {(Status.DRAFT, Status.REVIEW)}
MUST_CITE = backing.MUST_CITE
VERBS = {
    Status.REVIEW: "submit",
    Status.PUBLISHED: "publish",
    Status.RETRACTED: "retract",
    Status.DRAFT: "send back",
}


def two_person_rule() -> bool:
    return getattr(settings, "WORKFLOW_TWO_PERSON_RULE", True)


def submission_of(record):
    """(who, when) ``record`` was submitted for its current review; (None, None) if unknown.

    Read from the edit history: the oldest row of the latest unbroken run of
    rows in review is the submission.
    """
    history = getattr(record, "history", None)
    if history is None or record.status != Status.REVIEW:
        return None, None
    found = (None, None)
    rows = history.order_by("-history_date", "-history_id").select_related("history_user")
    for row in rows[:200]:
        if row.status != Status.REVIEW:
            break
        found = (row.history_user, row.history_date)
    return found


def submitter_of(record):
    return submission_of(record)[0]


def refusal_reason(user, record, to_status: str) -> str | None:
    """Why ``user`` may not move ``record`` to ``to_status`` now (None if they may)."""
    if to_status not in TRANSITIONS.get(record.status, set()):
        allowed = ", ".join(sorted(TRANSITIONS.get(record.status, set()))) or "none"
        return (
            f"Cannot move {record._meta.verbose_name} “{record}” from {record.status} to "
            f"{to_status}; allowed: {allowed}."
        )
    if not can_transition(user, record, to_status):
        name = record._meta.verbose_name
        return f"You may not move this {name} from {record.status} to {to_status}."
    if to_status == Status.PUBLISHED and two_person_rule() and user is not None:
        submitter = submitter_of(record)
        if submitter is not None and submitter.pk == user.pk:
            return (
                f"You submitted “{record}” for review yourself; another reviewer must publish "
                "it (two-person rule)."
            )
    return None


def can_transition(user, record, to_status: str) -> bool:
    move = (record.status, to_status)
    needed = "change" if move in CURATOR_MOVES else "publish"
    return user is None or user.has_perm(perm(record, needed))


@service
def transition(record, to_status: str, user, comment: str = ""):
    """Move ``record`` to ``to_status``; raise ValidationError or PermissionDenied.

    ``comment`` (why it is sent back or retracted) goes into the history reason.
    """
    record = type(record)._default_manager.select_for_update().get(pk=record.pk)
    reason = refusal_reason(user, record, to_status)
    if reason is not None:
        if to_status not in TRANSITIONS.get(record.status, set()):
            raise ValidationError(reason, code=ErrorCode.INVALID_TRANSITION)
        raise PermissionDenied(reason)
    if to_status == Status.PUBLISHED:
        backing.require_backing_to_publish(record)
    was_published = record.status == Status.PUBLISHED
    cited = backing.records_cited_by([record]) if record._meta.model_name == "source" else []
    already = backing.keys(backing.unbacked_published(cited))
    record.status = to_status
    why = f"status → {to_status}" + (f": {comment}" if comment else "")
    record._change_reason = fit_reason(why)
    record._history_user = user
    save_versioned(record, record.version)
    if was_published and cited:
        backing.require_published_backed(
            cited, cause=f"Un-publishing source “{record}”", already=already
        )
    return record
