"""Same story across outlets, and exact duplicates, within one run."""

from __future__ import annotations

from sources.ingest.extract import analyse, finish
from sources.ingest.same_story_links import link_results
from sources.ingest.similarity import Fingerprint, same_story
from tests.sources.test_ingest_support import knowledge, read, run_pure


def test_two_outlets_quoting_the_same_words_are_one_story():
    _, (a, b) = run_pure("same_story_reuters_style.txt", "same_story_ap_style.txt")
    assert a["same_story_as"] == ["same_story_ap_style.txt"]
    assert b["same_story_as"] == ["same_story_reuters_style.txt"]
    assert a["duplicate_of"] is None and b["duplicate_of"] is None


def test_unrelated_articles_are_not_linked():
    _, contracts = run_pure(
        "ministry_statement_xinhua_style.txt",
        "minister_interview_tass_style.txt",
        "repost_no_outlet.txt",
    )
    assert [c["same_story_as"] for c in contracts] == [[], [], []]


def test_a_longer_quote_containing_the_other_still_matches():
    short = Fingerprint.of("x", ["We expect common sense to prevail in the end in every capital"])
    longer = Fingerprint.of(
        "y",
        [
            "This is our position. We expect common sense to prevail in the "
            "end in every capital, and we will wait."
        ],
    )
    assert same_story(short, longer) == "shared quote"
    assert (
        same_story(
            short, Fingerprint.of("z", ["Nothing at all in common with the other quote here"])
        )
        is None
    )


def test_exact_duplicate_is_recognised_by_content_hash_despite_boilerplate():
    world = knowledge()
    original = read("same_story_reuters_style.txt")
    repost = b"All news\n" + original + b"\n- Advertisement -\n"
    results = [analyse("a.txt", original, world), analyse("b.txt", repost, world)]
    link_results(results)
    for r in results:
        finish(r)
    assert results[0].content_hash == results[1].content_hash
    assert results[1].duplicate_of == "a.txt"
    assert results[1].same_story_as == ["a.txt"]


def test_a_report_without_a_year_takes_it_from_the_same_story():
    world = knowledge()
    dated = (
        b"Talks go on\nWASHINGTON, June 2 (Reuters) - US Secretary of State Antony Blinken "
        b'said on Friday that talks would go on. "Even in difficult times, we have a '
        b'responsibility to reduce nuclear risks together," Blinken said.\n'
    )
    undated = (
        b"Blinken: talks go on\nWASHINGTON, June 2 (AP) - Talks would go on, the top US "
        b'diplomat said on Friday. "Even in difficult times, we have a responsibility to '
        b'reduce nuclear risks together," he said.\n'
    )
    results = [analyse("a.txt", dated, world), analyse("b.txt", undated, world)]
    assert results[1].published is None
    link_results(results)
    assert [r.published_edtf for r in results] == ["2023-06-02", "2023-06-02"]
    assert results[1].published_reason == "same story"
