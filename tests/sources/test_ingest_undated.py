"""Statements of undated articles: stored with the range the evidence allows, or skipped."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from sources.ingest.extract import analyse, finish
from sources.ingest.undated import undated_range
from sources.models import Citation, Source
from tests.sources.test_ingest_command import ingest, world  # noqa: F401  (fixture)
from tests.sources.test_ingest_support import knowledge, read
from timeline.models import Statement

RETRIEVED = dt.date(2026, 1, 15)


def ranged(data: bytes | str):
    result = analyse("t.txt", data if isinstance(data, bytes) else data.encode(), knowledge())
    finish(result)
    return undated_range(result, RETRIEVED)


def undated(lead: str, *more: str) -> str:
    return "\n\n".join(["Talks stall", f"GENEVA (Reuters) - {lead}", *more]) + "\n"


def test_a_year_told_as_past_is_the_lower_bound_and_retrieval_the_upper():
    span = ranged(read("undated_minister_remarks.txt"))
    assert span.edtf == "2018/2026-01-15"
    assert span.note == (
        "Undated in the article: dated 2018/2026-01-15, the range the evidence allows (not "
        "earlier than 2018, which the article tells as past (“in 2018”); not later than "
        "2026-01-15, the day the source was retrieved)."
    )


def test_the_start_of_the_position_the_article_names_is_a_lower_bound():
    span = ranged(undated("Foreign Minister Sergei Lavrov said the talks had stalled."))
    assert span.edtf == "2004-03-09/2026-01-15"
    assert (
        "when Sergei Lavrov took the post the article names (Minister of Foreign Affairs)"
        in span.lower.why
    )


def test_a_title_given_after_the_name_or_as_a_noun_counts_too():
    span = ranged(undated("Sergei Lavrov, Russia's foreign minister, said the talks had stalled."))
    assert span.edtf == "2004-03-09/2026-01-15"
    span = ranged(
        undated(
            "Blinken said the talks had stalled.", "The secretary added that nothing was agreed."
        )
    )
    assert span.edtf == "2021-01-26/2026-01-15"


def test_the_latest_evidence_wins():
    span = ranged(
        undated(
            "Foreign Minister Sergei Lavrov said the talks had stalled since "
            "2019 and had failed in May 2022."
        )
    )
    assert span.edtf == "2022-05/2026-01-15"


def test_a_title_the_position_does_not_have_is_no_evidence():
    assert (
        ranged(undated("Deputy Foreign Minister Sergei Lavrov said the talks had stalled.")) is None
    )
    assert ranged(undated("Prime Minister Sergei Lavrov said the talks had stalled.")) is None


def test_future_years_and_untensed_years_are_no_lower_bound():
    assert ranged(undated("Sergei Lavrov said the talks would resume by 2030.")) is None
    assert ranged(undated("Sergei Lavrov said the talks had stalled.")) is None


def test_a_known_treaty_date_recalled_in_the_past_is_a_lower_bound():
    span = ranged(
        undated(
            "Sergei Lavrov said the talks had stalled.",
            "The INF Treaty collapsed on August 2, officials recalled.",
        )
    )
    assert span.edtf == "2019-08-02/2026-01-15"


def test_the_latest_dateline_candidate_is_the_upper_bound_when_the_year_is_open():
    text = (
        "Council meets\n\nPARIS, May 3 (Reuters) - Sergei Lavrov said talks had stalled "
        "since 2016.\n"
    )
    result = analyse("t.txt", text.encode(), knowledge())
    finish(result)
    assert result.published is None and result.year_candidates
    latest = max(y for y in result.year_candidates if dt.date(y, 5, 3) <= RETRIEVED)
    span = undated_range(result, RETRIEVED)
    assert span.edtf == f"2016/{latest}-05-03"
    assert span.upper.why == f"{latest}-05-03, the latest year the dateline can stand for"


@pytest.mark.django_db
def test_undated_statements_are_stored_as_ranged_low_confidence_drafts(world):  # noqa: F811
    dry, _ = ingest("undated_minister_remarks.txt", dry_run=True)
    assert (dry[0]["published"], [(d["phrase"], d["date"]) for d in dry[0]["dated_events"]]) == (
        None,
        [("in 2018", "2018")],
    )
    (item,), err = ingest("undated_minister_remarks.txt")
    assert item["status"] == "stored"
    source = Source.objects.get(pk=item["source_id"])
    assert source.published == ""
    day = source.retrieved_at.astimezone(dt.UTC).date().isoformat()
    statements = Statement.objects.filter(citations__source=source).order_by("citations__start")
    assert [
        (s.kind, s.speaker.name, s.date, s.status, s.on_behalf_of.name) for s in statements
    ] == [
        (
            "paraphrase",
            "Sergei Lavrov",
            f"2018/{day}",
            "draft",
            "Ministry of Foreign Affairs of Russia",
        ),
        (
            "direct_quote",
            "Sergei Lavrov",
            f"2018/{day}",
            "draft",
            "Ministry of Foreign Affairs of Russia",
        ),
    ]
    by_kind = {s.kind: s for s in statements}
    dry_conf = {q["text"]: q["confidence"] for q in dry[0]["quotes"] + dry[0]["paraphrases"]}
    for s in statements:
        assert s.confidence == round(dry_conf[s.text] * 0.7, 2)
        assert (s.date_start, s.precision) == (dt.date(2018, 1, 1), "range")
    assert by_kind["direct_quote"].speaker_position.title == "Minister of Foreign Affairs"
    notes = set(Citation.objects.filter(statement__in=statements).values_list("note", flat=True))
    assert notes == {
        f"Undated in the article: dated 2018/{day}, the range the evidence allows "
        f"(not earlier than 2018, which the article tells as past (“in 2018”); "
        f"not later than {day}, the day the source was retrieved)."
    }
    codes = [w["code"] for w in item["warnings"]]
    assert codes == ["no_date", "statement_date_range"]
    assert "2 ranged statements" in err and "skipped" not in err


@pytest.mark.django_db
def test_without_any_lower_bound_statements_are_still_skipped(world, tmp_path):  # noqa: F811
    path = tmp_path / "bare.txt"
    path.write_text(
        undated("Sergei Lavrov said the talks had stalled and nobody was ready to move.")
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest_articles", str(path), "--json", "--no-progress", stdout=out, stderr=err)
    (item,) = json.loads(out.getvalue())
    assert item["status"] == "stored"
    assert not Statement.objects.exists()
    assert [w["code"] for w in item["warnings"]] == ["no_date", "no_statement_date"]
    assert "1 skipped statements" in err.getvalue()


def ranged_with_events(data: str):
    from sources.ingest.knowledge import EventInfo

    known = knowledge()
    known.events = [
        EventInfo(200, "US suspends INF obligations", "Suspension", dt.date(2019, 2, 2),
                  dt.date(2019, 2, 2), {10}, {2}),
    ]  # fmt: skip
    result = analyse("t.txt", data.encode(), known)
    finish(result, known)
    return undated_range(result, RETRIEVED)


def test_a_known_event_the_article_reports_is_the_lower_bound():
    span = ranged_with_events(
        undated(
            "Foreign Minister Sergei Lavrov said Moscow had answered in kind after Washington "
            "suspended its INF Treaty obligations on February 2, 2019.",
            "“We had no other choice left,” Lavrov said.",
        )
    )
    assert span.edtf == "2019-02-02/2026-01-15"
    assert "the date of “US suspends INF obligations”" in span.note


def test_a_photo_caption_is_a_lower_bound():
    span = ranged(
        "Talks stall\n\n"
        "Delegates leave the hall on May 14, 2024. Ana Ruiz/Iberia Photo\n\n"
        "GENEVA (Reuters) - Foreign Minister Sergei Lavrov said the talks had stalled.\n\n"
        "“We will not wait forever for an answer,” Lavrov said.\n"
    )
    assert span.edtf == "2024-05-14/2026-01-15"
    assert "the date of its photo caption" in span.note


def test_a_year_the_article_still_expects_is_the_upper_bound():
    span = ranged(
        undated(
            "Foreign Minister Sergei Lavrov said the treaty will lapse in 2021 unless both "
            "sides act.",
            "“We are ready to talk about it today,” Lavrov said.",
        )
    )
    assert span.edtf == "2004-03-09/2021"
    assert "2021, which the article still expects (“in 2021”)" in span.note
