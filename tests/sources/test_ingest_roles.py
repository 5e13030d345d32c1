"""Role nouns and country-qualified bodies as speakers (our own sentences).

A role noun ("the top Russian diplomat") is the person whose post it names, not the
last person the article named; a country-qualified body or post ("Chinese Foreign
Ministry", "the French foreign minister") never matches another country's actor, and
an unknown one is proposed as a new actor.
"""

from __future__ import annotations

import datetime as dt

from sources.ingest.extract import analyse
from sources.ingest.knowledge import ActorInfo, PositionInfo
from tests.sources.test_ingest_support import knowledge


def world():
    k = knowledge()
    # Putin once held a post with "minister" in it; a diplomat he is not.
    putin = next(a for a in k.actors if a.name == "Vladimir Putin")
    putin.positions.append(
        PositionInfo("Prime Minister", "Russia", dt.date(2008, 5, 8), dt.date(2012, 5, 7))
    )
    k.actors.append(ActorInfo(7, "China", "state", "China", ["PRC", "Beijing"]))
    return k


def speakers(text: str) -> list[tuple[str | None, str]]:
    result = analyse("t.txt", text.encode(), world())
    return [(s.speaker_name, s.text[:24]) for s in result.quotes]


def test_a_role_noun_is_the_person_holding_that_post_not_the_last_one_named():
    assert speakers(
        "Moscow keeps options open\n"
        "MOSCOW (Reuters) - Foreign Minister Sergei Lavrov met reporters on Friday.\n"
        "He said talks on new systems unveiled by President Vladimir Putin were possible.\n"
        "“Nobody has closed any door on these weapons,” the top Russian diplomat continued.\n"
    ) == [("Sergei Lavrov", "Nobody has closed any do")]


def test_another_countrys_ministry_is_not_our_foreign_ministry():
    found = speakers(
        "Beijing declines talks\n"
        "BEIJING (Reuters) - “We have no plans to join such talks this year,” Chinese Foreign "
        "Ministry spokesperson Wu Tan said.\n"
        "“Our proposal for new talks remains on the table,” the Chinese Foreign Ministry said "
        "in a statement.\n"
        "“Moscow remains open to a dialogue on all systems,” the Russian Foreign Ministry "
        "said.\n"
    )
    assert found == [
        ("Wu Tan", "We have no plans to join"),
        ("Chinese Foreign Ministry", "Our proposal for new tal"),
        ("Ministry of Foreign Affairs of Russia", "Moscow remains open to a"),
    ]


def test_another_countrys_minister_is_not_ours():
    found = speakers(
        "Ministers meet\n"
        "GENEVA (Reuters) - “We are ready to meet at any level,” Russian Foreign Minister "
        "Sergei Lavrov said.\n"
        "“We welcome the readiness of all sides,” the French foreign minister said.\n"
        "“Our position on this has not changed,” the Russian foreign minister added.\n"
    )
    assert found == [
        ("Sergei Lavrov", "We are ready to meet at "),
        ("French Foreign Minister", "We welcome the readiness"),
        ("Sergei Lavrov", "Our position on this has"),
    ]


def test_the_same_countrys_body_still_matches_through_its_alias():
    assert speakers(
        "Ministry statement\n"
        "MOSCOW (Reuters) - “Any future arrangement must cover all systems,” the Russian "
        "Foreign Ministry said.\n"
    ) == [("Ministry of Foreign Affairs of Russia", "Any future arrangement m")]
