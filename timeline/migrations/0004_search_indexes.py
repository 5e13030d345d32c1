"""Full-text search: a language-to-configuration function and GIN expression indexes.

The indexed expressions are the same as timeline.querysets.SEARCH_DOCUMENTS (over
the same columns), which is what lets the planner use these indexes; a migration
keeps its own copy of the SQL because it must not change after it has run.
"""

from django.db import migrations

TS_CONFIG_FUNCTION = """
CREATE OR REPLACE FUNCTION timeline_ts_config(lang text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE split_part(lower(coalesce(lang, '')), '-', 1)
    WHEN 'en' THEN 'english'::regconfig
    WHEN 'ru' THEN 'russian'::regconfig
    WHEN 'fr' THEN 'french'::regconfig
    WHEN 'de' THEN 'german'::regconfig
    WHEN 'es' THEN 'spanish'::regconfig
    WHEN 'it' THEN 'italian'::regconfig
    WHEN 'pt' THEN 'portuguese'::regconfig
    WHEN 'nl' THEN 'dutch'::regconfig
    WHEN 'sv' THEN 'swedish'::regconfig
    WHEN 'tr' THEN 'turkish'::regconfig
    ELSE 'simple'::regconfig
END
$$;
"""

# array_to_string is only STABLE (element output functions); on text[] it is
# immutable in practice, and an index expression needs an IMMUTABLE function.
JOIN_WORDS_FUNCTION = """
CREATE OR REPLACE FUNCTION timeline_join_words(words text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(array_to_string(words, ' '), '') $$;
"""

INDEXES = {
    "event_search_gin": (
        "timeline_event",
        "(setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B'))",
    ),
    "treaty_search_gin": (
        "timeline_treaty",
        "(setweight(to_tsvector('english'::regconfig, coalesce(name, '') || ' ' || "
        "coalesce(short_name, '') || ' ' || timeline_join_words(aliases)), 'A') || "
        "setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B'))",
    ),
    "actor_search_gin": (
        "timeline_actor",
        "(setweight(to_tsvector('english'::regconfig, coalesce(name, '') || ' ' || "
        "coalesce(short_name, '') || ' ' || timeline_join_words(aliases)), 'A') || "
        "setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B'))",
    ),
    "statement_search_gin": (
        "timeline_statement",
        "(setweight(to_tsvector(timeline_ts_config(language), coalesce(text, '')), 'B') || "
        "setweight(to_tsvector('simple'::regconfig, coalesce(venue, '')), 'C'))",
    ),
}


class Migration(migrations.Migration):
    dependencies = [("timeline", "0003_curator_reviewer_groups")]

    operations = [
        migrations.RunSQL(TS_CONFIG_FUNCTION, "DROP FUNCTION IF EXISTS timeline_ts_config(text);"),
        migrations.RunSQL(
            JOIN_WORDS_FUNCTION, "DROP FUNCTION IF EXISTS timeline_join_words(text[]);"
        ),
        *(
            migrations.RunSQL(
                f"CREATE INDEX {name} ON {table} USING gin ({expression});",
                f"DROP INDEX IF EXISTS {name};",
            )
            for name, (table, expression) in INDEXES.items()
        ),
    ]
