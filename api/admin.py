from django.contrib import admin, messages

from api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "key_prefix", "user", "is_active", "expires_at", "last_used_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "key_prefix", "user__username"]
    readonly_fields = ["key_prefix", "created_at", "last_used_at"]
    fields = ["name", "user", "is_active", "expires_at", *readonly_fields]
    autocomplete_fields = ["user"]
    actions = ["revoke"]

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
