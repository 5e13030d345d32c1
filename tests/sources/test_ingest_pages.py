"""Saved web pages, metadata sidecars and the --published / --outlet flags.

The pages in tests/fixtures/pages are ours, written in the shapes news sites use:
Open Graph and article meta tags, JSON-LD NewsArticle, bylines, figure captions,
navigation, asides and footers around the article.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from django.core.management.base import CommandError

from sources.models import Outlet, Source
from tests.sources.test_ingest_command import counts, ingest, world  # noqa: F401
from tests.sources.test_ingest_support import ARTICLES

pytestmark = pytest.mark.django_db
PAGES = ARTICLES.parent / "pages"


def page(tmp_path, name: str, **edits) -> str:
    text = (PAGES / name).read_text()
    for old, new in edits.items():
        text = text.replace(old.replace("_", " "), new)
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_a_page_gives_text_title_site_date_and_address(world):  # noqa: F811
    data, _ = ingest(str(PAGES / "minister_meta_jsonld.html"), dry_run=True)
    (item,) = data
    assert {
        k: item[k]
        for k in ("headline", "outlet", "new_outlet", "url", "published", "dateline_place")
    } == {
        "headline": "Lavrov says arms control dialogue must resume",
        "outlet": "Northwind News",
        "new_outlet": True,
        "url": "https://northwind.example/world/2023/10/09/lavrov-arms-control",
        "published": "2023-10-09",
        "dateline_place": "Moscow",
    }
    assert item["published_reason"] == "the page's metadata"
    assert [(q["speaker"], q["text"][:30]) for q in item["quotes"]] == [
        ("Sergei Lavrov", "We have never closed the door "),
    ]
    assert [(d["phrase"], d["date"]) for d in item["dated_events"]] == [
        ("on Monday", "2023-10-09"),
        ("in February", "2023-02"),
    ]


def test_navigation_asides_and_footers_stay_out_of_the_stored_text(world):  # noqa: F811
    data, _ = ingest(str(PAGES / "minister_meta_jsonld.html"))
    source = Source.objects.get(pk=data[0]["source_id"])
    assert source.body.startswith("Moscow, Oct. 9 (Northwind)".upper()[:6])
    for chrome in ("Most read", "Markets rally", "Subscribe", "Home", "analytics", "©"):
        assert chrome not in source.body
    assert source.url == "https://northwind.example/world/2023/10/09/lavrov-arms-control"
    assert source.published == "2023-10-09"
    assert "<script" in source.raw_text  # the page as received is kept beside the text
    assert source.outlet.name == "Northwind News"  # proposed as a new outlet
    assert Outlet.objects.filter(name="Northwind News").count() == 1


def test_a_known_outlet_under_an_alias_is_linked_not_duplicated(world, tmp_path):  # noqa: F811
    Outlet.objects.create(name="Northwind Media Group", aliases=["Northwind News"])
    data, _ = ingest(page(tmp_path, "minister_meta_jsonld.html"))
    source = Source.objects.get(pk=data[0]["source_id"])
    assert source.outlet.name == "Northwind Media Group"
    assert not Outlet.objects.filter(name="Northwind News").exists()


def test_a_caption_date_fixes_the_year_a_dateline_leaves_out(world):  # noqa: F811
    data, _ = ingest(str(PAGES / "dateline_without_year_caption.html"), dry_run=True)
    (item,) = data
    # 2 February fell on a Thursday in 2006, 2012, 2017 and 2023; the photo of 26.01.2023
    # and "opened on January 26" leave 2023.
    assert item["published"] == "2023-02-02"
    assert item["outlet"] == "Fjord Herald"
    assert [(d["phrase"], d["date"]) for d in item["dated_events"]] == [
        ("on Thursday", "2023-02-02"),
        ("January 26", "2023-01-26"),
        ("next month", "2023-03"),
    ]


def test_without_the_caption_the_year_stays_open_and_a_warning_says_so(world, tmp_path):  # noqa: F811
    path = page(
        tmp_path,
        "dateline_without_year_caption.html",
        **{"Delegates at the opening session in Oslo, 26.01.2023.": "Delegates in Oslo."},
    )
    text = (tmp_path / "dateline_without_year_caption.html").read_text()
    (tmp_path / "dateline_without_year_caption.html").write_text(
        text.replace("opened on January 26 with", "opened with")
    )
    data, _ = ingest(path, dry_run=True)
    (item,) = data
    assert item["published"] is None
    assert item["dated_events"] == []
    (warning,) = [w for w in item["warnings"] if w["code"] == "ambiguous_year"]
    assert "Give --published or --year-hint" in warning["message"]


def test_a_caption_dates_an_article_with_no_date_of_its_own(world, tmp_path):  # noqa: F811
    path = tmp_path / "undated.txt"
    path.write_text(
        "Coast guard drills end\n\n"
        "Crews come ashore in Bodo on March 7, 2022. Lars Eide/Nordic Pictures\n\n"
        "BODO (Nordic Wire) - The coast guard ended its spring drill on Friday, the "
        "commander said, and will repeat it next year.\n"
    )
    data, _ = ingest(str(path), dry_run=True)
    (item,) = data
    assert item["published"] is None
    assert [(d["phrase"], d["date"]) for d in item["dated_events"]] == [
        ("on Friday", "2022-03-04"),
        ("next year", "2023"),
    ]
    assert all(d["confidence"] <= 0.4 for d in item["dated_events"])
    (warning,) = [w for w in item["warnings"] if w["code"] == "no_date"]
    assert "counted from 2022-03-07, the date of its photo caption" in warning["message"]


def test_a_sidecar_overrides_the_page_and_the_dateline(world, tmp_path):  # noqa: F811
    shutil.copy(PAGES / "minister_meta_jsonld.html", tmp_path / "story.html")
    (tmp_path / "story.json").write_text(
        json.dumps(
            {
                "url": "https://archive.example/story-1",
                "outlet": "TASS",
                "published": "2023-10-10",
            }
        )
    )
    data, _ = ingest(str(tmp_path))  # a directory: the .json is a sidecar, not an article
    (item,) = data
    assert (item["outlet"], item["published"], item["url"]) == (
        "TASS",
        "2023-10-10",
        "https://archive.example/story-1",
    )
    assert item["published_reason"] == "given (story.json)"
    source = Source.objects.get(pk=item["source_id"])
    assert (source.outlet.name, source.published_start, source.url) == (
        "TASS",
        dt.date(2023, 10, 10),
        "https://archive.example/story-1",
    )


def test_a_sidecar_beside_a_text_file_gives_what_the_text_lacks(world, tmp_path):  # noqa: F811
    shutil.copy(ARTICLES / "repost_no_outlet.txt", tmp_path / "repost.txt")
    (tmp_path / "repost.json").write_text('{"outlet": "Reuters", "published": "2024-05-06"}')
    data, _ = ingest(str(tmp_path / "repost.txt"), dry_run=True)
    assert (data[0]["outlet"], data[0]["published"]) == ("Reuters", "2024-05-06")
    assert not [w for w in data[0]["warnings"] if w["code"] == "no_outlet"]


def test_flags_override_the_sidecar(world, tmp_path):  # noqa: F811
    shutil.copy(ARTICLES / "repost_no_outlet.txt", tmp_path / "repost.txt")
    (tmp_path / "repost.json").write_text('{"outlet": "Reuters", "published": "2024-05-06"}')
    out = ingest_with(str(tmp_path / "repost.txt"), "--outlet", "AP", "--published", "2024-05-07")
    assert (out[0]["outlet"], out[0]["published"]) == ("Associated Press", "2024-05-07")
    assert out[0]["published_reason"] == "given (--published)"


def ingest_with(*args):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "ingest_articles", *args, "--dry-run", "--json", "--no-progress", stdout=out,
        stderr=io.StringIO(),
    )  # fmt: skip
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--published", "last Tuesday"], "--published must be an ISO 8601 date"),
        (["--published", "2024-02-30"], "--published must be an ISO 8601 date"),
        (["--outlet", "   "], "--outlet must be an outlet name"),
        (["--outlet", "x" * 201], "--outlet must be an outlet name"),
    ],
)
def test_bad_flags_are_refused_before_anything_is_read(world, flags, message):  # noqa: F811
    before = counts()
    with pytest.raises(CommandError, match=message):
        ingest_with(str(ARTICLES / "repost_no_outlet.txt"), *flags)
    assert counts() == before


def test_a_stored_address_is_not_taken_twice(world, tmp_path):  # noqa: F811
    ingest(str(PAGES / "minister_meta_jsonld.html"))
    updated = page(
        tmp_path,
        "minister_meta_jsonld.html",
        **{"any new framework": "any future framework"},
    )
    data, _ = ingest(updated)
    (item,) = data
    assert item["status"] == "stored"
    assert Source.objects.get(pk=item["source_id"]).url is None
    assert [w["code"] for w in item["warnings"] if w["code"] == "url_in_use"] == ["url_in_use"]


def test_the_retrieval_day_of_a_sidecar_bounds_undated_statements(world, tmp_path):  # noqa: F811
    shutil.copy(ARTICLES / "undated_minister_remarks.txt", tmp_path / "remarks.txt")
    (tmp_path / "remarks.json").write_text('{"retrieved": "2019-06-30"}')
    data, _ = ingest(str(tmp_path / "remarks.txt"))
    source = Source.objects.get(pk=data[0]["source_id"])
    assert source.retrieved_at.date() == dt.date(2019, 6, 30)
    ranges = set(source.citations.exclude(statement=None).values_list("statement__date", flat=True))
    assert ranges and all(r.endswith("/2019-06-30") for r in ranges)
