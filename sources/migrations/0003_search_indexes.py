"""Full-text search over sources: a GIN index on the expression of sources.querysets."""

from django.db import migrations

EXPRESSION = (
    "(setweight(to_tsvector(timeline_ts_config(language), coalesce(title, '')), 'A') || "
    "setweight(to_tsvector(timeline_ts_config(language), coalesce(body, '')), 'C'))"
)


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0002_publish_permissions"),
        ("timeline", "0004_search_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX source_search_gin ON sources_source USING gin ({EXPRESSION});",
            "DROP INDEX IF EXISTS source_search_gin;",
        ),
    ]
