"""Event filters: the FilterSet (shared with exports) and the GraphQL input."""

from __future__ import annotations

import strawberry
from django.db.models import Q

from api.core.filters import RecordFilterInput
from api.core.filtersets import RecordFilterSet, type_q
from timeline.models import Event, EventParticipant


class EventFilterSet(RecordFilterSet):
    class Meta:
        model = Event
        fields: list[str] = []

    def filter_actors(self, qs, name, value):
        participations = self.visible(EventParticipant.objects.filter(actor__in=value))
        return qs.filter(Q(pk__in=participations.values("event")) | Q(place_country__in=value))

    def filter_treaties(self, qs, name, value):
        through = Event.treaties.through.objects.filter(treaty__in=value)
        return qs.filter(pk__in=through.values("event"))

    def filter_types(self, qs, name, value):
        return qs.filter(type_q("", value))

    def filter_tags(self, qs, name, value):
        through = Event.tags.through.objects.filter(tag__slug__in=value)
        return qs.filter(pk__in=through.values("event"))


@strawberry.input(description="Filters for events; all given conditions must hold.")
class EventFilter(RecordFilterInput):
    pass
