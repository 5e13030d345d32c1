"""Parsing a file into an article: decoding, headline, dateline, outlet, boilerplate."""

from __future__ import annotations

import pytest

from sources.ingest.article import parse_article
from sources.ingest.errors import IngestError
from tests.sources.test_ingest_support import read


def error_of(data: bytes) -> IngestError:
    with pytest.raises(IngestError) as info:
        parse_article(data)
    return info.value


def test_empty_file_is_an_error():
    err = error_of(read("empty.txt"))
    assert err.code == "empty_file"
    assert err.as_dict("empty.txt") == {
        "file": "empty.txt",
        "error": "empty_file",
        "reason": "The file is empty (no text to ingest).",
    }


def test_whitespace_only_file_is_empty():
    assert error_of(b" \n\n\t \r\n").code == "empty_file"


def test_binary_file_is_an_error():
    err = error_of(read("binary.txt"))
    assert err.code == "binary_file"
    assert "looks binary" in err.reason and "NUL bytes" in err.reason


def test_undecodable_file_is_an_error():
    err = error_of(read("undecodable.txt"))
    assert err.code == "undecodable"
    assert err.reason.startswith("The file is neither UTF-8")


def test_windows_1252_text_is_read_with_a_warning():
    text = (
        "Caf\u00e9 talks resume\nPARIS, May 3 (Reuters) - Talks at the caf\u00e9 "
        "resumed, officials said.\n"
    )
    article = parse_article(text.encode("cp1252"))
    assert article.headline == "Café talks resume"
    assert [w["code"] for w in article.warnings] == ["legacy_encoding"]


def test_article_without_headline_is_an_error():
    err = error_of(read("no_headline.txt"))
    assert err.code == "no_headline"
    assert "starts with the dateline “LONDON, May 3 (Reuters) -”" in err.reason


def test_single_long_paragraph_has_no_headline():
    text = (
        "Officials from both countries met for several hours on Monday and agreed to keep "
        "talking about the limits that each side wants, a statement said afterwards."
    )
    assert error_of(text.encode()).code == "no_headline"


def test_only_boilerplate_has_no_body():
    assert error_of(b"All news\n- Advertisement -\nSubscribe to our newsletter\n").code == "no_body"


def test_xinhua_style_dateline():
    article = parse_article(read("ministry_statement_xinhua_style.txt"))
    assert article.headline == "Russia open to talks on missile limits: Foreign Ministry"
    assert (article.dateline_place, article.outlet_printed) == ("Moscow", "Xinhua")
    assert (article.dateline_month, article.dateline_day, article.dateline_year) == (6, 11, None)
    lead = article.paragraphs[0]
    assert lead.kind == "lead"
    assert lead.text[: lead.skip] == "MOSCOW, June 11 (Xinhua) -- "


def test_tass_style_dateline_deck_captions_and_credit():
    article = parse_article(read("minister_interview_tass_style.txt"))
    assert article.headline == "Lavrov says door to arms talks stays open"
    assert (article.dateline_place, article.outlet_printed) == ("Moscow", "TASS")
    assert (article.dateline_month, article.dateline_day) == (10, 4)
    assert article.outlet_credit == "TASS"
    kinds = [p.kind for p in article.paragraphs]
    assert kinds == ["deck", "lead", "body", "body", "body", "subhead", "body", "body"]
    assert article.removed == [
        ("boilerplate", "All news"),
        ("boilerplate", "© Ivan Petrov/TASS"),
        ("photo credit", "Russian Foreign Minister Sergey Lavrov Ivan Petrov/TASS"),
        ("photo caption", "Russian Foreign Minister Sergey Lavrov"),
    ]
    assert "Ivan Petrov" not in article.body
    assert "All news" in article.raw_text


def test_dash_dateline_without_outlet_and_boilerplate_and_pasted_headline():
    article = parse_article(read("repost_no_outlet.txt"))
    assert article.headline == "Vienna Envoy Rules Out A Fresh Arms Build-Up In The Baltic"
    assert (article.dateline_place, article.outlet_printed) == ("Vienna", None)
    assert article.dateline_month is None
    assert article.removed == [
        ("boilerplate", "••• Advertisement •••"),
        ("boilerplate", "Sign up now and receive the day's top headlines by email."),
        ("pasted headline", "Analysts Split Over Chances Of A Verification Deal Before Winter"),
        ("pasted headline", "Get our morning briefing"),
    ]
    assert "Analysts Split" not in article.body
    assert article.body.endswith("as a stage for domestic audiences.")


@pytest.mark.parametrize(
    ("line", "place", "outlet"),
    [
        ("WASHINGTON (Reuters) - The talks ended.", "Washington", "Reuters"),
        ("WASHINGTON (AP) — The talks ended.", "Washington", "AP"),
        ("NEW YORK, Sept. 24 (Xinhua) -- The talks ended.", "New York", "Xinhua"),
        ("ST. PETERSBURG, June 5. /TASS/. The talks ended.", "St. Petersburg", "TASS"),
        ("Paris (AFP) - The talks ended.", "Paris", "AFP"),
        ("RIO DE JANEIRO, Brazil – The talks ended.", "Rio de Janeiro", None),
    ],
)
def test_dateline_shapes(line, place, outlet):
    article = parse_article(f"Talks end\n{line}\n".encode())
    assert (article.dateline_place, article.outlet_printed) == (place, outlet)
    assert article.paragraphs[0].text[article.paragraphs[0].skip :] == "The talks ended."


def test_hard_wrapped_paragraphs_are_joined():
    article = parse_article(
        b"Talks end\nGENEVA (Reuters) - The talks ended on Friday\n"
        b"without an agreement, diplomats said.\n"
    )
    assert article.body == (
        "GENEVA (Reuters) - The talks ended on Friday without an agreement, diplomats said."
    )
