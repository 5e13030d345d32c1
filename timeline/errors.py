"""Error codes the domain raises; the API maps them to typed errors."""

from enum import StrEnum


class ErrorCode(StrEnum):
    INVALID = "invalid"
    INVALID_EDTF = "invalid_edtf"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    INVALID_TRANSITION = "invalid_transition"
    UNCITED = "uncited"
    CONFLICT = "conflict"
    EXCERPT_NOT_FOUND = "excerpt_not_found"
    DUPLICATE = "duplicate"
    PROTECTED = "protected"
    VERSION_REQUIRED = "version_required"
    TWO_PERSON_RULE = "two_person_rule"
