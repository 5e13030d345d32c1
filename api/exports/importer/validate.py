"""Check every record before anything is written; collect every error with its line."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from api.exports.datasets import DATASETS as DEFINITIONS
from api.exports.datasets.definitions import RELATION_KINDS
from api.exports.importer.readers import Record
from api.exports.importer.write import build
from sources.text import content_hash, find_excerpt
from timeline.dates import parse_date

# Array columns that hold ids of another dataset.
ARRAY_REFERENCES = {
    ("events", "treaties"): "treaties",
    ("events", "tags"): "tags",
    ("statements", "treaties"): "treaties",
    ("statements", "events"): "events",
}
MAX_ERRORS = 1000


class ImportFailed(Exception):
    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


def validate(records: dict[str, list[Record]]) -> list[str]:
    errors: list[str] = []
    errors += _database_empty()
    ids: dict[str, set] = {}
    for name, rows in records.items():
        seen: set = set()
        unique = [c.name for c in DEFINITIONS[name].columns if c.unique and c.name != "id"]
        values_seen: dict[str, dict] = {c: {} for c in unique}
        for record in rows:
            pk = record.values.get("id")
            if pk in seen:
                errors.append(f"{record.where}: {name}: id {pk} appears twice.")
            seen.add(pk)
            for column in unique:
                value = record.values.get(column)
                if value in values_seen[column]:
                    errors.append(
                        f"{record.where}: {name}: {column} '{value}' is also used on "
                        f"{values_seen[column][value]}."
                    )
                elif value is not None:
                    values_seen[column][value] = record.where
        ids[name] = seen
    bodies = {r.values.get("id"): r.values.get("body") for r in records.get("sources", [])}
    for name, rows in records.items():
        for record in rows:
            errors += _check_record(name, record, ids, bodies)
            if len(errors) >= MAX_ERRORS:
                return [*errors, f"… stopped after {MAX_ERRORS} errors."]
    return errors


def _database_empty() -> list[str]:
    counts = []
    for name, dataset in DEFINITIONS.items():
        if dataset.model._base_manager.exists():
            counts.append(f"{name} ({dataset.model._base_manager.count()})")
    if counts:
        return [
            "The database is not empty: it already holds "
            + ", ".join(counts)
            + ". import_data loads a full export into an empty database."
        ]
    return []


def _check_record(name, record: Record, ids, bodies) -> list[str]:
    where, values = f"{record.where}: {name} {record.values.get('id')}", record.values
    errors = []
    dataset = DEFINITIONS[name]
    for column in dataset.columns:
        value = values.get(column.name)
        if column.references and value is not None and value not in ids[column.references]:
            errors.append(f"{where}: {column.name} {value} is not in {column.references}.")
        target = ARRAY_REFERENCES.get((name, column.name))
        if target and isinstance(value, list):
            missing = [v for v in value if v not in ids[target]]
            if missing:
                errors.append(f"{where}: {column.name}: {missing} not in {target}.")
        if (
            column.description.startswith("EDTF")
            and value
            and f"{column.name}_start" in {c.name for c in dataset.columns}
        ):
            errors += _check_edtf(where, column.name, values)
    if name == "events":
        for relation in values.get("related") or []:
            if (
                not isinstance(relation, dict)
                or set(relation) != {"kind", "event_id"}
                or relation["kind"] not in RELATION_KINDS
                or relation["event_id"] not in ids["events"]
                or relation["event_id"] == values.get("id")
            ):
                errors.append(f"{where}: related: {relation!r} is not a relation to another event.")
    if name == "sources" and values.get("content_hash") != content_hash(values.get("body") or ""):
        errors.append(f"{where}: content_hash does not match the body.")
    if name == "citations":
        errors += _check_citation(where, values, bodies)
    try:
        build(name, values).clean_fields(exclude=_not_checked(dataset))
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.extend(f"{where}: {field}: {m}" for m in messages)
    return errors


def _not_checked(dataset) -> set[str]:
    # Links are checked above against the file; derived fields are recomputed.
    model = dataset.model
    return {f.name for f in model._meta.concrete_fields if f.is_relation} | {"content_hash"}


def _check_edtf(where, name, values) -> list[str]:
    try:
        bounds = parse_date(values[name])
    except ValidationError as exc:
        return [f"{where}: {name}: {' '.join(exc.messages)}"]
    errors = []
    for suffix, expected in (("_start", bounds.start), ("_end", bounds.end)):
        if values.get(name + suffix) != expected:
            errors.append(
                f"{where}: {name}{suffix} is {values.get(name + suffix)}, but {values[name]!r} "
                f"means {expected}."
            )
    return errors


def _check_citation(where, values, bodies) -> list[str]:
    linked = [k for k in ("event_id", "statement_id", "treaty_action_id") if values.get(k)]
    if len(linked) != 1:
        return [
            f"{where}: a citation backs exactly one of event_id, statement_id, treaty_action_id."
        ]
    body = bodies.get(values.get("source_id"))
    if body is None:
        return []
    span = find_excerpt(body, values.get("excerpt") or "", values.get("start") or 0)
    if span != (values.get("start"), values.get("end")):
        return [
            f"{where}: the excerpt is not at {values.get('start')}–{values.get('end')} in "
            f"source {values.get('source_id')}."
        ]
    return []
