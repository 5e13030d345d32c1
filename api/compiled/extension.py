"""The schema extension that answers covered read operations with one SQL statement.

It runs after parsing, validation and the cost limit (strawberry's pipeline and
api.core.limits), at the start of execution: when the operation compiles, the
statement's JSON becomes the result's ``data`` as an ``orjson.Fragment`` (the
bytes PostgreSQL built, never decoded into Python objects) and strawberry skips
its own execution. Otherwise strawberry executes the operation as always.

Only requests that come through the HTTP view are compiled (the view marks them,
``GRAPHQL_COMPILED_READS`` on): code calling ``schema.execute_sync`` directly gets
Python data as before. The choice is recorded per operation on the request and
the view sends it in the ``X-Timeline-Executor`` header.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

import orjson
import psycopg
from django.conf import settings
from django.db import DatabaseError, OperationalError, connections, router, transaction
from django.db.backends.utils import CursorDebugWrapper
from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from api.compiled.compiler import compile_operation
from api.compiled.sqlvalues import NotCompilable
from api.core import timeouts
from api.core.limits import limit
from timeline.models import Event

logger = logging.getLogger(__name__)

COMPILED = "compiled"
STRAWBERRY = "strawberry"
EXECUTOR_HEADER = "X-Timeline-Executor"
REQUEST_FLAG = "_timeline_compiled_reads"
REQUEST_EXECUTORS = "_timeline_executors"


def record(request, executor: str, reason: str = "") -> None:
    if request is None:
        return
    executors = getattr(request, REQUEST_EXECUTORS, None)
    if executors is None:
        executors = []
        setattr(request, REQUEST_EXECUTORS, executors)
    executors.append((executor, reason))


def header_value(request) -> str | None:
    """``compiled`` when every operation of the request was compiled, else the first reason."""
    executors = getattr(request, REQUEST_EXECUTORS, None)
    if not executors:
        # Nothing reached execution (a request error) or the path is switched off.
        if getattr(request, REQUEST_FLAG, True) is False:
            return f"{STRAWBERRY}; reason=compiled reads off"
        return None
    for executor, reason in executors:
        if executor != COMPILED:
            return f"{STRAWBERRY}; reason={reason}" if reason else STRAWBERRY
    return COMPILED


class CompiledReads(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        request = getattr(context.context, "request", None)
        if (
            request is not None
            and getattr(request, REQUEST_FLAG, False)
            and context.result is None
            and context.graphql_document is not None
            and not context.pre_execution_errors
        ):
            self._try_compiled(context, request)
        yield

    @staticmethod
    def _try_compiled(context, request) -> None:
        if context.operation_type is not OperationType.QUERY:
            record(request, STRAWBERRY, "not a query")
            return
        try:
            statement = compile_operation(
                context.schema,
                context.graphql_document,
                context.variables,
                context._provided_operation_name,
                context.context,
                context.query,
            )
        except NotCompilable as exc:
            reason = _header_safe(str(exc))
            logger.debug("strawberry executes this operation: %s", reason)
            record(request, STRAWBERRY, reason)
            return
        except Exception:
            # A defect of the compiler must cost speed, never an answer.
            logger.exception("the compiled read path failed; strawberry executes it")
            record(request, STRAWBERRY, "compiler error")
            return
        try:
            text = run(statement)
        except DatabaseError as exc:
            # Timeouts included: strawberry runs the operation again and reports the
            # error on the field it belongs to, exactly as without the compiled path.
            logger.warning("compiled statement failed, strawberry executes it: %s", exc)
            record(request, STRAWBERRY, "database error")
            return
        context.result = GraphQLExecutionResult(data=orjson.Fragment(text), errors=None)
        record(request, COMPILED)


def run(statement) -> str:
    """The statement's one text value. Inside a transaction (tests, ATOMIC_REQUESTS) it
    runs in a savepoint, so a failure leaves the transaction usable for the fallback."""
    connection = connections[router.db_for_read(Event)]
    if connection.in_atomic_block:
        with transaction.atomic(using=connection.alias):
            return _execute(connection, statement)
    try:
        return _execute(connection, statement)
    except OperationalError:
        raw = connection.connection
        if raw is not None and not (raw.closed or raw.broken):
            raise
    # The server dropped the connection while it sat idle (a restart, a failover,
    # pg_terminate_backend): outside a transaction nothing is lost by running the
    # statement once more on a new one, under the API's timeout.
    logger.warning("The database connection was dropped; reconnecting.")
    connection.close()
    connection.ensure_connection()
    timeout = limit("GRAPHQL_STATEMENT_TIMEOUT_MS")
    if timeout:
        connection.connection.execute(f"SET statement_timeout = {int(timeout)}")
        timeouts.mark(connection.connection, timeout)
    return _execute(connection, statement)


def _execute(connection, statement) -> str:
    """Run through Django's cursor wrappers (the request budget, query logging), as a
    server-side prepared statement when GRAPHQL_COMPILED_PREPARE is on: the statements are
    large and the same for every page of a document, so planning them once per
    connection saves most of their planning time."""
    if not settings.GRAPHQL_COMPILED_PREPARE:
        with connection.cursor() as cursor:
            cursor.execute(statement.text, statement.params)
            return cursor.fetchone()[0]
    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    wrapper = connection._prepare_cursor(raw)

    def execute(sql, params, many, context):
        with connection.wrap_database_errors:
            return raw.execute(sql, params, prepare=True)

    # Logged (DEBUG, captured queries) as runnable SQL, the parameters in place.
    logged = (
        wrapper.debug_sql(connection.ops.compose_sql(statement.text, statement.params))
        if isinstance(wrapper, CursorDebugWrapper)
        else contextlib.nullcontext()
    )
    try:
        with logged:
            wrapper._execute_with_wrappers(
                statement.text, statement.params, many=False, executor=execute
            )
        return raw.fetchone()[0]
    finally:
        raw.close()


def _header_safe(reason: str) -> str:
    text = "".join(ch if 32 <= ord(ch) < 127 else "?" for ch in reason)
    return text[:200]
