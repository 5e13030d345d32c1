"""Date phrases and the publication date (``date_resolution`` turns phrases into EDTF).

Wire copy prints "March 19" in the dateline and "on Tuesday" in the lead and
leaves the year out. The year is inferred, never made up: the candidates are
the years in which the dateline day fell on the weekday the lead names; years
the article itself prints narrow them ("will expire in 2021" puts the article
before 2021, "buried … in 2002" after 2002); known facts weigh in (a treaty
date that matches a month-day the article gives for that treaty, a position
the article names a person in); a `--year-hint` settles it. When candidates
remain tied the date is left out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from sources.ingest.article import ParsedArticle
from sources.ingest.lexicon import (
    FUTURE_MARKERS,
    MONTH_RE,
    NOT_PAST_ED,
    PAST_MARKERS,
    WEEKDAY_RE,
    WEEKDAYS,
    month_number,
)
from sources.ingest.spans import Disjoint, SpanIndex

_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)"
)
_D = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?P<y>1[89]\d\d|20\d\d)"
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("wd_md", re.compile(rf"\b(?P<w>{WEEKDAY_RE}),?\s+(?P<m>{MONTH_RE})\s+{_D}\b(?:,?\s+{_Y})?")),
    (
        "range_md",
        re.compile(
            rf"\b(?P<m>{MONTH_RE})\s+(?P<d1>\d{{1,2}})\s*(?:-|–|—|to|and|through)\s*(?P<d2>\d{{1,2}})\b"
            rf"(?:,?\s+{_Y})?"
        ),
    ),
    (
        "range_dm",
        re.compile(
            rf"\b(?:between\s+)?(?P<d1>\d{{1,2}})\s*(?:-|–|—|to|and)\s*(?P<d2>\d{{1,2}})\s+"
            rf"(?P<m>{MONTH_RE})\b(?:,?\s+{_Y})?"
        ),
    ),
    ("md", re.compile(rf"\b(?P<m>{MONTH_RE})\s+{_D}\b(?!\s*[-–,.]?\d)(?:,?\s+{_Y}\b)?")),
    ("dm", re.compile(rf"\b{_D}\s+(?P<m>{MONTH_RE})\b(?:,?\s+{_Y}\b)?")),
    ("my", re.compile(rf"\b(?P<m>{_FULL_MONTH})\s+(?:of\s+)?{_Y}\b")),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>today|yesterday|tomorrow|(?:earlier |later )?this (?:year|month)|"
            r"last (?:year|month)|next (?:year|month)|the (?:next|following|previous|same) day|"
            r"a day (?:later|earlier)|the day (?:before|after))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?P<pre>(?:last|next|this|on|since|by|until)\s+)?(?P<w>{WEEKDAY_RE})"
            rf"(?:\s+(?:and|or|to|through|-|–)\s+(?P<w2>{WEEKDAY_RE}))?\b"
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?P<pre>in|since|by|until|early|late|mid-|earlier in|later in|from|during)\s+"
            rf"(?P<m>{_FULL_MONTH})\b(?!\s+\d)"
        ),
    ),
    (
        "year",
        re.compile(
            rf"\b(?P<pre>in|of|since|by|until|till|through|from|before|after|during|early|late|"
            rf"mid-|around|circa|year)\s+{_Y}\b(?![-–/]\d|,\d|\s*(?:km|kilomet|people|troops|"
            rf"missiles|warheads|soldiers|units)\b)"
        ),
    ),
]


@dataclass
class DatePhrase:
    start: int
    end: int
    text: str
    kind: str
    month: int | None = None
    day: int | None = None
    day2: int | None = None
    year: int | None = None
    weekday: int | None = None
    weekday2: int | None = None
    rel: str | None = None
    tense: str = "none"  # past | future | none
    in_quote: bool = False
    paragraph: int = 0
    sentence: tuple[int, int] = (0, 0)
    edtf: str | None = None
    first_day: dt.date | None = None
    basis: str = ""  # why it has that date


@dataclass
class YearEvidence:
    future_years: list[int] = field(default_factory=list)
    past_years: list[int] = field(default_factory=list)
    anchors: list[int] = field(default_factory=list)  # years of known facts the text points at
    position_ranges: list[tuple[int, int]] = field(default_factory=list)


def _tokens_with_pos(text: str):
    return [(m.group(0), m.start()) for m in re.finditer(r"[A-Za-z’']+", text)]


def _marker(word: str) -> str | None:
    low = word.lower()
    if low in FUTURE_MARKERS or low.endswith("'ll"):
        return "future"
    if low in PAST_MARKERS:
        return "past"
    if word[0].islower() and low.endswith("ed") and len(low) > 4 and low not in NOT_PAST_ED:
        return "past"
    return None


def tense_of(sentence: str, start: int, end: int, back: int = 8, ahead: int = 5) -> str:
    # A few words either side decide; a window keeps a run-on sentence from costing more.
    before = _tokens_with_pos(sentence[max(0, start - 200) : start])[-back:]
    after = _tokens_with_pos(sentence[end : end + 200])[:ahead]
    best: tuple[int, str] | None = None
    for dist, (word, _) in enumerate(reversed(before)):
        mark = _marker(word)
        if mark:
            best = (dist, mark)
            break
    for dist, (word, _) in enumerate(after):
        mark = _marker(word)
        if mark:
            if best is None or dist < best[0]:
                best = (dist, mark)
            break
    return best[1] if best else "none"


def _sentence_at(text: str, skip: int, pos: int) -> tuple[int, int] | None:
    from sources.ingest.quote_marks import sentence_at

    return sentence_at(text, skip, pos)


# Past this, a "sentence" is text without stops (a list, a table, a bad conversion): a
# date's context is then the words around it, which keeps the work per date bounded.
LONGEST_SENTENCE = 800


def _clip(text: str, s: int, e: int, start: int, end: int) -> tuple[int, int]:
    half = LONGEST_SENTENCE // 2
    lo, hi = max(s, start - half), min(e, end + half)
    if lo > s:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < e:
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return lo, hi


def find_dates(article: ParsedArticle, quote_spans: list[tuple[int, int]]) -> list[DatePhrase]:
    quotes = SpanIndex(quote_spans, lambda span: span)
    found: list[DatePhrase] = []
    for index, para in enumerate(article.paragraphs):
        if para.kind not in ("lead", "body"):
            continue
        text = para.text
        taken = Disjoint([(0, para.skip)] if para.skip else [])
        for kind, rx in PATTERNS:
            for m in rx.finditer(text):
                if not taken.free(m.start(), m.end()):
                    continue
                phrase = _phrase(kind, m)
                if phrase is None:
                    continue
                taken.add(m.start(), m.end())
                s, e = _sentence_at(text, para.skip, m.start()) or (para.skip, len(text))
                if e - s > LONGEST_SENTENCE:
                    s, e = _clip(text, s, e, m.start(), m.end())
                phrase.start, phrase.end = para.start + m.start(), para.start + m.end()
                phrase.text, phrase.paragraph = m.group(0), index
                phrase.sentence = (para.start + s, para.start + e)
                phrase.tense = tense_of(text[s:e], m.start() - s, m.end() - s)
                phrase.in_quote = bool(quotes.containing(phrase.start))
                found.append(phrase)
    found.sort(key=lambda p: p.start)
    return found


def _phrase(kind: str, m: re.Match) -> DatePhrase | None:
    g = m.groupdict()
    p = DatePhrase(0, 0, "", kind)
    if g.get("m"):
        p.month = month_number(g["m"])
        if g["m"] == "May" and kind == "month":
            pass
    if g.get("y"):
        p.year = int(g["y"])
    if kind in ("range_md", "range_dm"):
        p.day, p.day2 = int(g["d1"]), int(g["d2"])
        if not (1 <= p.day < p.day2 <= 31):
            return None
    elif g.get("d"):
        p.day = int(g["d"])
        if not 1 <= p.day <= 31:
            return None
    if g.get("w"):
        p.weekday = WEEKDAYS[g["w"].lower()]
    if g.get("w2"):
        p.weekday2 = WEEKDAYS[g["w2"].lower()]
    if kind == "relative":
        p.rel = g["rel"].lower()
    if kind == "weekday" and g.get("pre"):
        p.rel = g["pre"].strip().lower()
    return p


# -- publication date ---------------------------------------------------------------------


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year, month)[1]


def lead_weekday(article: ParsedArticle, phrases: list[DatePhrase]) -> int | None:
    """The weekday the lead names for what it reports ("… said Tuesday")."""
    leads = {i for i, p in enumerate(article.paragraphs) if p.kind == "lead"}
    if not leads:
        leads = {i for i, p in enumerate(article.paragraphs) if p.kind == "body"}
        leads = {min(leads)} if leads else set()
    for phrase in phrases:
        if (
            phrase.kind == "weekday"
            and phrase.paragraph in leads
            and phrase.weekday2 is None
            and phrase.rel in (None, "on")
            and not phrase.in_quote
        ):
            return phrase.weekday
    return None


def collect_evidence(phrases: list[DatePhrase]) -> YearEvidence:
    ev = YearEvidence()
    for p in phrases:
        if p.kind in ("year", "my") or (p.year and p.kind in ("md", "dm", "range_md", "range_dm")):
            if p.tense == "future" or (
                p.kind == "year" and p.text.lower().startswith(("by ", "until ", "till "))
            ):
                ev.future_years.append(p.year)
            elif p.tense == "past" or p.text.lower().startswith(("since ", "after ")):
                ev.past_years.append(p.year)
    return ev


def infer_published(
    article: ParsedArticle,
    phrases: list[DatePhrase],
    evidence: YearEvidence,
    today: dt.date,
    year_hint: int | None = None,
):
    """(date or None, candidate years, reason)."""
    month, day = article.dateline_month, article.dateline_day
    if month is None or day is None:
        return None, [], "no date in the dateline"
    if article.dateline_year:
        if valid_day(article.dateline_year, month, day):
            return dt.date(article.dateline_year, month, day), [article.dateline_year], "printed"
        return None, [], "the dateline date does not exist"
    years = [y for y in range(today.year - 40, today.year + 1) if valid_day(y, month, day)]
    years = [y for y in years if dt.date(y, month, day) <= today]
    weekday = lead_weekday(article, phrases)
    if weekday is not None:
        exact = [y for y in years if dt.date(y, month, day).weekday() == weekday]
        late = [
            y for y in years if (dt.date(y, month, day) - dt.timedelta(days=1)).weekday() == weekday
        ]
        years = exact or late
    if year_hint is not None:
        near = [y for y in years if abs(y - year_hint) <= (0 if weekday is None else 1)]
        if near:
            best = min(near, key=lambda y: abs(y - year_hint))
            return dt.date(best, month, day), [best], "year hint"
        return None, years, f"the year hint {year_hint} does not fit the weekday"
    narrowed = [
        y
        for y in years
        if all(y <= f for f in evidence.future_years) and all(y >= p for p in evidence.past_years)
    ]
    if narrowed:
        years = narrowed
    if weekday is None and not (evidence.anchors or evidence.position_ranges):
        if len(years) == 1:
            return dt.date(years[0], month, day), years, "only year that fits"
        return None, years, "no weekday or dated fact to fix the year"
    scores = {}
    for y in years:
        score = sum(1.0 for a in evidence.anchors if a == y)
        for lo, hi in evidence.position_ranges:
            score += 0.5 if lo <= y <= hi else -1.0
        for f in evidence.future_years:
            score -= 0.05 * (f - y)
        scores[y] = score
    if not scores:
        return None, [], "no year fits the weekday and the years the article prints"
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= 0.05:
        y = ranked[0][0]
        return dt.date(y, month, day), [y], "inferred"
    return None, [y for y, s in ranked if s == ranked[0][1]], "several years fit equally"
