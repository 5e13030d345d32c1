"""Date phrases and the publication date, as EDTF; the year inferred or left out."""

from __future__ import annotations

import datetime as dt

from sources.ingest.extract import analyse, finish
from tests.sources.test_ingest_support import knowledge, run_pure


def dated(text: str, year_hint: int | None = None):
    result = analyse("t.txt", text.encode(), knowledge(), year_hint)
    finish(result)
    return result.published_edtf, [(e.phrase.text, e.phrase.edtf) for e in result.events]


def test_year_from_weekday_and_the_years_the_article_prints():
    _, (c,) = run_pure("ministry_statement_xinhua_style.txt")
    # 11 June fell on a Tuesday in 2013, 2019 and 2024; "will expire in 2026" and a
    # collapse "on Aug. 2, 2019" told in the past leave 2019 and 2024; the nearer
    # future year wins.
    assert c["published"] == "2024-06-11"
    assert [(d["phrase"], d["date"]) for d in c["dated_events"]] == [
        ("Tuesday", "2024-06-11"),
        ("on Wednesday and Thursday", "2024-06-12/2024-06-13"),
        ("in 2026", "2026"),
        ("Aug. 2, 2019", "2019-08-02"),
    ]


def test_year_from_weekday_and_a_past_year():
    _, (c,) = run_pure("minister_interview_tass_style.txt")
    assert c["published"] == "2024-10-04"
    assert [(d["phrase"], d["date"]) for d in c["dated_events"]] == [
        ("on Friday", "2024-10-04"),
        ("in 2020", "2020"),
    ]


def test_year_is_left_out_when_several_fit():
    published, events = dated(
        "Council meets\nPARIS, May 3 (Reuters) - The council met on Friday, a spokesman said.\n"
    )
    assert published is None
    assert events == []  # "on Friday" cannot be dated without the year


def test_no_dateline_date_means_no_publication_date():
    published, events = dated(
        "Talks\nGENEVA (Reuters) - The envoy said on Friday that the ban of 1996 still held.\n"
    )
    assert published is None
    assert events == [("of 1996", "1996")]


def test_year_hint_settles_the_year():
    published, events = dated(
        "Council meets\nPARIS, May 3 (Reuters) - The council met on "
        "Friday and will meet again on May 10.\n",
        year_hint=2024,
    )
    assert published == "2024-05-03"
    assert events == [("on Friday", "2024-05-03"), ("May 10", "2024-05-10")]


def test_year_hint_without_dateline_date_dates_month_days():
    published, events = dated(
        "Visit\nTOKYO (Reuters) - The minister will visit on March 21-22, officials said.\n",
        year_hint=2018,
    )
    assert published is None
    assert events == [("March 21-22", "2018-03-21/2018-03-22")]


def test_position_held_fixes_the_year():
    # 2 June fell on a Friday in 2017, 2023 and (before) 2006; only in 2023 was Blinken
    # Secretary of State.
    published, _ = dated(
        "Talks\nWASHINGTON, June 2 (Reuters) - US Secretary of State Antony "
        "Blinken said on Friday that talks would go on.\n"
    )
    assert published == "2023-06-02"


def test_treaty_date_the_article_points_at_fixes_the_year():
    # "the INF Treaty ... on Aug. 2" matches the treaty's known end, 2 August 2019.
    published, events = dated(
        "INF\nMOSCOW, March 19 (Xinhua) -- Officials warned on Tuesday "
        "that the INF Treaty would lapse for good on Aug. 2.\n"
    )
    assert published == "2019-03-19"
    assert events == [("on Tuesday", "2019-03-19"), ("Aug. 2", "2019-08-02")]


def test_relative_phrases():
    text = (
        "Decree\nMOSCOW, March 19 (Xinhua) -- The ministry said on Tuesday that Washington "
        "announced its move on February 1. Moscow answered the next day. "
        "Earlier this year the talks stalled, and the treaty may end next year. "
        "Talks resumed in February 2019.\n"
    )
    published, events = dated(text, year_hint=2019)
    assert published == "2019-03-19"
    assert events == [
        ("on Tuesday", "2019-03-19"),
        ("February 1", "2019-02-01"),
        ("the next day", "2019-02-02"),
        ("Earlier this year", "2019"),
        ("next year", "2020"),
        ("February 2019", "2019-02"),
    ]


def test_numbers_that_are_not_dates():
    _, events = dated(
        "Ranges\nGENEVA (Reuters) - The drones cover 2,500-4,000 kilometers and "
        "the X-44 launcher reaches 1990 km, engineers said.\n"
    )
    assert events == []


def test_candidate_years_are_those_with_the_weekday_up_to_today():
    result = analyse(
        "t.txt",
        b"Talks\nGENEVA, Nov. 1 (Reuters) - Talks ended on Friday.\n",
        knowledge(today=dt.date(2026, 1, 15)),
    )
    assert result.published is None
    assert sorted(result.year_candidates) == [1991, 1996, 2002, 2013, 2019, 2024]


def test_a_known_event_the_article_dates_fixes_the_year():
    from sources.ingest.knowledge import EventInfo

    text = (
        "Talks end\nGENEVA, Jan. 16 (Reuters) - Talks on the INF Treaty ended on Jan. 15 "
        "without progress, officials said.\n"
    )
    without = analyse("t.txt", text.encode(), knowledge())
    assert without.published is None
    world = knowledge()
    world.events = [
        EventInfo(300, "INF talks in Geneva", "Negotiation round", dt.date(2019, 1, 15),
                  dt.date(2019, 1, 15), {10}, set()),
    ]  # fmt: skip
    result = analyse("t.txt", text.encode(), world)
    finish(result, world)
    assert result.published == dt.date(2019, 1, 16)
    assert [(p.text, p.edtf, p.basis) for p in result.phrases] == [
        ("Jan. 15", "2019-01-15", "counted from the publication date 2019-01-16 (inferred)"),
    ]


def test_each_date_says_why_it_has_that_date():
    result = analyse(
        "t.txt",
        b"Council meets\nPARIS, May 3 (Reuters) - The council met on Friday after a "
        b"vote on March 2, 2021.\n",
        knowledge(),
        2024,
    )
    finish(result)
    assert [(p.text, p.basis) for p in result.phrases] == [
        ("on Friday", "counted from the publication date 2024-05-03 (year hint)"),
        ("March 2, 2021", "printed in full"),
    ]
