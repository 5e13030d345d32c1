"""Admin for the core domain: actors, treaties, events, statements."""

from django.contrib import admin

from sources.models import Citation
from timeline.admin_review import RevisionAdmin  # noqa: F401 (registers the review queue)
from timeline.admin_tools import (
    ConfidenceFilter,
    DecadeFilter,
    HistoryAdmin,
    ServiceAdmin,
    VersionedInline,
    WorkflowAdmin,
)
from timeline.models import (
    Actor,
    Event,
    EventParticipant,
    EventRelation,
    EventType,
    Position,
    Statement,
    Tag,
    Treaty,
    TreatyAction,
)


class CitationInline(VersionedInline):
    model = Citation
    extra = 0
    fields = ("source", "excerpt", "start", "end", "note")
    readonly_fields = ("start", "end")
    autocomplete_fields = ("source",)


class EventCitationInline(CitationInline):
    fk_name = "event"


class StatementCitationInline(CitationInline):
    fk_name = "statement"


class TreatyActionCitationInline(CitationInline):
    fk_name = "treaty_action"


class PositionInline(VersionedInline):
    model = Position
    fk_name = "person"
    extra = 0
    fields = ("title", "organisation", "period")
    autocomplete_fields = ("organisation",)


@admin.register(Actor)
class ActorAdmin(WorkflowAdmin):
    list_display = ("name", "short_name", "kind", "parent", "wikidata_id", "status", "updated_at")
    list_filter = ("status", "kind")
    search_fields = ("name", "short_name", "aliases", "wikidata_id")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)
    inlines = [PositionInline]
    ordering = ("name",)


class PositionDecadeFilter(DecadeFilter):
    date_field = "period_start"


@admin.register(Position)
class PositionAdmin(HistoryAdmin):
    list_display = ("person", "title", "organisation", "period")
    list_filter = (PositionDecadeFilter,)
    search_fields = ("person__name", "person__aliases", "title", "organisation__name")
    autocomplete_fields = ("person", "organisation")
    ordering = ("-period_start",)


class TreatyActionInline(VersionedInline):
    model = TreatyAction
    extra = 0
    fields = ("actor", "action", "date", "extended_until", "event", "status")
    readonly_fields = ("status",)  # publish through the treaty action's own workflow actions
    autocomplete_fields = ("actor", "event")
    ordering = ("date_start",)


class SignedDecadeFilter(DecadeFilter):
    date_field = "signed_start"


@admin.register(Treaty)
class TreatyAdmin(WorkflowAdmin):
    list_display = ("name", "short_name", "kind", "signed", "entered_into_force", "status")
    list_filter = ("status", "kind", SignedDecadeFilter)
    search_fields = ("name", "short_name", "aliases", "wikidata_id")
    prepopulated_fields = {"slug": ("short_name",)}
    inlines = [TreatyActionInline]
    ordering = ("signed_start", "name")


@admin.register(TreatyAction)
class TreatyActionAdmin(WorkflowAdmin):
    list_display = ("treaty", "action", "actor", "date", "status")
    list_filter = ("status", "action", "treaty", DecadeFilter)
    search_fields = ("treaty__name", "treaty__aliases", "actor__name", "actor__aliases", "note")
    autocomplete_fields = ("treaty", "actor", "event")
    inlines = [TreatyActionCitationInline]
    ordering = ("date_start",)
    list_select_related = ("treaty", "actor")


@admin.register(EventType)
class EventTypeAdmin(HistoryAdmin):
    list_display = ("name", "parent", "plover_code", "cameo_code")
    search_fields = ("name", "plover_code", "cameo_code")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)


@admin.register(Tag)
class TagAdmin(ServiceAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class ParticipantInline(VersionedInline):
    model = EventParticipant
    extra = 0
    autocomplete_fields = ("actor",)


class RelationInline(VersionedInline):
    model = EventRelation
    fk_name = "from_event"
    extra = 0
    autocomplete_fields = ("to_event",)
    verbose_name = "related event"


@admin.register(Event)
class EventAdmin(WorkflowAdmin):
    list_display = ("title", "date", "event_type", "place_name", "status", "confidence")
    list_filter = ("status", ConfidenceFilter, "event_type", DecadeFilter, "tags")
    search_fields = ("title", "summary", "place_name", "slug")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("event_type", "place_country", "treaties", "tags")
    inlines = [ParticipantInline, RelationInline, EventCitationInline]
    ordering = ("date_start", "pk")
    date_hierarchy = None
    list_select_related = ("event_type",)


@admin.register(EventParticipant)
class EventParticipantAdmin(HistoryAdmin):
    list_display = ("event", "actor", "role")
    list_filter = ("role",)
    search_fields = ("event__title", "actor__name", "actor__aliases")
    autocomplete_fields = ("event", "actor")


@admin.register(EventRelation)
class EventRelationAdmin(HistoryAdmin):
    list_display = ("from_event", "kind", "to_event")
    list_filter = ("kind",)
    search_fields = ("from_event__title", "to_event__title")
    autocomplete_fields = ("from_event", "to_event")


@admin.register(Statement)
class StatementAdmin(WorkflowAdmin):
    # Status and confidence first: the review work; the long columns last, and the
    # role only by its title (the speaker is already in the row).
    list_display = (
        "short_text",
        "status",
        "confidence",
        "date",
        "speaker",
        "role",
        "kind",
        "cue_verb",
    )
    list_filter = ("status", ConfidenceFilter, "kind", "language", DecadeFilter)
    search_fields = ("text", "speaker__name", "speaker__aliases", "venue")
    autocomplete_fields = ("speaker", "speaker_position", "on_behalf_of", "treaties", "events")
    inlines = [StatementCitationInline]
    ordering = ("date_start", "pk")
    list_select_related = ("speaker", "speaker_position__organisation")

    @admin.display(description="text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 60 else obj.text[:59] + "…"

    @admin.display(description="role at the time", ordering="speaker_position__title")
    def role(self, obj):
        position = obj.speaker_position
        return f"{position.title}, {position.organisation}" if position else "—"
