"""Same story across outlets: shared quotes or near-duplicate text.

Two reports of one ministry statement by two agencies share few sentences
(each rewrites the lead) but quote the same words; a syndicated repost shares
most of its text. Quotes are compared with rapidfuzz's partial ratio (one
agency may quote a longer stretch than the other); bodies by the Jaccard
similarity of word 5-gram shingles.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from sources.text import QUOTE_FOLD

MIN_QUOTE_WORDS = 8
QUOTE_MATCH = 90.0
NEAR_DUPLICATE = 0.8  # shingle Jaccard: a repost of the same text
SAME_TEXT = 0.3  # shingle containment: one report built on the other


_FOLD_TABLE = str.maketrans(QUOTE_FOLD)
_WORDS = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case words only: what same-story comparison looks at."""
    return " ".join(_WORDS.findall(text.translate(_FOLD_TABLE).casefold()))


def shingles(words: list[str]) -> frozenset[int]:
    """CRC-32 of every word 5-gram."""
    return frozenset(
        zlib.crc32(" ".join(words[i : i + 5]).encode()) for i in range(max(0, len(words) - 4))
    )


@dataclass
class Fingerprint:
    quotes: list[str] = field(default_factory=list)
    shingles: frozenset[int] = frozenset()

    @classmethod
    def of(cls, body: str, quotes: list[str]) -> Fingerprint:
        folded = [fold(q) for q in quotes]
        return cls(
            [q for q in folded if len(q.split()) >= MIN_QUOTE_WORDS], shingles(fold(body).split())
        )


def shared_quote(a: Fingerprint, b: Fingerprint) -> tuple[str, str] | None:
    for qa in a.quotes:
        for qb in b.quotes:
            short, long_ = (qa, qb) if len(qa) <= len(qb) else (qb, qa)
            if fuzz.partial_ratio(short, long_, score_cutoff=QUOTE_MATCH):
                return qa, qb
    return None


def text_overlap(a: Fingerprint, b: Fingerprint) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of the shingle sets."""
    if not a.shingles or not b.shingles:
        return 0.0, 0.0
    common = len(a.shingles & b.shingles)
    jaccard = common / len(a.shingles | b.shingles)
    containment = common / min(len(a.shingles), len(b.shingles))
    return jaccard, containment


def same_story(a: Fingerprint, b: Fingerprint) -> str | None:
    """Why two articles are the same story ("shared quote", "near-duplicate text"), or None."""
    jaccard, containment = text_overlap(a, b)
    if jaccard >= NEAR_DUPLICATE:
        return "near-duplicate text"
    if shared_quote(a, b):
        return "shared quote"
    if containment >= SAME_TEXT:
        return "shared text"
    return None
