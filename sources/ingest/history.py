"""Edit-history reasons for what the ingester writes.

Every row an article creates (source, drafts, citations, proposed actors and
treaties) gets "Ingested from <file>" as its history change reason, so a
curator reading a record's history sees where it came from.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

_reason: ContextVar[str | None] = ContextVar("ingest_history_reason", default=None)


@receiver(pre_create_historical_record, dispatch_uid="sources.ingest.history_reason")
def _add_reason(sender, history_instance, **kwargs) -> None:
    reason = _reason.get()
    if reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = reason


@contextlib.contextmanager
def reason(text: str) -> Iterator[None]:
    token = _reason.set(text)
    try:
        yield
    finally:
        _reason.reset(token)
