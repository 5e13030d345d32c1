"""Writes curators, reviewers, the API and the ingester make: one layer, one set of rules.

Every function runs in a transaction and checks permission itself, so the
admin, GraphQL mutations and scripts get the same rules (DESIGN §1).
"""

from timeline.services.backing import MUST_CITE, require_backing_to_publish
from timeline.services.base import in_service, service_write
from timeline.services.changes import Outcome, apply_changes, describe, propose
from timeline.services.records import (
    create,
    create_record,
    delete_record,
    delete_refusal,
    get_or_create,
    link,
)
from timeline.services.revisions import (
    approve_revision,
    may_review,
    pending_for,
    reject_revision,
)
from timeline.services.sources import source_delete_refusal
from timeline.services.versioning import save_versioned
from timeline.services.workflow import (
    CURATOR_MOVES,
    TRANSITIONS,
    can_transition,
    refusal_reason,
    submission_of,
    submitter_of,
    transition,
    two_person_rule,
)

__all__ = [
    "CURATOR_MOVES",
    "MUST_CITE",
    "TRANSITIONS",
    "Outcome",
    "apply_changes",
    "approve_revision",
    "can_transition",
    "create",
    "create_record",
    "delete_record",
    "delete_refusal",
    "describe",
    "get_or_create",
    "in_service",
    "link",
    "may_review",
    "pending_for",
    "propose",
    "refusal_reason",
    "reject_revision",
    "require_backing_to_publish",
    "save_versioned",
    "service_write",
    "source_delete_refusal",
    "submission_of",
    "submitter_of",
    "transition",
    "two_person_rule",
]
