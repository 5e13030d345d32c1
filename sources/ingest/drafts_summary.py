"""What a real ingest run leaves for curators: how useful are the drafts?

The figures the ingestion issue is judged by, read back from the database
after a run: draft events created versus citations added to events we
already had, event titles that are fragments, events with a real type, and
statements whose date is a range longer than a year.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from sources.models import Citation
from timeline.models import Event, Statement

FALLBACK_TYPE = "Unclassified (ingested)"
_ELLIPSIS = ("…", "...")


def is_fragment(title: str) -> bool:
    """A title a curator must retype: cut off, starting mid-sentence or with an open quote."""
    t = " ".join(title.split())
    if not t:
        return True
    if t.startswith(_ELLIPSIS) or t.endswith(_ELLIPSIS) or t[0].islower():
        return True
    if t.count("“") != t.count("”") or t.count('"') % 2:
        return True
    return bool(re.search(r"[,;:(–—-]$", t))


def range_days(edtf_lower, edtf_upper) -> int:
    if edtf_lower is None or edtf_upper is None:
        return 0
    return (edtf_upper - edtf_lower).days


@dataclass
class DraftsSummary:
    sources: int = 0
    events_created: int = 0
    events_linked: int = 0
    fragment_titles: int = 0
    long_titles: int = 0
    typed_events: int = 0
    statements: int = 0
    statements_over_a_year: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    def lines(self) -> list[str]:
        return [
            f"draft events created    {self.events_created}",
            f"linked to known events  {self.events_linked}",
            f"fragment titles         {self.fragment_titles} of {self.events_created}",
            f"titles over 100 chars   {self.long_titles} of {self.events_created}",
            f"events with a type      {self.typed_events} of {self.events_created}",
            f"statements              {self.statements}",
            f"ranges over a year      {self.statements_over_a_year} of {self.statements}",
        ]


def summarise(source_ids: list[int], last_event_before: int) -> DraftsSummary:
    """The drafts that the sources ``source_ids`` brought; events with a pk above
    ``last_event_before`` were created by the run, the others existed already."""
    out = DraftsSummary(sources=len(source_ids))
    cited = Citation.objects.filter(source_id__in=source_ids)
    event_ids = set(cited.exclude(event=None).values_list("event_id", flat=True))
    created = Event.objects.filter(pk__in=event_ids, pk__gt=last_event_before).select_related(
        "event_type"
    )
    out.events_linked = len(event_ids) - created.count()
    for event in created:
        out.events_created += 1
        out.fragment_titles += is_fragment(event.title)
        out.long_titles += len(event.title) > 100
        out.typed_events += event.event_type.name != FALLBACK_TYPE
    statement_ids = cited.exclude(statement=None).values_list("statement_id", flat=True)
    for st in Statement.objects.filter(pk__in=statement_ids):
        out.statements += 1
        out.statements_over_a_year += range_days(st.date_start, st.date_end) > 366
    return out
