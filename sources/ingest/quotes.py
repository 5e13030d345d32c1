"""Direct quotes, their attribution (speaker phrase and cue verb) and indirect speech.

Quote marks may be straight or curly; a quote may run over paragraphs (the
convention: no closing mark at the end of the paragraph, an opening mark at
the start of the next) and may be split by its attribution ("…," he said.
"…"). Offsets are offsets in the stored body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sources.ingest.article import PARAGRAPH_SEP, ParsedArticle
from sources.ingest.lexicon import AUXILIARIES, CUE_FORMS, CUE_RE, SUBJECT_PRONOUNS, WEAK_CUES

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sen", "rep", "gov", "maj", "capt",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.n", "u.k", "e.u", "etc", "vs", "no", "inc", "corp", "jr", "sr", "prof", "ave",
    "approx", "fig", "vol", "op", "cf", "d.c", "p.m", "a.m",
}  # fmt: skip
_WORD = r"[\w’'.\-]+"
_SPEAKER_START = re.compile(
    r"^(?:(?:[Tt]he|[Aa]n?|[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Tt]his)\b"
    r"|(?!(?:In|At|On|For|From|With|Which|Who|When|Where|While|As|If|But|And|That)\b)[A-Z0-9\[])"
)
_LEAD_TRIM = re.compile(r"^(?:and|but|so|as|while|also|then|later)\s+", re.IGNORECASE)
_ADVERB_RUN = (
    r"(?:(?:also|later|then|further|again|once|has|had|have|was|is|would|repeatedly|"
    r"firmly|clearly|openly|strongly|publicly|separately|earlier|previously|recently|"
    r"reportedly|however|too)\s+)*"
)
CUE_ALT = "(?-i:" + CUE_RE.pattern[3:-3] + ")"  # cue verbs are lower case in running text

TAIL_SPEAKER_FIRST = re.compile(
    rf"^[\s,;:—–-]*(?P<spk>(?:{_WORD}\s+){{0,7}}?{_WORD})\s+{_ADVERB_RUN}(?P<cue>{CUE_ALT})\b",
    re.IGNORECASE,
)
TAIL_CUE_FIRST = re.compile(
    rf"^[\s,;:—–-]*(?P<cue>{CUE_ALT})\s+(?P<spk>(?:{_WORD}\s+){{0,7}}?{_WORD})"
    r"(?=\s*(?:[,.;:!?]|$)|\s+(?:on|in|at|during|after|before|while|who|when|adding|noting|"
    r"according|to|from|as|with|for)\b)",
    re.IGNORECASE,
)
ACCORDING_RE = re.compile(
    rf"\baccording to\s+(?P<spk>(?:{_WORD}\s+){{0,7}}?{_WORD})(?=\s*(?:[,.;:]|$))", re.IGNORECASE
)
HEAD_RE = re.compile(
    rf"(?P<spk>(?:{_WORD}\s+){{0,7}}?{_WORD})\s+{_ADVERB_RUN}(?P<cue>{CUE_ALT})\b"
    rf"(?P<gap>(?:\s+{_WORD}){{0,6}}?)\s*[:,]?\s*(?:that\s*)?$",
    re.IGNORECASE,
)


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
class Paraphrase:
    start: int  # sentence span in the body
    end: int
    content: tuple[int, int]
    speaker_span: tuple[int, int]
    speaker_text: str
    cue_verb: str
    paragraph: int


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


def _speaker_ok(phrase: str) -> bool:
    phrase = phrase.strip()
    if not phrase or not _SPEAKER_START.match(phrase):
        return False
    words = phrase.split()
    if words[0].lower() in {"that", "this", "one"} and len(words) == 1:
        return False
    # A clause, not a noun phrase: contains a finite verb or a comma.
    return not any(w.lower() in AUXILIARIES for w in words[1:])


def _trim_speaker(phrase: str, offset: int) -> tuple[str, int]:
    phrase = phrase.rstrip(".,;: ")
    while True:
        m = _LEAD_TRIM.match(phrase)
        if not m:
            return phrase, offset
        phrase, offset = phrase[m.end() :], offset + m.end()


SWALLOWED_RE = re.compile(
    rf",\s+(?P<spk>(?:{_WORD}\s+){{0,5}}?{_WORD})\s+{_ADVERB_RUN}(?P<cue>{CUE_ALT})\b[^“”\"]*$",
    re.IGNORECASE,
)


def _recover_unclosed(article: ParsedArticle, scan: QuoteScan, quote: Quote) -> None:
    """A quote never closed that ends in its own attribution ("…now, the envoy said.")."""
    s, e = quote.parts[-1]
    m = SWALLOWED_RE.search(article.body, s, e)
    if not m or not _speaker_ok(m.group("spk")) or m.end() != e:
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
    for n, quote in enumerate(scan.quotes):
        if quote.speaker_span:
            continue
        same_para = [q for q in scan.quotes if q.paragraph == quote.paragraph and q.speaker_span]
        before = [q for q in same_para if q.start < quote.start]
        after = [q for q in same_para if q.start > quote.start]
        donor = (before[-1] if before else None) or (after[0] if after else None)
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


def _attribute_one(article: ParsedArticle, scan: QuoteScan, quote: Quote) -> None:
    first = article.paragraphs[quote.paragraph]
    last = article.paragraphs[quote.last_paragraph]
    masked_first = scan.masked[quote.paragraph]
    masked_last = scan.masked[quote.last_paragraph]
    # Tail: from the closing mark to the end of its sentence.
    if quote.close_mark is not None:
        close = quote.close_mark - last.start + 1
        sent_end = len(masked_last)
        for s, e in sentence_spans(masked_last, last.skip):
            if s <= close <= e:
                sent_end = e
                break
        nxt = re.search(r"[“\"„«]", masked_last[close:sent_end])
        if nxt:
            sent_end = close + nxt.start()
        tail = last.text[close:sent_end]
        for rx, kind in (
            (TAIL_SPEAKER_FIRST, "tail"),
            (TAIL_CUE_FIRST, "tail"),
            (ACCORDING_RE, "according"),
        ):
            m = rx.match(tail) if rx is not ACCORDING_RE else rx.search(tail)
            if m and _speaker_ok(m.group("spk")):
                phrase, off = _trim_speaker(m.group("spk"), m.start("spk"))
                cue = m.group("cue").lower() if "cue" in m.groupdict() else "according to"
                quote.speaker_span = (
                    last.start + close + off,
                    last.start + close + off + len(phrase),
                )
                quote.speaker_text, quote.cue_verb, quote.attribution = phrase, cue, kind
                break
    # Head: from the start of the sentence to the opening mark.
    open_rel = quote.open_mark - first.start
    sent_start = first.skip
    for s, e in sentence_spans(masked_first, first.skip):
        if s <= open_rel < e or (s <= open_rel and e == open_rel):
            sent_start = s
            break
    head = first.text[sent_start:open_rel]
    prev_close = max(
        (m.end() for m in re.finditer(r"[”\"»]", masked_first[sent_start:open_rel])), default=0
    )
    head_own = head[prev_close:]
    quote.partial = bool(re.search(r"\w", head_own)) and not re.search(r"[:]\s*$", head_own)
    if quote.speaker_span:
        return
    m = HEAD_RE.search(head_own)
    if m and _speaker_ok(m.group("spk")):
        phrase, off = _trim_speaker(m.group("spk"), m.start("spk"))
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
    if m and _speaker_ok(m.group("spk")):
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


# Indirect speech -------------------------------------------------------------------------

PARA_LEAD_RE = re.compile(
    rf"^(?P<spk>(?:{_WORD}\s+){{0,7}}?{_WORD})\s+{_ADVERB_RUN}(?P<cue>{CUE_ALT})\b"
    rf"(?P<mid>(?:\s+(?!that\b){_WORD}){{0,8}}?)\s*,?\s+that\s+(?P<content>.+)$",
    re.IGNORECASE,
)
PARA_LEAD_STRONG_RE = re.compile(
    rf"^(?P<spk>(?:{_WORD}\s+){{0,7}}?{_WORD})\s+{_ADVERB_RUN}(?P<cue>{CUE_ALT})\b\s*,?\s+"
    r"(?P<content>(?!that\b)[a-z].+)$",
)
PARA_TAIL_RE = re.compile(
    rf"^(?P<content>.+?),\s+(?:(?P<cue2>{CUE_ALT})\s+(?P<spk2>(?:{_WORD}\s+){{0,7}}?{_WORD})|"
    rf"(?P<spk>(?:{_WORD}\s+){{0,7}}?{_WORD})\s+{_ADVERB_RUN}(?P<cue>{CUE_ALT}))\b"
    r"(?P<rest>[^,]{0,80})[.!]?$",
    re.IGNORECASE,
)
ACCORDING_LEAD_RE = re.compile(
    rf"^(?:[\w\s]{{0,20}}?,\s*)?according to\s+(?P<spk>(?:{_WORD}\s+){{0,6}}?{_WORD})\s*,\s*"
    r"(?P<content>.+)$",
    re.IGNORECASE,
)


def find_paraphrases(article: ParsedArticle, scan: QuoteScan) -> list[Paraphrase]:
    out: list[Paraphrase] = []
    for index, para in enumerate(article.paragraphs):
        if para.kind not in ("lead", "body"):
            continue
        masked = scan.masked[index]
        for s, e in sentence_spans(masked, para.skip):
            if re.search(r"[“\"„«]", masked[s:e]):
                continue  # carries a direct quote: that is the statement
            sentence = para.text[s:e]
            found = _paraphrase_in(sentence)
            if not found:
                continue
            (ss, se), cue, (cs, ce) = found
            base = para.start + s
            out.append(
                Paraphrase(
                    base,
                    base + len(sentence.rstrip()),
                    (base + cs, base + ce),
                    (base + ss, base + se),
                    sentence[ss:se],
                    cue,
                    index,
                )
            )
    return out


def _paraphrase_in(sentence: str):
    text = sentence.rstrip()
    m = ACCORDING_LEAD_RE.match(text)
    if m and _speaker_ok(m.group("spk")):
        return (m.start("spk"), m.end("spk")), "according to", (m.start("content"), len(text))
    m = PARA_TAIL_RE.match(text)
    if m:
        spk = "spk" if m.group("spk") else "spk2"
        cue = (m.group("cue") or m.group("cue2")).lower()
        phrase = m.group(spk)
        if _speaker_ok(phrase) and len(m.group("content").split()) >= 4:
            trimmed, off = _trim_speaker(phrase, m.start(spk))
            return (off, off + len(trimmed)), cue, (0, m.end("content"))
    for rx in (PARA_LEAD_RE, PARA_LEAD_STRONG_RE):
        m = rx.match(text)
        if not m:
            continue
        cue = m.group("cue").lower()
        if rx is PARA_LEAD_STRONG_RE and CUE_FORMS.get(cue) in WEAK_CUES:
            continue
        phrase, off = _trim_speaker(m.group("spk"), m.start("spk"))
        cut = phrase.rfind(",") + 1
        if cut:
            off += cut + len(phrase[cut:]) - len(phrase[cut:].lstrip())
            phrase = phrase[cut:].strip()
        if _speaker_ok(phrase) and len(phrase.split()) <= 8:
            return (off, off + len(phrase)), cue, (m.start("content"), len(text))
    return None


def joined(parts: list[str]) -> str:
    return PARAGRAPH_SEP.join(parts)
