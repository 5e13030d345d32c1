"""Benchmark: the ingester's analysis grows linearly with the article (not part of CI).

Run with ``.venv/bin/python -m pytest tests/bench/bench_ingest_size.py -s -q -p no:cacheprovider``.
Builds articles of our own sentences (quotes, speakers, dates, treaties in every
paragraph) of 125 KB up to the size cap and times ``analyse`` + ``finish``. Before the
span indexes, 1 MB took 25 s and 4 MB 233 s (paragraphs x quotes in ``quote_marks._mask``
and in half a dozen other places). The check: doubling the size at most about doubles
the time (a quadratic step would quadruple it), for articles with paragraphs, without
paragraph breaks and without sentence stops; the cap's worth of text stays under a
minute on a loaded machine.
"""

from __future__ import annotations

import random
import time

import pytest

from sources.ingest.extract import analyse, finish
from sources.ingest.inputs import MAX_TEXT_CHARS
from tests.sources.test_ingest_support import knowledge

PARAGRAPHS = [
    'The envoy said on Monday that "the talks will resume in Vienna next month," adding '
    "that both delegations had agreed on an agenda.",
    "“We are not closing the door,” Foreign Minister Anna Berg told reporters. “But time is "
    "short.”",
    "Officials in Oslo said the panel met on March 3 and again on Friday, a spokeswoman added.",
    "According to the ministry, the ‘technical’ round ended without a deal, and the next one "
    "is due in 2027.",
    "He noted that the Open Skies Treaty had lapsed in 2021 and that the INF Treaty ended on "
    "Aug. 2, 2019.",
    "Sergei Lavrov said the minister's proposal deserved a careful reading, the statement said.",
]


def article(size: int) -> str:
    rng = random.Random(size)
    out = [
        "Delegations meet again as arms talks drag on",
        "",
        "OSLO, June 4 (Reuters) - The delegations met again on Tuesday, officials said.",
    ]
    n = sum(len(x) for x in out)
    while n < size:
        p = rng.choice(PARAGRAPHS)
        out += ["", p]
        n += len(p) + 2
    return "\n".join(out)[:size]


def one_paragraph(size: int) -> str:
    """No paragraph breaks under the headline (a text pasted from a PDF)."""
    headline, _, rest = article(size).partition("\n\n")
    return headline + "\n\n" + rest.replace("\n\n", " ")


def one_sentence(size: int) -> str:
    """No sentence stops either (a list or a table turned into text)."""
    text = one_paragraph(size)
    head, _, rest = text.partition(" - ")
    return (head + " - " + rest.replace(". ", ", and ").replace("? ", ", "))[:size]


def seconds(text: str, world) -> float:
    started = time.perf_counter()
    result = analyse("big.txt", text, world)
    finish(result, world)
    return time.perf_counter() - started


@pytest.mark.parametrize("shape", [article, one_paragraph, one_sentence])
def test_analysis_time_grows_linearly_with_size(shape):
    world = knowledge()
    sizes = [MAX_TEXT_CHARS // 8, MAX_TEXT_CHARS // 4, MAX_TEXT_CHARS // 2, MAX_TEXT_CHARS - 1000]
    timings = [min(seconds(shape(s), world) for _ in range(3)) for s in sizes]
    print(shape.__name__)
    for size, took in zip(sizes, timings, strict=True):
        print(f"{size:>9,} chars: {took:6.2f} s ({size / took / 1000:,.0f} k chars/s)")
    # Eight times the text: about eight times the time, at most twice that on a busy
    # machine; a quadratic step would take 64 times as long.
    growth, work = timings[-1] / timings[0], sizes[-1] / sizes[0]
    assert growth < 2 * work, f"{work:.0f}x the text took {growth:.1f}x the time"
    assert timings[-1] < 60
