"""Read-side rules for outlets, sources and citations, declared in timeline.querysets' registries.

Importing this module registers them; the API and exports import it.
"""

from __future__ import annotations

from django.db.models import Q

from sources.models import Citation, Source
from timeline.models import Status
from timeline.querysets import (
    register_date_fields,
    register_orderings,
    register_public_rule,
    register_search,
)

PUBLISHED = Status.PUBLISHED

register_public_rule(Source, Q(status=PUBLISHED))
# A citation is shown with its source, so the source must be public too.
register_public_rule(Citation, Q(source__status=PUBLISHED))
register_date_fields(Source, "published_start", "published_end")
register_orderings(
    Source,
    {
        "date": ("published_start", "title", "pk"),
        "title": ("title", "pk"),
        "created": ("created_at", "pk"),
        "updated": ("updated_at", "pk"),
    },
)
# Same expression as the GIN index of migration sources/0003_search_indexes.
register_search(
    Source,
    document=(
        "(setweight(to_tsvector(timeline_ts_config({language}), coalesce({title}, '')), 'A') || "
        "setweight(to_tsvector(timeline_ts_config({language}), coalesce({body}, '')), 'C'))"
    ),
    snippet="coalesce({title}, '') || ' — ' || coalesce({body}, '')",
    config="timeline_ts_config({language})",
)
