"""Direct quotes found by their quotation marks, and sentence spans.

Quote marks may be straight or curly; a quote may run over paragraphs (the
convention: no closing mark at the end of the paragraph, an opening mark at
the start of the next) and may be split by its attribution ("…," he said.
"…"). Offsets are offsets in the stored body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sources.ingest.article import ParsedArticle

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
    for quote in scan.quotes:
        quote.parts = [(s, e) for s, e in quote.parts if e > s] or quote.parts[:1]
        quote.text = " ".join(body[s:e].strip() for s, e in quote.parts).strip().rstrip(",")
    _mask(article, scan)
    return scan


def _close_unbalanced(scan: QuoteScan, quote: Quote, keep_parts: bool = False) -> None:
    scan.unbalanced += 1
    quote.unbalanced = True
    if quote.parts:
        scan.quotes.append(quote)


def _mask(article: ParsedArticle, scan: QuoteScan) -> None:
    """Each paragraph with quoted text blanked out, so sentence ends inside quotes vanish."""
    for index, para in enumerate(article.paragraphs):
        chars = list(para.text)
        for q in scan.quotes:
            for s, e in q.parts:
                if para.start <= s and e <= para.end:
                    for k in range(s - para.start, e - para.start):
                        chars[k] = "q" if not chars[k].isspace() else " "
        scan.masked[index] = "".join(chars)


def sentence_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentences of a (masked) paragraph as (start, end) offsets within it."""
    spans = []
    s = start
    for m in re.finditer(r"[.!?]+[\"”’']*(?=\s+[\"“‘'A-Z0-9(\[]|\s*$)", text):
        if m.start() < start:
            continue
        word = re.search(r"([\w.]+)$", text[s : m.start()])
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
    return spans
