"""Admin for outlets, sources and citations."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path

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
    change_form_template = "admin/sources/source/change_form.html"

    def get_urls(self):
        return [
            path(
                "<path:object_id>/text/",
                self.admin_site.admin_view(self.text_view),
                name="sources_source_text",
            ),
            *super().get_urls(),
        ]

    def text_view(self, request, object_id):
        """The article with every cited excerpt highlighted, and the records each backs."""
        from timeline.admin_review import admin_url
        from timeline.review import highlighted

        source = self.get_object(request, object_id)
        if source is None or not self.has_view_or_change_permission(request, source):
            raise PermissionDenied
        citations = list(
            source.citations.select_related("event", "statement", "treaty_action").order_by(
                "start", "pk"
            )
        )
        rows = [
            {
                "n": n,
                "citation": c,
                "record": c.record,
                "kind": c.record._meta.verbose_name,
                "record_url": admin_url(c.record),
            }
            for n, c in enumerate(citations, start=1)
        ]
        spans = [(c.start, c.end, f"[{n}] {c.record}") for n, c in enumerate(citations, 1)]
        related = [
            ("Duplicate of", [source.duplicate_of] if source.duplicate_of else []),
            ("Duplicated by", list(source.duplicates.all())),
            ("Same story as", list(source.same_story_as.all())),
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Text of “{source}”",
            "source": source,
            "opts": self.model._meta,
            "original": source,
            "text": highlighted(source.body, spans),
            "rows": rows,
            "related": [
                (label, [(s, admin_url(s)) for s in sources])
                for label, sources in related
                if sources
            ],
        }
        return TemplateResponse(request, "admin/sources/source_text.html", context)

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
