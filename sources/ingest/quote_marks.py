"""Direct quotes found by their quotation marks, and sentence spans.

Quote marks may be straight or curly; a quote may run over paragraphs (the
convention: no closing mark at the end of the paragraph, an opening mark at
the start of the next) and may be split by its attribution ("…," he said.
"…"). Offsets are offsets in the stored body.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from sources.ingest.article import ParsedArticle
from sources.ingest.spans import SpanIndex

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sen", "rep", "gov", "maj", "capt",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.n", "u.k", "e.u", "etc", "vs", "no", "inc", "corp", "jr", "sr", "prof", "ave",
    "approx", "fig", "vol", "op", "cf", "d.c", "p.m", "a.m",
}  # fmt: skip


@dataclass
class Quote:
    parts: list[tuple[int, int]]  # inner text spans (body offsets), one per paragraph
    open_mark: int
    close_mark: int | None  # None: never closed
    paragraph: int  # index of the first paragraph
    last_paragraph: int
    unbalanced: bool = False
    partial: bool = False  # starts inside a sentence ("…that “we will…”")
    speaker_span: tuple[int, int] | None = None
    speaker_text: str | None = None
    cue_verb: str | None = None
    attribution: str = "none"  # tail | head | according | inherited | none
    text: str = ""
    marks: str = "double"  # double | single (‘…’ or '…')

    @property
    def start(self) -> int:
        return self.open_mark

    @property
    def end(self) -> int:
        return (self.close_mark + 1) if self.close_mark is not None else self.parts[-1][1]


@dataclass
class QuoteScan:
    quotes: list[Quote] = field(default_factory=list)
    scare: list[Quote] = field(default_factory=list)  # short quoted terms, not statements
    masked: dict[int, str] = field(default_factory=dict)  # paragraph index -> masked text
    unbalanced: int = 0
    single_opens: set[int] = field(default_factory=set)  # body offsets of ‘ used as a quote mark
    single_closes: set[int] = field(default_factory=set)
    _sorted_marks: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def _sorted(self, name: str) -> list[int]:
        # The sets only grow (while scanning); re-sort only when they have.
        marks = getattr(self, name)
        cached = self._sorted_marks.get(name)
        if cached is None or len(cached) != len(marks):
            cached = self._sorted_marks[name] = sorted(marks)
        return cached

    def single_open_in(self, start: int, end: int) -> int | None:
        """The first opening single quote mark in body[start:end], if any."""
        opens = self._sorted("single_opens")
        i = bisect_left(opens, start)
        return opens[i] if i < len(opens) and opens[i] < end else None

    def single_close_in(self, start: int, end: int) -> int | None:
        """The last closing single quote mark in body[start:end], if any."""
        closes = self._sorted("single_closes")
        i = bisect_left(closes, end)
        return closes[i - 1] if i and closes[i - 1] >= start else None


def _straight_is_open(text: str, i: int, is_open: bool) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/" or i == 0:
        return not (after.isspace() and is_open)
    if after.isspace() or after in ".,;:!?)]}—–-" or i + 1 == len(text):
        return False
    return not is_open


def scan_quotes(article: ParsedArticle) -> QuoteScan:
    scan = QuoteScan()
    body = article.body
    paras = [(i, p) for i, p in enumerate(article.paragraphs) if p.kind in ("lead", "body")]
    current: Quote | None = None
    for n, (index, para) in enumerate(paras):
        text = para.text
        pos = para.skip
        if current is not None:
            # An open quote reaches this paragraph only if it starts with an opening mark.
            first = text[pos : pos + 1]
            if first and (first in OPENERS or first == STRAIGHT):
                current.parts.append((para.start + pos + 1, para.start + pos + 1))
                current.last_paragraph = index
                pos += 1
                open_at = pos
            else:
                _close_unbalanced(scan, current)
                current = None
        if current is None:
            open_at = None
        for i in range(pos, len(text)):
            ch = text[i]
            if ch not in OPENERS and ch not in CLOSERS and ch != STRAIGHT:
                continue
            if ch == STRAIGHT:
                opening = _straight_is_open(text, i, current is not None)
            else:
                opening = ch in OPENERS
            if current is None:
                if opening:
                    current = Quote([], para.start + i, None, index, index)
                    open_at = i + 1
                else:
                    scan.unbalanced += 1  # a closing mark with nothing open
            elif opening and ch != STRAIGHT:
                # A new opening mark while a quote is open: the previous one was never closed.
                current.parts.append((para.start + open_at, para.start + i))
                _close_unbalanced(scan, current, keep_parts=True)
                current = Quote([], para.start + i, None, index, index)
                open_at = i + 1
            else:
                current.parts.append((para.start + open_at, para.start + i))
                current.close_mark = para.start + i
                scan.quotes.append(current)
                current = None
        if current is not None:
            current.parts.append((para.start + open_at, para.start + len(text)))
            nxt = paras[n + 1][1] if n + 1 < len(paras) else None
            lead = nxt.text[nxt.skip : nxt.skip + 1] if nxt else ""
            if not (lead and (lead in OPENERS or lead == STRAIGHT)):
                _close_unbalanced(scan, current, keep_parts=True)
                current = None
    if current is not None:
        _close_unbalanced(scan, current, keep_parts=True)
    _scan_single_marks(scan, paras)
    for quote in scan.quotes:
        quote.parts = [(s, e) for s, e in quote.parts if e > s] or quote.parts[:1]
        quote.text = " ".join(body[s:e].strip() for s, e in quote.parts).strip().rstrip(",")
    _mask(article, scan)
    return scan


# Single quote marks -----------------------------------------------------------------------
# ‘…’ and '…' are quotation marks in British style, but ’ and ' are also apostrophes
# (don’t, Russia’s, the states’ rights, the ’90s). A single mark opens a quote only after a
# space, a bracket or a dash and before a word; it closes one only after a non-space and not
# before a letter or digit; "s’ word" is a plural possessive. A quote opened by a single mark
# must close in its paragraph (or run on to a paragraph that opens with one): an unpaired
# single mark is an apostrophe, never an unbalanced quote. Single marks inside a double-quoted
# quote are a quote within the quote and stay part of it.

SINGLE_OPENERS = "‘'"
SINGLE_CLOSERS = "’'"
_OPEN_AFTER = '([{—–-/“"'
_ELISION = re.compile(r"[‘’'](?:\d0s|\d\d\b|em\b|tis\b|twas\b|n[’']|cause\b|til\b)", re.IGNORECASE)
_POSSESSIVE_PLURAL = re.compile(r"\s+[\w“‘\"'(]")


def single_opens_at(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (
        text[i] in SINGLE_OPENERS
        and (before.isspace() or before in _OPEN_AFTER)
        and (after.isalnum() or after in "…[(")
        and not _ELISION.match(text, i)
    )


def single_closes_at(text: str, i: int) -> str | None:
    """ "strong" for a closing single mark, "weak" for one that may be a plural possessive
    ("the states’ rights", used only when nothing else closes the quote), else None."""
    if text[i] not in SINGLE_CLOSERS or i == 0:
        return None
    before = text[i - 1]
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or after.isalnum():
        return None  # an opening mark, or an apostrophe inside a word (don’t, Russia’s)
    if before in "sS" and _POSSESSIVE_PLURAL.match(text, i + 1):
        return "weak"
    return "strong"


def _scan_single_marks(scan: QuoteScan, paras: list) -> None:
    doubles = SpanIndex([(q.open_mark, q.end) for q in scan.quotes], lambda span: span)
    found: list[Quote] = []
    current: Quote | None = None
    open_at = 0
    for n, (index, para) in enumerate(paras):
        text, i = para.text, para.skip
        if current is not None:
            if text[i : i + 1] and text[i : i + 1] in SINGLE_OPENERS:
                current.last_paragraph = index
                open_at = i = i + 1
            else:
                current = None
        weak: int | None = None
        while True:
            while i < len(text):
                at = para.start + i
                if text[i] in "‘’'" and not doubles.containing(at):
                    if current is None:
                        if single_opens_at(text, i):
                            current = Quote([], at, None, index, index, marks="single")
                            open_at, weak = i + 1, None
                    elif (kind := single_closes_at(text, i)) == "strong":
                        break
                    elif kind == "weak" and weak is None:
                        weak = i
                i += 1
            if current is None:
                break
            nxt = paras[n + 1][1] if n + 1 < len(paras) else None
            runs_on = nxt is not None and nxt.text[nxt.skip : nxt.skip + 1] in tuple(SINGLE_OPENERS)
            if i == len(text) and (runs_on or weak is None):
                current.parts.append((para.start + open_at, para.start + len(text)))
                if not runs_on:
                    current = None  # never closed: its marks were apostrophes
                break
            if i == len(text):
                i = weak  # nothing closes it but a possessive-looking mark: that closes it
            current.parts.append((para.start + open_at, para.start + i))
            current.close_mark = para.start + i
            found.append(current)
            current, weak = None, None
            i += 1
    if not found:
        return
    # A double-quoted stretch inside a single-quoted quote is a quote within that quote.
    spans = SpanIndex([(q.open_mark, q.end) for q in found], lambda span: span)
    scan.quotes = [
        q
        for q in scan.quotes
        if not any(a < q.open_mark and q.end <= b for a, b in spans.containing(q.open_mark))
    ]
    scan.quotes = sorted(scan.quotes + found, key=lambda q: q.open_mark)
    scan.single_opens |= {q.open_mark for q in found}
    scan.single_closes |= {q.close_mark for q in found}


def _close_unbalanced(scan: QuoteScan, quote: Quote, keep_parts: bool = False) -> None:
    scan.unbalanced += 1
    quote.unbalanced = True
    if quote.parts:
        scan.quotes.append(quote)


def _mask(article: ParsedArticle, scan: QuoteScan) -> None:
    """Each paragraph with quoted text blanked out, so sentence ends inside quotes vanish.

    Each quoted part lies within one paragraph: it is looked up by its start, so the work
    grows with the text, not with paragraphs times quotes."""
    paragraphs = SpanIndex(range(len(article.paragraphs)), lambda i: _para_span(article, i))
    parts: dict[int, list[tuple[int, int]]] = {}
    for q in scan.quotes:
        for s, e in q.parts:
            for index in paragraphs.containing(s):
                para = article.paragraphs[index]
                if e <= para.end:
                    parts.setdefault(index, []).append((s - para.start, e - para.start))
    for index, para in enumerate(article.paragraphs):
        text = para.text
        if index not in parts:
            scan.masked[index] = text
            continue
        chars = list(text)
        for s, e in parts[index]:
            chars[s:e] = _QUOTED.sub("q", text[s:e])
        scan.masked[index] = "".join(chars)


_QUOTED = re.compile(r"\S")


def _para_span(article: ParsedArticle, index: int) -> tuple[int, int]:
    para = article.paragraphs[index]
    # An empty quoted part at the very end of a paragraph still belongs to it.
    return para.start, para.end + 1


def sentence_spans(text: str, start: int = 0) -> tuple[tuple[int, int], ...]:
    """Sentences of a (masked) paragraph as (start, end) offsets within it.

    Cached: attribution asks for the sentences of a paragraph once per quote in it."""
    return _sentence_spans(text, start)[0]


def sentence_at(text: str, start: int, pos: int, *, end_inclusive: bool = False):
    """The (start, end) of the sentence holding offset ``pos``, or None."""
    spans, starts = _sentence_spans(text, start)
    i = bisect_right(starts, pos) - 1
    for k in (i, i - 1) if end_inclusive else (i,):
        if 0 <= k < len(spans):
            s, e = spans[k]
            if s <= pos < e or (end_inclusive and s <= pos <= e):
                return s, e
    return None


_SENTENCE_END = re.compile(r"[.!?]+[\"”’']*(?=\s+[\"“‘'A-Z0-9(\[]|\s*$)")
_LAST_WORD = re.compile(r"([\w.]+)$")


@functools.lru_cache(maxsize=64)
def _sentence_spans(text: str, start: int) -> tuple[tuple, list[int]]:
    spans = []
    s = start
    for m in _SENTENCE_END.finditer(text, start):
        # Only the word before the mark matters (an abbreviation?): look back a little.
        word = _LAST_WORD.search(text, max(s, m.start() - 40), m.start())
        token = word.group(1).lower() if word else ""
        if m.group(0).startswith(".") and (
            token in ABBREVIATIONS
            or (len(token) == 1 and token.isalpha())
            or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token)
        ):
            continue
        spans.append((s, m.end()))
        s = m.end()
        while s < len(text) and text[s].isspace():
            s += 1
    if s < len(text) and text[s:].strip():
        spans.append((s, len(text)))
    return tuple(spans), [a for a, _ in spans]
