"""Shared helpers for the ingestion tests: a small world of actors, treaties and outlets.

Written by us for the tests; the parsing layer takes these as plain data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sources.ingest.contract import contract
from sources.ingest.extract import analyse, finish
from sources.ingest.knowledge import ActorInfo, Knowledge, OutletInfo, PositionInfo, TreatyInfo
from sources.ingest.same_story_links import link_results

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
TODAY = dt.date(2026, 1, 15)


def knowledge(today: dt.date = TODAY) -> Knowledge:
    actors = [
        ActorInfo(1, "Russia", "state", "Russia", ["Russian Federation", "Moscow"]),
        ActorInfo(2, "United States", "state", "US", ["U.S.", "Washington", "USA"]),
        ActorInfo(
            3,
            "Ministry of Foreign Affairs of Russia",
            "organisation",
            "Russian MFA",
            ["Russian Foreign Ministry", "Foreign Ministry", "MFA"],
            parent_id=1,
        ),
        ActorInfo(
            4,
            "Sergei Lavrov",
            "person",
            "",
            ["Lavrov", "Sergey Lavrov"],
            [
                PositionInfo(
                    "Minister of Foreign Affairs",
                    "Ministry of Foreign Affairs of Russia",
                    dt.date(2004, 3, 9),
                    None,
                )
            ],
        ),
        ActorInfo(
            5,
            "Antony Blinken",
            "person",
            "",
            ["Blinken"],
            [
                PositionInfo(
                    "Secretary of State",
                    "US Department of State",
                    dt.date(2021, 1, 26),
                    dt.date(2025, 1, 20),
                )
            ],
        ),
        ActorInfo(
            6,
            "Vladimir Putin",
            "person",
            "",
            ["Putin"],
            [PositionInfo("President", "Russia", dt.date(2012, 5, 7), None)],
        ),
    ]
    treaties = [
        TreatyInfo(
            10,
            "Treaty between the USA and the USSR on the Elimination of Their "
            "Intermediate-Range and Shorter-Range Missiles",
            "INF Treaty",
            ["INF Treaty", "Intermediate-Range Nuclear Forces Treaty", "INF"],
            dt.date(1987, 12, 8),
            dt.date(1988, 6, 1),
            dt.date(2019, 8, 2),
            [dt.date(2019, 2, 2), dt.date(2019, 8, 2)],
        ),
        TreatyInfo(
            11,
            "Treaty on Measures for the Further Reduction and Limitation of "
            "Strategic Offensive Arms",
            "New START",
            ["New START", "Strategic Arms Reduction Treaty", "New START Treaty"],
            dt.date(2010, 4, 8),
            dt.date(2011, 2, 5),
            dt.date(2026, 2, 5),
        ),
        TreatyInfo(
            12,
            "Treaty on the Reduction and Limitation of Strategic Offensive Arms",
            "START I",
            ["START I", "START", "Strategic Arms Reduction Treaty"],
            dt.date(1991, 7, 31),
            dt.date(1994, 12, 5),
            dt.date(2009, 12, 5),
        ),
        TreatyInfo(
            13,
            "Treaty on Open Skies",
            "Open Skies",
            ["Open Skies Treaty", "Open Skies"],
            dt.date(1992, 3, 24),
            dt.date(2002, 1, 1),
        ),
    ]
    outlets = [
        OutletInfo(20, "Xinhua", ["Xinhua", "(Xinhua)"]),
        OutletInfo(21, "TASS", ["TASS", "/TASS/"]),
        OutletInfo(22, "Reuters", ["Reuters"]),
        OutletInfo(23, "Associated Press", ["AP", "(AP)"]),
    ]
    return Knowledge(actors, treaties, outlets, today)


def read(name: str) -> bytes:
    return (ARTICLES / name).read_bytes()


def run_pure(*names: str, world: Knowledge | None = None, year_hint: int | None = None):
    """Analyse fixture files as one batch without a database; return their contracts."""
    world = world or knowledge()
    results = [analyse(n, read(n), world, year_hint) for n in names]
    link_results(results)
    for r in results:
        finish(r)
    return results, [contract(r) for r in results]


def test_fixtures_are_our_own_short_texts():
    for path in ARTICLES.glob("*.txt"):
        assert path.stat().st_size < 2000, path.name
