"""Actor filters: the FilterSet (shared with exports) and the GraphQL input.

Actors have no dates of their own: ``from``/``to``, ``types`` and ``tags`` select
the actors involved (participant, speaker, treaty action) in matching records.
"""

from __future__ import annotations

import strawberry
from django.db.models import Q

from api.core.filters import RecordFilterInput
from api.core.filtersets import RecordFilterSet, type_q
from timeline.models import Actor, Event, EventParticipant, Statement, TreatyAction
from timeline.querysets import overlapping


class ActorFilterSet(RecordFilterSet):
    class Meta:
        model = Actor
        fields: list[str] = []

    def _involved_in(self, qs, events=None, statements=None, actions=None):
        q = Q(pk__in=[])
        if events is not None:
            events = self.visible(events).values("pk")
            participations = self.visible(EventParticipant.objects.filter(event__in=events))
            q |= Q(pk__in=participations.values("actor"))
        if statements is not None:
            statements = self.visible(statements)
            q |= Q(pk__in=statements.values("speaker"))
        if actions is not None:
            actions = self.visible(actions).filter(actor__isnull=False)
            q |= Q(pk__in=actions.values("actor"))
        return qs.filter(q)

    def filter_period(self, qs, date_from, date_to):
        return self._involved_in(
            qs,
            events=overlapping(Event.objects.all(), date_from, date_to),
            statements=overlapping(Statement.objects.all(), date_from, date_to),
            actions=overlapping(TreatyAction.objects.all(), date_from, date_to),
        )

    def filter_actors(self, qs, name, value):
        return qs.filter(pk__in=value)

    def filter_treaties(self, qs, name, value):
        return self._involved_in(qs, actions=TreatyAction.objects.filter(treaty__in=value))

    def filter_types(self, qs, name, value):
        return self._involved_in(qs, events=Event.objects.filter(type_q("", value)))

    def filter_tags(self, qs, name, value):
        return self._involved_in(qs, events=Event.objects.filter(tags__slug__in=value))


@strawberry.input(
    description="Filters for actors. from/to, types, tags and treaties select the actors "
    "involved in matching events, statements or treaty actions."
)
class ActorFilter(RecordFilterInput):
    pass
