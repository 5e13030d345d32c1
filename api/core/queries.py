"""Helpers for list and slug queries: one visible, filtered, ordered queryset."""

from __future__ import annotations

from strawberry import Info

from api.core.filters import apply_filters
from api.core.orders import apply_order


def list_queryset(model, filterset_class, filters, order, info: Info):
    """Filtered and ordered; visibility (the type's get_queryset) and the optimizer
    are applied by strawberry-django on the returned queryset."""
    qs = apply_filters(filterset_class, model._default_manager.all(), filters, info)
    return apply_order(qs, order)
