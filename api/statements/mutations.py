"""Statement mutations: statementCreate, statementUpdate (via timeline.services)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Info, relay

from api.core.mutations import MutationError, PendingRevision, pending_revision, save_record
from api.statements.types import StatementKind
from timeline.models import Statement

if TYPE_CHECKING:
    from api.statements.types import StatementType

StatementNode = Annotated["StatementType", strawberry.lazy("api.statements.types")]
RELATIONS = {
    "speaker": "Actor",
    "speaker_position": "Position",
    "on_behalf_of": "Actor",
    "treaties": "Treaty",
    "events": "Event",
}


@strawberry.input(description="Statement fields; on update, only the fields given change.")
class StatementInput:
    speaker: relay.GlobalID | None = strawberry.UNSET
    speaker_position: relay.GlobalID | None = strawberry.UNSET
    on_behalf_of: relay.GlobalID | None = strawberry.UNSET
    date: str | None = strawberry.field(default=strawberry.UNSET, description="EDTF date.")
    venue: str | None = strawberry.UNSET
    kind: StatementKind | None = strawberry.UNSET
    language: str | None = strawberry.UNSET
    text: str | None = strawberry.UNSET
    cue_verb: str | None = strawberry.UNSET
    treaties: list[relay.GlobalID] | None = strawberry.UNSET
    events: list[relay.GlobalID] | None = strawberry.UNSET


@strawberry.type
class StatementPayload:
    statement: StatementNode | None = None
    pending_revision: PendingRevision | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


def _payload(record, revision, errors) -> StatementPayload:
    return StatementPayload(
        statement=record, pending_revision=pending_revision(revision), errors=errors
    )


@strawberry.type
class StatementMutations:
    @strawberry.mutation(description="Create a draft statement.")
    def statement_create(self, info: Info, input: StatementInput) -> StatementPayload:
        return _payload(*save_record(info, Statement, input, RELATIONS, type_name="Statement"))

    @strawberry.mutation(description="Change a statement (``version``: the one you edited).")
    def statement_update(
        self, info: Info, id: relay.GlobalID, version: int, input: StatementInput
    ) -> StatementPayload:
        return _payload(
            *save_record(
                info, Statement, input, RELATIONS, type_name="Statement", id=id, version=version
            )
        )
