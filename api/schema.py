"""The one place the GraphQL schema is assembled, with its extensions."""

from __future__ import annotations

import strawberry
import strawberry_django
from strawberry import relay
from strawberry.schema.config import StrawberryConfig
from strawberry_django.optimizer import DjangoOptimizerExtension

from api.actors.queries import ActorQueries
from api.compiled.extension import CompiledReads
from api.core import optimizer
from api.core.descriptions import describe_arguments
from api.core.error_logging import TimelineSchema
from api.core.filters import EDTF_DATE_SCALAR, EDTFDate
from api.core.ids import MAX_NODE_IDS, MaxIds
from api.core.limits import schema_extensions
from api.core.pagination import MAX_PAGE_SIZE
from api.events.mutations import EventMutations
from api.events.queries import EventQueries
from api.search.queries import SearchQueries
from api.sources.mutations import SourceMutations
from api.sources.queries import SourceQueries
from api.statements.mutations import StatementMutations
from api.statements.queries import StatementQueries
from api.timeline.queries import TimelineQueries
from api.treaties.mutations import TreatyActionMutations
from api.treaties.queries import TreatyQueries
from api.workflow.mutations import WorkflowMutations

optimizer.install()


@strawberry.type
class Query(
    EventQueries,
    StatementQueries,
    TreatyQueries,
    ActorQueries,
    SourceQueries,
    TimelineQueries,
    SearchQueries,
):
    node: relay.Node | None = strawberry_django.node(
        description="Any record by its global id (null if it does not exist or is not visible)."
    )
    nodes: list[relay.Node | None] = strawberry_django.node(
        description=f"Records by global ids, in the same order (null where not visible); "
        f"at most {MAX_NODE_IDS} ids.",
        extensions=[MaxIds(MAX_NODE_IDS)],
    )


@strawberry.type
class Mutation(
    EventMutations,
    StatementMutations,
    TreatyActionMutations,
    SourceMutations,
    WorkflowMutations,
):
    """Writes for signed-in curators and reviewers; the same rules as the admin."""


schema = TimelineSchema(
    query=Query,
    mutation=Mutation,
    extensions=[DjangoOptimizerExtension, *schema_extensions(), CompiledReads],
    config=StrawberryConfig(
        relay_max_results=MAX_PAGE_SIZE, scalar_map={EDTFDate: EDTF_DATE_SCALAR}
    ),
)
describe_arguments(schema)
