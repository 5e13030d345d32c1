"""Base django-filter FilterSet for the main records, shared by GraphQL and exports.

The GraphQL filter inputs only translate their arguments to FilterSet data
(comma-separated ids, slugs, statuses, ISO dates: the same data a query string
gives an export), so each filter is declared once, here and in the domain
subclasses. Visibility is applied before filtering; the subqueries that look at
related records apply it too, so a filter never reveals an unpublished record.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from api.core.errors import bad_input
from api.core.permissions import can_see_unpublished
from timeline.models import Status
from timeline.querysets import overlapping, search_ids, visible


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    pass


class CharInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    pass


class RecordFilterSet(django_filters.FilterSet):
    """from/to (date range overlap), actors, treaties, types, tags, search, status.

    Subclasses implement ``filter_actors``, ``filter_treaties``, ``filter_types``
    and ``filter_tags`` for their model. ``from`` and ``to`` are the data keys of
    ``date_from``/``date_to`` (``from`` is a Python keyword).
    """

    date_from = django_filters.DateFilter(method="filter_dates")
    date_to = django_filters.DateFilter(method="filter_dates")
    actors = NumberInFilter(method="filter_actors")
    treaties = NumberInFilter(method="filter_treaties")
    types = CharInFilter(method="filter_types")
    tags = CharInFilter(method="filter_tags")
    search = django_filters.CharFilter(method="filter_search")
    status = django_filters.MultipleChoiceFilter(choices=Status.choices)

    class Meta:
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, unpublished=None, **kwargs):
        if data is not None and ("from" in data or "to" in data):
            data = dict(data)
            if "from" in data:
                data["date_from"] = data.pop("from")
            if "to" in data:
                data["date_to"] = data.pop("to")
        super().__init__(data, queryset, request=request, **kwargs)
        if unpublished is None:
            unpublished = can_see_unpublished(getattr(request, "user", None))
        self.unpublished = unpublished

    def visible(self, qs: QuerySet) -> QuerySet:
        return visible(qs, unpublished=self.unpublished)

    @property
    def qs(self):
        if not self.is_bound or self.is_valid():
            return super().qs
        raise bad_input(self.error_message())

    def error_message(self) -> str:
        names = {"date_from": "from", "date_to": "to"}
        parts = []
        for field, errors in self.errors.items():
            parts.append(f"{names.get(field, field)}: {' '.join(errors)}")
        return "Invalid filters: " + "; ".join(parts)

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        status = data.get("status")
        if status and not self.unpublished and set(status) != {Status.PUBLISHED}:
            raise bad_input(
                "Only curators can filter by a status other than PUBLISHED.", code="FORBIDDEN"
            )
        return super().filter_queryset(queryset)

    def filter_dates(self, qs, name, value):
        # Both bounds are applied together when the first of them is seen.
        data = self.form.cleaned_data
        if name == "date_to" and data.get("date_from") is not None:
            return qs
        return self.filter_period(qs, data.get("date_from"), data.get("date_to"))

    def filter_period(self, qs, date_from, date_to):
        return overlapping(qs, date_from, date_to)

    def filter_search(self, qs, name, value):
        return qs.filter(pk__in=search_ids(qs.model._default_manager.all(), value))

    def filter_actors(self, qs, name, value):
        raise NotImplementedError

    def filter_treaties(self, qs, name, value):
        raise NotImplementedError

    def filter_types(self, qs, name, value):
        raise NotImplementedError

    def filter_tags(self, qs, name, value):
        raise NotImplementedError


def type_q(prefix: str, slugs) -> Q:
    """Events of these types, or of their subtypes (``prefix`` leads to the event)."""
    return Q(**{f"{prefix}event_type__slug__in": slugs}) | Q(
        **{f"{prefix}event_type__parent__slug__in": slugs}
    )
