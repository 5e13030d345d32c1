"""Write schema.graphql from the code, or check that it is up to date.

python manage.py graphql_schema          # write
python manage.py graphql_schema --check  # exit 1 if the file differs from the code
"""

from __future__ import annotations

import difflib

from django.core.management.base import BaseCommand, CommandError

from api.schema_file import SCHEMA_FILE, printed_schema


class Command(BaseCommand):
    help = "Export the GraphQL schema to schema.graphql (or --check it)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only compare; write nothing.")

    def handle(self, *args, check=False, **options):
        current = printed_schema()
        if check:
            stored = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
            if stored != current:
                diff = "".join(
                    difflib.unified_diff(
                        stored.splitlines(keepends=True),
                        current.splitlines(keepends=True),
                        "schema.graphql",
                        "api.schema",
                    )
                )
                raise CommandError(
                    "schema.graphql is out of date; run `python manage.py graphql_schema`.\n" + diff
                )
            self.stdout.write("schema.graphql is up to date.")
            return
        SCHEMA_FILE.write_text(current, encoding="utf-8")
        self.stdout.write(f"Wrote {SCHEMA_FILE.name}.")
