"""What every service function shares: one transaction, and a marker that a write is ours.

The marker lets tests (and the model guards) tell a write that went through the
services layer from one that reached around it.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied
from django.db import transaction

_depth: ContextVar[int] = ContextVar("timeline_service_depth", default=0)


def in_service() -> bool:
    return _depth.get() > 0


@contextlib.contextmanager
def service_write() -> Iterator[None]:
    token = _depth.set(_depth.get() + 1)
    try:
        with transaction.atomic():
            yield
    finally:
        _depth.reset(token)


def service(func):
    """Run ``func`` in one transaction, marked as a services-layer write."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with service_write():
            return func(*args, **kwargs)

    return wrapper


def perm(model_or_record, action: str) -> str:
    opts = model_or_record._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def require_perm(user, model_or_record, action: str, doing: str) -> None:
    """``user`` None is the system itself (ingester, migrations); it may write."""
    if user is None:
        return
    if not user.has_perm(perm(model_or_record, action)):
        name = model_or_record._meta.verbose_name
        raise PermissionDenied(f"You may not {doing} this {name}: you lack the permission.")


def label(record) -> str:
    return f"{record._meta.verbose_name} “{record}”"


def fit_reason(text: str, limit: int = 100) -> str:
    """History reasons are stored in 100 characters; cut with an ellipsis, not mid-silence."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
