"""A wall-clock budget per HTTP request: what the cost estimate misses stops here.

The cost estimate is a model; some documents cost more than it says (a slow
plan, a search over a large table, a batch of heavy operations). Every request
gets ``GRAPHQL_REQUEST_BUDGET_MS`` of wall-clock time: before each SQL statement
(a Django execute wrapper, so no resolver is slowed) and before each operation
of a batch, a request past its deadline stops with REQUEST_BUDGET_EXCEEDED. A
statement already running is bounded by the statement timeout, so a request
ends within the budget plus one statement timeout.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections
from graphql import ExecutionResult, GraphQLError

from api.core.limits.config import REQUEST_BUDGET_EXCEEDED, limit


class RequestBudgetExceeded(Exception):
    def __init__(self, budget_ms: int) -> None:
        self.budget_ms = budget_ms
        super().__init__(budget_message(budget_ms))


def budget_message(budget_ms: int) -> str:
    return (
        f"The request used up its time budget of {budget_ms} ms and was stopped. Send "
        "fewer operations or aliases, ask for smaller pages, or narrow the filters."
    )


class Deadline:
    def __init__(self, budget_ms: int) -> None:
        self.budget_ms = budget_ms
        self.at = time.monotonic() + budget_ms / 1000 if budget_ms > 0 else None

    def passed(self) -> bool:
        return self.at is not None and time.monotonic() > self.at

    def check(self) -> None:
        if self.passed():
            raise RequestBudgetExceeded(self.budget_ms)

    def __call__(self, execute, sql, params, many, context):
        # Django execute wrapper: refuse new SQL once the request is out of time.
        self.check()
        return execute(sql, params, many, context)


@contextmanager
def request_budget() -> Iterator[Deadline]:
    """The deadline of one request, enforced on every database connection it uses."""
    deadline = Deadline(limit("GRAPHQL_REQUEST_BUDGET_MS"))
    if deadline.at is None:
        yield deadline
        return
    with _wrapped(list(connections), deadline):
        yield deadline


@contextmanager
def _wrapped(aliases: list[str], deadline: Deadline) -> Iterator[None]:
    if not aliases:
        yield
        return
    with connections[aliases[0]].execute_wrapper(deadline), _wrapped(aliases[1:], deadline):
        yield


def budget_exceeded_result(budget_ms: int) -> ExecutionResult:
    """The result of a batch operation not started because the request ran out of time."""
    error = GraphQLError(budget_message(budget_ms), extensions={"code": REQUEST_BUDGET_EXCEEDED})
    return ExecutionResult(data=None, errors=[error])
