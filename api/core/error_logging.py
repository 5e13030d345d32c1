"""Which GraphQL errors are worth an ERROR log line.

strawberry logs every error at ERROR with a traceback, including the syntax,
validation and limit errors that hostile or careless clients cause by the
thousand, and the bad ids or values a resolver refuses. Those are the
client's mistakes: logged at DEBUG, without a traceback. Exceptions raised
inside resolvers (our bugs) keep strawberry's ERROR log with the traceback; a
cancelled statement (statement_timeout) is a WARNING.
"""

from __future__ import annotations

import logging

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

from api.core.limits.budget import RequestBudgetExceeded
from api.core.limits.error_policy import client_code, is_timeout

logger = logging.getLogger("api.graphql")


def is_client_error(error: GraphQLError) -> bool:
    """An error the client caused: anything the error policy does not code as ours.

    Bad global ids, invalid input (Django ``ValidationError``), missing records
    and refused permissions are the client's; only an error the policy would
    answer as INTERNAL_SERVER_ERROR (or a timeout, logged separately) is a bug.
    """
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return True
    if is_timeout(original) or isinstance(original, RequestBudgetExceeded):
        return False
    return client_code(error) is not None


class TimelineSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if is_client_error(error):
                logger.debug("GraphQL request error: %s", error.message)
            elif is_timeout(error.original_error):
                logger.warning("GraphQL statement timeout at %s", error.path)
            elif isinstance(error.original_error, RequestBudgetExceeded):
                logger.warning("GraphQL request out of time budget at %s", error.path)
            else:
                StrawberryLogger.error(error, execution_context)
