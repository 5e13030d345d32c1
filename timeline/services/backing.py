"""The backing rule, written once: a published record is backed by at least one
citation of a published source.

Every path that publishes a record, or removes, moves or un-publishes what backs
one (citation edits and deletes, inline deletes, source retraction, source text
edits, revisions, bulk actions, mutations) ends by calling one of these.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef

from timeline.errors import ErrorCode
from timeline.models.base import Status

# Records that must cite a source before they can be published (and while they are).
MUST_CITE = {"event", "statement", "treatyaction"}


def must_cite(model_or_record) -> bool:
    return model_or_record._meta.model_name in MUST_CITE


def _backed(model, excluding: Iterable[int] = ()):
    from sources.models import Citation

    fk = {"event": "event", "statement": "statement", "treatyaction": "treaty_action"}[
        model._meta.model_name
    ]
    return Exists(
        Citation.objects.filter(**{fk: OuterRef("pk")}, source__status=Status.PUBLISHED).exclude(
            pk__in=list(excluding)
        )
    )


def _name(record) -> str:
    return f"{record._meta.verbose_name} “{record}”"


def require_backing_to_publish(record) -> None:
    """Refuse to publish ``record`` unless it cites at least one published source."""
    if not must_cite(record):
        return
    model = type(record)
    if model._default_manager.filter(pk=record.pk).filter(_backed(model)).exists():
        return
    if record.citations.exists():
        detail = (
            "cites only unpublished sources; publish one of its sources first, or add a "
            "citation of a published source, before publishing it."
        )
    else:
        detail = "cites no source; add a citation of a published source before publishing."
    raise ValidationError(f"“{record}” {detail}", code=ErrorCode.UNCITED)


def unbacked_published(records: Iterable, excluding_citations: Iterable[int] = ()) -> list:
    """Those of ``records`` that are published (in the database now) and, leaving out
    ``excluding_citations``, cite no published source."""
    by_model: dict = {}
    for record in records:
        if record is not None and record.pk is not None and must_cite(record):
            by_model.setdefault(type(record), set()).add(record.pk)
    excluded = list(excluding_citations)
    found = []
    for model, pks in by_model.items():
        found += list(
            model._default_manager.filter(pk__in=pks, status=Status.PUBLISHED)
            .filter(~_backed(model, excluded))
            .order_by("pk")
        )
    return found


def refusal(cause: str, records: list) -> ValidationError:
    names = "; ".join(_name(r) for r in records)
    return ValidationError(
        f"{cause} would leave published {names} without a citation of a published source. "
        "Add a citation of another published source to it first, or retract it.",
        code=ErrorCode.UNCITED,
    )


def keys(records: Iterable) -> set:
    return {(type(r), r.pk) for r in records}


def require_published_backed(
    records: Iterable, cause: str, excluding_citations=(), already: set | None = None
) -> None:
    """Raise if a published record among ``records`` is (or would be) left unbacked.

    ``already`` holds the records that were unbacked before the change (data loaded
    from elsewhere): a change that does not touch their backing is not blamed for it.
    """
    records = list(records)
    if already is None and excluding_citations:
        already = keys(unbacked_published(records))
    left = [
        r
        for r in unbacked_published(records, excluding_citations)
        if (type(r), r.pk) not in (already or set())
    ]
    if left:
        raise refusal(cause, left)


def records_cited_by(sources) -> list:
    """The records the citations of ``sources`` back (any status)."""
    from sources.models import Citation

    citations = Citation.objects.filter(source__in=sources).select_related(
        "event", "statement", "treaty_action"
    )
    return [c.record for c in citations]
