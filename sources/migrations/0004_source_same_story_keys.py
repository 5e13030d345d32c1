"""Same-story fingerprint of each source: two bigint[] columns with GIN indexes, backfilled."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

from sources.ingest.fingerprint import story_keys

BATCH = 500


def fill_story_keys(apps, schema_editor):
    """Compute the same-story keys of every stored source (Source.save fills new ones)."""
    Source = apps.get_model("sources", "Source")
    last = 0
    while True:
        batch = list(Source.objects.filter(pk__gt=last).order_by("pk").only("id", "body")[:BATCH])
        if not batch:
            return
        for source in batch:
            keys = story_keys(source.body)
            source.text_keys, source.quote_keys = keys.text_keys, keys.quote_keys
        Source.objects.bulk_update(batch, ["text_keys", "quote_keys"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0003_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="quote_keys",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(),
                blank=True,
                default=list,
                editable=False,
                size=None,
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="text_keys",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(),
                blank=True,
                default=list,
                editable=False,
                size=None,
            ),
        ),
        migrations.RunPython(fill_story_keys, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="source",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["text_keys"], name="source_text_keys_gin", fastupdate=False
            ),
        ),
        migrations.AddIndex(
            model_name="source",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["quote_keys"], name="source_quote_keys_gin", fastupdate=False
            ),
        ),
    ]
