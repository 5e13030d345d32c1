"""Source and citation mutations: sourceCreate, sourceUpdate, citationCreate, citationUpdate,
citationDelete (via timeline.services: the backing rule and excerpt checks apply)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Info, relay

from api.core.mutations import (
    MutationError,
    PendingRevision,
    load,
    pending_revision,
    run,
    save_record,
    writer,
)
from sources.models import Citation, Source

if TYPE_CHECKING:
    from api.sources.types import CitationType, SourceType

SourceNode = Annotated["SourceType", strawberry.lazy("api.sources.types")]
CitationNode = Annotated["CitationType", strawberry.lazy("api.sources.types")]
SOURCE_RELATIONS = {"outlet": "Outlet", "duplicate_of": "Source", "same_story_as": "Source"}
CITATION_RELATIONS = {
    "source": "Source",
    "event": "Event",
    "statement": "Statement",
    "treaty_action": "TreatyAction",
}


@strawberry.input(description="Source fields; on update, only the fields given change.")
class SourceInput:
    outlet: relay.GlobalID | None = strawberry.UNSET
    title: str | None = strawberry.UNSET
    url: str | None = strawberry.UNSET
    published: str | None = strawberry.field(
        default=strawberry.UNSET, description="EDTF publication date."
    )
    dateline_place: str | None = strawberry.UNSET
    language: str | None = strawberry.UNSET
    body: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="The text. Changing it re-locates every citation's excerpt; a change "
        "that removes a cited excerpt is refused (EXCERPT_NOT_FOUND).",
    )
    duplicate_of: relay.GlobalID | None = strawberry.UNSET
    same_story_as: list[relay.GlobalID] | None = strawberry.UNSET


@strawberry.input(description="Citation fields: exactly one of event, statement, treatyAction.")
class CitationInput:
    source: relay.GlobalID | None = strawberry.UNSET
    event: relay.GlobalID | None = strawberry.UNSET
    statement: relay.GlobalID | None = strawberry.UNSET
    treaty_action: relay.GlobalID | None = strawberry.UNSET
    excerpt: str | None = strawberry.field(
        default=strawberry.UNSET, description="Must occur in the source's text."
    )
    note: str | None = strawberry.UNSET


@strawberry.type
class SourcePayload:
    source: SourceNode | None = None
    pending_revision: PendingRevision | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.type
class CitationPayload:
    citation: CitationNode | None = None
    pending_revision: PendingRevision | None = strawberry.field(
        default=None,
        description="Set when the change waits for review as a revision of the published "
        "record the citation backs.",
    )
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.type
class CitationDeletePayload:
    deleted_id: relay.GlobalID | None = None
    pending_revision: PendingRevision | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


def _source(record, revision, errors) -> SourcePayload:
    return SourcePayload(source=record, pending_revision=pending_revision(revision), errors=errors)


def _citation(record, revision, errors) -> CitationPayload:
    # A new citation that waits for review does not exist yet.
    citation = record if record is not None and record.pk else None
    return CitationPayload(
        citation=citation, pending_revision=pending_revision(revision), errors=errors
    )


@strawberry.type
class SourceMutations:
    @strawberry.mutation(description="Store a draft source.")
    def source_create(self, info: Info, input: SourceInput) -> SourcePayload:
        return _source(*save_record(info, Source, input, SOURCE_RELATIONS, type_name="Source"))

    @strawberry.mutation(description="Change a source (``version``: the one you edited).")
    def source_update(
        self, info: Info, id: relay.GlobalID, version: int, input: SourceInput
    ) -> SourcePayload:
        return _source(
            *save_record(
                info, Source, input, SOURCE_RELATIONS, type_name="Source", id=id, version=version
            )
        )

    @strawberry.mutation(description="Cite a source excerpt for a record.")
    def citation_create(self, info: Info, input: CitationInput) -> CitationPayload:
        return _citation(
            *save_record(info, Citation, input, CITATION_RELATIONS, type_name="Citation")
        )

    @strawberry.mutation(description="Change a citation (``version``: the one you edited).")
    def citation_update(
        self, info: Info, id: relay.GlobalID, version: int, input: CitationInput
    ) -> CitationPayload:
        return _citation(
            *save_record(
                info,
                Citation,
                input,
                CITATION_RELATIONS,
                type_name="Citation",
                id=id,
                version=version,
            )
        )

    @strawberry.mutation(
        description="Remove a citation. Refused (UNCITED) if it is a published record's last "
        "citation of a published source."
    )
    def citation_delete(
        self, info: Info, id: relay.GlobalID, version: int
    ) -> CitationDeletePayload:
        from timeline import services
        from timeline.services.versioning import conflict

        def work():
            user = writer(info)
            citation = load(Citation, id, "Citation")
            if citation.version != version:
                raise conflict(Citation, citation, citation.version, version)
            return services.delete_record(citation, user, reason="Deleted through the API")

        outcome, errors = run(work)
        if outcome is None:
            return CitationDeletePayload(errors=errors)
        if outcome.pending:
            return CitationDeletePayload(pending_revision=pending_revision(outcome.revision))
        return CitationDeletePayload(deleted_id=id)
