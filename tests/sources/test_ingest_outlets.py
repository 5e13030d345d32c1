"""Outlets and datelines in the shapes agencies and sites print them (our own leads)."""

from __future__ import annotations

import pytest

from sources.ingest.article import parse_article
from sources.ingest.extract import analyse
from sources.ingest.inputs import Metadata
from tests.sources.test_ingest_support import knowledge

LEAD = "The ministry said on Monday that the talks had stalled again."


@pytest.mark.parametrize(
    ("dateline", "place", "outlet", "month_day"),
    [
        ("Moscow. December 18. INTERFAX -", "Moscow", "INTERFAX", (12, 18)),
        ("MOSCOW, October 9. /TASS/.", "Moscow", "TASS", (10, 9)),
        ("Moscow, Feb 2:", "Moscow", None, (2, 2)),
        ("Oslo, 3 March (NTB) -", "Oslo", "NTB", (3, 3)),
        ("ANKARA, Nov. 14 (Anadolu) --", "Ankara", "Anadolu", (11, 14)),
    ],
)
def test_dateline_shapes(dateline, place, outlet, month_day):
    article = parse_article(f"Talks stall\n{dateline} {LEAD}\n")
    assert (article.dateline_place, article.outlet_printed) == (place, outlet)
    assert (article.dateline_month, article.dateline_day) == month_day
    lead = article.paragraphs[0]
    assert lead.text[lead.skip :] == LEAD


def outlet_of(text: str, meta: Metadata | None = None):
    result = analyse("t.txt", text.encode(), knowledge(), None, meta)
    return result.outlet_name, result.outlet_evidence, result.outlet is not None


def test_the_agency_in_capitals_is_matched_to_the_known_outlet():
    assert outlet_of(f"Talks stall\nMoscow. December 18. TASS - {LEAD}\n") == (
        "TASS",
        "the dateline",
        True,
    )


def test_a_known_outlet_on_its_own_line_under_the_headline():
    assert outlet_of(f"Talks stall\nXinhua\nMOSCOW, Dec 18 - {LEAD}\n") == (
        "Xinhua",
        "a line under the headline",
        True,
    )


def test_a_byline_naming_the_outlet():
    assert outlet_of(f"Talks stall\nBy Ana Ruiz, Reuters\nMOSCOW, Dec 18 - {LEAD}\n") == (
        "Reuters",
        "a line under the headline",
        True,
    )


def test_an_agency_quoted_in_the_text_is_not_the_outlet():
    name, _, _ = outlet_of(
        f"Talks stall\nMOSCOW, Dec 18 - {LEAD} According to TASS, the next round is off.\n"
    )
    assert name is None


def test_a_known_outlet_wins_over_an_unknown_one():
    assert outlet_of(
        f"Talks stall\nMOSCOW, Dec 18 (Northwind Wire) - {LEAD}\n",
        Metadata(outlet="Reuters", sources={"outlet": "page"}),
    ) == ("Reuters", "the page's site name", True)


def test_an_unknown_outlet_is_proposed_with_a_warning():
    result = analyse(
        "t.txt", f"Talks stall\nOSLO, May 3 (Fjord Wire) - {LEAD}\n".encode(), knowledge()
    )
    assert (result.outlet, result.outlet_name) == (None, "Fjord Wire")
    (warning,) = [w for w in result.warnings if w["code"] == "unknown_outlet"]
    assert "proposed as a new outlet" in warning["message"]


def test_the_outlet_a_curator_gives_wins_even_when_unknown():
    assert outlet_of(
        f"Talks stall\nMOSCOW, Dec 18 (Xinhua) - {LEAD}\n",
        Metadata(outlet="Harbour Gazette", sources={"outlet": "--outlet"}),
    ) == ("Harbour Gazette", "given", False)
