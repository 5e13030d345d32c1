"""Each format passes its own ecosystem's validator and shows published records only."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import geojson
import icalendar
import pytest
from django.core.management import call_command
from frictionless import validate as frictionless_validate
from ical.calendar_stream import IcsCalendarStream
from pyld import jsonld

from api.exports.formats import csv_package
from api.exports.formats.jsonl import TYPES
from api.exports.names import DATASETS
from sources.models import Citation
from tests.exports.conftest import export_bytes, export_plan
from timeline.models import Event, EventType

pytestmark = pytest.mark.django_db


def jsonl_records(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode().splitlines()]


def write_package(tmp_path: Path, stdout, *args) -> Path:
    out = tmp_path / "package"
    call_command(
        "export", "--format", "csv", "--output", str(out), "--no-progress", *args, stdout=stdout
    )
    return out


def test_csv_package_passes_frictionless_with_keys(world, tmp_path, stdout):
    out = write_package(tmp_path, stdout)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{name}.csv" for name in DATASETS] + ["datapackage.json"]
    )
    report = frictionless_validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    # The command partners run, too.
    cli = Path(sys.executable).with_name("frictionless")
    assert cli.exists(), "frictionless is not installed: pip install -r requirements-dev.txt"
    done = subprocess.run(
        [str(cli), "validate", str(out / "datapackage.json")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    descriptor = json.loads((out / "datapackage.json").read_text())
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    fields = {f["name"]: f for f in events["schema"]["fields"]}
    assert fields["date_start"]["type"] == "date"
    assert fields["precision"]["constraints"]["enum"][0] == "day"
    assert {
        "fields": "event_type_id",
        "reference": {"resource": "event_types", "fields": "id"},
    } in (events["schema"]["foreignKeys"])
    rows = list(csv.DictReader((out / "events.csv").open()))
    assert [r["title"] for r in rows] == [world["event"].title]
    participants = list(csv.DictReader((out / "participants.csv").open()))
    assert {p["role"] for p in participants} == {"initiator", "target"}  # not the draft actor
    citations = list(csv.DictReader((out / "citations.csv").open()))
    assert world["draft_source"].pk not in {int(c["source_id"]) for c in citations}


def test_frictionless_catches_a_broken_foreign_key(world, tmp_path, stdout):
    """The validation above can fail: a dangling reference is reported."""
    out = write_package(tmp_path, stdout)
    text = (out / "events.csv").read_text()
    header, row = text.splitlines()[:2]
    cells = next(csv.reader([row]))
    cells[header.split(",").index("event_type_id")] = "999999"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    (out / "events.csv").write_text(header + "\r\n" + buffer.getvalue())
    report = frictionless_validate(str(out / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {e[0] for e in report.flatten(["type"])}


def test_jsonl_lines_nest_participants_and_citations(world):
    records = jsonl_records(export_bytes("jsonl"))
    types = [r["type"] for r in records]
    # Dependency order: each type after the ones it refers to.
    order = [TYPES[name] for name in DATASETS]
    assert types == sorted(types, key=order.index)
    (event,) = [r for r in records if r["type"] == "event"]
    assert event["id"] == world["event"].pk
    assert event["date"] == "2019-02-02" and event["precision"] == "day"
    assert event["tags"] == [world["tag"].pk]
    assert [p["role"] for p in event["participants"]] == ["initiator", "target"]
    assert [c["excerpt"] for c in event["citations"]] == [
        "the United States suspended its obligations"
    ]
    ids = {(r["type"], r["id"]) for r in records}
    assert ("event", world["draft_event"].pk) not in ids
    assert ("actor", world["secret_actor"].pk) not in ids
    assert ("source", world["draft_source"].pk) not in ids


def test_jsonld_expands_with_schema_org_types_ids_and_wikidata(world, usa, inf_treaty):
    document = json.loads(export_bytes("jsonld"))
    expanded = jsonld.expand(document)
    by_id = {node["@id"]: node for node in expanded}
    schema = "https://schema.org/"
    assert by_id[f"urn:timeline:event:{world['event'].pk}"]["@type"] == [schema + "Event"]
    assert by_id[f"urn:timeline:treaty:{inf_treaty.pk}"]["@type"] == [schema + "Legislation"]
    assert by_id[f"urn:timeline:statement:{world['statement'].pk}"]["@type"] == [
        schema + "Quotation"
    ]
    assert {t for n in expanded for t in n["@type"]} == {
        schema + t
        for t in ("Event", "Legislation", "Quotation", "NewsArticle", "Person", "Organization")
    }
    usa_node = by_id[f"urn:timeline:actor:{usa.pk}"]
    assert usa_node[schema + "sameAs"] == [{"@id": "http://www.wikidata.org/entity/Q30"}]
    event = by_id[f"urn:timeline:event:{world['event'].pk}"]
    assert event[schema + "organizer"] == [{"@id": f"urn:timeline:actor:{usa.pk}"}]
    assert event[schema + "startDate"] == [{"@value": "2019-02-02"}]
    assert f"urn:timeline:event:{world['draft_event'].pk}" not in by_id


def test_geojson_is_valid_longitude_first_and_published_only(world):
    collection = geojson.loads(export_bytes("geojson").decode())
    assert collection.is_valid, collection.errors()
    (feature,) = collection["features"]
    assert feature["id"] == world["event"].pk
    assert feature["geometry"]["coordinates"] == [-77.03637, 38.89511]
    assert feature["properties"]["title"] == world["event"].title
    assert feature["properties"]["treaties"] == [world["event"].treaties.get().pk]


def test_geojson_validator_rejects_a_malformed_point():
    """The check above can fail: a point needs two coordinates."""
    bad = geojson.loads(
        '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":'
        '{"type":"Point","coordinates":[38.9]},"properties":{}}]}'
    )
    assert not bad.is_valid


def test_ics_parses_strictly_and_leniently_with_periods(world):
    event_type = EventType.objects.get()
    month = Event.objects.create(
        title="Talks resume", date="2019-07", event_type=event_type, status="published"
    )
    year = Event.objects.create(
        title="A year of talks", date="2020", event_type=event_type, status="published"
    )
    text = export_bytes("ics").decode()
    strict = IcsCalendarStream.calendar_from_ics(text)
    by_uid = {e.uid: e for e in strict.events}
    day = by_uid[f"event-{world['event'].pk}@timeline.invalid"]
    assert (str(day.dtstart), str(day.dtend)) == ("2019-02-02", "2019-02-03")
    assert day.summary == world["event"].title
    m = by_uid[f"event-{month.pk}@timeline.invalid"]
    assert (str(m.dtstart), str(m.dtend)) == ("2019-07-01", "2019-08-01")
    y = by_uid[f"event-{year.pk}@timeline.invalid"]
    assert (str(y.dtstart), str(y.dtend)) == ("2020-01-01", "2021-01-01")
    assert day.dtstamp is not None
    lenient = icalendar.Calendar.from_ical(text)
    assert len(lenient.walk("VEVENT")) == 3
    assert f"event-{world['draft_event'].pk}@" not in text


def test_timelinejs_dates_at_their_precision_grouped_by_treaty(world, inf_treaty):
    event_type = EventType.objects.get()
    ranged = Event.objects.create(
        title="Talks", date="2019-03-20/2019-03-21", event_type=event_type, status="published"
    )
    month = Event.objects.create(
        title="Talks resume", date="2019-07?", event_type=event_type, status="published"
    )
    data = json.loads(export_bytes("timelinejs"))
    slides = {s["unique_id"]: s for s in data["events"]}
    event = slides[f"event-{world['event'].pk}"]
    assert event["start_date"] == {"year": 2019, "month": 2, "day": 2}
    assert event["group"] == "INF Treaty"
    assert "https://tass.example/inf-dead" in event["text"]["text"]
    assert slides[f"event-{ranged.pk}"]["start_date"] == {"year": 2019, "month": 3, "day": 20}
    assert slides[f"event-{ranged.pk}"]["end_date"] == {"year": 2019, "month": 3, "day": 21}
    assert slides[f"event-{month.pk}"]["start_date"] == {"year": 2019, "month": 7}
    assert slides[f"event-{month.pk}"]["display_date"] == "2019-07?"
    statement = slides[f"statement-{world['statement'].pk}"]
    assert statement["text"]["headline"] == "Sergei Lavrov"
    assert statement["group"] == "INF Treaty"
    action = slides[f"treaty_action-{world['treaty_action'].pk}"]
    assert action["group"] == "INF Treaty"
    assert f"event-{world['draft_event'].pk}" not in slides


def test_filters_are_the_api_filter_sets(world, gql_events):
    """An export filtered by dates and types selects what the GraphQL list selects."""
    event_type = EventType.objects.get()
    Event.objects.create(
        title="Later", date="2020-05-01", event_type=event_type, status="published"
    )
    records = jsonl_records(
        export_bytes("jsonl", "events", **{"from": "2019-01-01", "to": "2019-12-31"})
    )
    assert sorted(r["title"] for r in records) == gql_events(
        '{from: "2019-01-01", to: "2019-12-31"}'
    )
    records = jsonl_records(export_bytes("jsonl", "events", types=event_type.slug, search="INF"))
    assert sorted(r["title"] for r in records) == gql_events(
        f'{{types: ["{event_type.slug}"], search: "INF"}}'
    )


@pytest.fixture
def gql_events(client):
    def titles(filters: str) -> list[str]:
        query = f"{{ events(filters: {filters}, first: 100) {{ edges {{ node {{ title }} }} }} }}"
        response = client.post("/graphql/", {"query": query}, content_type="application/json")
        body = response.json()
        assert "errors" not in body, body
        return sorted(e["node"]["title"] for e in body["data"]["events"]["edges"])

    return titles


def test_csv_single_dataset_and_descriptor_match(world):
    text = export_bytes("csv", "events").decode()
    header = text.splitlines()[0].split(",")
    plan = export_plan("csv", "events")
    descriptor = csv_package.descriptor(plan.selection)
    assert header == [f["name"] for f in descriptor["resources"][0]["schema"]["fields"]]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "jsonld", "geojson", "timelinejs", "ics"])
def test_curator_notes_on_citations_are_never_exported(world, fmt):
    """A citation's note is the curators' internal remark (issue 13 item 6): never public."""
    cited = Citation.objects.filter(statement__isnull=False).first()
    Citation.objects.filter(pk=cited.pk).update(note="internal: check with the desk")
    data = export_bytes(fmt)
    assert data  # the export ran and holds the published records
    assert b"check with the desk" not in data
    if fmt == "jsonl":  # the citation itself is exported, only without its note
        assert json.dumps(cited.excerpt).encode() in data
