"""Source filters: the FilterSet (shared with exports) and the GraphQL input.

Dates are the publication date; actors, treaties, types and tags select the
sources cited by matching records.
"""

from __future__ import annotations

import strawberry
from django.db.models import Q

import sources.querysets  # noqa: F401  (registers the sources read rules)
from api.core.filters import RecordFilterInput
from api.core.filtersets import RecordFilterSet, type_q
from sources.models import Citation, Source
from timeline.models import Event, EventParticipant, Statement, TreatyAction


class SourceFilterSet(RecordFilterSet):
    class Meta:
        model = Source
        fields: list[str] = []

    def _citing(self, qs, events=None, statements=None, actions=None):
        q = Q(pk__in=[])
        if events is not None:
            q |= Q(event__in=self.visible(events).values("pk"))
        if statements is not None:
            q |= Q(statement__in=self.visible(statements).values("pk"))
        if actions is not None:
            q |= Q(treaty_action__in=self.visible(actions).values("pk"))
        return qs.filter(pk__in=Citation.objects.filter(q).values("source"))

    def filter_actors(self, qs, name, value):
        participations = self.visible(EventParticipant.objects.filter(actor__in=value))
        return self._citing(
            qs,
            events=Event.objects.filter(pk__in=participations.values("event")),
            statements=Statement.objects.filter(Q(speaker__in=value) | Q(on_behalf_of__in=value)),
            actions=TreatyAction.objects.filter(actor__in=value),
        )

    def filter_treaties(self, qs, name, value):
        return self._citing(
            qs,
            events=Event.objects.filter(treaties__in=value),
            statements=Statement.objects.filter(treaties__in=value),
            actions=TreatyAction.objects.filter(treaty__in=value),
        )

    def filter_types(self, qs, name, value):
        return self._citing(qs, events=Event.objects.filter(type_q("", value)))

    def filter_tags(self, qs, name, value):
        return self._citing(qs, events=Event.objects.filter(tags__slug__in=value))


@strawberry.input(
    description="Filters for sources. Dates: publication; actors, treaties, types and tags "
    "select the sources cited by matching records."
)
class SourceFilter(RecordFilterInput):
    pass
