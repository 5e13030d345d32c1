"""Rows as PostgreSQL COPY text, in temporary files: one per table and chunk of events.

Generation streams (a story's event, statements, sources and citations come out
together) while COPY loads one table at a time, so rows wait in files, not in memory;
a finished chunk is loaded while the next one is generated.
Columns come from the model: a column the generator does not set gets the model
field's default, so a field added later does not break the load silently.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable

from django.db import models

_NO_DEFAULT = object()


def _array(values: Iterable) -> str:
    parts = []
    for v in values:
        if isinstance(v, str):
            parts.append('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"')
        else:
            parts.append(str(v))
    return "{" + ",".join(parts) + "}"


def _escape(text: str) -> str:
    # Most generated text has none of these; checking first is much faster than translate().
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if "\n" in text:
        text = text.replace("\n", "\\n")
    if "\t" in text or "\r" in text:
        text = text.replace("\t", "\\t").replace("\r", "\\r")
    return text


def encode(value) -> str:
    if value is None:
        return "\\N"
    kind = type(value)
    if kind is str:
        return _escape(value)
    if kind is int:
        return str(value)
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return _escape(_array(value))
    return str(value)


class TableFile:
    """A COPY text file for ``model``'s table, filled by ``write(**fields)``."""

    def __init__(self, model: type[models.Model], directory: str):
        self.model = model
        self.table = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.names = [f.attname for f in self.fields]
        self.defaults = {}
        for field in self.fields:
            if field.has_default():
                self.defaults[field.attname] = encode(field.get_default())
            elif field.null:
                self.defaults[field.attname] = "\\N"
            elif field.empty_strings_allowed and field.blank:
                self.defaults[field.attname] = ""
            else:
                self.defaults[field.attname] = _NO_DEFAULT
        self._known = frozenset(self.names)
        self._format = self._compile()
        self.directory = directory
        self.chunk = 0
        self.rows = 0
        self._open()
        self.next_id = 1

    def new_id(self) -> int:
        pk, self.next_id = self.next_id, self.next_id + 1
        return pk

    def write(self, **values) -> int:
        """Write one row; returns its id (given as ``id=`` or the next free one)."""
        pk = values.get("id")
        if pk is None:
            pk = values["id"] = self.new_id()
        if not values.keys() <= self._known:
            unknown = sorted(set(values) - self._known)
            raise ValueError(f"{self.model.__name__} has no column(s) {unknown}.")
        try:
            self._file.write(self._format(values))
        except KeyError as exc:
            raise ValueError(
                f"{self.model.__name__}.{exc.args[0]} is required and has no default: "
                "the synthetic generator must set it."
            ) from None
        self.rows += 1
        return pk

    def _compile(self):
        """One generated expression per table instead of a loop over the columns (rows are
        written millions of times): a required column is read, one with a default is read
        when given."""
        cells = []
        for index, name in enumerate(self.names):
            if self.defaults[name] is _NO_DEFAULT:
                cells.append(f"encode(v[{name!r}])")
            else:
                cells.append(f"(encode(v[{name!r}]) if {name!r} in v else defaults[{index}])")
        source = "def _format(v):\n    return '\\t'.join((" + ", ".join(cells) + ",)) + '\\n'\n"
        scope = {"encode": encode, "defaults": [self.defaults[n] for n in self.names]}
        exec(compile(source, f"<copy row {self.table}>", "exec"), scope)
        return scope["_format"]

    def _open(self) -> None:
        self.path = os.path.join(self.directory, f"{self.table}.{self.chunk}.copy")
        self._file = open(self.path, "w", encoding="utf-8", buffering=1 << 20)  # noqa: SIM115

    def rotate(self) -> str:
        """Close the current file (returned, for loading) and start the next one."""
        self._file.close()
        done = self.path
        self.chunk += 1
        self._open()
        return done

    def close(self) -> str:
        self._file.close()
        return self.path
