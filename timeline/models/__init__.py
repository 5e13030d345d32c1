from timeline.models.actors import Actor, ActorKind, Position
from timeline.models.base import Status
from timeline.models.events import (
    Event,
    EventParticipant,
    EventRelation,
    EventType,
    ParticipantRole,
    RelationKind,
    Tag,
)
from timeline.models.revisions import Revision, RevisionStatus
from timeline.models.statements import Statement, StatementKind
from timeline.models.treaties import ActionKind, Treaty, TreatyAction, TreatyKind

__all__ = [
    "ActionKind",
    "Actor",
    "ActorKind",
    "Event",
    "EventParticipant",
    "EventRelation",
    "EventType",
    "ParticipantRole",
    "Position",
    "RelationKind",
    "Revision",
    "RevisionStatus",
    "Statement",
    "StatementKind",
    "Status",
    "Tag",
    "Treaty",
    "TreatyAction",
    "TreatyKind",
]
