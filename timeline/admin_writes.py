"""The admin writes through the services layer: base classes for every domain admin.

Adds, edits (with their inlines), history restores and deletions become a change set
applied by ``timeline.services``; a refusal re-renders the form with the reason.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from timeline import services
from timeline.admin_forms import VERSION_FIELD, VersionedForm, form_fields, formset_ops
from timeline.services.versioning import is_versioned

# A URL typed without a scheme is https (Django 6's default, chosen now).
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


def error_messages(exc) -> list[str]:
    return list(getattr(exc, "messages", None) or [str(exc)])


class Refused(Exception):
    """The services layer refused a save; the admin re-renders the form with the reason."""

    def __init__(self, error):
        super().__init__(str(error))
        self.error = error


def _as_validation_error(exc) -> ValidationError:
    if isinstance(exc, ValidationError):
        return exc
    return ValidationError(str(exc), code="permission_denied")


def delete_selected(modeladmin, request, queryset):
    """Django's "delete selected", but a refusal is our message, before any confirmation page."""
    refusals = [
        message for record in queryset for message in services.delete_refusal(record, request.user)
    ]
    if refusals:
        for message in dict.fromkeys(refusals):
            modeladmin.message_user(request, message, level=messages.ERROR)
        return None
    return django_delete_selected(modeladmin, request, queryset)


delete_selected.allowed_permissions = ("delete",)
delete_selected.short_description = django_delete_selected.short_description


def _historic_m2m(obj) -> None:
    """Give a record rebuilt from a history row that row's many-to-many links.

    simple_history rebuilds only the columns; the restore form would show (and
    save back) today's links. The form reads ``obj.<m2m>.all()``, which answers
    from the prefetch cache when there is one.
    """
    row = getattr(obj, "_history", None)
    if row is None:
        return
    cache = getattr(obj, "_prefetched_objects_cache", {})
    for field in type(obj)._meta.many_to_many:
        through_rows = getattr(row, field.name, None)
        if through_rows is None or not hasattr(through_rows, "all"):
            continue
        target = f"{field.m2m_reverse_field_name()}_id"
        ids = [getattr(t, target) for t in through_rows.all()]
        cache[field.name] = field.related_model._default_manager.filter(pk__in=ids)
    obj._prefetched_objects_cache = cache


class _RendersVersion:
    """Put the hidden version field in the fieldsets: the admin renders only the fields
    listed there, and an inline that lists its ``fields`` would leave it out, so every
    post of that row would be refused as version-less."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if VERSION_FIELD in flatten_fieldsets(fieldsets) or not is_versioned(self.model):
            return fieldsets
        (name, options), *rest = fieldsets
        options = {**options, "fields": [*options.get("fields", ()), VERSION_FIELD]}
        return [(name, options), *rest]


class ServiceWritesMixin:
    """Every write of the admin goes through the services layer (timeline.services).

    Adds, edits (with their inlines), history restores and deletions are turned into
    a change set and applied by ``services.apply_changes`` / ``delete_record``, so the
    version check, the backing rule, pending revisions and the history reason are the
    same as for the API and scripts. A refusal re-renders the form with the reason and
    everything the curator typed.
    """

    form = VersionedForm
    formfield_overrides = URL_FIELD_OVERRIDES

    # -- views ------------------------------------------------------------------------
    def _with_refusal(self, request, view, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Refused as refused:
            request._workflow_refusal = refused.error
            return view(request, *args, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._with_refusal(
            request, super().changeform_view, object_id, form_url, extra_context
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request._workflow_restore = version_id
        with transaction.atomic():
            return self._with_refusal(
                request, super().history_form_view, object_id, version_id, extra_context
            )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and getattr(request, "_workflow_restore", None) is not None:
            _historic_m2m(obj)
        form = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, "_workflow_refusal", None)
        if refusal is not None:
            form = type(form.__name__, (form,), {"workflow_refusal": refusal})
        return form

    def _change_page(self, obj):
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[obj.pk],
                current_app=self.admin_site.name,
            )
        )

    def delete_view(self, request, object_id, extra_context=None):
        # Our refusal, on the record's page, instead of Django's "would require deleting
        # the following protected related objects" (which reads as if they would go).
        obj = self.get_object(request, object_id)
        if obj is not None and self.has_delete_permission(request, obj):
            refusals = services.delete_refusal(obj, request.user)
            if refusals:
                for message in refusals:
                    self.message_user(request, message, level=messages.ERROR)
                return self._change_page(obj)
        try:
            return super().delete_view(request, object_id, extra_context)
        except Refused as refused:
            for message in error_messages(refused.error):
                self.message_user(request, message, level=messages.ERROR)
            return self._change_page(obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                delete_selected,
                "delete_selected",
                delete_selected.short_description,
            )
        return actions

    # -- writes -------------------------------------------------------------------------
    def _apply(self, request, obj, form, formsets, change):
        restore = getattr(request, "_workflow_restore", None)
        if change:
            record = self.model._default_manager.get(pk=obj.pk)
            if restore is not None:
                fields = form_fields(form)
                reason = f"Restored from history (version {form.instance.version})"
            else:
                fields = form_fields(form, form.changed_data)
                reason = "Changed in the admin"
        else:
            record, fields, reason = obj, form_fields(form), "Added in the admin"
        changes = {"fields": fields, "inlines": [op for fs in formsets for op in formset_ops(fs)]}
        edited = form.cleaned_data.get("edited_version")
        try:
            outcome = services.apply_changes(
                record, changes, request.user, expected_version=edited, reason=reason
            )
        except (ValidationError, PermissionDenied) as exc:
            raise Refused(_as_validation_error(exc)) from exc
        request._workflow_outcome = outcome
        if change and not outcome.pending:
            obj.version = outcome.record.version
        for formset in formsets:
            # Read by construct_change_message (the "recent actions" entry).
            formset.new_objects = [o for o in outcome.created if isinstance(o, formset.model)]
            formset.changed_objects = [
                (o, names) for o, names in outcome.changed if isinstance(o, formset.model)
            ]
            formset.deleted_objects = [o for o in outcome.deleted if isinstance(o, formset.model)]
        return outcome

    def save_model(self, request, obj, form, change):
        if getattr(request, "_workflow_restore", None) is not None:
            # The history view saves no inlines and calls form.save_m2m() itself
            # afterwards: the m2m values are part of the change set instead.
            self._apply(request, obj, form, [], change)
            form.save_m2m = lambda: None
        # Otherwise the record is written in save_related, with its inlines, in one go.

    def save_related(self, request, form, formsets, change):
        self._apply(request, form.instance, form, formsets, change)

    def delete_model(self, request, obj):
        try:
            outcome = services.delete_record(obj, request.user, reason="Deleted in the admin")
        except (ValidationError, PermissionDenied) as exc:
            raise Refused(_as_validation_error(exc)) from exc
        request._workflow_outcome = outcome

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            try:
                self.delete_model(request, obj)
            except Refused as refused:
                for message in error_messages(refused.error):
                    self.message_user(request, message, level=messages.ERROR)

    def response_delete(self, request, obj_display, obj_id):
        outcome = getattr(request, "_workflow_outcome", None)
        if outcome is not None and outcome.pending:
            owner = outcome.revision.record
            self.message_user(
                request,
                f"The removal was saved as revision #{outcome.revision.pk} of “{owner}” for "
                "review; it stays until a reviewer approves it.",
                level=messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:index", current_app=self.admin_site.name))
        return super().response_delete(request, obj_display, obj_id)

    # -- responses ------------------------------------------------------------------------
    def _pending_response(self, request, obj):
        outcome = getattr(request, "_workflow_outcome", None)
        if outcome is None or not outcome.pending:
            return None
        revision, obj = outcome.revision, outcome.record
        self.message_user(
            request,
            f"Your changes to “{obj}” were saved as revision #{revision.pk} for review "
            f"({revision.summary}). The published version stays as it is until a reviewer "
            "approves it.",
            level=messages.WARNING,
        )
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[obj.pk],
                current_app=self.admin_site.name,
            )
        )

    def response_change(self, request, obj):
        return self._pending_response(request, obj) or super().response_change(request, obj)

    def construct_change_message(self, request, form, formsets, add=False):
        outcome = getattr(request, "_workflow_outcome", None)
        if outcome is not None and outcome.pending:
            return f"Proposed revision #{outcome.revision.pk}: {outcome.revision.summary}"
        return super().construct_change_message(request, form, formsets, add)


class HistoryAdmin(_RendersVersion, ServiceWritesMixin, SimpleHistoryAdmin):
    """Admin for a model with edit history; writes through the services layer."""


class ServiceAdmin(_RendersVersion, ServiceWritesMixin, admin.ModelAdmin):
    """Admin for a model without history (tags); writes through the services layer."""


class VersionedInline(_RendersVersion, admin.TabularInline):
    """Inline rows carry their version too; the parent's save applies them (services)."""

    form = VersionedForm
    extra = 0
    # Django's 40-column text areas put two of them side by side past 1,400 px.
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 28})},
    }
