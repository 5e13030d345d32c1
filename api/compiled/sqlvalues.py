"""SQL expressions that render one value exactly as the strawberry path serialises it.

The compiled read path builds the response JSON in PostgreSQL; each GraphQL leaf
must come out as the same JSON value strawberry would produce from the Django
field (a DateTime as Python's ``isoformat``, a Decimal as a string, an enum as its
name, a relay id as base64 of ``Type:pk``). Anything without an exact rendering
here is not compiled (the operation falls back to strawberry).

Every string literal written into SQL here is one of our own identifiers (GraphQL
names, enum names, type names): checked by ``literal`` so none can carry a quote
or a ``%`` (the SQL also goes through psycopg's parameter formatting).
"""

from __future__ import annotations

import re

from django.db import models

_SAFE = re.compile(r"^[A-Za-z0-9_.|, :-]*$")


class NotCompilable(Exception):
    """This operation (or a part of it) has no compiled form: strawberry answers it."""


def literal(text: str) -> str:
    """An SQL string literal of one of our own names (never of user input)."""
    if not _SAFE.match(text):
        raise NotCompilable(f"unexpected characters in a name: {text!r}")
    return f"'{text}'"


def qn(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def base64_text(sql: str) -> str:
    """Standard base64 of the UTF-8 bytes of a text expression, without line breaks."""
    return f"translate(encode(convert_to({sql}, 'UTF8'), 'base64'), E'\\n', '')"


def global_id(type_name: str, pk_sql: str) -> str:
    """A relay global id: base64 of ``Type:pk`` (strawberry's ``to_base64``)."""
    return base64_text(f"({literal(type_name + ':')} || ({pk_sql})::text)")


def _micro_suffix(sql: str) -> str:
    # isoformat/str print the microseconds only when they are not zero.
    utc = f"(({sql}) AT TIME ZONE 'UTC')"
    return f"CASE WHEN to_char({utc}, 'US') = '000000' THEN '' ELSE '.' || to_char({utc}, 'US') END"


def datetime_text(sql: str, separator: str = "T") -> str:
    """A timestamptz as Python prints an aware UTC datetime (``isoformat`` or ``str``)."""
    utc = f"(({sql}) AT TIME ZONE 'UTC')"
    return (
        f"CASE WHEN ({sql}) IS NULL THEN NULL ELSE "
        f"to_char({utc}, 'YYYY-MM-DD\"{separator}\"HH24:MI:SS') || {_micro_suffix(sql)} "
        "|| '+00:00' END"
    )


def enum_name(sql: str, values: dict[str, str]) -> str:
    """A stored value as its GraphQL enum name; an unknown value is not compiled (NULL)."""
    whens = " ".join(f"WHEN {literal(v)} THEN {literal(n)}" for v, n in values.items())
    return f"CASE ({sql}) {whens} END"


def scalar(field: models.Field, sql: str, graphql_type: str) -> str:
    """The JSON-ready expression of a model column for a GraphQL scalar type."""
    if graphql_type in ("String", "ID"):
        if isinstance(field, (models.CharField, models.TextField)):
            return sql
        raise NotCompilable(f"{graphql_type} from {type(field).__name__}")
    if graphql_type == "Int":
        if isinstance(field, (models.IntegerField, models.AutoField)):
            return sql
        raise NotCompilable(f"Int from {type(field).__name__}")
    if graphql_type == "Boolean":
        if isinstance(field, models.BooleanField):
            return sql
        raise NotCompilable(f"Boolean from {type(field).__name__}")
    if graphql_type == "Date":
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            return sql
        raise NotCompilable(f"Date from {type(field).__name__}")
    if graphql_type == "DateTime":
        if isinstance(field, models.DateTimeField):
            return datetime_text(sql)
        raise NotCompilable(f"DateTime from {type(field).__name__}")
    if graphql_type == "Decimal":
        if isinstance(field, models.DecimalField) and field.decimal_places <= 6:
            # str(Decimal) prints numeric's text form unless the exponent is below -6.
            return f"({sql})::text"
        raise NotCompilable(f"Decimal from {type(field).__name__}")
    raise NotCompilable(f"scalar {graphql_type}")


def cursor_value(field: models.Field, sql: str) -> str:
    """One sort key value as ``json.dumps(default=str, ensure_ascii=False)`` writes it."""
    if isinstance(field, models.DateTimeField):
        return f"coalesce('\"' || {datetime_text(sql, ' ')} || '\"', 'null')"
    if isinstance(field, models.DateField):
        return f"coalesce('\"' || to_char({sql}, 'YYYY-MM-DD') || '\"', 'null')"
    if isinstance(field, (models.AutoField, models.IntegerField, models.ForeignKey)):
        return f"coalesce(({sql})::text, 'null')"
    if isinstance(field, (models.CharField, models.TextField)):
        return f"coalesce(to_json({sql})::text, 'null')"
    raise NotCompilable(f"cursor value of {type(field).__name__}")
