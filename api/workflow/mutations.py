"""Workflow mutations: recordSubmit, recordPublish, recordRetract, recordSendBack,
revisionApprove, revisionReject (the same service functions as the admin's buttons and queue)."""

from __future__ import annotations

import strawberry
from strawberry import Info, relay

from api.core.mutations import (
    MutationError,
    MutationErrorCode,
    PendingRevision,
    decode,
    pending_revision,
    refuse,
    run,
    writer,
)
from sources.models import Source
from timeline import services
from timeline.models import Actor, Event, Revision, Statement, Status, Treaty, TreatyAction

WORKFLOW_TYPES = {
    "Event": Event,
    "Statement": Statement,
    "TreatyAction": TreatyAction,
    "Source": Source,
    "Treaty": Treaty,
    "Actor": Actor,
}


@strawberry.type
class RecordPayload:
    record: relay.Node | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.type
class RevisionPayload:
    revision: PendingRevision | None = None
    record: relay.Node | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


def _move(info: Info, id: relay.GlobalID, to_status: str, comment: str) -> RecordPayload:
    def work():
        user = writer(info)
        pk = decode(id, tuple(WORKFLOW_TYPES), "id")
        model = WORKFLOW_TYPES[id.type_name]
        record = model._default_manager.filter(pk=pk).first()
        if record is None:
            raise refuse(MutationErrorCode.NOT_FOUND, f"No {id.type_name} with id {id}.", "id")
        needs_reason = to_status in (Status.RETRACTED, Status.DRAFT)
        if needs_reason and record.status != Status.RETRACTED and not comment.strip():
            raise refuse(
                MutationErrorCode.REQUIRED, "Say why, so that the curator knows.", "comment"
            )
        return services.transition(record, to_status, user, comment=comment.strip())

    record, errors = run(work)
    return RecordPayload(record=record, errors=errors)


def _revision(info: Info, id: relay.GlobalID, approve: bool, comment: str) -> RevisionPayload:
    def work():
        user = writer(info)
        pk = decode(id, "Revision", "id")
        revision = Revision.objects.filter(pk=pk).first()
        if revision is None:
            raise refuse(MutationErrorCode.NOT_FOUND, f"No revision with id {id}.", "id")
        if approve:
            outcome = services.approve_revision(revision, user, comment=comment)
            return outcome.revision, outcome.record
        rejected = services.reject_revision(revision, user, comment=comment)
        return rejected, rejected.record

    result, errors = run(work)
    if result is None:
        return RevisionPayload(errors=errors)
    revision, record = result
    return RevisionPayload(revision=pending_revision(revision), record=record)


@strawberry.type
class WorkflowMutations:
    @strawberry.mutation(description="Submit a draft for review.")
    def record_submit(self, info: Info, id: relay.GlobalID) -> RecordPayload:
        return _move(info, id, Status.REVIEW, "")

    @strawberry.mutation(
        description="Publish a record in review (reviewers; not one you submitted yourself)."
    )
    def record_publish(self, info: Info, id: relay.GlobalID) -> RecordPayload:
        return _move(info, id, Status.PUBLISHED, "")

    @strawberry.mutation(description="Retract a published record, saying why.")
    def record_retract(self, info: Info, id: relay.GlobalID, comment: str) -> RecordPayload:
        return _move(info, id, Status.RETRACTED, comment)

    @strawberry.mutation(description="Send a record in review back to draft, saying why.")
    def record_send_back(self, info: Info, id: relay.GlobalID, comment: str) -> RecordPayload:
        return _move(info, id, Status.DRAFT, comment)

    @strawberry.mutation(
        description="Approve a pending revision: it becomes the published version."
    )
    def revision_approve(
        self, info: Info, id: relay.GlobalID, comment: str = ""
    ) -> RevisionPayload:
        return _revision(info, id, True, comment)

    @strawberry.mutation(description="Send a pending revision back, saying why.")
    def revision_reject(self, info: Info, id: relay.GlobalID, comment: str) -> RevisionPayload:
        return _revision(info, id, False, comment)
