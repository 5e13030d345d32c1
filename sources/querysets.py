"""Read-side rules for sources (dates, orderings, search), declared in timeline.querysets'
registries. Importing this module registers them; the API and exports import it.

Visibility is not registered here: every public rule, sources' included, is declared
in timeline.querysets.PUBLIC_RULES, so no rule depends on an import having happened.
"""

from __future__ import annotations

from sources.models import Source
from timeline.querysets import (
    register_date_fields,
    register_orderings,
    register_search,
)

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
