"""Admin building blocks shared by the timeline and sources admins."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from timeline import services
from timeline.models.base import Status

# A URL typed without a scheme is https (Django 6's default, chosen now).
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


class DecadeFilter(admin.SimpleListFilter):
    """Filter by decade of ``date_start`` (history spans decades, not 'past 7 days')."""

    title = "decade"
    parameter_name = "decade"
    date_field = "date_start"

    def lookups(self, request, model_admin):
        qs = model_admin.get_queryset(request).exclude(**{f"{self.date_field}__isnull": True})
        years = qs.dates(self.date_field, "year")
        decades = sorted({d.year // 10 * 10 for d in years}, reverse=True)
        return [(str(d), f"{d}s") for d in decades]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        start = self.decade(self.value())
        return queryset.filter(
            **{f"{self.date_field}__gte": date(max(start, 1), 1, 1)},
            **({f"{self.date_field}__lt": date(start + 10, 1, 1)} if start < 9990 else {}),
        )

    @staticmethod
    def decade(value: str) -> int:
        """The first year of the decade ``value`` names; a bad one is a bad lookup (``?e=1``).

        Dates run from year 1 to 9999, so the decades are 0 (years 1-9) to 9990.
        """
        try:
            start = int(value)
        except (TypeError, ValueError) as exc:
            raise IncorrectLookupParameters(f"Decade “{value}” is not a year.") from exc
        if start % 10 or not 0 <= start <= 9990:
            raise IncorrectLookupParameters(
                f"Decade “{value}” is not the first year of a decade between 0 and 9990."
            )
        return start


class ConfidenceFilter(admin.SimpleListFilter):
    """The review queue: machine-proposed drafts by how sure the ingester was."""

    title = "confidence"
    parameter_name = "confidence"
    BANDS = {
        "low": ("low (< 0.5)", {"confidence__lt": 0.5}),
        "medium": ("medium (0.5–0.8)", {"confidence__gte": 0.5, "confidence__lt": 0.8}),
        "high": ("high (≥ 0.8)", {"confidence__gte": 0.8}),
        "manual": ("entered by hand", {"confidence__isnull": True}),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in self.BANDS.items()]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value())
        return queryset.filter(**band[1]) if band else queryset


def _transition_action(to_status: str, label: str):
    def action(modeladmin, request, queryset):
        done, failed = 0, []
        for record in queryset:
            try:
                services.transition(record, to_status, request.user)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                failed.append(" ".join(getattr(exc, "messages", [str(exc)])))
        if done:
            modeladmin.message_user(
                request, f"{done} record(s) moved to {to_status}.", level=messages.SUCCESS
            )
        for message in failed:
            modeladmin.message_user(request, message, level=messages.ERROR)

    action.__name__ = f"mark_{to_status}"
    action.short_description = label
    return action


class VersionedForm(forms.ModelForm):
    """Carries the version the curator opened, so a concurrent edit is refused, not lost."""

    edited_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edited_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        edited = cleaned.get("edited_version")
        if self.instance.pk and edited is not None:
            current = (
                type(self.instance)
                ._default_manager.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current != edited:
                raise ValidationError(
                    f"Someone else saved this record while you were editing it (now version "
                    f"{current}, you opened version {edited}). Your changes were not saved: "
                    "reload the page to see theirs.",
                    code="conflict",
                )
        return cleaned


class HistoryAdmin(SimpleHistoryAdmin):
    """Edit history with who and a reason that says what the admin form changed."""

    def note_change(self, request, obj, form, change) -> None:
        obj._history_user = request.user
        if not change:
            obj._change_reason = "Added in the admin"
            return
        labels = [str(form.fields[name].label or name) for name in form.changed_data]
        obj._change_reason = "Changed in the admin" + (": " + ", ".join(labels) if labels else "")

    def save_model(self, request, obj, form, change):
        self.note_change(request, obj, form, change)
        super().save_model(request, obj, form, change)


class WorkflowAdmin(HistoryAdmin):
    """Status column, filter and transition actions for records with a workflow."""

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

    form = VersionedForm
    formfield_overrides = URL_FIELD_OVERRIDES

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        self.note_change(request, obj, form, change)
        # Compare-and-bump in the database: a save that races past the form's check
        # still fails rather than overwriting.
        edited = form.cleaned_data.get("edited_version")
        services.save_versioned(obj, obj.version if edited is None else edited)
