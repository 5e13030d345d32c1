"""Export rows written by PostgreSQL: COPY streaming and JSON text built in SQL.

The CSV and JSON Lines exports wrap each dataset's queryset (visibility, filters,
``since``, links) in one statement that formats every row in SQL, and stream the
result with ``COPY … TO STDOUT``: Python only passes the bytes on, so the export
runs at the speed of the query.

JSON text is built here exactly as ``orjson`` writes the same Python values
(``stream.dumps``): compact separators, keys in declared order, strings escaped
like PostgreSQL's ``to_json`` (the same escapes), timestamps in UTC with
microseconds only when non-zero, decimals as the shortest float text
(``48.8566``, ``12.0``). tests/exports/test_sqltext.py holds the two to each other.
"""

from __future__ import annotations

from collections.abc import Iterator

import orjson
from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import Expression, JSONField, TextField

from api.exports.datasets.base import ARRAY, DATE, DATETIME, NUMBER, Column

# CSV with a quote and a delimiter that never occur in one-column JSON or CSV text
# built by the statement: PostgreSQL then quotes nothing, so bytes pass unchanged.
PASSTHROUGH = "(FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')"

_SECONDS = "to_char(({0}) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS{1}\"+00:00\"')"


def literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def json_key(name: str) -> str:
    """``"name":`` as orjson writes it (a SQL literal)."""
    return orjson.dumps(name).decode() + ":"


def jsonb_key_order(names) -> list[str]:
    """The order a jsonb object keeps its keys in: shorter first, then bytewise."""
    return sorted(names, key=lambda name: (len(name.encode()), name.encode()))


def json_scalar(expr: str) -> str:
    """JSON text of a scalar, a date or an array of scalars (NULL stays NULL)."""
    return f"to_json({expr})::text"


def json_value(column: Column, expr: str, output_field=None) -> str:
    """SQL giving the JSON text orjson writes for ``column``'s Python value, or NULL."""
    if column.type == DATETIME:
        # orjson: microseconds only when there are some.
        return (
            f"CASE WHEN ({expr}) = date_trunc('second', {expr}) "
            f"THEN '\"' || {_SECONDS.format(expr, '')} || '\"' "
            f"ELSE '\"' || {_SECONDS.format(expr, '.US')} || '\"' END"
        )
    if column.type == NUMBER:
        # Decimal → float → orjson: shortest text, integral values with ".0". Exact for
        # the declared decimal fields (≤ 5 decimals, far below 1e15).
        return (
            f"CASE WHEN ({expr}) = trunc({expr}) THEN trunc({expr})::text || '.0' "
            f"ELSE trim_scale({expr})::text END"
        )
    if column.type == DATE:
        return json_scalar(expr)
    if column.type == ARRAY and _holds_json(output_field):
        return compact_jsonb_array(expr)
    return json_scalar(expr)


def _holds_json(field) -> bool:
    return isinstance(field, ArrayField) and isinstance(field.base_field, JSONField)


def compact_jsonb_array(expr: str) -> str:
    """A jsonb[] of flat objects as orjson writes it after json.loads: keys in jsonb order."""
    members = (
        "SELECT coalesce('{' || string_agg(to_json(p.k)::text || ':' || p.v::text, ',' "
        "ORDER BY p.o) || '}', '{}') FROM jsonb_each(u.m) WITH ORDINALITY AS p(k, v, o)"
    )
    return (
        f"CASE WHEN ({expr}) IS NOT NULL THEN (SELECT '[' || coalesce(string_agg(({members}), "
        f"',' ORDER BY u.i), '') || ']' FROM unnest({expr}) WITH ORDINALITY AS u(m, i)) END"
    )


def json_object(pairs: list[tuple[str, str]]) -> str:
    """One JSON object's text from (key, SQL JSON text or NULL) pairs, in that order."""
    parts = []
    for i, (key, value) in enumerate(pairs):
        prefix = ("{" if i == 0 else ",") + json_key(key)
        parts.append(f"{literal(prefix)} || coalesce({value}, 'null')")
    return " || ".join(parts) + " || '}'"


class JSONObjectText(Expression):
    """A compact JSON object as text, keys in the given order, each value ``to_json``.

    The text form of what ``JSONObject`` builds as jsonb, for nesting rows in a line
    without parsing them in Python.
    """

    output_field = TextField()

    def __init__(self, fields: dict[str, Expression]):
        super().__init__()
        self.fields = fields

    def get_source_expressions(self):
        return list(self.fields.values())

    def set_source_expressions(self, exprs):
        self.fields = dict(zip(self.fields, exprs, strict=True))

    def resolve_expression(self, *args, **kwargs):
        clone = self.copy()
        clone.fields = {
            key: value.resolve_expression(*args, **kwargs) for key, value in self.fields.items()
        }
        return clone

    def as_sql(self, compiler, connection):
        pairs, params = [], []
        for key, value in self.fields.items():
            sql, value_params = compiler.compile(value)
            pairs.append((key, json_scalar(sql)))
            params.extend(value_params)
        return f"({json_object(pairs)})", params


def copy_out(statement: str, counter) -> Iterator[bytes]:
    """Stream ``COPY (statement) TO STDOUT …`` as blocks; add its row count to ``counter``."""
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(statement) as copy:
            for block in copy:
                yield bytes(block)
        if counter is not None:
            counter.rows += max(raw.rowcount, 0)
