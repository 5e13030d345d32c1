"""Treaty action mutations: treatyActionCreate, treatyActionUpdate (via timeline.services)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Info, relay

from api.core.mutations import MutationError, PendingRevision, pending_revision, save_record
from api.treaties.types import ActionKind
from timeline.models import TreatyAction

if TYPE_CHECKING:
    from api.treaties.types import TreatyActionType

TreatyActionNode = Annotated["TreatyActionType", strawberry.lazy("api.treaties.types")]
RELATIONS = {"treaty": "Treaty", "actor": "Actor", "event": "Event"}


@strawberry.input(description="Treaty action fields; on update, only the fields given change.")
class TreatyActionInput:
    treaty: relay.GlobalID | None = strawberry.UNSET
    actor: relay.GlobalID | None = strawberry.UNSET
    action: ActionKind | None = strawberry.UNSET
    date: str | None = strawberry.field(default=strawberry.UNSET, description="EDTF date.")
    extended_until: str | None = strawberry.UNSET
    event: relay.GlobalID | None = strawberry.UNSET
    note: str | None = strawberry.UNSET


@strawberry.type
class TreatyActionPayload:
    treaty_action: TreatyActionNode | None = None
    pending_revision: PendingRevision | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


def _payload(record, revision, errors) -> TreatyActionPayload:
    return TreatyActionPayload(
        treaty_action=record, pending_revision=pending_revision(revision), errors=errors
    )


@strawberry.type
class TreatyActionMutations:
    @strawberry.mutation(description="Record a draft action of an actor on a treaty.")
    def treaty_action_create(self, info: Info, input: TreatyActionInput) -> TreatyActionPayload:
        return _payload(
            *save_record(info, TreatyAction, input, RELATIONS, type_name="TreatyAction")
        )

    @strawberry.mutation(description="Change a treaty action (``version``: the one you edited).")
    def treaty_action_update(
        self, info: Info, id: relay.GlobalID, version: int, input: TreatyActionInput
    ) -> TreatyActionPayload:
        return _payload(
            *save_record(
                info,
                TreatyAction,
                input,
                RELATIONS,
                type_name="TreatyAction",
                id=id,
                version=version,
            )
        )
