"""Random and mutated articles: a result or a clear error, never a crash or a partial write.

Hypothesis feeds the ingester random text, random bytes, and our fixture articles and
pages with bytes flipped, cut, duplicated or spliced. The analysis must return a result
or raise IngestError (a code and a sentence); a real run must store the article whole
or leave the database as it was. Bounded for CI (FUZZ_EXAMPLES, default 150 pure and a
fifth of that through the database); raise it locally for a longer hunt.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sources.ingest.errors import IngestError, IngestErrorCode
from sources.ingest.extract import analyse, finish
from sources.ingest.inputs import from_html
from sources.ingest.pipeline import run
from tests.sources.test_ingest_command import counts, world  # noqa: F401
from tests.sources.test_ingest_support import ARTICLES, knowledge

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
SEEDS = [p.read_bytes() for p in sorted(ARTICLES.glob("*.txt")) if p.stat().st_size > 200]
PAGES = [p.read_bytes() for p in sorted((ARTICLES.parent / "pages").glob("*.html"))]
CODES = {str(c) for c in IngestErrorCode}
WORLD = knowledge()
NEWSY = st.sampled_from(
    ["“", "”", '"', "‘", "’", "'", "\n", "\n\n", " -- ", " (Reuters) - ", "MOSCOW, ", "Oct. 9",
     " said ", " on Friday", " in 2019", "Treaty", "INF", "New START", "the minister", ":", ".",
     "\u00a0", "\ufeff", "\x00", "\r\n", "—", "…", "Lavrov", "«", "»", "/TASS/", "2019-02-30"]
)  # fmt: skip


@st.composite
def mutated(draw, originals):
    data = bytearray(draw(st.sampled_from(originals)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "dup", "insert", "splice"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 400))]
        elif op == "dup":
            data[at:at] = data[at : at + draw(st.integers(1, 400))] * draw(st.integers(1, 5))
        elif op == "insert":
            data[at:at] = draw(NEWSY).encode()
        else:
            other = draw(st.sampled_from(originals))
            data[at:] = other[draw(st.integers(0, len(other))) :]
    return bytes(data)


ARTICLE_TEXT = st.lists(st.one_of(NEWSY, st.text(max_size=40)), max_size=60).map("".join)


def check_analysis(data: bytes | str, html: bool = False) -> None:
    try:
        if html:
            item = from_html("page.html", data)
            result = analyse("page.html", item.data, WORLD, None, item.metadata, item.captions)
        else:
            result = analyse("a.txt", data, WORLD)
        finish(result, WORLD)
    except IngestError as exc:
        assert str(exc.code) in CODES
        assert exc.reason and exc.reason[0].isupper()
        return
    body = result.article.body
    for s in result.statements:
        assert 0 <= s.start < s.end <= len(body)
    for ev in result.events:
        assert ev.phrase.edtf


FAST = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FAST
@given(mutated(SEEDS))
def test_mutated_articles(data):
    check_analysis(data)


@FAST
@given(ARTICLE_TEXT)
def test_random_newsy_text(text):
    check_analysis(text)
    check_analysis(text.encode("utf-8", "surrogatepass"))


@FAST
@given(st.binary(max_size=3000))
def test_random_bytes(data):
    check_analysis(data)


@settings(
    max_examples=max(10, EXAMPLES // 5),
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated(PAGES))
def test_mutated_pages(data):
    check_analysis(data, html=True)


@pytest.mark.django_db
@settings(
    max_examples=max(10, EXAMPLES // 5),
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(data=mutated(SEEDS + PAGES), suffix=st.sampled_from([".txt", ".html"]))
def test_a_run_stores_a_whole_article_or_nothing(world, tmp_path, data, suffix):  # noqa: F811
    path = tmp_path / f"fuzzed{suffix}"
    path.write_bytes(data)
    before = counts()
    (outcome,) = run([str(path)], dry_run=False)
    after = counts()
    if outcome.error is not None:
        assert set(outcome.error) == {"file", "error", "reason"}
        assert outcome.error["error"] in CODES - {"internal_error"}, outcome.error
        assert after == before
    elif outcome.status == "stored":
        assert after["Source"] == before["Source"] + 1
    else:
        assert outcome.status == "unchanged"
        assert after == before
