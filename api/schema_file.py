"""The schema contract: schema.graphql at the repository root, printed from api.schema."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from strawberry.printer import print_schema

SCHEMA_FILE = Path(settings.BASE_DIR) / "schema.graphql"


def printed_schema() -> str:
    from api.schema import schema

    return print_schema(schema) + "\n"
