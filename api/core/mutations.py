"""What every mutation shares: who may write, typed errors, one transaction, global ids.

Resolvers stay thin: they turn their input into a change set and call the same
service functions as the admin (timeline.services), inside one transaction. A
refusal is returned as ``errors`` (field, code, message) and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

import strawberry
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from strawberry import Info, relay
from strawberry.utils.str_converters import to_camel_case

from api.core.permissions import can_see_unpublished, request_user, token_can_write
from timeline.errors import ErrorCode


@strawberry.enum(description="Why a mutation was refused.")
class MutationErrorCode(Enum):
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    CONFLICT = "CONFLICT"
    VERSION_REQUIRED = "VERSION_REQUIRED"
    UNCITED = "UNCITED"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    EXCERPT_NOT_FOUND = "EXCERPT_NOT_FOUND"
    DUPLICATE = "DUPLICATE"
    PROTECTED = "PROTECTED"


CODES = {
    ErrorCode.CONFLICT: MutationErrorCode.CONFLICT,
    ErrorCode.VERSION_REQUIRED: MutationErrorCode.VERSION_REQUIRED,
    ErrorCode.UNCITED: MutationErrorCode.UNCITED,
    ErrorCode.INVALID_TRANSITION: MutationErrorCode.INVALID_TRANSITION,
    ErrorCode.EXCERPT_NOT_FOUND: MutationErrorCode.EXCERPT_NOT_FOUND,
    ErrorCode.PROTECTED: MutationErrorCode.PROTECTED,
    ErrorCode.NOT_FOUND: MutationErrorCode.NOT_FOUND,
    ErrorCode.REQUIRED: MutationErrorCode.REQUIRED,
    "required": MutationErrorCode.REQUIRED,
    "blank": MutationErrorCode.REQUIRED,
    "null": MutationErrorCode.REQUIRED,
    "unique": MutationErrorCode.DUPLICATE,
    "duplicate_body": MutationErrorCode.DUPLICATE,
    "citation_unique": MutationErrorCode.DUPLICATE,
}


@strawberry.type(description="Why a mutation was refused: nothing was changed.")
class MutationError:
    field: str | None = strawberry.field(description="The input field at fault, if one is.")
    code: MutationErrorCode
    message: str


@strawberry.type(description="Changes to a published record, waiting for a reviewer.")
class PendingRevision:
    id: relay.GlobalID
    status: str
    summary: str
    base_version: int
    created_by: str


def pending_revision(revision) -> PendingRevision | None:
    if revision is None:
        return None
    return PendingRevision(
        id=relay.GlobalID("Revision", str(revision.pk)),
        status=revision.status,
        summary=revision.summary,
        base_version=revision.base_version,
        created_by=str(revision.created_by),
    )


class Refused(Exception):
    def __init__(self, errors: list[MutationError]):
        super().__init__(errors[0].message if errors else "refused")
        self.errors = errors


def refuse(code: MutationErrorCode, message: str, field: str | None = None) -> Refused:
    return Refused([MutationError(field=field, code=code, message=message)])


def writer(info: Info):
    """The signed-in curator or reviewer making the change; FORBIDDEN for anyone else."""
    request = getattr(info.context, "request", None)
    token = getattr(request, "api_token", None)
    if token is not None and not token_can_write(token):
        raise refuse(MutationErrorCode.FORBIDDEN, "This API token is read-only.")
    # A token never signs a user in; a write token acts as the user it was issued to.
    user = getattr(token, "user", None) if token is not None else request_user(info)
    if not can_see_unpublished(user):
        raise refuse(
            MutationErrorCode.FORBIDDEN, "Sign in as a curator or reviewer to make changes."
        )
    return user


def errors_from(exc: Exception, fields: dict[str, str] | None = None) -> list[MutationError]:
    """A service refusal as typed errors; ``fields`` maps model field names to input names."""
    if isinstance(exc, Refused):
        return exc.errors
    if isinstance(exc, PermissionDenied):
        return [MutationError(field=None, code=MutationErrorCode.FORBIDDEN, message=str(exc))]
    if isinstance(exc, ObjectDoesNotExist):
        return [MutationError(field=None, code=MutationErrorCode.NOT_FOUND, message=str(exc))]
    fields = fields or {}
    out = []
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            field = None if name == "__all__" else fields.get(name, to_camel_case(name))
            for error in errors:
                out.append(_typed(error, field))
    else:
        for error in exc.error_list:
            out.append(_typed(error, None))
    return out


def _typed(error: ValidationError, field: str | None) -> MutationError:
    message = error.message % error.params if error.params else error.message
    code = CODES.get(error.code, MutationErrorCode.INVALID)
    if error.code == "invalid_edtf" or (field and "EDTF" in str(message)):
        code = MutationErrorCode.INVALID
    return MutationError(field=field, code=code, message=str(message))


def run(work: Callable[[], Any], fields: dict[str, str] | None = None):
    """Run ``work`` in one transaction; return (result, errors)."""
    try:
        with transaction.atomic():
            return work(), []
    except (ValidationError, PermissionDenied, ObjectDoesNotExist, Refused) as exc:
        return None, errors_from(exc, fields)


def decode(gid: relay.GlobalID | None, type_names: str | tuple[str, ...], field: str) -> int | None:
    if gid is None:
        return None
    names = (type_names,) if isinstance(type_names, str) else type_names
    if gid.type_name not in names:
        raise refuse(
            MutationErrorCode.INVALID,
            f"'{field}' takes {' or '.join(names)} ids; got a {gid.type_name} id.",
            field,
        )
    try:
        return int(gid.node_id)
    except ValueError:
        raise refuse(
            MutationErrorCode.INVALID, f"'{field}': {gid} is not a valid id.", field
        ) from None


def load(model, gid: relay.GlobalID, type_name: str, field: str = "id"):
    pk = decode(gid, type_name, field)
    record = model._default_manager.filter(pk=pk).first()
    if record is None:
        raise refuse(MutationErrorCode.NOT_FOUND, f"No {type_name} with id {gid}.", field)
    return record


def changes_from(data: Any, relations: dict[str, str | tuple[str, ...]]) -> dict:
    """The set fields of an input object as a change set's ``fields``.

    ``relations`` names the inputs that are global ids (or lists of them) and the
    type each takes; everything else is a plain value. Unset inputs are left out.
    """
    fields = {}
    for name, value in vars(data).items():
        if value is strawberry.UNSET:
            continue
        if name in relations:
            camel = to_camel_case(name)
            if isinstance(value, list):
                fields[name] = [decode(v, relations[name], camel) for v in value]
            else:
                fields[name] = decode(value, relations[name], camel)
        elif isinstance(value, Enum):
            fields[name] = value.value
        elif value is None:
            fields[name] = None if name in NULLABLE_PLAIN else ""
        elif isinstance(value, float):
            # Through its shortest text: 46.2, not the binary float's 46.2000000000000028…
            fields[name] = repr(value)
        else:
            fields[name] = value
    return fields


# Plain inputs whose "no value" is NULL rather than an empty string.
NULLABLE_PLAIN = {"latitude", "longitude", "confidence", "url"}


def save_record(
    info: Info,
    model,
    data: Any,
    relations: dict[str, str | tuple[str, ...]],
    *,
    type_name: str,
    id: relay.GlobalID | None = None,
    version: int | None = None,
):
    """Create (no ``id``) or update a record through ``services.apply_changes``.

    Returns (record, pending revision or None, errors).
    """
    from timeline import services

    def work():
        user = writer(info)
        record = model() if id is None else load(model, id, type_name)
        changes = {"fields": changes_from(data, relations)}
        reason = "Added through the API" if id is None else "Changed through the API"
        return services.apply_changes(
            record, changes, user, expected_version=version, reason=reason
        )

    outcome, errors = run(work, {n: to_camel_case(n) for n in vars(data)})
    if outcome is None:
        return None, None, errors
    return outcome.record, outcome.revision, []
