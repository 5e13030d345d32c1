"""The twelve export datasets. Columns are the contract partners rely on: add, never rename.

Every link to another record is exported only when that record is visible
(``shown_id``); the rows themselves come from ``timeline.querysets.visible``,
so the export shows exactly what the public API shows.
"""

from __future__ import annotations

import sources.querysets  # noqa: F401  (registers the sources read rules)
from api.actors.filters import ActorFilterSet
from api.events.filters import EventFilterSet
from api.exports.datasets.base import (
    ARRAY,
    DATE,
    DATETIME,
    INTEGER,
    NUMBER,
    Column,
    Dataset,
)
from api.exports.datasets.helpers import (
    CREATED,
    ID,
    PRECISIONS,
    UPDATED,
    child,
    choices,
    edtf_columns,
    m2m,
    own,
    past,
    prepare_actors,
    prepare_citations,
    prepare_event_types,
    prepare_events,
    prepare_outlets,
    prepare_participants,
    prepare_positions,
    prepare_sources,
    prepare_statements,
    prepare_treaty_actions,
    via,
)
from api.sources.filters import SourceFilterSet
from api.statements.filters import StatementFilterSet
from api.treaties.filters import TreatyActionFilterSet, TreatyFilterSet
from sources.models import Citation, Outlet, OutletKind, Source
from timeline.models import (
    ActionKind,
    Actor,
    ActorKind,
    Event,
    EventParticipant,
    EventRelation,
    EventType,
    ParticipantRole,
    Position,
    RelationKind,
    Statement,
    StatementKind,
    Tag,
    Treaty,
    TreatyAction,
    TreatyKind,
)

DATASETS: dict[str, Dataset] = {}


def _add(dataset: Dataset) -> None:
    DATASETS[dataset.name] = dataset


_add(
    Dataset(
        "actors",
        Actor,
        [
            ID,
            Column("slug", required=True, unique=True),
            Column("name", required=True, unique=True),
            Column("short_name"),
            Column("aliases", ARRAY, "Other names."),
            Column("kind", required=True, enum=choices(ActorKind)),
            Column(
                "parent_id",
                INTEGER,
                "The actor it belongs to.",
                references="actors",
                source="x_parent_id",
            ),
            Column("wikidata_id", description="Wikidata item id (Q…)."),
            Column("description"),
            CREATED,
            UPDATED,
        ],
        "States, organisations, people and groups.",
        filterset=ActorFilterSet,
        prepare=prepare_actors,
        dependencies=[own(Actor), via(Actor, "parent")],
    )
)
_add(
    Dataset(
        "positions",
        Position,
        [
            ID,
            Column("person_id", INTEGER, required=True, references="actors"),
            Column("organisation_id", INTEGER, required=True, references="actors"),
            Column("title", required=True),
            *edtf_columns("period", required=True),
            CREATED,
            UPDATED,
        ],
        "Roles people held for an actor over a period.",
        prepare=prepare_positions,
        dependencies=[own(Position), via(Actor, "person"), via(Actor, "organisation")],
        has_status=False,
    )
)
_add(
    Dataset(
        "event_types",
        EventType,
        [
            ID,
            Column("slug", required=True, unique=True),
            Column("name", required=True, unique=True),
            Column("parent_id", INTEGER, references="event_types"),
            Column("plover_code", description="PLOVER event code."),
            Column("cameo_code", description="CAMEO event code."),
            Column("description"),
            CREATED,
            UPDATED,
        ],
        "The event type taxonomy.",
        prepare=prepare_event_types,
        dependencies=[own(EventType)],
        has_status=False,
    )
)
_add(
    Dataset(
        "tags",
        Tag,
        [
            ID,
            Column("slug", required=True, unique=True),
            Column("name", required=True, unique=True),
            CREATED,
            UPDATED,
        ],
        "Tags on events.",
        dependencies=[own(Tag)],  # Tag.history: registered in api.models
        has_status=False,
    )
)
_add(
    Dataset(
        "outlets",
        Outlet,
        [
            ID,
            Column("slug", required=True, unique=True),
            Column("name", required=True, unique=True),
            Column("aliases", ARRAY),
            Column("kind", required=True, enum=choices(OutletKind)),
            Column("country_id", INTEGER, references="actors", source="x_country_id"),
            Column("url"),
            CREATED,
            UPDATED,
        ],
        "Publishers of sources.",
        prepare=prepare_outlets,
        dependencies=[own(Outlet), via(Actor, "country")],
        has_status=False,
    )
)
_add(
    Dataset(
        "treaties",
        Treaty,
        [
            ID,
            Column("slug", required=True, unique=True),
            Column("name", required=True, unique=True),
            Column("short_name"),
            Column("aliases", ARRAY),
            Column("kind", required=True, enum=choices(TreatyKind)),
            *edtf_columns("signed", required=False),
            *edtf_columns("entered_into_force", required=False),
            *edtf_columns("expires", required=False),
            Column("ended", DATE, "Derived: first day no longer in force, from the actions."),
            Column("wikidata_id"),
            Column("summary"),
            CREATED,
            UPDATED,
        ],
        "Treaties; their status follows from treaty_actions.",
        filterset=TreatyFilterSet,
        dependencies=[own(Treaty), child(TreatyAction, "treaty_id")],
    )
)
_add(
    Dataset(
        "events",
        Event,
        [
            ID,
            Column("slug", required=True, unique=True),
            Column("title", required=True),
            Column("summary"),
            *edtf_columns("date", required=True, precision="precision"),
            Column("event_type_id", INTEGER, required=True, references="event_types"),
            Column("place_name"),
            Column("place_country_id", INTEGER, references="actors", source="x_place_country_id"),
            Column("latitude", NUMBER, "WGS 84 degrees north."),
            Column("longitude", NUMBER, "WGS 84 degrees east."),
            Column("treaties", ARRAY, "Ids of the treaties concerned.", source="x_treaties"),
            Column("tags", ARRAY, "Ids of its tags.", source="x_tags"),
            Column(
                "related",
                ARRAY,
                "Relations to other events: objects with kind (responds_to, part_of, "
                "follows) and event_id.",
                source="x_related",
            ),
            CREATED,
            UPDATED,
        ],
        "What happened: dated events.",
        filterset=EventFilterSet,
        prepare=prepare_events,
        dependencies=[
            own(Event),
            child(EventParticipant, "event_id"),
            via(Actor, "participations__actor"),
            via(Actor, "place_country"),
            child(Citation, "event_id"),
            via(Source, "citations__source"),
            child(EventRelation, "from_event_id"),
            via(Event, "relations_out__to_event"),
            via(Treaty, "treaties"),
            via(Tag, "tags"),
            m2m(Treaty, "timeline.HistoricalEvent_treaties", "treaty_id", "event_id"),
            m2m(Tag, "timeline.HistoricalEvent_tags", "tag_id", "event_id"),
        ],
    )
)
_add(
    Dataset(
        "participants",
        EventParticipant,
        [
            ID,
            Column("event_id", INTEGER, required=True, references="events"),
            Column("actor_id", INTEGER, required=True, references="actors"),
            Column("role", required=True, enum=choices(ParticipantRole)),
        ],
        "Who took part in each event, in which role.",
        prepare=prepare_participants,
        dependencies=[own(EventParticipant), via(Actor, "actor"), via(Event, "event")],
        parents={"events": "event"},
        has_status=False,
    )
)
_add(
    Dataset(
        "treaty_actions",
        TreatyAction,
        [
            ID,
            Column("treaty_id", INTEGER, required=True, references="treaties"),
            Column("actor_id", INTEGER, references="actors", source="x_actor_id"),
            Column("action", required=True, enum=choices(ActionKind)),
            *edtf_columns("date", required=True, precision="precision"),
            *edtf_columns("extended_until", required=False),
            Column("event_id", INTEGER, references="events", source="x_event_id"),
            Column("note"),
            CREATED,
            UPDATED,
        ],
        "Each party's actions on a treaty (signature, ratification, withdrawal…).",
        filterset=TreatyActionFilterSet,
        prepare=prepare_treaty_actions,
        dependencies=[
            own(TreatyAction),
            via(Treaty, "treaty"),
            via(Actor, "actor"),
            via(Event, "event"),
            past(Event, "event_id"),
            child(Citation, "treaty_action_id"),
            via(Source, "citations__source"),
        ],
    )
)
_add(
    Dataset(
        "statements",
        Statement,
        [
            ID,
            Column("speaker_id", INTEGER, required=True, references="actors"),
            Column(
                "speaker_position_id",
                INTEGER,
                references="positions",
                source="x_speaker_position_id",
            ),
            Column("on_behalf_of_id", INTEGER, references="actors", source="x_on_behalf_of_id"),
            *edtf_columns("date", required=True, precision="precision"),
            Column("venue"),
            Column("kind", required=True, enum=choices(StatementKind)),
            Column("language", required=True, description="BCP 47 tag."),
            Column("text", required=True),
            Column("cue_verb"),
            Column("treaties", ARRAY, "Ids of the treaties it concerns.", source="x_treaties"),
            Column("events", ARRAY, "Ids of the events it concerns.", source="x_events"),
            CREATED,
            UPDATED,
        ],
        "What actors said.",
        filterset=StatementFilterSet,
        prepare=prepare_statements,
        dependencies=[
            own(Statement),
            via(Actor, "speaker"),
            via(Actor, "on_behalf_of"),
            via(Position, "speaker_position"),
            past(Position, "speaker_position_id"),
            via(Actor, "speaker_position__person"),
            via(Actor, "speaker_position__organisation"),
            via(Treaty, "treaties"),
            via(Event, "events"),
            m2m(Treaty, "timeline.HistoricalStatement_treaties", "treaty_id", "statement_id"),
            m2m(Event, "timeline.HistoricalStatement_events", "event_id", "statement_id"),
            child(Citation, "statement_id"),
            via(Source, "citations__source"),
        ],
    )
)
_add(
    Dataset(
        "sources",
        Source,
        [
            ID,
            Column("outlet_id", INTEGER, references="outlets"),
            Column("title", required=True),
            Column("url"),
            Column("published", description="EDTF publication date."),
            Column("published_start", DATE),
            Column("published_end", DATE),
            Column("published_precision", enum=("", *PRECISIONS)),
            Column("dateline_place"),
            Column("language", required=True),
            Column("body", required=True),
            Column(
                "content_hash",
                required=True,
                unique=True,
                description="SHA-256 of the normalised body.",
            ),
            Column("retrieved_at", DATETIME),
            Column("duplicate_of_id", INTEGER, references="sources", source="x_duplicate_of_id"),
            CREATED,
            UPDATED,
        ],
        "The documents records are cited from.",
        filterset=SourceFilterSet,
        prepare=prepare_sources,
        dependencies=[
            own(Source),
            via(Outlet, "outlet"),
            via(Source, "duplicate_of"),
            past(Source, "duplicate_of_id"),
        ],
    )
)
_add(
    Dataset(
        "citations",
        Citation,
        [
            ID,
            Column("source_id", INTEGER, required=True, references="sources"),
            Column("event_id", INTEGER, references="events"),
            Column("statement_id", INTEGER, references="statements"),
            Column("treaty_action_id", INTEGER, references="treaty_actions"),
            Column("excerpt", required=True),
            Column("start", INTEGER, "Offset of the excerpt in the source body.", required=True),
            Column("end", INTEGER, required=True),
            # No "note": a citation's note is the curators' internal remark, never public.
            CREATED,
            UPDATED,
        ],
        "Which source excerpt backs which event, statement or treaty action.",
        prepare=prepare_citations,
        dependencies=[
            own(Citation),
            via(Source, "source"),
            via(Event, "event"),
            via(Statement, "statement"),
            via(Actor, "statement__speaker"),
            via(TreatyAction, "treaty_action"),
            via(Treaty, "treaty_action__treaty"),
        ],
        parents={"events": "event", "statements": "statement", "treaty_actions": "treaty_action"},
        has_status=False,
    )
)

# Rows nested in a JSON Lines record: {dataset: {key: (child dataset, parent lookup)}}.
NESTED: dict[str, dict[str, tuple[str, str]]] = {
    "events": {"participants": ("participants", "event"), "citations": ("citations", "event")},
    "treaty_actions": {"citations": ("citations", "treaty_action")},
    "statements": {"citations": ("citations", "statement")},
}


RELATION_KINDS = choices(RelationKind)


def get_dataset(name: str) -> Dataset:
    return DATASETS[name]
