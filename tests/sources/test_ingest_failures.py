"""One bad article never aborts a batch: a failure in any stage is that file's error.

Each test breaks one stage for one article only (a fault of the ingester, not of the
file) and checks that the article gets a clear error object, that nothing of it is
stored, and that the other article goes through as usual.
"""

from __future__ import annotations

import pytest

from sources.ingest import pipeline
from sources.models import Source
from tests.sources.test_ingest_command import counts, ingest, world  # noqa: F401

pytestmark = pytest.mark.django_db

GOOD = "ministry_statement_xinhua_style.txt"
BAD = "minister_interview_tass_style.txt"


def _fail_for_bad(real, name_of):
    def wrapper(*args, **kwargs):
        if name_of(*args, **kwargs) == BAD:
            raise RuntimeError("injected fault")
        return real(*args, **kwargs)

    return wrapper


STAGES = [
    ("read_file", lambda path, *a, **k: path.name, "reading and analysing"),
    ("analyse", lambda name, *a, **k: name, "reading and analysing"),
    ("relate_to_stored", lambda outcome, *a, **k: outcome.file, "comparing it with the stored"),
    ("finish", lambda result, *a, **k: result.file, "resolving its dates and events"),
]


@pytest.mark.parametrize(("attribute", "name_of", "stage"), STAGES)
def test_a_fault_in_one_stage_is_that_articles_error(
    world,  # noqa: F811
    monkeypatch,
    attribute,
    name_of,
    stage,
):
    monkeypatch.setattr(pipeline, attribute, _fail_for_bad(getattr(pipeline, attribute), name_of))
    data, err = ingest(BAD, GOOD)
    bad, good = data
    assert bad["file"] == BAD
    assert bad["error"] == "internal_error"
    assert f"while {stage}" in bad["reason"]
    assert "RuntimeError: injected fault" in bad["reason"]
    assert good["status"] == "stored"
    assert list(Source.objects.values_list("title", flat=True)) == [
        "Russia open to talks on missile limits: Foreign Ministry"
    ]
    assert "1 error" in err and "1 stored" in err


def test_a_fault_while_relating_the_run_sets_only_that_article_aside(world, monkeypatch):  # noqa: F811
    real = pipeline.link_results

    def link(results):
        if any(r.file == BAD for r in results):
            raise RuntimeError("injected fault")
        return real(results)

    monkeypatch.setattr(pipeline, "link_results", link)
    data, _ = ingest(BAD, GOOD)
    assert data[0]["error"] == "internal_error"
    assert "relating it to the other articles" in data[0]["reason"]
    assert data[1]["status"] == "stored"


def test_a_fault_while_storing_rolls_that_article_back(world, monkeypatch):  # noqa: F811
    real = pipeline.Writer.store

    def store(self, outcome, sources_by_file):
        real(self, outcome, sources_by_file)  # everything written, then the fault
        if outcome.file == BAD:
            raise RuntimeError("injected fault")

    monkeypatch.setattr(pipeline.Writer, "store", store)
    before = counts()
    data, _ = ingest(BAD)
    assert data[0]["error"] == "internal_error"
    assert "while storing" in data[0]["reason"]
    assert counts() == before
    data, _ = ingest(GOOD)
    assert data[0]["status"] == "stored"


def test_a_database_error_while_storing_says_so(world, monkeypatch):  # noqa: F811
    from django.db import DataError

    def store(self, outcome, sources_by_file):
        raise DataError("value too long for type character varying(500)")

    monkeypatch.setattr(pipeline.Writer, "store", store)
    data, _ = ingest(BAD)
    assert data[0] == {
        "file": BAD,
        "error": "database_error",
        "reason": "Nothing was stored for this article: value too long for type "
        "character varying(500)",
    }
