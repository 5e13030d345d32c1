"""Rules for sources: deleting one, and keeping citations true when its text changes."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from timeline.errors import ErrorCode
from timeline.services.base import label
from timeline.services.versioning import is_versioned


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def reverify_citations(source, user) -> None:
    """After ``source``'s body changed: move each citation to where its excerpt now is;
    refuse the edit (naming them) if some excerpts no longer occur."""
    from sources.models import Citation
    from sources.text import find_excerpt

    lost = []
    citations = Citation.objects.select_for_update(of=("self",)).filter(source=source)
    for citation in citations.select_related("event", "statement", "treaty_action"):
        span = find_excerpt(source.body, citation.excerpt, citation.start)
        if span is None:
            lost.append(citation)
            continue
        if span != (citation.start, citation.end):
            citation.source = source
            citation.start, citation.end = span
            if is_versioned(Citation):
                citation.version += 1
            citation._history_user = user
            citation._change_reason = "Offsets re-located after the source text changed"
            citation.save()
    if lost:
        names = "; ".join(f"“{_short(c.excerpt)}” (backs {label(c.record)})" for c in lost)
        raise ValidationError(
            {
                "body": ValidationError(
                    f"The new text no longer contains {len(lost)} cited excerpt(s): {names}. "
                    "Keep those passages, or change or remove those citations first.",
                    code=ErrorCode.EXCERPT_NOT_FOUND,
                )
            }
        )


def source_delete_refusal(sources) -> str | None:
    """Our message for a source that may not be deleted (it backs published records)."""
    from sources.models import Citation

    citations = Citation.objects.filter(source__in=[s.pk for s in sources]).select_related(
        "source", "event", "statement", "treaty_action"
    )
    blocking: dict = {}
    for citation in citations:
        if citation.backs_published_record:
            blocking.setdefault(citation.source, []).append(citation.record)
    if not blocking:
        return None
    parts = []
    for source, records in blocking.items():
        names = "; ".join(label(r) for r in dict.fromkeys(records))
        parts.append(f"Source “{source}” cannot be deleted: it backs published {names}.")
    return (
        " ".join(parts) + " Nothing was deleted. Retract those records, or cite another "
        "published source for them and remove this source's citations, then delete it."
    )


def refuse_source_delete(sources) -> None:
    message = source_delete_refusal(sources)
    if message:
        raise ValidationError(message, code=ErrorCode.PROTECTED)
