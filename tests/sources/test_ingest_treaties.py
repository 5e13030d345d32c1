"""Treaty mentions resolved through names, aliases, abbreviations and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from sources.ingest.article import parse_article
from sources.ingest.knowledge import Knowledge
from sources.ingest.treaties import find_treaties, treaty_names
from tests.sources.test_ingest_support import knowledge, run_pure


def names(sentence: str, world: Knowledge | None = None, on: dt.date | None = None) -> list[str]:
    article = parse_article(f"Treaty news\nGENEVA (Reuters) - {sentence}\n".encode())
    return treaty_names(find_treaties(article, world or knowledge(), on))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Few diplomats expect the INF Treaty to return.", ["INF Treaty"]),
        (
            "Europe mourned the Intermediate-Range Nuclear Forces Treaty’s end for years.",
            ["INF Treaty"],
        ),
        (
            "Under the Intermediate-Range Nuclear Forces (INF) Treaty, whole missile classes "
            "were scrapped.",
            ["INF Treaty"],
        ),
        (
            "A think tank urged a revival of the Treaty of Intermediate Nuclear Forces.",
            ["INF Treaty"],
        ),
        ("Once the INF lapsed, both sides began new designs.", ["INF Treaty"]),
        (
            "Inspectors still work under the New START (Strategic Arms Reduction) Treaty.",
            ["New START"],
        ),
        ("Two members quit the Treaty on Open Skies within a year.", ["Open Skies"]),
    ],
)
def test_known_treaty_names_aliases_and_abbreviations(sentence, expected):
    assert names(sentence) == expected


def test_acronym_of_a_weapon_class_is_not_the_treaty():
    assert names("Engineers now test INF missiles openly.") == []


def test_namesakes_are_told_apart_by_the_publication_date():
    sentence = "Experts discussed the Russian-American Strategic Arms Reduction Treaty at length."
    assert names(sentence, on=dt.date(2019, 3, 19)) == ["New START"]
    assert names(sentence, on=dt.date(2005, 3, 19)) == ["START I"]


def test_unknown_treaties_are_proposed_under_their_printed_names():
    sentence = (
        "The panel weighed the Outer Space Treaty (OST) against the Treaty on the "
        "Southeast Asia Nuclear-Weapon-Free Zone, and found the OST Treaty too vague."
    )
    assert names(sentence) == [
        "Outer Space Treaty",
        "Treaty on the Southeast Asia Nuclear-Weapon-Free Zone",
    ]


def test_unknown_treaty_and_its_acronym_are_one_proposal():
    assert names(
        "Speakers cited the Treaty of Intermediate Nuclear Forces, later just the INF Treaty.",
        world=Knowledge(),
    ) == ["Treaty of Intermediate Nuclear Forces"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Parliament voted to leave the Treaty on October 12.",
        "Officials will review the treaty on Monday.",
    ],
)
def test_dates_are_not_treaty_names(sentence):
    assert names(sentence, world=Knowledge()) == []


def test_the_treaty_before_a_date_refers_back():
    found = find_treaties(
        parse_article(
            b"Treaty news\nGENEVA (Reuters) - The INF Treaty was debated. Parliament voted "
            b"to leave the Treaty on October 12.\n"
        ),
        knowledge(),
    )
    assert [(m.ref.display, m.anaphor) for m in found] == [
        ("INF Treaty", False),
        ("INF Treaty", True),
    ]
    assert found[1].text == "the Treaty"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Delegates hailed the New START extension.", ["New START"]),
        ("Delegates want a new START treaty.", ["START I"]),
    ],
)
def test_a_capitalised_adjective_starts_a_name_a_lower_case_one_does_not(sentence, expected):
    assert names(sentence, on=dt.date(2005, 3, 19)) == expected


def test_treaties_of_an_article_in_order_of_first_mention():
    _, (c,) = run_pure("minister_interview_tass_style.txt")
    assert c["treaties"] == ["Open Skies", "New START"]
    assert c["new_treaties"] == []
    _, (c,) = run_pure("unbalanced_quotes.txt")
    assert c["new_treaties"] == ["Comprehensive Nuclear-Test-Ban Treaty"]
