"""Read a JSON Lines export or a CSV package into typed records, per dataset."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from api.exports.datasets import DATASETS as DEFINITIONS
from api.exports.datasets.base import ARRAY, DATE, DATETIME, INTEGER, NUMBER, Column
from api.exports.datasets.definitions import NESTED
from api.exports.formats.csv_package import DESCRIPTOR
from api.exports.formats.jsonl import DATASET_OF_TYPE


@dataclass
class Record:
    dataset: str
    values: dict
    where: str  # "file:line" for error messages


class CellError(ValueError):
    pass


def convert(column: Column, value, *, from_text: bool):
    """A JSON or CSV value → the Python value the model takes; CellError if wrong."""
    if from_text and value == "":
        value = None
    if value is None:
        if column.required:
            raise CellError(f"{column.name}: a value is required.")
        return "" if column.type == "string" else ([] if column.type == ARRAY else None)
    kind = column.type
    try:
        if kind == INTEGER:
            if from_text:
                value = int(value)
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError
        elif kind == NUMBER:
            if isinstance(value, bool):
                raise TypeError
            value = Decimal(str(value))
            if not value.is_finite():
                raise TypeError
        elif kind == DATE:
            value = dt.date.fromisoformat(value)
        elif kind == DATETIME:
            value = dt.datetime.fromisoformat(value)
            if value.tzinfo is None:
                raise CellError(f"{column.name}: '{value}' has no UTC offset.")
        elif kind == ARRAY:
            if from_text:
                value = json.loads(value)
            if not isinstance(value, list):
                raise TypeError
        elif not isinstance(value, str):
            raise TypeError
    except CellError:
        raise
    except (TypeError, ValueError, InvalidOperation, json.JSONDecodeError):
        raise CellError(f"{column.name}: {value!r} is not a valid {kind}.") from None
    if column.enum and value not in column.enum:
        raise CellError(f"{column.name}: '{value}' is not one of {', '.join(column.enum)}.")
    return value


def typed(dataset: str, raw: dict, where: str, *, from_text: bool, extra=()) -> tuple[dict, list]:
    columns = DEFINITIONS[dataset].columns
    errors = []
    unknown = sorted(set(raw) - {c.name for c in columns} - set(extra))
    if unknown:
        errors.append(f"{where}: unknown field(s) for {dataset}: {', '.join(unknown)}.")
    values = {}
    for column in columns:
        if column.name not in raw:
            errors.append(f"{where}: {dataset}: missing field {column.name}.")
            continue
        try:
            values[column.name] = convert(column, raw[column.name], from_text=from_text)
        except CellError as exc:
            errors.append(f"{where}: {dataset}: {exc}")
    return values, errors


def read_jsonl(path: Path) -> tuple[dict[str, list[Record]], list[str]]:
    records: dict[str, list[Record]] = {name: [] for name in DEFINITIONS}
    errors: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            where = f"{path.name}:{number}"
            if not line.strip():
                errors.append(f"{where}: empty line.")
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: not JSON ({exc.msg} at column {exc.colno}).")
                continue
            if not isinstance(raw, dict):
                errors.append(f"{where}: a line must be a JSON object.")
                continue
            kind = raw.pop("type", None)
            if kind == "tombstone":
                errors.append(
                    f"{where}: a tombstone: this is an incremental export; import_data "
                    "loads a full export."
                )
                continue
            dataset = DATASET_OF_TYPE.get(kind)
            if dataset is None:
                errors.append(f"{where}: unknown type {kind!r}.")
                continue
            nested = NESTED.get(dataset, {})
            values, problems = typed(dataset, raw, where, from_text=False, extra=nested)
            errors += problems
            records[dataset].append(Record(dataset, values, where))
            for key, (child, lookup) in nested.items():
                rows = raw.get(key)
                if not isinstance(rows, list):
                    errors.append(f"{where}: {dataset}: {key} must be a JSON array.")
                    continue
                for row in rows:
                    if not isinstance(row, dict):
                        errors.append(f"{where}: {dataset}: each of {key} must be an object.")
                        continue
                    child_values, problems = typed(child, row, f"{where} ({key})", from_text=False)
                    errors += problems
                    parent_key = f"{lookup}_id"
                    if child_values.get(parent_key) != values.get("id"):
                        errors.append(
                            f"{where}: {dataset}: {key} row {row.get('id')} has {parent_key} "
                            f"{child_values.get(parent_key)}, not this record's id."
                        )
                    records[child].append(Record(child, child_values, f"{where} ({key})"))
    return records, errors


def read_package(folder: Path) -> tuple[dict[str, list[Record]], list[str]]:
    records: dict[str, list[Record]] = {name: [] for name in DEFINITIONS}
    errors: list[str] = []
    try:
        descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
        resources = {r["name"]: r for r in descriptor["resources"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return records, [f"{DESCRIPTOR}: not a readable data package ({exc})."]
    if "tombstones" in resources:
        errors.append(f"{DESCRIPTOR}: an incremental package; import_data loads a full export.")
    for name in DEFINITIONS:
        if name not in resources:
            errors.append(f"{DESCRIPTOR}: the resource {name} is missing.")
            continue
        # Always <name>.csv next to the descriptor: a descriptor cannot point elsewhere.
        path = folder / f"{name}.csv"
        try:
            handle = open(path, encoding="utf-8", newline="")  # noqa: SIM115  (with below)
        except OSError as exc:
            errors.append(f"{path.name}: cannot be read ({exc.strerror}).")
            continue
        with handle:
            reader = csv.DictReader(handle)
            expected = [c.name for c in DEFINITIONS[name].columns]
            if reader.fieldnames != expected:
                errors.append(
                    f"{path.name}:1: the header must be {','.join(expected)}; "
                    f"found {','.join(reader.fieldnames or [])}."
                )
                continue
            for row in reader:
                where = f"{path.name}:{reader.line_num}"
                if None in row:
                    errors.append(f"{where}: more cells than columns.")
                    continue
                values, problems = typed(name, row, where, from_text=True)
                errors += problems
                records[name].append(Record(name, values, where))
    return records, errors


def read_path(path) -> tuple[dict[str, list[Record]], list[str]]:
    path = Path(path)
    if path.is_dir():
        if not (path / DESCRIPTOR).exists():
            return {}, [f"{path}: a folder without {DESCRIPTOR}; give a CSV package or a .jsonl."]
        return read_package(path)
    if path.name == DESCRIPTOR:
        return read_package(path.parent)
    if not path.exists():
        return {}, [f"{path}: no such file."]
    return read_jsonl(path)
