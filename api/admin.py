from django import forms
from django.contrib import admin, messages

from api.exports.names import DATASETS
from api.models import ApiToken, ExportAccess, TokenAccess


class ApiTokenForm(forms.ModelForm):
    access = forms.ChoiceField(
        choices=TokenAccess.choices,
        initial=TokenAccess.READ,
        required=False,
        help_text="Read: queries and exports. Read and write: also the GraphQL mutations.",
    )
    datasets = forms.MultipleChoiceField(
        choices=[(name, name) for name in DATASETS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The export datasets this token may download (none: no exports).",
    )

    class Meta:
        model = ApiToken
        fields = ["name", "user", "is_active", "expires_at", "access", "datasets"]

    def clean_access(self):
        # Left out (a form without the field): the narrower scope.
        return self.cleaned_data.get("access") or TokenAccess.READ


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = [
        "name",
        "key_prefix",
        "user",
        "access",
        "scope",
        "is_active",
        "expires_at",
        "last_used_at",
    ]
    list_filter = ["is_active", "access"]
    search_fields = ["name", "key_prefix", "user__username"]
    readonly_fields = ["key_prefix", "created_at", "last_used_at"]
    fields = ["name", "user", "is_active", "expires_at", "access", "datasets", *readonly_fields]
    autocomplete_fields = ["user"]
    actions = ["revoke"]

    @admin.display(description="export datasets")
    def scope(self, obj):
        if set(obj.datasets) == set(DATASETS):
            return "all"
        return ", ".join(obj.datasets) or "—"

    def save_model(self, request, obj, form, change):
        key = None if change else obj.set_new_key()
        super().save_model(request, obj, form, change)
        if key:
            messages.warning(
                request,
                f"The key of “{obj.name}” is {key} — copy it now: it is not stored and "
                "will not be shown again.",
            )

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        count = queryset.update(is_active=False)
        messages.success(request, f"{count} token(s) revoked.")


@admin.register(ExportAccess)
class ExportAccessAdmin(admin.ModelAdmin):
    """The export access log: read only, for audits."""

    list_display = [
        "started_at",
        "who",
        "channel",
        "dataset",
        "format",
        "status",
        "rows",
        "bytes",
        "completed",
    ]
    list_filter = ["channel", "format", "dataset", "status", "completed"]
    search_fields = ["who"]
    date_hierarchy = "started_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
