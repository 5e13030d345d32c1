"""The review queue and the revision review page (admin views).

One queue across events, statements and treaty actions in review and pending
revisions of any record: oldest first, with who submitted it, what changed, and
the citations with their excerpt highlighted in the source text. Approve (publish)
or send back with a comment, one by one or in bulk. Every decision goes through
the services layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from api.core.permissions import can_see_unpublished
from timeline import services
from timeline.models import Event, Revision, RevisionStatus, Statement, Status, TreatyAction
from timeline.review import change_of, excerpt_in_context, new_record_rows

QUEUE_MODELS = (Event, Statement, TreatyAction)
QUEUE_LIMIT = 200


def _errors(exc) -> list[str]:
    return list(getattr(exc, "messages", None) or [str(exc)])


def admin_url(record, view="change") -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk])


@dataclass
class QueueItem:
    key: str  # "record:timeline.event:3" or "revision:7"
    kind: str
    record: object
    submitted_by: object
    submitted_at: object
    change: object
    citations: list = field(default_factory=list)
    revision: object = None
    comment_hint: str = ""

    @property
    def url(self) -> str:
        return admin_url(self.record)


def _citations(record):
    citations = getattr(record, "citations", None)
    if citations is None:
        return []
    return [
        {"citation": c, "context": excerpt_in_context(c), "source_url": admin_url(c.source)}
        for c in citations.select_related("source").order_by("pk")
    ]


def queue_items() -> list[QueueItem]:
    items = []
    for model in QUEUE_MODELS:
        for record in model._default_manager.filter(status=Status.REVIEW)[:QUEUE_LIMIT]:
            who, when = services.submission_of(record)
            change = change_of(record, {})
            change.rows = new_record_rows(record)
            items.append(
                QueueItem(
                    key=f"record:{record._meta.label_lower}:{record.pk}",
                    kind=f"{record._meta.verbose_name} in review",
                    record=record,
                    submitted_by=who,
                    submitted_at=when or record.updated_at,
                    change=change,
                    citations=_citations(record),
                )
            )
    revisions = (
        Revision.objects.filter(status=RevisionStatus.PENDING)
        .select_related("created_by", "content_type")
        .order_by("created_at", "pk")[:QUEUE_LIMIT]
    )
    for revision in revisions:
        record = revision.record
        if record is None:
            continue
        items.append(
            QueueItem(
                key=f"revision:{revision.pk}",
                kind=f"revision #{revision.pk} of a {record._meta.verbose_name}",
                record=record,
                submitted_by=revision.created_by,
                submitted_at=revision.created_at,
                change=change_of(record, revision.changes),
                citations=_citations(record),
                revision=revision,
            )
        )
    items.sort(key=lambda item: item.submitted_at)
    return items


def _resolve(key: str):
    """A queue key back to (record, revision)."""
    from django.apps import apps

    kind, _, rest = key.partition(":")
    if kind == "revision":
        revision = get_object_or_404(Revision, pk=int(rest))
        return revision.record, revision
    label, _, pk = rest.rpartition(":")
    model = apps.get_model(label)
    if model not in QUEUE_MODELS:
        raise ValidationError(f"Not a queue item: {key}")
    return get_object_or_404(model, pk=int(pk)), None


def decide(user, key: str, approve: bool, comment: str) -> str:
    """Approve (publish) or send back one queue item; return what happened."""
    record, revision = _resolve(key)
    if revision is not None:
        if approve:
            services.approve_revision(revision, user, comment=comment)
            return f"Revision #{revision.pk} of “{record}” approved and published."
        services.reject_revision(revision, user, comment=comment)
        return f"Revision #{revision.pk} of “{record}” sent back."
    if approve:
        services.transition(record, Status.PUBLISHED, user, comment=comment)
        return f"“{record}” published."
    if not comment.strip():
        raise ValidationError("Say why it is sent back, so that the curator can fix it.")
    services.transition(record, Status.DRAFT, user, comment=f"sent back: {comment.strip()}")
    return f"“{record}” sent back to draft."


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Revisions are made by editing records and decided in the queue; this lists them."""

    list_display = ("__str__", "summary", "created_by", "created_at", "status", "reviewed_by")
    change_list_template = "admin/timeline/revision_change_list.html"
    list_filter = ("status", "content_type")
    ordering = ("-created_at",)

    def has_view_permission(self, request, obj=None):
        return can_see_unpublished(request.user)

    def has_module_permission(self, request):
        return can_see_unpublished(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("queue/", view(self.queue_view), name="timeline_revision_queue"),
            path("<int:pk>/review/", view(self.review_view), name="timeline_revision_review"),
            *super().get_urls(),
        ]

    def _check(self, request):
        if not can_see_unpublished(request.user):
            raise PermissionDenied

    def queue_view(self, request):
        self._check(request)
        if request.method == "POST":
            keys = request.POST.getlist("item")
            approve = "approve" in request.POST
            comment = request.POST.get("comment", "")
            if not keys:
                self.message_user(request, "Select at least one item.", messages.ERROR)
            for key in keys:
                try:
                    self.message_user(
                        request, decide(request.user, key, approve, comment), messages.SUCCESS
                    )
                except (ValidationError, PermissionDenied) as exc:
                    for message in _errors(exc):
                        self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.path)
        items = queue_items()
        for item in items:
            if item.revision is not None:
                item.refusal = services.may_review(request.user, item.revision)
            else:
                item.refusal = services.refusal_reason(request.user, item.record, Status.PUBLISHED)
        context = {
            **self.admin_site.each_context(request),
            "title": "Review queue",
            "items": items,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/timeline/review_queue.html", context)

    def review_view(self, request, pk):
        self._check(request)
        revision = get_object_or_404(Revision.objects.select_related("created_by"), pk=pk)
        record = revision.record
        if request.method == "POST":
            try:
                message = decide(
                    request.user,
                    f"revision:{revision.pk}",
                    "approve" in request.POST,
                    request.POST.get("comment", ""),
                )
            except (ValidationError, PermissionDenied) as exc:
                for text in _errors(exc):
                    self.message_user(request, text, messages.ERROR)
                return HttpResponseRedirect(request.path)
            self.message_user(request, message, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:timeline_revision_queue"))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review revision #{revision.pk}",
            "revision": revision,
            "record": record,
            "record_url": admin_url(record) if record else "",
            "change": change_of(record, revision.changes) if record else None,
            "citations": _citations(record) if record else [],
            "refusal": services.may_review(request.user, revision)
            if revision.status == RevisionStatus.PENDING
            else "",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/timeline/revision_review.html", context)
