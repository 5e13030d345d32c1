"""Admin building blocks shared by the timeline and sources admins."""

from __future__ import annotations

from datetime import date

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters

# The admin base classes live in admin_writes / admin_workflow; named here too, because
# both domain admins import their building blocks from this one module.
from timeline.admin_workflow import WorkflowAdmin
from timeline.admin_writes import (
    URL_FIELD_OVERRIDES,
    HistoryAdmin,
    Refused,
    ServiceAdmin,
    ServiceWritesMixin,
    VersionedInline,
)

__all__ = [
    "URL_FIELD_OVERRIDES",
    "ConfidenceFilter",
    "DecadeFilter",
    "HistoryAdmin",
    "Refused",
    "ServiceAdmin",
    "ServiceWritesMixin",
    "VersionedInline",
    "WorkflowAdmin",
]


class DecadeFilter(admin.SimpleListFilter):
    """Filter by decade of ``date_start`` (history spans decades, not 'past 7 days')."""

    title = "decade"
    parameter_name = "decade"
    date_field = "date_start"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Checked here, not only in queryset(): a list with no dated rows offers no decades,
        # Django then skips queryset(), and a bad value would pass silently.
        if self.value():
            self.decade(self.value())

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
