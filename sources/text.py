"""Text normalisation shared by source hashing, citation checks and ingestion.

Two texts that differ only in white space, quote marks, dashes or Unicode
compatibility forms are the same text here. ``find_excerpt`` locates an
excerpt under that equivalence (and case-insensitively) and answers with
offsets into the *original* text, so a citation can point at the exact span.
"""

from __future__ import annotations

import hashlib
import unicodedata

QUOTE_FOLD = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
}


def fold_char(char: str) -> str:
    char = QUOTE_FOLD.get(char, char)
    if char.isascii():
        return char
    return unicodedata.normalize("NFKC", char)


QUOTE_TABLE = str.maketrans(QUOTE_FOLD)


def normalise(text: str) -> str:
    """Fold quotes, dashes and compatibility forms; collapse white space; strip."""
    folded = text.translate(QUOTE_TABLE)
    if not folded.isascii():
        folded = unicodedata.normalize("NFKC", folded).translate(QUOTE_TABLE)
    return " ".join(folded.split())


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text: the identity of a source's body."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def _normalised_with_map(text: str, *, casefold: bool) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index it came from."""
    out: list[str] = []
    origin: list[int] = []
    pending_space = False
    for index, char in enumerate(text):
        if char.isspace():
            pending_space = bool(out)
            continue
        folded = fold_char(char)
        if casefold:
            folded = folded.casefold()
        if pending_space:
            out.append(" ")
            origin.append(index)
            pending_space = False
        for piece in folded:
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


def find_excerpt(text: str, excerpt: str, start_hint: int = 0) -> tuple[int, int] | None:
    """(start, end) of ``excerpt`` in ``text`` under normalisation, or None.

    The first match at or after ``start_hint`` wins, else the first match.
    ``text[start:end]`` is the span as printed in the original.
    """
    needle, _ = _normalised_with_map(excerpt, casefold=True)
    if not needle:
        return None
    haystack, origin = _normalised_with_map(text, casefold=True)
    position = -1
    if start_hint:
        hint = next((i for i, o in enumerate(origin) if o >= start_hint), len(origin))
        position = haystack.find(needle, hint)
    if position < 0:
        position = haystack.find(needle)
    if position < 0:
        return None
    last = origin[position + len(needle) - 1]
    return origin[position], last + 1
