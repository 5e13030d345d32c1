"""Treaty and treaty-action filters: FilterSets (shared with exports) and GraphQL inputs."""

from __future__ import annotations

import strawberry
from django.db.models import Q

from api.core.filters import RecordFilterInput
from api.core.filtersets import RecordFilterSet, type_q
from timeline.models import Event, Treaty, TreatyAction
from timeline.querysets import search_ids


class TreatyFilterSet(RecordFilterSet):
    """Dates: signature to expiry (no expiry: open-ended); actors: acted on it;
    types and tags: of the events that concern it."""

    class Meta:
        model = Treaty
        fields: list[str] = []

    def filter_actors(self, qs, name, value):
        actions = self.visible(TreatyAction.objects.filter(actor__in=value))
        return qs.filter(pk__in=actions.values("treaty"))

    def filter_treaties(self, qs, name, value):
        return qs.filter(pk__in=value)

    def _by_events(self, qs, events):
        events = self.visible(events)
        through = Event.treaties.through.objects.filter(event__in=events.values("pk"))
        return qs.filter(pk__in=through.values("treaty"))

    def filter_types(self, qs, name, value):
        return self._by_events(qs, Event.objects.filter(type_q("", value)))

    def filter_tags(self, qs, name, value):
        return self._by_events(qs, Event.objects.filter(tags__slug__in=value))


class TreatyActionFilterSet(RecordFilterSet):
    """For the timeline. types and tags: of the event that records the action;
    search: in the treaty's name, aliases and summary."""

    class Meta:
        model = TreatyAction
        fields: list[str] = []

    def filter_actors(self, qs, name, value):
        return qs.filter(actor__in=value)

    def filter_treaties(self, qs, name, value):
        return qs.filter(treaty__in=value)

    def filter_types(self, qs, name, value):
        return qs.filter(Q(event__isnull=False) & type_q("event__", value))

    def filter_tags(self, qs, name, value):
        through = Event.tags.through.objects.filter(tag__slug__in=value)
        return qs.filter(event__in=through.values("event"))

    def filter_search(self, qs, name, value):
        return qs.filter(treaty__in=search_ids(Treaty.objects.all(), value))


@strawberry.input(
    description="Filters for treaties. Dates: from signature to expiry; actors: those that "
    "acted on it; types and tags: of the events that concern it."
)
class TreatyFilter(RecordFilterInput):
    pass
