"""Helpers for list and slug queries: one visible, filtered, ordered queryset."""

from __future__ import annotations

from strawberry import Info, relay

from api.core.errors import bad_input
from api.core.filters import apply_filters
from api.core.orders import apply_order


def list_queryset(model, filterset_class, filters, order, info: Info, default_order="date"):
    """Filtered and ordered; visibility (the type's get_queryset) and the optimizer
    are applied by strawberry-django on the returned queryset."""
    qs = apply_filters(filterset_class, model._default_manager.all(), filters, info)
    return apply_order(qs, order, default_order)


def one_record(model, *, id: str | None = None, slug: str | None = None):
    """The queryset of one record named by its global id or (where it has one) its slug;
    the type's get_queryset then applies visibility, so a hidden record is null."""
    type_name = model.__name__
    if (id is None) == (slug is None):
        what = "'id' or 'slug'" if hasattr(model, "slug") else "'id'"
        raise bad_input(f"Give exactly one of {what}.")
    if slug is not None:
        if "\x00" in slug:
            return model._default_manager.none()
        return model._default_manager.filter(slug=slug)
    try:
        gid = relay.GlobalID.from_id(id)
    except Exception:
        raise bad_input(f"Argument 'id': {id!r} is not a valid {type_name} id.") from None
    if gid.type_name != type_name:
        raise bad_input(f"Argument 'id' takes {type_name} ids; {id!r} is a {gid.type_name} id.")
    if not gid.node_id.isdigit() or int(gid.node_id) > 2**63 - 1:
        return model._default_manager.none()
    return model._default_manager.filter(pk=int(gid.node_id))
