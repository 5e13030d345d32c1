"""A tiny schema for what the real one does not have (yet): a mutation, a
resolver that fails, one that sleeps in PostgreSQL. Mounted on the real view
by ``tests.api.http_urls``; the tests that use it say so with
``@pytest.mark.urls("tests.api.http_urls")``.
"""

from __future__ import annotations

import strawberry
from django.db import connection
from graphql import GraphQLError
from strawberry import Info

from api.core.limits import schema_extensions
from api.core.permissions import can_see_unpublished


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        return "world"

    @strawberry.field
    def boom(self) -> str:
        raise RuntimeError('relation "auth_user" leaked: SELECT password FROM auth_user')

    @strawberry.field
    def db_boom(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT secret_column FROM no_such_table")
        return 0

    @strawberry.field
    def refused(self) -> str:
        raise GraphQLError("You may not see this.", extensions={"code": "FORBIDDEN"})

    @strawberry.field
    def sleep(self, seconds: float) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(%s)", [seconds])
        return 1

    @strawberry.field
    def statement_timeout(self) -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            return cursor.fetchone()[0]

    @strawberry.field
    def sees_drafts(self, info: Info) -> bool:
        return can_see_unpublished(info.context.request.user)


@strawberry.type
class Mutation:
    @strawberry.mutation
    def touch(self) -> bool:
        return True


schema = strawberry.Schema(query=Query, mutation=Mutation, extensions=schema_extensions())
