"""Statement filters: the FilterSet (shared with exports) and the GraphQL input."""

from __future__ import annotations

import strawberry
from django.db.models import Q

from api.core.filters import RecordFilterInput
from api.core.filtersets import RecordFilterSet, type_q
from timeline.models import Event, Statement


class StatementFilterSet(RecordFilterSet):
    """actors: speaker or on behalf of; types and tags: of the events it concerns."""

    class Meta:
        model = Statement
        fields: list[str] = []

    def filter_actors(self, qs, name, value):
        return qs.filter(Q(speaker__in=value) | Q(on_behalf_of__in=value))

    def filter_treaties(self, qs, name, value):
        through = Statement.treaties.through.objects.filter(treaty__in=value)
        return qs.filter(pk__in=through.values("statement"))

    def _by_events(self, qs, events):
        events = self.visible(events)
        through = Statement.events.through.objects.filter(event__in=events.values("pk"))
        return qs.filter(pk__in=through.values("statement"))

    def filter_types(self, qs, name, value):
        return self._by_events(qs, Event.objects.filter(type_q("", value)))

    def filter_tags(self, qs, name, value):
        return self._by_events(qs, Event.objects.filter(tags__slug__in=value))


@strawberry.input(
    description="Filters for statements. actors: speaker or on behalf of; types and tags "
    "match the events a statement concerns."
)
class StatementFilter(RecordFilterInput):
    pass
