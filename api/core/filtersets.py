"""Base django-filter FilterSet for the main records, shared by GraphQL and exports.

The GraphQL filter inputs only translate their arguments to FilterSet data
(comma-separated ids, slugs, statuses, ISO dates: the same data a query string
gives an export), so each filter is declared once, here and in the domain
subclasses. Visibility is applied before filtering; the subqueries that look at
related records apply it too, so a filter never reveals an unpublished record.

Actors and treaties are named by global id or slug, event types and tags by
slug. Each is looked up among the records the reader may see before anything
is filtered: an unknown one, and a hidden one alike, is a BAD_USER_INPUT error
naming the argument and the value, never an empty list (which would let a
client tell a hidden record from a nonexistent one). ``from``/``to`` take EDTF
(2019, 2019-03, 2019-03-19, intervals): ``from`` is the earliest day its date
can mean, ``to`` the latest.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import ClassVar

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from api.core.errors import bad_input
from api.core.permissions import can_see_unpublished
from timeline.dates import ACCEPTED_FORMS, DateBounds, parse_date
from timeline.models import Actor, EventType, Status, Tag, Treaty
from timeline.querysets import overlapping, search_matching, visible


class CharInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    pass


class RecordFilterSet(django_filters.FilterSet):
    """from/to (date range overlap), actors, treaties, types, tags, search, status.

    Subclasses implement ``filter_actors``, ``filter_treaties``, ``filter_types``
    and ``filter_tags`` for their model. ``from`` and ``to`` are the data keys of
    ``date_from``/``date_to`` (``from`` is a Python keyword).
    """

    date_from = django_filters.CharFilter(method="filter_dates")
    date_to = django_filters.CharFilter(method="filter_dates")
    actors = CharInFilter(method="_by_actors")
    treaties = CharInFilter(method="_by_treaties")
    types = CharInFilter(method="_by_types")
    tags = CharInFilter(method="_by_tags")
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

    # django-filter builds a new form class, with a new form field per filter, for every
    # FilterSet instance (every GraphQL list and export): the fields depend only on the
    # declarations, so each FilterSet class builds its form class once.
    _form_classes: ClassVar[dict[type, type]] = {}

    def get_form_class(self):
        form_class = self._form_classes.get(type(self))
        if form_class is None:
            form_class = self._form_classes[type(self)] = super().get_form_class()
        return form_class

    @property
    def qs(self):
        if not self.is_bound or self.is_valid():
            return super().qs
        raise bad_input(self.error_message())

    def error_message(self) -> str:
        names = {"date_from": "from", "date_to": "to"}
        parts = []
        for field, errors in self.errors.items():
            parts.append(f"{_argument(names.get(field, field))}: {' '.join(errors)}")
        return "; ".join(parts)

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
        if name == "date_to" and data.get("date_from"):
            return qs
        date_from, date_to = date_range(data.get("date_from"), data.get("date_to"))
        return self.filter_period(qs, date_from, date_to)

    # The references are resolved (and checked) here; subclasses get pks and slugs.
    def _by_actors(self, qs, name, value):
        return self.filter_actors(qs, name, self.actor_pks(value))

    def _by_treaties(self, qs, name, value):
        return self.filter_treaties(qs, name, self.treaty_pks(value))

    def _by_types(self, qs, name, value):
        return self.filter_types(qs, name, self.type_slugs(value))

    def _by_tags(self, qs, name, value):
        return self.filter_tags(qs, name, self.tag_slugs(value))

    def actor_pks(self, values) -> list[int]:
        return resolve_references(Actor, values, "actors", unpublished=self.unpublished)

    def treaty_pks(self, values) -> list[int]:
        return resolve_references(Treaty, values, "treaties", unpublished=self.unpublished)

    def type_slugs(self, values) -> list[str]:
        return resolve_slugs(EventType, values, "types")

    def tag_slugs(self, values) -> list[str]:
        return resolve_slugs(Tag, values, "tags")

    def filter_period(self, qs, date_from, date_to):
        return overlapping(qs, date_from, date_to)

    def filter_search(self, qs, name, value):
        return search_matching(qs, value)

    def filter_actors(self, qs, name, value):
        raise NotImplementedError

    def filter_treaties(self, qs, name, value):
        raise NotImplementedError

    def filter_types(self, qs, name, value):
        raise NotImplementedError

    def filter_tags(self, qs, name, value):
        raise NotImplementedError


def _argument(name: str) -> str:
    return f"Argument 'filters.{name}'"


def date_range(date_from: str | None, date_to: str | None) -> tuple[dt.date | None, dt.date | None]:
    """EDTF bounds to days: ``from`` its earliest day, ``to`` its latest (None: open)."""
    start = end = None
    if date_from:
        start = _bounds(date_from, "from").start
    if date_to:
        end = _bounds(date_to, "to").end
    if start and end and start > end:
        raise bad_input(
            f"Argument 'filters': 'from' ({date_from}) is after 'to' ({date_to}); "
            "no record can match."
        )
    return start, end


def _bounds(value: str, name: str) -> DateBounds:
    try:
        if "\x00" in value:
            raise ValidationError("NUL")
        return parse_date(value)
    except ValidationError:
        raise bad_input(
            f"{_argument(name)}: {value!r} is not a date. Enter {ACCEPTED_FORMS}."
        ) from None


def _global_id(value: str) -> tuple[str, str] | None:
    """(type name, id) when ``value`` is a global id; None when it reads as a slug."""
    try:
        decoded = base64.b64decode(value.encode("ascii"), validate=True).decode("utf-8")
    except (ValueError, UnicodeError):
        return None
    type_name, sep, node_id = decoded.partition(":")
    if not sep or not type_name.isidentifier():
        return None
    return type_name, node_id


def resolve_references(model, values, argument: str, *, unpublished: bool) -> list[int]:
    """Pks of the visible ``model`` rows named by global ids or slugs; any other is an error."""
    type_name = model.__name__
    pks: dict[str, int] = {}
    slugs: dict[str, str] = {}
    for value in values:
        if "\x00" in value:
            raise _unknown(model, argument, value)
        gid = _global_id(value)
        if gid is None:
            slugs[value] = value
        elif gid[0] != type_name:
            raise bad_input(
                f"{_argument(argument)} takes {type_name} ids or slugs; {value!r} is a {gid[0]} id."
            )
        elif not gid[1].isdigit() or int(gid[1]) > 2**63 - 1:
            raise _unknown(model, argument, value)
        else:
            pks[value] = int(gid[1])
    rows = visible(model._default_manager.all(), unpublished=unpublished).filter(
        Q(pk__in=pks.values()) | Q(slug__in=slugs.values())
    )
    found_pks, found_slugs = set(), set()
    for pk, slug in rows.values_list("pk", "slug"):
        found_pks.add(pk)
        found_slugs.add(slug)
    for value in values:
        if value in pks and pks[value] not in found_pks:
            raise _unknown(model, argument, value)
        if value in slugs and value not in found_slugs:
            raise _unknown(model, argument, value)
    return sorted(found_pks)


def resolve_slugs(model, values, argument: str) -> list[str]:
    """The slugs, checked to exist (taxonomies have no workflow: all are visible)."""
    clean = [v for v in values if "\x00" not in v]
    known = set(model._default_manager.filter(slug__in=clean).values_list("slug", flat=True))
    for value in values:
        if value not in known:
            raise _unknown(model, argument, value)
    return list(values)


def _unknown(model, argument: str, value: str):
    # The same words whether the record does not exist or is hidden from this reader.
    return bad_input(f"{_argument(argument)}: no {model._meta.verbose_name} {value!r}.")


def type_q(prefix: str, slugs) -> Q:
    """Events of these types, or of their subtypes (``prefix`` leads to the event)."""
    return Q(**{f"{prefix}event_type__slug__in": slugs}) | Q(
        **{f"{prefix}event_type__parent__slug__in": slugs}
    )
