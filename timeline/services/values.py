"""Field values as JSON (a change set's encoding) and back: a foreign key is its pk, a
many-to-many field a sorted list of pks, decimals and dates are strings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def to_json(model_field, value):
    if model_field.many_to_many:
        return sorted(v.pk if hasattr(v, "pk") else int(v) for v in (value or []))
    if model_field.is_relation:
        return value.pk if hasattr(value, "pk") else value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value


def current_json(record, model_field):
    if model_field.many_to_many:
        if record.pk is None:
            return []
        return sorted(getattr(record, model_field.name).values_list("pk", flat=True))
    if model_field.is_relation:
        return getattr(record, model_field.attname)
    return to_json(model_field, getattr(record, model_field.attname))


def _set(record, model_field, value) -> None:
    if model_field.is_relation:
        setattr(record, model_field.attname, value)
    else:
        setattr(record, model_field.attname, model_field.to_python(value))
