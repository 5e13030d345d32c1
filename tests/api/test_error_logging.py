"""Client mistakes are not logged as server errors; our bugs are, with a traceback."""

from __future__ import annotations

import logging

import psycopg
from graphql import GraphQLError

from api.schema import schema


def errors_logged(caplog, error: GraphQLError) -> list[tuple[str, int]]:
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        schema.process_errors([error])
    return [(r.name, r.levelno) for r in caplog.records]


def test_validation_errors_are_debug_only(caplog):
    error = GraphQLError("Cannot query field 'nope' on type 'Query'.")
    assert errors_logged(caplog, error) == [("api.graphql", logging.DEBUG)]


def test_errors_raised_on_purpose_are_debug_only(caplog):
    error = GraphQLError("Argument 'first' cannot be higher than 100.")
    error = GraphQLError(error.message, original_error=error)
    assert errors_logged(caplog, error) == [("api.graphql", logging.DEBUG)]


def test_a_statement_timeout_is_a_warning(caplog):
    cancelled = psycopg.errors.QueryCanceled("canceling statement due to statement timeout")
    error = GraphQLError("x", original_error=cancelled, path=["events"])
    assert errors_logged(caplog, error) == [("api.graphql", logging.WARNING)]


def test_a_bug_in_a_resolver_is_an_error_with_its_traceback(caplog):
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as exc:
        error = GraphQLError("division by zero", original_error=exc, path=["events"])
    assert errors_logged(caplog, error) == [("strawberry.execution", logging.ERROR)]
    assert caplog.records[0].exc_info[0] is ZeroDivisionError
