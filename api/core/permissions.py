"""Who may see what. The one place the curator rule is written."""

from __future__ import annotations

from strawberry import Info

CURATOR_GROUPS = ("curator", "reviewer")


def can_see_unpublished(user) -> bool:
    """Signed-in curators, reviewers and superusers see drafts and records in review.

    Being staff is not enough (a staff account may have no domain permissions).
    Anonymous and token users (a token never signs a Django user in) see
    published records only.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: one query per request, whatever the number of fields.
    cached = getattr(user, "_timeline_is_curator", None)
    if cached is None:
        cached = user.groups.filter(name__in=CURATOR_GROUPS).exists()
        user._timeline_is_curator = cached
    return cached


def request_user(info: Info):
    request = getattr(info.context, "request", None)
    if request is None and isinstance(info.context, dict):
        request = info.context.get("request")
    return getattr(request, "user", None)


def sees_unpublished(info: Info) -> bool:
    return can_see_unpublished(request_user(info))


def token_can_write(token) -> bool:
    """Whether an API token may run mutations: the one place that decides it (its write scope)."""
    from api.core.tokens import token_can_write as has_write_scope  # api.models loads late

    return has_write_scope(token)
