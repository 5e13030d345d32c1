"""Each date phrase as EDTF, counted from the publication date (or left out)."""

from __future__ import annotations

import datetime as dt

from sources.ingest.dates import DatePhrase, valid_day


def _pick(candidates: list[dt.date], ref: dt.date, tense: str, slack: int) -> dt.date:
    nearest = min(candidates, key=lambda d: (abs((d - ref).days), d < ref))
    if tense == "past" and (nearest - ref).days > slack:
        earlier = [d for d in candidates if d <= ref + dt.timedelta(days=slack)]
        return max(earlier) if earlier else nearest
    if tense == "future" and (ref - nearest).days > slack:
        later = [d for d in candidates if d >= ref - dt.timedelta(days=slack)]
        return min(later) if later else nearest
    return nearest


def _md(year: int, month: int, day: int) -> dt.date | None:
    return dt.date(year, month, day) if valid_day(year, month, day) else None


def resolve(
    phrases: list[DatePhrase], published: dt.date | None, reference_year: int | None = None
) -> None:
    """Set edtf (or leave None when it cannot be known) on every phrase."""
    previous_day: dt.date | None = None
    sentence_day: dt.date | None = None
    current_sentence: tuple[int, int] | None = None
    sentence_weekday_only = False
    for p in phrases:
        p.edtf, p.first_day = None, None
        ref = published
        if p.kind in ("md", "dm", "range_md", "range_dm", "wd_md"):
            day = None
            if p.year:
                day = _md(p.year, p.month, p.day)
            elif ref is not None:
                cands = [
                    d
                    for y in (ref.year - 1, ref.year, ref.year + 1)
                    if (d := _md(y, p.month, p.day))
                ]
                if p.weekday is not None:
                    cands = [d for d in cands if d.weekday() == p.weekday] or cands
                day = _pick(cands, ref, p.tense, 7) if cands else None
            elif reference_year is not None:
                day = _md(reference_year, p.month, p.day)
            if day is None:
                continue
            if p.day2:
                end = _md(day.year, p.month, p.day2)
                if end is None:
                    continue
                p.edtf = f"{day.isoformat()}/{end.isoformat()}"
            else:
                p.edtf = day.isoformat()
            p.first_day = day
        elif p.kind == "my":
            p.edtf = f"{p.year:04d}-{p.month:02d}"
        elif p.kind == "year":
            p.edtf = f"{p.year:04d}"
        elif p.kind == "month":
            if ref is None:
                continue
            cands = [dt.date(y, p.month, 1) for y in (ref.year - 1, ref.year, ref.year + 1)]
            month_ref = ref.replace(day=1)
            tense = "future" if p.text.lower().startswith(("until", "by")) else p.tense
            d = _pick(cands, month_ref, tense, 0)
            p.edtf = f"{d.year:04d}-{d.month:02d}"
        elif p.kind == "weekday":
            if ref is None:
                continue
            back = [ref - dt.timedelta(days=k) for k in range(0, 7)]
            ahead = [ref + dt.timedelta(days=k) for k in range(0, 7)]
            if p.rel == "last":
                pool = back[1:]
            elif p.rel == "next":
                pool = ahead[1:]
            elif p.tense == "past":
                pool = back
            elif p.tense == "future":
                pool = ahead
            else:
                pool = back + ahead[1:]
            pool = [d for d in pool if d.weekday() == p.weekday]
            if not pool:
                continue
            first = min(pool, key=lambda d: (abs((d - ref).days), d < ref))
            if p.weekday2 is not None:
                span = (p.weekday2 - p.weekday) % 7
                p.edtf = f"{first.isoformat()}/{(first + dt.timedelta(days=span)).isoformat()}"
            else:
                p.edtf = first.isoformat()
            p.first_day = first
        elif p.kind == "relative":
            rel = p.rel or ""
            if rel in ("the next day", "the following day", "a day later", "the day after"):
                if previous_day is not None:
                    d = previous_day + dt.timedelta(days=1)
                    p.edtf, p.first_day = d.isoformat(), d
            elif rel in ("the previous day", "a day earlier", "the day before"):
                if previous_day is not None:
                    d = previous_day - dt.timedelta(days=1)
                    p.edtf, p.first_day = d.isoformat(), d
            elif rel == "the same day":
                if previous_day is not None:
                    p.edtf, p.first_day = previous_day.isoformat(), previous_day
            elif ref is not None:
                offsets = {"today": 0, "yesterday": -1, "tomorrow": 1}
                if rel in offsets:
                    d = ref + dt.timedelta(days=offsets[rel])
                    p.edtf, p.first_day = d.isoformat(), d
                elif rel.endswith("year"):
                    shift = {"last": -1, "next": 1}.get(rel.split()[0], 0)
                    p.edtf = f"{ref.year + shift:04d}"
                elif rel.endswith("month"):
                    shift = {"last": -1, "next": 1}.get(rel.split()[0], 0)
                    m0 = ref.month - 1 + shift
                    p.edtf = f"{ref.year + m0 // 12:04d}-{m0 % 12 + 1:02d}"
        if p.first_day is not None and p.sentence != current_sentence:
            # "The next day" counts from the main date of the sentence before: its first
            # one, unless that is only the weekday the report was made on.
            current_sentence = p.sentence
            sentence_day = p.first_day
            sentence_weekday_only = p.kind == "weekday"
        elif p.first_day is not None and sentence_weekday_only and p.kind != "weekday":
            sentence_day, sentence_weekday_only = p.first_day, False
        if p.first_day is not None:
            previous_day = sentence_day
