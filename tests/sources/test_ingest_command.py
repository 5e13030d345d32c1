"""The ingest_articles command against the database: contract, storage, idempotency, errors."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from sources.ingest import pipeline
from sources.models import Citation, Outlet, Source
from tests.sources.test_ingest_support import ARTICLES
from timeline.models import Actor, Event, Position, Statement, Treaty

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    russia = Actor.objects.create(name="Russia", kind="state", aliases=["Moscow"])
    Actor.objects.create(
        name="United States", kind="state", short_name="US", aliases=["Washington", "U.S."]
    )
    mfa = Actor.objects.create(
        name="Ministry of Foreign Affairs of Russia",
        kind="organisation",
        aliases=["Russian Foreign Ministry", "Foreign Ministry"],
        parent=russia,
    )
    lavrov = Actor.objects.create(
        name="Sergei Lavrov", kind="person", aliases=["Lavrov", "Sergey Lavrov"]
    )
    Position.objects.create(
        person=lavrov, organisation=mfa, title="Minister of Foreign Affairs", period="2004-03-09/.."
    )
    Treaty.objects.create(
        name="Treaty on Measures for the Further Reduction and Limitation of "
        "Strategic Offensive Arms",
        short_name="New START",
        kind="bilateral",
        aliases=["New START", "Strategic Arms Reduction Treaty"],
        signed="2010-04-08",
        entered_into_force="2011-02-05",
        expires="2026-02-05",
    )
    Treaty.objects.create(
        name="Treaty on the Elimination of Intermediate-Range and Shorter-Range Missiles",
        short_name="INF Treaty",
        kind="bilateral",
        aliases=["INF Treaty", "Intermediate-Range Nuclear Forces Treaty"],
        signed="1987-12-08",
    )
    Treaty.objects.create(
        name="Treaty on Open Skies",
        short_name="Open Skies",
        kind="multilateral",
        aliases=["Open Skies Treaty"],
    )
    for name, aliases in (
        ("Xinhua", ["(Xinhua)"]),
        ("TASS", ["/TASS/"]),
        ("Reuters", []),
        ("Associated Press", ["AP"]),
    ):
        Outlet.objects.create(name=name, aliases=aliases)
    return {"mfa": mfa, "lavrov": lavrov}


def ingest(*names: str, dry_run: bool = False, as_json: bool = True, hint: int | None = None):
    out, err = io.StringIO(), io.StringIO()
    args = [str(ARTICLES / n) for n in names]
    if dry_run:
        args.append("--dry-run")
    if as_json:
        args.append("--json")
    if hint:
        args += ["--year-hint", str(hint)]
    call_command("ingest_articles", *args, "--no-progress", stdout=out, stderr=err)
    return (json.loads(out.getvalue()) if as_json else out.getvalue()), err.getvalue()


def counts():
    return {
        m.__name__: m.objects.count() for m in (Source, Statement, Event, Citation, Actor, Treaty)
    }


def test_dry_run_prints_the_contract_and_writes_nothing(world):
    before = counts()
    data, err = ingest(
        "ministry_statement_xinhua_style.txt",
        "empty.txt",
        "binary.txt",
        "no_headline.txt",
        "same_story_reuters_style.txt",
        "same_story_ap_style.txt",
        dry_run=True,
    )
    assert counts() == before
    assert [d["file"] for d in data] == [
        "ministry_statement_xinhua_style.txt",
        "empty.txt",
        "binary.txt",
        "no_headline.txt",
        "same_story_reuters_style.txt",
        "same_story_ap_style.txt",
    ]
    first = data[0]
    assert {
        k: first[k]
        for k in ("headline", "outlet", "dateline_place", "published", "treaties", "same_story_as")
    } == {
        "headline": "Russia open to talks on missile limits: Foreign Ministry",
        "outlet": "Xinhua",
        "dateline_place": "Moscow",
        "published": "2024-06-11",
        "treaties": ["New START", "INF Treaty"],
        "same_story_as": [],
    }
    assert [(q["speaker"], q["text"][:22]) for q in first["quotes"]] == [
        ("Ministry of Foreign Affairs of Russia", "Any future arrangement"),
        ("Ministry of Foreign Affairs of Russia", "We remain open to a se"),
    ]
    assert [d["date"] for d in first["dated_events"]] == [
        "2024-06-11",
        "2024-06-12/2024-06-13",
        "2026",
        "2019-08-02",
    ]
    assert [(d.get("error"), d["file"]) for d in data[1:4]] == [
        ("empty_file", "empty.txt"),
        ("binary_file", "binary.txt"),
        ("no_headline", "no_headline.txt"),
    ]
    assert all(set(d) == {"file", "error", "reason"} for d in data[1:4])
    assert data[4]["same_story_as"] == ["same_story_ap_style.txt"]
    assert "6 file(s), 3 dry-run, 3 error" in err


def test_run_stores_a_draft_source_with_statements_events_and_citations(world):
    data, _ = ingest("ministry_statement_xinhua_style.txt")
    (item,) = data
    assert item["status"] == "stored"
    source = Source.objects.get(pk=item["source_id"])
    assert (
        source.title,
        source.outlet.name,
        source.published,
        source.dateline_place,
        source.status,
    ) == (
        "Russia open to talks on missile limits: Foreign Ministry",
        "Xinhua",
        "2024-06-11",
        "Moscow",
        "draft",
    )
    assert source.published_start == dt.date(2024, 6, 11)
    assert source.raw_text == (ARTICLES / "ministry_statement_xinhua_style.txt").read_text()
    statements = Statement.objects.filter(citations__source=source).order_by("citations__start")
    assert [(s.kind, s.speaker, s.cue_verb, s.date, s.status) for s in statements] == [
        ("paraphrase", world["mfa"], "said", "2024-06-11", "draft"),
        ("direct_quote", world["mfa"], "said", "2024-06-11", "draft"),
        ("paraphrase", world["mfa"], "said", "2024-06-11", "draft"),
        ("paraphrase", world["mfa"], "recalled", "2024-06-11", "draft"),
        ("direct_quote", world["mfa"], "added", "2024-06-11", "draft"),
    ]
    quote = statements[1]
    assert quote.text == "Any future arrangement must cover every system that worries both sides"
    assert 0 < quote.confidence <= 1
    assert statements[0].confidence < quote.confidence
    assert [t.short_name for t in statements[2].treaties.all()] == ["New START"]
    for citation in Citation.objects.filter(source=source):
        assert source.body[citation.start : citation.end] == citation.excerpt
    # Happenings only, titled who-does-what and typed from the action: not the day the
    # ministry spoke (a statement), nor the talks and the expiry still ahead (plans).
    events = Event.objects.filter(citations__source=source).order_by("date_start")
    assert [(e.date, e.title, e.event_type.name, e.status) for e in events] == [
        ("2019-08-02", "INF Treaty expires", "Treaty expiry", "draft"),
    ]
    assert [t.short_name for t in events[0].treaties.all()] == ["INF Treaty"]


def test_reingesting_the_same_file_changes_nothing(world):
    ingest("minister_interview_tass_style.txt")
    before = counts()
    data, err = ingest("minister_interview_tass_style.txt")
    assert counts() == before
    assert data[0]["status"] == "unchanged"
    assert "1 unchanged" in err


def test_copy_with_other_boilerplate_is_not_stored_twice(world, tmp_path):
    original = (ARTICLES / "same_story_reuters_style.txt").read_bytes()
    copy = tmp_path / "copy.txt"
    copy.write_bytes(b"All news\n\n" + original + b"\nSubscribe to our newsletter\n")
    first, _ = ingest("same_story_reuters_style.txt")
    before = counts()
    out = io.StringIO()
    call_command(
        "ingest_articles", str(copy), "--json", "--no-progress", stdout=out, stderr=io.StringIO()
    )
    (item,) = json.loads(out.getvalue())
    assert counts() == before
    assert (item["status"], item["source_id"]) == ("unchanged", first[0]["source_id"])


def test_same_story_is_linked_to_a_stored_source(world):
    first, _ = ingest("same_story_reuters_style.txt")
    second, _ = ingest("same_story_ap_style.txt")
    stored = Source.objects.get(pk=second[0]["source_id"])
    assert list(stored.same_story_as.values_list("pk", flat=True)) == [first[0]["source_id"]]
    assert second[0]["same_story_sources"] == [first[0]["source_id"]]


def test_unknown_speakers_and_treaties_become_drafts(world):
    ingest("unbalanced_quotes.txt", hint=2024)
    treaty = Treaty.objects.get(name="Comprehensive Nuclear-Test-Ban Treaty")
    assert (treaty.status, treaty.kind) == ("draft", "multilateral")
    envoy = Actor.objects.get(name="Envoy")
    assert (envoy.status, envoy.kind) == ("draft", "person")
    assert Statement.objects.filter(speaker=envoy, kind="direct_quote").count() == 2


def test_a_failing_article_leaves_nothing_and_the_others_go_through(world, monkeypatch):
    real = pipeline.Writer._statement

    def explode(self, source, result, draft, treaty_rows, counts):
        if result.file == "minister_interview_tass_style.txt" and draft.kind == "direct_quote":
            raise RuntimeError("disk full")
        return real(self, source, result, draft, treaty_rows, counts)

    monkeypatch.setattr(pipeline.Writer, "_statement", explode)
    data, err = ingest("minister_interview_tass_style.txt", "ministry_statement_xinhua_style.txt")
    assert data[0]["file"] == "minister_interview_tass_style.txt"
    assert data[0]["error"] == "internal_error"
    assert "storing this article (RuntimeError: disk full)" in data[0]["reason"]
    assert "nothing was stored for it" in data[0]["reason"]
    assert data[1]["status"] == "stored"
    assert list(Source.objects.values_list("title", flat=True)) == [
        "Russia open to talks on missile limits: Foreign Ministry"
    ]
    assert not Statement.objects.filter(text__contains="slamming").exists()


def test_directory_arguments_and_text_summary(world):
    output, err = ingest("", as_json=False, dry_run=True)
    lines = output.strip().splitlines()
    assert lines[-1].startswith("12 file(s), 8 dry-run, 4 error")
    assert "binary.txt: binary_file" in err


def test_year_hint_is_checked():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a plausible year"):
        call_command("ingest_articles", str(ARTICLES), "--year-hint", "19", "--dry-run")


def test_history_says_which_file_each_record_came_from(world):
    data, _ = ingest("ministry_statement_xinhua_style.txt")
    source = Source.objects.get(pk=data[0]["source_id"])
    reason = "Ingested from ministry_statement_xinhua_style.txt"
    assert source.history.get().history_change_reason == reason
    statement = source.citations.exclude(statement=None).first().statement
    assert statement.history.get().history_change_reason == reason
    # Outside an ingestion run, nothing is labelled.
    statement.text = statement.text + " "
    statement.save()
    assert statement.history.first().history_change_reason is None
