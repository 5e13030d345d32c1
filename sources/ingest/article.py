"""From a file's bytes to an article: headline, dateline, deck and a clean body.

The body keeps the article's own words (deck, lead with its dateline,
paragraphs, section heads) and drops what the publisher wrapped around them:
navigation, adverts, photo captions and credits, newsletter prompts and the
headlines of other articles pasted between paragraphs. Offsets of every kept
paragraph in the stored body are recorded so that quotes and dates can be
cited exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from sources.ingest.errors import IngestError, IngestErrorCode, IngestWarningCode
from sources.ingest.inputs import check_text_size
from sources.ingest.lexicon import BOILERPLATE_RES, CREDIT_TAIL_RE, MONTH_RE, month_number

PARAGRAPH_SEP = "\n\n"
TERMINAL = tuple(".!?\"”’')]:;…»")
_UPPER_WORD = r"[A-Z][A-Z'.\-]*[A-Z.]"
DATELINE_RE = re.compile(
    rf"""^(?P<place>{_UPPER_WORD}(?:\s+{_UPPER_WORD}){{0,3}}
          |[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}}(?=,?\s*(?:{MONTH_RE}\s+\d{{1,2}}\.?\s*)?[(/]))
        (?:,\s*(?!{MONTH_RE}\s+\d)(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}}))?
        (?:,?\s+(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?)?
        \.?\s*
        (?:\((?P<outlet_paren>[A-Za-z][^()\n]{{0,40}}?)\)
          |/(?P<outlet_slash>[A-Za-z][\w .\-]{{0,30}})/\.?)?
        \s*(?P<sep>--|[—–\-:]|\.)?\s+(?=\S)""",
    re.VERBOSE,
)
# Datelines that print the date after a place in any case, the day before or after the
# month, and the agency in brackets, slashes or capitals: "Moscow, Feb 2:", "Oslo, 3 March
# (NTB) -", "Moscow. December 18. INTERFAX -". The date is required in this form: without
# it a capitalised word and a colon could be anything.
DATED_DATELINE_RE = re.compile(
    rf"""^(?P<place>[A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+){{0,2}})[.,]\s+
        (?:(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<month2>{MONTH_RE}))
        (?:,?\s+(?P<year>\d{{4}}))?\.?\s*
        (?:\((?P<outlet_paren>[A-Za-z][^()\n]{{0,40}}?)\)
          |/(?P<outlet_slash>[A-Za-z][\w .\-]{{0,30}})/\.?
          |(?P<outlet_caps>[A-Z][A-Z.&]{{2,}}(?:\s[A-Z][A-Z.&]{{2,}})?)(?=\s*(?:--|[—–\-:])))?
        \s*(?P<sep>--|[—–\-:]|(?<=/\.))\s*(?=\S)""",
    re.VERBOSE,
)
BYLINE_RE = re.compile(r"^(?:by|from)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,4}$", re.IGNORECASE)
_SMALL_WORDS = {"de", "la", "le", "du", "des", "da", "do", "of", "the", "van", "von", "al", "el"}


@dataclass
class Paragraph:
    text: str
    start: int  # offset of the paragraph in the stored body
    kind: str  # deck | lead | body | subhead
    skip: int = 0  # leading characters not to analyse (the dateline)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class ParsedArticle:
    headline: str
    body: str
    paragraphs: list[Paragraph]
    raw_text: str
    dateline_place: str | None = None
    outlet_printed: str | None = None
    outlet_credit: str | None = None  # weaker evidence: a photo credit
    dateline_month: int | None = None
    dateline_day: int | None = None
    dateline_year: int | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)  # (why, line)
    warnings: list[dict] = field(default_factory=list)

    def warn(self, code: IngestWarningCode, message: str) -> None:
        self.warnings.append({"code": str(code), "message": message})

    def analysable(self):
        """(paragraph, text start, text end) of the parts extraction reads: not the deck."""
        for para in self.paragraphs:
            if para.kind in ("lead", "body"):
                yield para


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text of a file, or IngestError. Returns (text, notes on the decoding)."""
    if not data or not data.strip():
        raise IngestError(IngestErrorCode.EMPTY_FILE, "The file is empty (no text to ingest).")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise IngestError(
                IngestErrorCode.UNDECODABLE, f"The file has a UTF-16 mark but is not UTF-16: {exc}"
            ) from exc
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    has_nul = b"\x00" in data  # anywhere: no text file has one, and the database takes none
    if has_nul or controls > max(2, len(sample) // 100):
        nul = ", NUL bytes" if has_nul else ""
        raise IngestError(
            IngestErrorCode.BINARY_FILE,
            f"The file looks binary ({controls} control bytes in the first {len(sample)}"
            f"{nul}); expected plain text.",
        )
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise IngestError(
            IngestErrorCode.UNDECODABLE,
            f"The file is neither UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
            "nor Windows-1252 text.",
        ) from exc
    return text, [f"not UTF-8 (byte {utf8_error.start}); read as Windows-1252"]


def place_name(printed: str) -> str:
    if not printed.isupper():
        return printed
    words = []
    for i, word in enumerate(printed.split()):
        low = word.lower()
        if i and low in _SMALL_WORDS:
            words.append(low)
        else:
            words.append("-".join(p[:1].upper() + p[1:] for p in low.split("-")))
    return " ".join(words)


def _is_terminal(line: str) -> bool:
    return line.rstrip().endswith(TERMINAL)


def _is_title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’\-]*", line) if len(w) >= 4]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.75


def _is_boilerplate(line: str) -> bool:
    return any(p.match(line) for p in BOILERPLATE_RES)


@dataclass
class _Line:
    text: str
    blank_before: bool
    blank_after: bool


def _lines(text: str) -> list[_Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[_Line] = []
    parts: list[list[str]] = []  # the pieces of each line, joined once at the end
    blank = True
    for line in raw:
        stripped = " ".join(line.replace("\u00a0", " ").split())
        if not stripped:
            blank = True
            if out:
                out[-1].blank_after = True
            continue
        # A hard-wrapped paragraph: the previous line stops mid-sentence and this goes on.
        if out and not blank and not _is_terminal(parts[-1][-1]) and stripped[0].islower():
            parts[-1].append(stripped)
            continue
        out.append(_Line(stripped, blank, False))
        parts.append([stripped])
        blank = False
    for line, pieces in zip(out, parts, strict=True):
        line.text = " ".join(pieces)
    if out:
        out[-1].blank_after = True
    return out


def _headline_like(line: str) -> bool:
    words = line.split()
    if len(words) > 30 or len(line) > 250:
        return False
    return not (line.endswith(".") and len(words) > 12)


def parse_article(data: bytes | str) -> ParsedArticle:
    """Parse a wire article; raise IngestError when it cannot be one."""
    if isinstance(data, bytes):
        text, notes = decode(data)
    else:
        text, notes = data, []
        if not text.strip():
            raise IngestError(IngestErrorCode.EMPTY_FILE, "The file is empty (no text to ingest).")
        if "\x00" in text:
            raise IngestError(IngestErrorCode.BINARY_FILE, "The text has NUL characters.")
    check_text_size(text)
    raw_text = text
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    lines = _lines(text)
    removed: list[tuple[str, str]] = []
    kept: list[_Line] = []
    for line in lines:
        if _is_boilerplate(line.text):
            removed.append(("boilerplate", line.text))
        else:
            kept.append(line)
    if not kept:
        raise IngestError(
            IngestErrorCode.NO_BODY, "The file holds only publisher boilerplate, no article text."
        )

    dateline_index, match = None, None
    for i, line in enumerate(kept[:12]):
        m = DATELINE_RE.match(line.text)
        if m and _dateline_ok(m):
            dateline_index, match = i, m
            break
        m = DATED_DATELINE_RE.match(line.text)
        if m and (i or len(line.text) > m.end()):
            dateline_index, match = i, m
            break

    if dateline_index == 0:
        raise IngestError(
            IngestErrorCode.NO_HEADLINE,
            "No headline: the first line is already the article's lead (it starts with the "
            f"dateline “{match.group(0).strip()}”).",
        )
    first = kept[0].text
    if not _headline_like(first) or len(kept) < 2:
        why = "it is the only line" if len(kept) < 2 else "it reads as body text"
        raise IngestError(
            IngestErrorCode.NO_HEADLINE,
            f"No headline: the first line ({len(first.split())} words) cannot be a headline, "
            f"{why}.",
        )
    headline = first
    article = ParsedArticle(headline=headline, body="", paragraphs=[], raw_text=raw_text)
    for note in notes:
        article.warn(IngestWarningCode.LEGACY_ENCODING, note)

    pieces: list[tuple[str, str, int]] = []  # (text, kind, skip)
    body_from = dateline_index if dateline_index is not None else 1
    if dateline_index is not None:
        _read_dateline(article, match)
        pre = kept[1:dateline_index]
        texts = [p.text for p in pre]
        for j, line in enumerate(pre):
            t = line.text
            credit = CREDIT_TAIL_RE.search(t)
            if credit:
                article.outlet_credit = article.outlet_credit or t.rsplit("/", 1)[1].strip()
                removed.append(("photo credit", t))
            elif BYLINE_RE.match(t):
                removed.append(("byline", t))
            elif any(o != t and o.startswith(t) for k, o in enumerate(texts) if k != j) or (
                len(t.split()) <= 8
                and not _is_terminal(t)
                and _is_title_case(t + " x x x")
                and not re.search(r"\b(?:said|says|warns?|tells?|told)\b", t)
            ):
                removed.append(("photo caption", t))
            else:
                pieces.append((t, "deck", 0))
    for k, line in enumerate(kept[body_from:], start=body_from):
        t = line.text
        if k == dateline_index:
            pieces.append((t, "lead", match.end()))
            continue
        if CREDIT_TAIL_RE.search(t) and not _is_terminal(t):
            removed.append(("photo credit", t))
            continue
        if not _is_terminal(t):
            words = len(t.split())
            separated = line.blank_before and line.blank_after
            if _is_title_case(t) or not separated or words > 10:
                removed.append(("pasted headline", t))
                continue
            pieces.append((t, "subhead", 0))
            continue
        pieces.append((t, "body", 0))

    body_parts: list[str] = []
    offset = 0
    for t, kind, skip in pieces:
        article.paragraphs.append(Paragraph(t, offset, kind, skip))
        body_parts.append(t)
        offset += len(t) + len(PARAGRAPH_SEP)
    article.body = PARAGRAPH_SEP.join(body_parts)
    article.removed = removed
    if not any(p.kind in ("lead", "body") for p in article.paragraphs):
        raise IngestError(
            IngestErrorCode.NO_BODY,
            "A headline but no article text under it (every other line is boilerplate).",
        )
    return article


def _dateline_ok(m: re.Match) -> bool:
    has_dash = m.group("sep") in ("--", "—", "–", "-")
    if m.group("outlet_paren") or m.group("outlet_slash") or m.group("month"):
        return True
    return has_dash and m.group("place").isupper()


def _read_dateline(article: ParsedArticle, m: re.Match) -> None:
    g = m.groupdict()
    article.dateline_place = place_name(g["place"].strip())
    outlet = g.get("outlet_paren") or g.get("outlet_slash") or g.get("outlet_caps")
    if outlet:
        article.outlet_printed = outlet.strip()
    month, day = g.get("month") or g.get("month2"), g.get("day") or g.get("day2")
    if month and day:
        article.dateline_month = month_number(month)
        article.dateline_day = int(day)
        if g.get("year"):
            article.dateline_year = int(g["year"])
