"""Who said a direct quote: the speaker phrase and cue verb around its marks.

A tail ("…," the minister said), a head (The minister said: "…"), "according
to", an unclosed quote that ends in its own attribution, or the neighbouring
quote's speaker. ``classify`` then sets quoted terms ("so-called 'red lines'")
apart from statements.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from sources.ingest.article import ParsedArticle
from sources.ingest.lexicon import AUXILIARIES, SUBJECT_PRONOUNS
from sources.ingest.quote_marks import Quote, QuoteScan, sentence_at
from sources.ingest.speaker_phrase import (
    ADVERB_RUN,
    CUE_ALT,
    WORD,
    speaker_ok,
    trim_speaker,
)

TAIL_SPEAKER_FIRST = re.compile(
    rf"^[\s,;:—–-]*(?P<spk>(?:{WORD}\s+){{0,7}}?{WORD})\s+{ADVERB_RUN}(?P<cue>{CUE_ALT})\b",
    re.IGNORECASE,
)
TAIL_CUE_FIRST = re.compile(
    rf"^[\s,;:—–-]*(?P<cue>{CUE_ALT})\s+(?P<spk>(?:{WORD}\s+){{0,7}}?{WORD})"
    r"(?=\s*(?:[,.;:!?]|$)|\s+(?:on|in|at|during|after|before|while|who|when|adding|noting|"
    r"according|to|from|as|with|for)\b)",
    re.IGNORECASE,
)
ACCORDING_RE = re.compile(
    rf"\baccording to\s+(?P<spk>(?:{WORD}\s+){{0,7}}?{WORD})(?=\s*(?:[,.;:]|$))", re.IGNORECASE
)
HEAD_RE = re.compile(
    rf"(?P<spk>(?:{WORD}\s+){{0,7}}?{WORD})\s+{ADVERB_RUN}(?P<cue>{CUE_ALT})\b"
    rf"(?P<gap>(?:\s+{WORD}){{0,6}}?)\s*[:,]?\s*(?:that\s*)?$",
    re.IGNORECASE,
)


SWALLOWED_RE = re.compile(
    rf",\s+(?P<spk>(?:{WORD}\s+){{0,5}}?{WORD})\s+{ADVERB_RUN}(?P<cue>{CUE_ALT})\b[^“”\"]*$",
    re.IGNORECASE,
)


def _recover_unclosed(article: ParsedArticle, scan: QuoteScan, quote: Quote) -> None:
    """A quote never closed that ends in its own attribution ("…now, the envoy said.")."""
    s, e = quote.parts[-1]
    m = SWALLOWED_RE.search(article.body, s, e)
    if not m or not speaker_ok(m.group("spk")) or m.end() != e:
        return
    quote.parts[-1] = (s, m.start())
    quote.text = " ".join(article.body[a:b].strip() for a, b in quote.parts).strip()
    quote.speaker_span = (m.start("spk"), m.end("spk"))
    quote.speaker_text, quote.cue_verb = m.group("spk"), m.group("cue").lower()
    quote.attribution = "tail"
    para = article.paragraphs[quote.last_paragraph]
    masked = list(scan.masked[quote.last_paragraph])
    for k in range(m.start() - para.start, e - para.start):
        masked[k] = article.body[para.start + k]
    scan.masked[quote.last_paragraph] = "".join(masked)


# How far from its marks a quote's speaker may be printed; past it, text without sentence
# stops would make each quote cost as much as the whole paragraph.
ATTRIBUTION_REACH = 400


def attribute(article: ParsedArticle, scan: QuoteScan) -> None:
    """Fill speaker_span, speaker_text, cue_verb and attribution of every quote."""
    for quote in scan.quotes:
        if quote.close_mark is None and quote.parts:
            _recover_unclosed(article, scan, quote)
            if quote.speaker_span:
                continue
        _attribute_one(article, scan, quote)
    # Quotes with no attribution of their own take the speaker of a neighbour in the
    # same paragraph ("…," Lavrov said. "…"), else of the previous quote in the article.
    own: dict[int, list[Quote]] = {}  # paragraph -> quotes attributed on their own, in order
    for q in scan.quotes:
        if q.speaker_span:
            own.setdefault(q.paragraph, []).append(q)
    starts = {para: [q.start for q in qs] for para, qs in own.items()}
    latest: dict[int, Quote] = {}  # paragraph -> the last attributed quote seen so far
    for n, quote in enumerate(scan.quotes):
        if quote.speaker_span:
            latest[quote.paragraph] = quote
            continue
        donor = latest.get(quote.paragraph)
        if donor is None and quote.paragraph in own:
            i = bisect_right(starts[quote.paragraph], quote.start)
            donor = own[quote.paragraph][i] if i < len(own[quote.paragraph]) else None
        if (
            donor is None
            and n
            and scan.quotes[n - 1].speaker_span
            and (quote.paragraph - scan.quotes[n - 1].last_paragraph <= 1)
        ):
            donor = scan.quotes[n - 1]
        if donor is not None:
            quote.speaker_span = donor.speaker_span
            quote.speaker_text = donor.speaker_text
            quote.cue_verb = donor.cue_verb
            quote.attribution = "inherited"
            latest[quote.paragraph] = quote


def _attribute_one(article: ParsedArticle, scan: QuoteScan, quote: Quote) -> None:
    first = article.paragraphs[quote.paragraph]
    last = article.paragraphs[quote.last_paragraph]
    masked_first = scan.masked[quote.paragraph]
    masked_last = scan.masked[quote.last_paragraph]
    # Tail: from the closing mark to the end of its sentence.
    if quote.close_mark is not None:
        close = quote.close_mark - last.start + 1
        found = sentence_at(masked_last, last.skip, close, end_inclusive=True)
        sent_end = min(found[1] if found else len(masked_last), close + ATTRIBUTION_REACH)
        nxt = re.search(r"[“\"„«]", masked_last[close:sent_end])
        if nxt:
            sent_end = close + nxt.start()
        single = scan.single_open_in(last.start + close, last.start + sent_end)
        if single is not None:
            sent_end = single - last.start
        tail = last.text[close:sent_end]
        for rx, kind in (
            (TAIL_SPEAKER_FIRST, "tail"),
            (TAIL_CUE_FIRST, "tail"),
            (ACCORDING_RE, "according"),
        ):
            m = rx.match(tail) if rx is not ACCORDING_RE else rx.search(tail)
            if m and speaker_ok(m.group("spk")):
                phrase, off = trim_speaker(m.group("spk"), m.start("spk"))
                cue = m.group("cue").lower() if "cue" in m.groupdict() else "according to"
                quote.speaker_span = (
                    last.start + close + off,
                    last.start + close + off + len(phrase),
                )
                quote.speaker_text, quote.cue_verb, quote.attribution = phrase, cue, kind
                break
    # Head: from the start of the sentence to the opening mark.
    open_rel = quote.open_mark - first.start
    found = sentence_at(masked_first, first.skip, open_rel, end_inclusive=True)
    sent_start = max(found[0] if found else first.skip, open_rel - ATTRIBUTION_REACH)
    head = first.text[sent_start:open_rel]
    prev_close = max(
        (m.end() for m in re.finditer(r"[”\"»]", masked_first[sent_start:open_rel])), default=0
    )
    single = scan.single_close_in(first.start + sent_start, first.start + open_rel)
    if single is not None:
        prev_close = max(prev_close, single - first.start - sent_start + 1)
    head_own = head[prev_close:]
    quote.partial = bool(re.search(r"\w", head_own)) and not re.search(r"[:]\s*$", head_own)
    if quote.speaker_span:
        return
    m = HEAD_RE.search(head_own)
    if m and speaker_ok(m.group("spk")):
        phrase, off = trim_speaker(m.group("spk"), m.start("spk"))
        # Keep only the noun phrase right before the cue (after the last comma).
        cut = max(phrase.rfind(","), -1) + 1
        rest = phrase[cut:]
        phrase, off = rest.strip(), off + cut + (len(rest) - len(rest.lstrip()))
        base = first.start + sent_start + prev_close
        quote.speaker_span = (base + off, base + off + len(phrase))
        quote.speaker_text, quote.attribution = phrase, "head"
        quote.cue_verb = m.group("cue").lower()
        return
    m = ACCORDING_RE.search(head_own)
    if m and speaker_ok(m.group("spk")):
        base = first.start + sent_start + prev_close
        quote.speaker_span = (base + m.start("spk"), base + m.end("spk"))
        quote.speaker_text, quote.attribution = m.group("spk"), "according"
        quote.cue_verb = "according to"


def is_statement(quote: Quote) -> bool:
    """A quoted statement rather than a quoted term ("so-called 'red lines'")."""
    words = re.findall(r"[\w’'\-\[\]]+", quote.text)
    if len(words) < 4:
        return False
    if quote.partial:
        lowered = {w.lower().strip("[]") for w in words}
        if len(words) < 5 or not (lowered & AUXILIARIES or lowered & SUBJECT_PRONOUNS):
            return False
        return quote.speaker_span is not None
    return True


def classify(scan: QuoteScan) -> None:
    kept, scare = [], []
    for q in scan.quotes:
        (kept if is_statement(q) else scare).append(q)
    scan.quotes, scan.scare = kept, scare
