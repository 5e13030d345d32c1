"""Indirect speech: sentences that report what someone said without quote marks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sources.ingest.article import ParsedArticle
from sources.ingest.lexicon import CUE_FORMS, WEAK_CUES
from sources.ingest.quote_marks import QuoteScan, sentence_spans
from sources.ingest.speaker_phrase import (
    ADVERB_RUN,
    CUE_ALT,
    WORD,
    speaker_ok,
    trim_speaker,
)


@dataclass
class Paraphrase:
    start: int  # sentence span in the body
    end: int
    content: tuple[int, int]
    speaker_span: tuple[int, int]
    speaker_text: str
    cue_verb: str
    paragraph: int


PARA_LEAD_RE = re.compile(
    rf"^(?P<spk>(?:{WORD}\s+){{0,7}}?{WORD})\s+{ADVERB_RUN}(?P<cue>{CUE_ALT})\b"
    rf"(?P<mid>(?:\s+(?!that\b){WORD}){{0,8}}?)\s*,?\s+that\s+(?P<content>.+)$",
    re.IGNORECASE,
)
PARA_LEAD_STRONG_RE = re.compile(
    rf"^(?P<spk>(?:{WORD}\s+){{0,7}}?{WORD})\s+{ADVERB_RUN}(?P<cue>{CUE_ALT})\b\s*,?\s+"
    r"(?P<content>(?!that\b)[a-z].+)$",
)
PARA_TAIL_RE = re.compile(
    rf"^(?P<content>.+?),\s+(?:(?P<cue2>{CUE_ALT})\s+(?P<spk2>(?:{WORD}\s+){{0,7}}?{WORD})|"
    rf"(?P<spk>(?:{WORD}\s+){{0,7}}?{WORD})\s+{ADVERB_RUN}(?P<cue>{CUE_ALT}))\b"
    r"(?P<rest>[^,]{0,80})[.!]?$",
    re.IGNORECASE,
)
ACCORDING_LEAD_RE = re.compile(
    rf"^(?:[\w\s]{{0,20}}?,\s*)?according to\s+(?P<spk>(?:{WORD}\s+){{0,6}}?{WORD})\s*,\s*"
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
            if (
                re.search(r"[“\"„«]", masked[s:e])
                or scan.single_open_in(para.start + s, para.start + e) is not None
            ):
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
    if m and speaker_ok(m.group("spk")):
        return (m.start("spk"), m.end("spk")), "according to", (m.start("content"), len(text))
    m = PARA_TAIL_RE.match(text)
    if m:
        spk = "spk" if m.group("spk") else "spk2"
        cue = (m.group("cue") or m.group("cue2")).lower()
        phrase = m.group(spk)
        if speaker_ok(phrase) and len(m.group("content").split()) >= 4:
            trimmed, off = trim_speaker(phrase, m.start(spk))
            return (off, off + len(trimmed)), cue, (0, m.end("content"))
    for rx in (PARA_LEAD_RE, PARA_LEAD_STRONG_RE):
        m = rx.match(text)
        if not m:
            continue
        cue = m.group("cue").lower()
        if rx is PARA_LEAD_STRONG_RE and CUE_FORMS.get(cue) in WEAK_CUES:
            continue
        phrase, off = trim_speaker(m.group("spk"), m.start("spk"))
        cut = phrase.rfind(",") + 1
        if cut:
            off += cut + len(phrase[cut:]) - len(phrase[cut:].lstrip())
            phrase = phrase[cut:].strip()
        if speaker_ok(phrase) and len(phrase.split()) <= 8:
            return (off, off + len(phrase)), cue, (m.start("content"), len(text))
    return None
