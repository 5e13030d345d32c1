"""import_data: a full export loads into an empty database and exports again byte for byte;
a bad file is reported line by line and changes nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from api.exports.datasets import DATASETS
from api.exports.formats import FORMATS
from timeline.models import Event, EventRelation, Statement

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo, db):
    """Each test runs in a savepoint inside the module's transaction."""


def export_all(folder: Path) -> dict[str, bytes]:
    """Every format, whole; the CSV package as its files."""
    folder.mkdir()
    out = {}
    for fmt in FORMATS:
        path = folder / fmt
        call_command(
            "export", "--format", fmt, "--output", str(path), "--no-progress", stdout=io.StringIO()
        )
        if path.is_dir():
            out.update({f"csv/{p.name}": p.read_bytes() for p in sorted(path.iterdir())})
        else:
            out[fmt] = path.read_bytes()
    return out


def empty_database() -> None:
    models = [d.model for d in DATASETS.values()]
    models += [
        Event.treaties.through,
        Event.tags.through,
        Statement.treaties.through,
        Statement.events.through,
        EventRelation,
    ]
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {tables} CASCADE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def import_data(path) -> str:
    out = io.StringIO()
    call_command("import_data", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_jsonl_and_csv_round_trips_are_byte_identical(demo, tmp_path):
    before = export_all(tmp_path / "before")
    assert len(before["jsonl"]) > 100_000  # the demo data, not an empty export

    empty_database()
    summary = import_data(tmp_path / "before" / "jsonl")
    assert summary.startswith("Imported ")
    after_jsonl = export_all(tmp_path / "after-jsonl")
    assert after_jsonl.keys() == before.keys()
    for name in before:
        assert after_jsonl[name] == before[name], name

    empty_database()
    import_data(tmp_path / "before" / "csv")
    after_csv = export_all(tmp_path / "after-csv")
    for name in before:
        assert after_csv[name] == before[name], name

    # New records get fresh ids after the imported ones.
    event = Event.objects.create(
        title="New", date="2026", event_type_id=Event.objects.first().event_type_id
    )
    assert event.pk > max(
        json.loads(x)["id"]
        for x in before["jsonl"].splitlines()
        if json.loads(x)["type"] == "event"
    )


def test_import_refuses_a_database_that_is_not_empty(demo, tmp_path):
    path = tmp_path / "all.jsonl"
    call_command(
        "export", "--format", "jsonl", "--output", str(path), "--no-progress", stdout=io.StringIO()
    )
    with pytest.raises(CommandError, match="nothing was imported"):
        import_data(path)


def test_every_error_is_reported_with_its_line_and_nothing_is_written(demo, tmp_path):
    path = tmp_path / "all.jsonl"
    call_command(
        "export", "--format", "jsonl", "--output", str(path), "--no-progress", stdout=io.StringIO()
    )
    lines = path.read_text().splitlines()
    empty_database()
    index = {json.loads(line)["type"]: n for n, line in reversed(list(enumerate(lines)))}
    event = json.loads(lines[index["event"]])
    event["date"] = "March 2019"
    event["event_type_id"] = 999999
    lines[index["event"]] = json.dumps(event)
    actor = json.loads(lines[index["actor"]])
    actor["kind"] = "planet"
    lines[index["actor"]] = json.dumps(actor)
    lines.insert(3, "{not json")
    path.write_text("\n".join(lines) + "\n")

    stderr = io.StringIO()
    with pytest.raises(CommandError, match=r"error\(s\) in .*; nothing was imported"):
        call_command("import_data", str(path), stdout=io.StringIO(), stderr=stderr)
    errors = stderr.getvalue()
    event_line = index["event"] + 2  # one line inserted before it; numbers start at 1
    actor_line = index["actor"] + 1
    assert f"all.jsonl:{event_line}: events {event['id']}: date:" in errors
    assert (
        f"all.jsonl:{event_line}: events {event['id']}: event_type_id 999999 is not in "
        "event_types." in errors
    )
    assert f"all.jsonl:{actor_line}: actors: kind: 'planet' is not one of" in errors
    assert "all.jsonl:4: not JSON" in errors
    assert all(not d.model._base_manager.exists() for d in DATASETS.values())


def test_an_incremental_export_is_not_importable(demo, tmp_path):
    path = tmp_path / "increment.jsonl"
    path.write_text('{"type": "tombstone", "dataset": "events", "id": 1, "reason": "deleted"}\n')
    empty_database()
    with pytest.raises(CommandError):
        call_command("import_data", str(path), stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert "increment.jsonl:1: a tombstone" in err.getvalue()
