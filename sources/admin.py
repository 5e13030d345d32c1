"""Admin for outlets, sources and citations."""

from django.contrib import admin
from django.db.models import Count, Q

from sources.models import Citation, Outlet, Source
from timeline.admin_tools import (
    URL_FIELD_OVERRIDES,
    DecadeFilter,
    HistoryAdmin,
    VersionedInline,
    WorkflowAdmin,
)
from timeline.models import Status


@admin.register(Outlet)
class OutletAdmin(HistoryAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ("name", "kind", "country", "url")
    list_filter = ("kind",)
    search_fields = ("name", "aliases")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("country",)


class PublishedDecadeFilter(DecadeFilter):
    date_field = "published_start"


class SourceCitationInline(VersionedInline):
    model = Citation
    extra = 0
    fields = ("excerpt", "event", "statement", "treaty_action", "start", "end")
    readonly_fields = ("start", "end")
    autocomplete_fields = ("event", "statement", "treaty_action")


@admin.register(Source)
class SourceAdmin(WorkflowAdmin):
    list_display = (
        "title",
        "outlet",
        "published",
        "dateline_place",
        "status",
        "draft_records",
        "duplicate_of",
        "retrieved_at",
    )
    list_filter = ("status", "outlet", "language", PublishedDecadeFilter)
    search_fields = ("title", "url", "body", "content_hash")
    autocomplete_fields = ("outlet", "duplicate_of", "same_story_as")
    readonly_fields = (*WorkflowAdmin.readonly_fields, "content_hash")
    inlines = [SourceCitationInline]
    ordering = ("-published_start", "title")
    list_select_related = ("outlet",)

    def get_queryset(self, request):
        drafts = Q(citations__statement__status=Status.DRAFT) | Q(
            citations__event__status=Status.DRAFT
        )
        return (
            super()
            .get_queryset(request)
            .select_related("duplicate_of")
            .annotate(draft_count=Count("citations", filter=drafts, distinct=True))
        )

    @admin.display(description="draft records cited", ordering="draft_count")
    def draft_records(self, obj):
        return obj.draft_count


@admin.register(Citation)
class CitationAdmin(HistoryAdmin):
    list_display = ("__str__", "source", "event", "statement", "treaty_action", "start", "end")
    search_fields = ("excerpt", "source__title")
    autocomplete_fields = ("source", "event", "statement", "treaty_action")
    readonly_fields = ("start", "end")
    list_select_related = ("source", "event", "statement", "treaty_action")
