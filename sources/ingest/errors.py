"""Why a file could not be ingested: a code for machines and a sentence for people."""

from __future__ import annotations

from enum import StrEnum


class IngestErrorCode(StrEnum):
    UNREADABLE = "unreadable"
    EMPTY_FILE = "empty_file"
    BINARY_FILE = "binary_file"
    UNDECODABLE = "undecodable"
    NO_HEADLINE = "no_headline"
    NO_BODY = "no_body"
    DATABASE = "database_error"
    TOO_LARGE = "too_large"
    BAD_METADATA = "bad_metadata"
    INTERNAL = "internal_error"  # a fault of the ingester on this article, not of the file


class IngestWarningCode(StrEnum):
    UNBALANCED_QUOTES = "unbalanced_quotes"
    UNKNOWN_OUTLET = "unknown_outlet"
    NO_OUTLET = "no_outlet"
    NO_DATE = "no_date"
    AMBIGUOUS_YEAR = "ambiguous_year"
    LEGACY_ENCODING = "legacy_encoding"
    UNRESOLVED_SPEAKER = "unresolved_speaker"
    NO_STATEMENT_DATE = "no_statement_date"
    STATEMENT_DATE_RANGE = "statement_date_range"
    URL_IN_USE = "url_in_use"


class IngestError(Exception):
    """A file that cannot be turned into a source. ``code`` is an IngestErrorCode."""

    def __init__(self, code: IngestErrorCode, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason

    def as_dict(self, file: str) -> dict:
        return {"file": file, "error": str(self.code), "reason": self.reason}
