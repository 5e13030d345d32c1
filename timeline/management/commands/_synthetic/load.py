"""Bulk load: COPY into empty tables with their secondary indexes and constraints dropped,
then rebuilt in one pass each, then ANALYZE; all in one transaction, so a failure leaves
the database as it was.

Unique and foreign-key constraints are rebuilt too: PostgreSQL validates each in a single
scan or join instead of a check per row, and a broken row still fails the load.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable

from django.apps import apps
from django.db import DatabaseError, connection, transaction

from sources.models import Citation, Outlet, Source
from timeline.models import (
    Actor,
    Event,
    EventParticipant,
    EventRelation,
    EventType,
    Position,
    Statement,
    Tag,
    Treaty,
    TreatyAction,
)

from .copyfiles import TableFile

# Load order: referenced tables first (the constraints come back only at the end, but a
# reader of the files sees the same order).
TABLES = {
    "actor": Actor,
    "position": Position,
    "eventtype": EventType,
    "tag": Tag,
    "outlet": Outlet,
    "treaty": Treaty,
    "treatyaction": TreatyAction,
    "event": Event,
    "eventparticipant": EventParticipant,
    "event_treaties": Event.treaties.through,
    "event_tags": Event.tags.through,
    "eventrelation": EventRelation,
    "statement": Statement,
    "statement_events": Statement.events.through,
    "statement_treaties": Statement.treaties.through,
    "source": Source,
    "citation": Citation,
}


class Files:
    """One COPY file per generated table, as attributes named like ``TABLES``' keys."""

    def __init__(self):
        self._dir = tempfile.TemporaryDirectory(prefix="timeline-synthetic-")
        self.tables = {name: TableFile(model, self._dir.name) for name, model in TABLES.items()}
        for name, table in self.tables.items():
            setattr(self, name, table)

    def rotate(self) -> list[tuple[str, str]]:
        """Close this chunk's files; (table name, path) of each one that holds rows."""
        return _written(self.tables, "rotate")

    def close(self) -> list[tuple[str, str]]:
        return _written(self.tables, "close")

    def cleanup(self) -> None:
        self._dir.cleanup()


def _written(tables: dict[str, TableFile], how: str) -> list[tuple[str, str]]:
    done = [(name, getattr(table, how)()) for name, table in tables.items()]
    return [(name, path) for name, path in done if os.path.getsize(path)]


def domain_tables() -> list[str]:
    """Every table of the timeline and sources apps, history and link tables included."""
    tables = []
    for label in ("timeline", "sources"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if not model._meta.proxy and model._meta.managed:
                tables.append(model._meta.db_table)
    return sorted(set(tables))


def non_empty_tables() -> list[str]:
    quote = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:
        for table in domain_tables():
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})")
            if cursor.fetchone()[0]:
                found.append(table)
    return found


def _definitions(cursor, table: str):
    cursor.execute(
        """SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i
           JOIN pg_class c ON c.oid = i.indexrelid
           WHERE i.indrelid = %s::regclass AND NOT EXISTS (
               SELECT 1 FROM pg_constraint k
               WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)""",
        [table],
    )
    indexes = cursor.fetchall()
    # pg_get_indexdef leaves out a column's statistics target (ALTER INDEX ... SET
    # STATISTICS, as on the search documents): kept to be set again after the rebuild.
    cursor.execute(
        """SELECT c.relname, a.attnum, a.attstattarget FROM pg_index i
           JOIN pg_class c ON c.oid = i.indexrelid
           JOIN pg_attribute a ON a.attrelid = i.indexrelid
           WHERE i.indrelid = %s::regclass AND a.attstattarget > 0""",
        [table],
    )
    targets: dict[str, list[tuple[int, int]]] = {}
    for index, column, target in cursor.fetchall():
        targets.setdefault(index, []).append((column, target))
    indexes = [(name, sql, targets.get(name, [])) for name, sql in indexes]
    cursor.execute(
        """SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint
           WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY conname""",
        [table],
    )
    constraints = cursor.fetchall()
    return indexes, constraints


class Truncate(Exception):
    """The tables could not be emptied (another app's table references them)."""


def load(
    files: Files,
    chunks: Iterable[list[tuple[str, str]]],
    *,
    replace: bool,
    step: Callable[[str, int], None],
):
    """COPY each chunk's files as they come, then rebuild indexes and constraints, ANALYZE.

    Returns the seconds each phase took and (seconds, statement) of each rebuild, slowest
    first.
    """
    quote = connection.ops.quote_name
    timings: dict[str, float] = {}
    slow: list[tuple[float, str]] = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute("SET LOCAL synchronous_commit = off")
        started = time.perf_counter()
        # Emptied in this transaction, the tables can take COPY ... FREEZE: rows are
        # written frozen and all-visible, so no VACUUM pass is needed afterwards.
        freeze = True
        try:
            with transaction.atomic():
                names = ", ".join(quote(t) for t in domain_tables())
                cursor.execute(f"TRUNCATE {names} RESTART IDENTITY")
        except DatabaseError as exc:
            if replace:
                raise Truncate(str(exc).strip()) from exc
            freeze = False  # the tables are empty already; load them without FREEZE
        tables = {name: table.model._meta.db_table for name, table in files.tables.items()}
        saved = {name: _definitions(cursor, db_table) for name, db_table in tables.items()}
        for kind in ("f", "u"):
            for name, (_, constraints) in saved.items():
                for conname, contype, _ in constraints:
                    if contype == kind:
                        cursor.execute(
                            f"ALTER TABLE {quote(tables[name])} DROP CONSTRAINT {quote(conname)}"
                        )
        for indexes, _ in saved.values():
            for index, _, _ in indexes:
                cursor.execute(f"DROP INDEX {quote(index)}")
        timings["prepare"] = time.perf_counter() - started

        started = time.perf_counter()
        columns = {
            name: ", ".join(quote(c) for c in table.columns) for name, table in files.tables.items()
        }
        for chunk in chunks:
            for name, path in chunk:
                sql = f"COPY {quote(tables[name])} ({columns[name]}) FROM STDIN"
                if freeze:
                    sql += " WITH (FREEZE)"
                with open(path, "rb") as data, cursor.cursor.copy(sql) as copy:
                    while block := data.read(1 << 20):
                        copy.write(block)
                        step(f"copy {tables[name]}", len(block))
                os.remove(path)
        timings["copy"] = time.perf_counter() - started

        rebuild = []
        for indexes, _ in saved.values():
            for index, sql, targets in indexes:
                then = [
                    f"ALTER INDEX {quote(index)} ALTER COLUMN {column} SET STATISTICS {target}"
                    for column, target in targets
                ]
                rebuild.append(("index", sql, then))
        for kind in ("u", "f"):
            for name, (_, constraints) in saved.items():
                for conname, contype, definition in constraints:
                    if contype == kind:
                        rebuild.append(
                            (
                                "unique" if kind == "u" else "foreign key",
                                f"ALTER TABLE {quote(tables[name])} ADD CONSTRAINT "
                                f"{quote(conname)} {definition}",
                                [],
                            )
                        )
        for kind, sql, then in rebuild:
            begun = time.perf_counter()
            cursor.execute(sql)
            for statement in then:
                cursor.execute(statement)
            seconds = time.perf_counter() - begun
            slow.append((seconds, sql))
            phase = {"index": "indexes", "unique": "unique", "foreign key": "foreign keys"}[kind]
            timings[phase] = timings.get(phase, 0.0) + seconds
            step(kind, 0)

        started = time.perf_counter()
        for db_table in tables.values():
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), max(id)) FROM {quote(db_table)}",
                [db_table],
            )
            cursor.execute(f"ANALYZE {quote(db_table)}")
            step("analyze", 0)
        timings["analyze"] = time.perf_counter() - started
    return timings, sorted(slow, reverse=True)


def rebuild_steps(files: Files) -> int:
    """How many index/constraint statements and ANALYZEs ``load`` will report."""
    total = len(files.tables)
    with connection.cursor() as cursor:
        for table in files.tables.values():
            indexes, constraints = _definitions(cursor, table.model._meta.db_table)
            total += len(indexes) + len(constraints)
    return total
