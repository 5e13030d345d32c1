"""The stored same-story fingerprint of a source: keys that an indexed overlap query can match.

``similarity`` decides whether two articles are the same story; this module only finds
the stored sources worth asking about, without reading their bodies. Every key is a signed
64-bit hash, so a source's keys fit PostgreSQL ``bigint[]`` columns with GIN indexes and
the candidates for a new article are the rows whose arrays overlap its own (``&&``).

- ``text_keys``: the locality-sensitive bands of a MinHash signature of the body's word
  5-gram shingles (the shingles ``similarity`` compares), so two texts with Jaccard
  similarity 0.5 share a band with probability 0.87, at 0.8 with probability 1 - 5e-8,
  and unrelated texts (Jaccard 0.02) with probability 5e-6; plus a hash of each long
  sentence, so a report that carries over whole sentences of another (``SAME_TEXT``
  containment) is found even when the rest differs.
- ``quote_keys``: hashes of the word 6-grams of each quote of ``MIN_QUOTE_WORDS`` or more
  words, so two reports of one statement are found even when one quotes a longer stretch.

The MinHash is one-permutation hashing with densification by rotation (Li, Owen and Zhang
2012; Shrivastava and Li 2014): each shingle is hashed once into one of ``BINS`` bins, which
keeps the cost linear in the text and needs no numeric library.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field

from sources.ingest.article import PARAGRAPH_SEP, Paragraph, ParsedArticle
from sources.ingest.quote_attribution import attribute, classify
from sources.ingest.quote_marks import scan_quotes
from sources.ingest.similarity import MIN_QUOTE_WORDS, fold, shingles

BINS = 128
ROWS = 4  # MinHash values per band
BANDS = BINS // ROWS
QUOTE_GRAM = 6
SENTENCE_WORDS = 10  # shorter sentences ("The talks ended on Friday.") recur across stories

_M64 = (1 << 64) - 1
_VALUE_BITS = 57  # a bin holds the hash's top 57 bits; the low 7 bits choose the bin
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’»)\]]*\s+")


@dataclass(frozen=True)
class StoryKeys:
    text_keys: list[int] = field(default_factory=list)
    quote_keys: list[int] = field(default_factory=list)


def _mix(x: int) -> int:
    """SplitMix64's finaliser: a 32-bit shingle hash spread over 64 well-mixed bits."""
    x = (x + 0x9E3779B97F4A7C15) & _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return x ^ (x >> 31)


def minhash(items: Iterable[int]) -> list[int] | None:
    """A ``BINS``-value MinHash signature of a set of integers; None for the empty set.

    Two signatures agree in a given position with probability (close to) the Jaccard
    similarity of the two sets.
    """
    bins: list[int | None] = [None] * BINS
    for item in items:
        h = _mix(item)
        b, v = h & (BINS - 1), h >> (64 - _VALUE_BITS)
        current = bins[b]
        if current is None or v < current:
            bins[b] = v
    if all(v is None for v in bins):
        return None
    signature = []
    for j in range(BINS):
        t = 0
        while bins[(j + t) % BINS] is None:
            t += 1
        # An empty bin borrows from the next non-empty one, marked by the distance.
        signature.append(bins[(j + t) % BINS] + (t << _VALUE_BITS))
    return signature


def _key(person: bytes, data: bytes) -> int:
    digest = hashlib.blake2b(data, digest_size=8, person=person).digest()
    return int.from_bytes(digest, "big", signed=True)


def band_keys(signature: list[int]) -> list[int]:
    return [
        _key(b"tl-band", struct.pack(">B4Q", band, *signature[band * ROWS : (band + 1) * ROWS]))
        for band in range(BANDS)
    ]


def sentence_keys(body: str) -> list[int]:
    keys = []
    for sentence in _SENTENCE_END.split(body):
        folded = fold(sentence)
        if len(folded.split()) >= SENTENCE_WORDS:
            keys.append(_key(b"tl-sentence", folded.encode()))
    return keys


def quote_keys(quotes: Iterable[str]) -> list[int]:
    keys = []
    for quote in quotes:
        words = fold(quote).split()
        if len(words) < MIN_QUOTE_WORDS:
            continue
        for i in range(len(words) - QUOTE_GRAM + 1):
            keys.append(_key(b"tl-quote", " ".join(words[i : i + QUOTE_GRAM]).encode()))
    return keys


def body_quotes(body: str) -> list[str]:
    """The direct quotes in a stored body, found as the ingester finds them in an article."""
    paragraphs, offset = [], 0
    for n, text in enumerate(body.split(PARAGRAPH_SEP)):
        paragraphs.append(Paragraph(text, offset, "lead" if n == 0 else "body"))
        offset += len(text) + len(PARAGRAPH_SEP)
    article = ParsedArticle(headline="", body=body, paragraphs=paragraphs, raw_text=body)
    scan = scan_quotes(article)
    attribute(article, scan)
    classify(scan)
    return [q.text for q in scan.quotes]


def _unique(keys: list[int]) -> list[int]:
    return sorted(set(keys))


def story_keys(body: str, quotes: Iterable[str] | None = None) -> StoryKeys:
    """The keys of a body (and its quotes: found in the body when not given)."""
    signature = minhash(shingles(fold(body).split()))
    text = (band_keys(signature) if signature else []) + sentence_keys(body)
    quoted = quote_keys(body_quotes(body) if quotes is None else quotes)
    return StoryKeys(_unique(text), _unique(quoted))
