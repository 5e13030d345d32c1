"""Errors a query returns to the client, with a machine-readable code."""

from __future__ import annotations

from graphql import GraphQLError

BAD_USER_INPUT = "BAD_USER_INPUT"
FORBIDDEN = "FORBIDDEN"


def bad_input(message: str, code: str = BAD_USER_INPUT) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})
