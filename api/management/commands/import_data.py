"""Load a full export (JSON Lines file or CSV package folder) into an empty database."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from api.exports.importer import ImportFailed, import_path


class Command(BaseCommand):
    help = (
        "Load a full export made by `export --format jsonl` (a .jsonl file) or "
        "`export --format csv` (a package folder, or its datapackage.json) into an empty "
        "database. Everything is checked first; on any error nothing is written and every "
        "error is listed with its file and line."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .jsonl export, or a CSV package folder.")

    def handle(self, *args, path, **options):
        started = time.monotonic()
        try:
            written = import_path(path)
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(error)
            raise CommandError(
                f"{len(failure.errors)} error(s) in {path}; nothing was imported."
            ) from None
        total = sum(written.values())
        detail = ", ".join(f"{n} {name}" for name, n in written.items() if n)
        self.stdout.write(
            f"Imported {total} records in {time.monotonic() - started:.2f} s: {detail}."
        )
