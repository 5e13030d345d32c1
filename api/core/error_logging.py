"""Which GraphQL errors are worth an ERROR log line.

strawberry logs every error at ERROR with a traceback, including the syntax,
validation and limit errors that hostile or careless clients cause by the
thousand. Those are the client's mistakes: logged at DEBUG. Exceptions raised
inside resolvers (our bugs) keep strawberry's ERROR log with the traceback; a
cancelled statement (statement_timeout) is a WARNING.
"""

from __future__ import annotations

import logging

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

from api.core.limits.error_policy import is_timeout

logger = logging.getLogger("api.graphql")


def is_client_error(error: GraphQLError) -> bool:
    original = error.original_error
    return original is None or isinstance(original, GraphQLError)


class TimelineSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if is_client_error(error):
                logger.debug("GraphQL request error: %s", error.message)
            elif is_timeout(error.original_error):
                logger.warning("GraphQL statement timeout at %s", error.path)
            else:
                StrawberryLogger.error(error, execution_context)
