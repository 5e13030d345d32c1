"""manage.py generate_synthetic: realistic, valid, deterministic data that the API serves.

One small dataset (300 events) is generated for the module, committed, and removed at
the end; the checks read it like any user of the database would.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from sources.ingest.fingerprint import story_keys
from sources.models import Citation, Outlet, Source
from sources.text import content_hash, find_excerpt
from timeline.dates import parse_date
from timeline.management.commands import generate_synthetic
from timeline.management.commands._synthetic.dates import edtf_date
from timeline.management.commands._synthetic.load import TABLES, domain_tables
from timeline.management.commands._synthetic.stories import Stories
from timeline.models import (
    Actor,
    Event,
    EventType,
    Position,
    Statement,
    Treaty,
    TreatyAction,
)

EVENTS = 300
SEED = 5


def _generate(*args: str) -> None:
    call_command("generate_synthetic", "--no-progress", *args)


def _schema() -> set:
    """Every index and constraint of the loaded tables, as PostgreSQL prints them."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index
               WHERE indrelid = ANY(%s::regclass[])""",
            [[m._meta.db_table for m in TABLES.values()]],
        )
        indexes = set(cursor.fetchall())
        cursor.execute(
            """SELECT conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint
               WHERE conrelid = ANY(%s::regclass[])""",
            [[m._meta.db_table for m in TABLES.values()]],
        )
        constraints = set(cursor.fetchall())
        # Statistics targets set on index columns (pg_get_indexdef leaves them out).
        cursor.execute(
            """SELECT a.attrelid::regclass::text, a.attnum, a.attstattarget
               FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indexrelid
               WHERE i.indrelid = ANY(%s::regclass[]) AND a.attstattarget > 0""",
            [[m._meta.db_table for m in TABLES.values()]],
        )
        return indexes | constraints | set(cursor.fetchall())


def _digest() -> str:
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for model in TABLES.values():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(
                f"SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY id), '') FROM {table} t"
            )
            digest.update(cursor.fetchone()[0].encode())
    return digest.hexdigest()


def _empty_domain() -> None:
    with connection.cursor() as cursor:
        names = ", ".join(connection.ops.quote_name(t) for t in domain_tables())
        cursor.execute(f"TRUNCATE {names} RESTART IDENTITY")


@pytest.fixture(scope="module")
def synthetic(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = _schema()
        _generate("--events", str(EVENTS), "--seed", str(SEED))
        yield {"schema_before": before, "digest": _digest()}
        _empty_domain()


pytestmark = pytest.mark.django_db


def test_sizes_and_shares_are_realistic(synthetic):
    events = Event.objects.count()
    assert events == EVENTS
    statements = Statement.objects.count()
    assert 0.35 * EVENTS <= statements <= 0.65 * EVENTS
    records = events + statements + TreatyAction.objects.count()
    assert 1.35 <= Citation.objects.count() / records <= 1.65
    drafts = Event.objects.filter(status="draft").count() / events
    assert 0.02 <= drafts <= 0.09
    assert Actor.objects.count() >= 150 and Treaty.objects.count() >= 10
    assert TreatyAction.objects.filter(action="ratification").exists()
    assert EventType.objects.exclude(cameo_code="").count() == EventType.objects.count()
    # Power law: the busiest actor takes part in many events, the median one in few.
    counts = Counter(
        Event.participants.through.objects.values_list("actor_id", flat=True)
    ).most_common()
    assert counts[0][1] >= 5 * counts[len(counts) // 2][1]
    precisions = set(Event.objects.values_list("precision", flat=True))
    assert {"day", "month", "year", "range"} <= precisions
    dates = list(Event.objects.values_list("date", flat=True))
    assert any(d.endswith(("?", "~")) for d in dates)
    years = [e.date_start.year for e in Event.objects.only("date_start")]
    assert min(years) >= 1945 and max(years) <= 2025


def _form(edtf: str) -> str:
    """The shape of an EDTF string: digits masked, seasons (YYYY-21..24) told from months."""
    return "season" if re.fullmatch(r"\d{4}-2[1-4]", edtf) else re.sub(r"\d", "9", edtf)


def test_every_date_form_is_drawn_with_the_bounds_the_parser_gives():
    rng = random.Random(1)
    by_form: dict[str, list] = {}
    for _ in range(20_000):
        edtf, start, end, precision = edtf_date(rng)
        assert date(1945, 1, 1) <= start and (end is None or end <= date(2025, 12, 31))
        by_form.setdefault(_form(edtf), []).append((edtf, start, end, precision))
    assert {"9999-99-99", "9999-99", "9999", "9999-99-99?", "9999-99-99~", "9999-99~", "9999?",
            "9999-99-99/9999-99-99", "9999-99-99/.."} <= set(by_form)  # fmt: skip
    assert "season" in by_form
    for drawn in by_form.values():
        for edtf, start, end, precision in drawn[:3]:
            bounds = parse_date(edtf)
            assert (bounds.start, bounds.end, bounds.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("model", "field", "start", "end", "precision"),
    [
        (Event, "date", "date_start", "date_end", "precision"),
        (Statement, "date", "date_start", "date_end", "precision"),
        (TreatyAction, "date", "date_start", "date_end", "precision"),
        (Source, "published", "published_start", "published_end", "published_precision"),
        (Position, "period", "period_start", "period_end", None),
        (Treaty, "signed", "signed_start", "signed_end", None),
        (Treaty, "expires", "expires_start", "expires_end", None),
    ],
)
def test_derived_dates_match_the_edtf_parser(synthetic, model, field, start, end, precision):
    columns = [field, start, end] + ([precision] if precision else [])
    # The parser costs ~10 ms a call: check a few dates of every form (digits masked).
    by_form: dict[str, list] = {}
    for row in model.objects.exclude(**{field: ""}).values_list(*columns):
        by_form.setdefault(_form(row[0]), []).append(row)
    assert by_form
    for row in (r for rows in by_form.values() for r in rows[:4]):
        bounds = parse_date(row[0])
        expected = (row[0], bounds.start, bounds.end) + ((bounds.precision,) if precision else ())
        assert row == expected


def test_every_excerpt_occurs_in_its_source_at_its_offsets(synthetic):
    citations = Citation.objects.select_related("source")
    assert citations
    for citation in citations:
        body = citation.source.body
        assert body[citation.start : citation.end] == citation.excerpt
        assert find_excerpt(body, citation.excerpt, citation.start) == (
            citation.start,
            citation.end,
        )
        assert sum(bool(getattr(citation, f"{n}_id")) for n in Citation.RECORD_FIELDS) == 1


def test_sources_hash_their_bodies(synthetic):
    for body, digest in Source.objects.values_list("body", "content_hash"):
        assert digest == content_hash(body)


def test_published_records_are_backed_by_a_published_source(synthetic):
    for model, column in (
        (Event, "event"),
        (Statement, "statement"),
        (TreatyAction, "treaty_action"),
    ):
        unbacked = model.objects.filter(status="published").exclude(
            pk__in=Citation.objects.filter(source__status="published").values(column)
        )
        assert not unbacked.exists(), model


def test_derived_treaty_ended_and_speaker_positions_agree_with_the_models(synthetic):
    for treaty in Treaty.objects.all():
        assert treaty.ended == treaty.ended_from_actions(), treaty
    assert Treaty.objects.exclude(ended=None).exists()
    statements = Statement.objects.select_related("speaker", "speaker_position")
    for statement in statements:
        assert statement.speaker_position == statement.speaker.position_on(statement.date_start)
    assert statements.exclude(speaker_position=None).exists()


@pytest.mark.parametrize(
    "model", [Actor, Position, EventType, Outlet, Treaty, TreatyAction, Event, Statement, Source]
)
def test_generated_rows_pass_model_validation(synthetic, model):
    rows = list(model.objects.order_by("pk")[:8]) + list(model.objects.order_by("-pk")[:8])
    for row in rows:
        row.full_clean()


def test_citations_pass_model_validation(synthetic):
    for citation in Citation.objects.select_related("source").order_by("pk")[:60]:
        start, end = citation.start, citation.end
        citation.full_clean()  # relocates the excerpt
        assert (citation.start, citation.end) == (start, end)


def test_indexes_and_constraints_are_rebuilt_and_sequences_moved_on(synthetic):
    assert _schema() == synthetic["schema_before"]
    # The search documents' finer statistics (timeline 0009) survive the rebuild.
    assert ("event_search_gin", 1, 1000) in synthetic["schema_before"]
    event = Event.objects.create(title="After the load", date="2024-05-01", event_type_id=1)
    assert event.pk == EVENTS + 1


def test_the_api_serves_the_generated_data(synthetic):
    query = """{ events(first: 20) { totalCount edges { node { id title date
        participants { role actor { name } } treaties { name }
        citations { excerpt source { title } } } } } }"""
    response = Client().post("/graphql/", json.dumps({"query": query}), "application/json")
    body = json.loads(response.content)
    assert "errors" not in body, body
    events = body["data"]["events"]
    assert events["totalCount"] == Event.objects.filter(status="published").count()
    nodes = [e["node"] for e in events["edges"]]
    assert len(nodes) == 20
    assert all(n["citations"] for n in nodes)
    assert any(n["participants"] for n in nodes)
    node_query = '{ node(id: "' + nodes[0]["id"] + '") { ... on Event { title } } }'
    response = Client().post("/graphql/", json.dumps({"query": node_query}), "application/json")
    assert json.loads(response.content)["data"]["node"]["title"] == nodes[0]["title"]


def test_refuses_a_database_with_data_and_changes_nothing(synthetic):
    with pytest.raises(CommandError, match="already holds timeline data.*--replace"):
        _generate("--events", "10")
    assert Event.objects.count() == EVENTS


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--events", "0"], "out of range"),
        (["--events", "-3"], "out of range"),
        (["--events", "many"], "'many' is not a whole number"),
        (["--events", "30000000"], "out of range"),
        (["--events", "10", "--seed", "-1"], "negative"),
        (["--events", "10", "--seed", "x"], "not an integer seed"),
        ([], "--events"),
    ],
)
def test_bad_arguments_are_clear_errors(synthetic, args, message):
    with pytest.raises(CommandError, match=message):
        _generate(*args)
    assert Event.objects.count() == EVENTS


def test_a_failure_midway_changes_nothing(synthetic, monkeypatch):
    def broken(self):
        raise RuntimeError("generator broke")

    # Small chunks: two are COPYed (after the old rows were deleted) before the failure.
    monkeypatch.setattr(generate_synthetic, "CHUNK", 50)
    monkeypatch.setattr(Stories, "treaty_actions", broken)
    with pytest.raises(RuntimeError, match="generator broke"):
        _generate("--events", "120", "--seed", "9", "--replace")
    assert Event.objects.count() == EVENTS
    assert _digest() == synthetic["digest"]


def test_story_keys_on_request(synthetic):
    _generate("--events", "40", "--seed", "3", "--replace", "--story-keys")
    sources = list(Source.objects.all())
    assert sources
    for source in sources:
        keys = story_keys(source.body)
        assert (source.text_keys, source.quote_keys) == (keys.text_keys, keys.quote_keys)


def test_same_seed_same_data_other_seed_other_data(synthetic):
    _generate("--events", str(EVENTS), "--seed", str(SEED + 1), "--replace")
    other = _digest()
    _generate("--events", str(EVENTS), "--seed", str(SEED), "--replace")
    assert _digest() == synthetic["digest"]
    assert other != synthetic["digest"]
