"""Dates an article carries outside its dateline: photo captions and full dates in the text.

Many pages print no year in the dateline ("Moscow, Feb 2:") or no dateline
date at all, but a caption says "… on December 7, 2018" or "…, 26.01.2023",
and the body tells past events with their year. Those full dates anchor the
year of a dateline's month and day (a report comes out on or after the photo
and the events it recounts, within months) and, when the article has no date
at all, give the day its relative phrases ("on Friday", "next year") are
counted from, with a lower confidence and a warning that says so.
"""

from __future__ import annotations

import datetime as dt
import re

from sources.ingest.dates import DatePhrase
from sources.ingest.lexicon import MONTH_RE, month_number

_Y = r"(?P<y>(?:19|20)\d\d)"
CAPTION_DATE_RES = [
    re.compile(rf"\b(?P<m>{MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_Y}\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{MONTH_RE})\.?,?\s+{_Y}\b"),
    re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})\.(?P<mn>\d{{1,2}})\.{_Y}\b"),  # 26.01.2023
    re.compile(rf"(?<!\d){_Y}-(?P<mn>\d\d)-(?P<d>\d\d)(?!\d)"),
]
# How long before publication a photo or a recounted event may be and still date it.
ANCHOR_WINDOW_DAYS = 183


def full_dates(text: str) -> list[dt.date]:
    found = []
    for rx in CAPTION_DATE_RES:
        for m in rx.finditer(text):
            month = month_number(m.group("m")) if "m" in rx.groupindex else int(m.group("mn"))
            try:
                found.append(dt.date(int(m.group("y")), month or 0, int(m.group("d"))))
            except (TypeError, ValueError):
                continue
    return found


def caption_dates(captions: list[str], removed: list[tuple[str, str]]) -> list[dt.date]:
    lines = list(captions) + [line for why, line in removed if "caption" in why or "credit" in why]
    return sorted({d for line in lines for d in full_dates(line)})


def past_full_dates(phrases: list[DatePhrase]) -> list[dt.date]:
    out = []
    for p in phrases:
        if p.year and p.month and p.day and p.kind in ("md", "dm", "wd_md") and p.tense != "future":
            try:
                out.append(dt.date(p.year, p.month, p.day))
            except ValueError:
                continue
    return out


def year_anchors(month: int, day: int, dates: list[dt.date], today: dt.date) -> list[int]:
    """Years in which ``month``/``day`` falls on or up to half a year after a given date."""
    years = []
    for d in dates:
        for y in (d.year, d.year + 1):
            try:
                candidate = dt.date(y, month, day)
            except ValueError:
                continue
            if 0 <= (candidate - d).days <= ANCHOR_WINDOW_DAYS and candidate <= today:
                years.append(y)
    return years
