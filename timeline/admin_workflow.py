"""Records with a workflow in the admin: status actions, and buttons on the change form
(submit, publish, retract, send back) that check permission and say why when refused."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import path

from timeline import services
from timeline.admin_writes import HistoryAdmin, error_messages
from timeline.models.base import Status


def _transition_action(to_status: str, label: str):
    def action(modeladmin, request, queryset):
        done, failed = 0, []
        for record in queryset:
            try:
                services.transition(record, to_status, request.user)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                failed.append(" ".join(error_messages(exc)))
        if done:
            modeladmin.message_user(
                request, f"{done} record(s) moved to {to_status}.", level=messages.SUCCESS
            )
        for message in failed:
            modeladmin.message_user(request, message, level=messages.ERROR)

    action.__name__ = f"mark_{to_status}"
    action.short_description = label
    return action


MOVE_LABELS = {
    Status.REVIEW: "Submit for review",
    Status.PUBLISHED: "Publish",
    Status.RETRACTED: "Retract",
    Status.DRAFT: "Send back to draft",
}


def _workflow_context(request, record) -> dict:
    moves = []
    for to_status in sorted(services.TRANSITIONS.get(record.status, ())):
        label = MOVE_LABELS[to_status]
        if record.status == Status.RETRACTED:
            label = "Return to draft"
        moves.append(
            {
                "to": to_status,
                "label": label,
                "refusal": services.refusal_reason(request.user, record, to_status),
                "needs_comment": to_status in (Status.DRAFT, Status.RETRACTED),
            }
        )
    return {"workflow_moves": moves, "pending_revisions": list(services.pending_for(record))}


class WorkflowAdmin(HistoryAdmin):
    """Status column, filter, transition actions and buttons for records with a workflow."""

    change_form_template = "admin/timeline/workflow_change_form.html"

    actions = [
        _transition_action(Status.REVIEW, "Submit selected for review"),
        _transition_action(Status.PUBLISHED, "Publish selected"),
        _transition_action(Status.RETRACTED, "Retract selected"),
        _transition_action(Status.DRAFT, "Return selected to draft"),
    ]
    # Status moves only through the actions above (services.transition checks the
    # publish permission and citations); an editable field would bypass both.
    readonly_fields = ("status", "version", "created_at", "updated_at")
    list_per_page = 50
    show_full_result_count = False

    def get_urls(self):
        opts = self.model._meta
        urls = [
            path(
                "<path:object_id>/workflow/",
                self.admin_site.admin_view(self.workflow_view),
                name=f"{opts.app_label}_{opts.model_name}_workflow",
            )
        ]
        return urls + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if record is not None:
            extra.update(_workflow_context(request, record))
        return super().change_view(request, object_id, form_url, extra)

    def workflow_view(self, request, object_id):
        record = self.get_object(request, object_id)
        if record is None or request.method != "POST":
            raise PermissionDenied
        if not self.has_view_or_change_permission(request, record):
            raise PermissionDenied
        to_status = request.POST.get("to", "")
        comment = request.POST.get("comment", "").strip()
        if to_status not in MOVE_LABELS:
            self.message_user(request, f"Unknown status “{to_status}”.", level=messages.ERROR)
            return self._change_page(record)
        needs_comment = to_status in (Status.DRAFT, Status.RETRACTED)
        if needs_comment and record.status != Status.RETRACTED and not comment:
            self.message_user(
                request,
                f"{MOVE_LABELS[to_status]}: say why in the comment, so that the curator knows.",
                level=messages.ERROR,
            )
            return self._change_page(record)
        try:
            moved = services.transition(record, to_status, request.user, comment=comment)
        except (ValidationError, PermissionDenied) as exc:
            for message in error_messages(exc):
                self.message_user(request, message, level=messages.ERROR)
        else:
            self.message_user(
                request, f"“{moved}” is now {moved.get_status_display()}.", level=messages.SUCCESS
            )
        return self._change_page(record)
