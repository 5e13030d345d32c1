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
        ("The INF Treaty is dead.", ["INF Treaty"]),
        ("The Intermediate-Range Nuclear Forces Treaty’s collapse worried Europe.", ["INF Treaty"]),
        (
            "The Intermediate-Range Nuclear Forces (INF) Treaty banned such missiles.",
            ["INF Treaty"],
        ),
        ("Russia wants to save the Treaty of Intermediate Nuclear Forces.", ["INF Treaty"]),
        ("The US left the INF in 2019, and Moscow followed.", ["INF Treaty"]),
        ("Both sides respect the New START (Strategic Arms Reduction) Treaty.", ["New START"]),
        ("Washington left the Treaty on Open Skies.", ["Open Skies"]),
    ],
)
def test_known_treaty_names_aliases_and_abbreviations(sentence, expected):
    assert names(sentence) == expected


def test_acronym_of_a_weapon_class_is_not_the_treaty():
    assert names("Both sides build INF missiles again.") == []


def test_namesakes_are_told_apart_by_the_publication_date():
    sentence = "The Russia-U.S. Strategic Arms Reduction Treaty will expire soon."
    assert names(sentence, on=dt.date(2019, 3, 19)) == ["New START"]
    assert names(sentence, on=dt.date(2005, 3, 19)) == ["START I"]


def test_unknown_treaties_are_proposed_under_their_printed_names():
    sentence = (
        "Diplomats praised the Comprehensive Nuclear Test Ban Treaty (CTBT) and the "
        "Treaty on the Prohibition of Nuclear Weapons; the CTBT Treaty lacks "
        "ratifications."
    )
    assert names(sentence) == [
        "Comprehensive Nuclear Test Ban Treaty",
        "Treaty on the Prohibition of Nuclear Weapons",
    ]


def test_unknown_treaty_and_its_acronym_are_one_proposal():
    assert names(
        "They discussed the Treaty of Intermediate Nuclear Forces and the INF Treaty.",
        world=Knowledge(),
    ) == ["Treaty of Intermediate Nuclear Forces"]


def test_dates_are_not_treaty_names():
    assert names("Putin suspended compliance with the Treaty on March 4.", world=Knowledge()) == []


def test_treaties_of_an_article_in_order_of_first_mention():
    _, (c,) = run_pure("minister_interview_tass_style.txt")
    assert c["treaties"] == ["Open Skies", "New START"]
    assert c["new_treaties"] == []
    _, (c,) = run_pure("unbalanced_quotes.txt")
    assert c["new_treaties"] == ["Comprehensive Nuclear-Test-Ban Treaty"]
