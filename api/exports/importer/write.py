"""Write validated records in one transaction, keeping ids and timestamps."""

from __future__ import annotations

from django.core.management.color import no_style
from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from api.exports.datasets import DATASETS as DEFINITIONS
from api.exports.names import DATASETS as ORDER
from sources.ingest.fingerprint import story_keys
from sources.text import content_hash
from timeline.models import Event, EventRelation, Statement, Status

# Array columns written as many-to-many rows: (through model, own column, other column).
M2M = {
    "events": {
        "treaties": (Event.treaties.through, "event_id", "treaty_id"),
        "tags": (Event.tags.through, "event_id", "tag_id"),
    },
    "statements": {
        "treaties": (Statement.treaties.through, "statement_id", "treaty_id"),
        "events": (Statement.events.through, "statement_id", "event_id"),
    },
}
BATCH = 1000


def build(name: str, values: dict):
    """An unsaved model instance from a record's values (arrays left out)."""
    dataset = DEFINITIONS[name]
    skip = set(M2M.get(name, ())) | {"related"}
    obj = dataset.model(**{k: v for k, v in values.items() if k not in skip})
    if dataset.has_status:
        obj.status = Status.PUBLISHED  # an export holds published records only
    if hasattr(obj, "compute_dates"):
        obj.compute_dates(raise_errors=False)
    if name == "sources":
        obj.url = obj.url or None  # as Source.save does: no URL is NULL (URLs are unique)
        obj.content_hash = content_hash(obj.body or "")
        keys = story_keys(obj.body or "")
        obj.text_keys, obj.quote_keys = keys.text_keys, keys.quote_keys
    return obj


def write(records) -> dict[str, int]:
    written: dict[str, int] = {}
    models = []
    with transaction.atomic():
        for name in ORDER:
            rows = records.get(name, [])
            model = DEFINITIONS[name].model
            models.append(model)
            objs = [build(name, r.values) for r in rows]
            bulk_create_with_history(
                objs, model, batch_size=BATCH, default_change_reason="Imported by import_data"
            )
            stamps = [
                f
                for f in ("created_at", "updated_at")
                if f in {x.name for x in model._meta.concrete_fields}
            ]
            if stamps and objs:
                # bulk_create stamps "now"; the export's own times are kept.
                for obj, record in zip(objs, rows, strict=True):
                    for field in stamps:
                        setattr(obj, field, record.values[field])
                model._base_manager.bulk_update(objs, stamps, batch_size=BATCH)
            for column, (through, own, other) in M2M.get(name, {}).items():
                links = [
                    through(**{own: r.values["id"], other: target})
                    for r in rows
                    for target in r.values[column]
                ]
                through.objects.bulk_create(links, batch_size=BATCH)
                models.append(through)
            if name == "events":
                relations = [
                    EventRelation(
                        from_event_id=r.values["id"], to_event_id=rel["event_id"], kind=rel["kind"]
                    )
                    for r in rows
                    for rel in r.values["related"]
                ]
                bulk_create_with_history(relations, EventRelation, batch_size=BATCH)
                models.append(EventRelation)
            written[name] = len(objs)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
    return written
