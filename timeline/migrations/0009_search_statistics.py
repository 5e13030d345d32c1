"""Finer statistics on the search documents of the date-ordered lists.

``events(filters: {search})`` and ``statements(filters: {search})`` are ordered by date
with a LIMIT, so PostgreSQL chooses between walking the date index and testing each
row's document (right for a common word) and a bitmap scan of the GIN index then a sort
(right for a rare one). It decides from the most common lexemes ANALYZE keeps for the
indexed expression, and guesses half the rarest one's frequency for any other word. With
the default target (100: 1,000 lexemes from 30,000 rows) that guess is too high on a
large table: at 1,000,000 events a word that matches nothing was estimated at 2,654
rows, and the walk read the whole index (25 s). Target 1000 keeps up to 10,000 lexemes
from 300,000 rows, so on a real vocabulary that guess falls; on a small one the API asks
these statistics whether a word is rare at all (timeline.querysets.has_rare_word).
"""

from django.db import migrations

TARGET = 1000
INDEXES = ("event_search_gin", "statement_search_gin")


class Migration(migrations.Migration):
    dependencies = [("timeline", "0008_merge_treaty_dates_and_revisions")]

    operations = [
        migrations.RunSQL(
            [f"ALTER INDEX {name} ALTER COLUMN 1 SET STATISTICS {TARGET};" for name in INDEXES],
            [f"ALTER INDEX {name} ALTER COLUMN 1 SET STATISTICS -1;" for name in INDEXES],
        )
    ]
