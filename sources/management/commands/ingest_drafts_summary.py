"""python manage.py ingest_drafts_summary FILE_OR_DIR... [--json] [--keep]"""

from __future__ import annotations

import orjson
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max

from sources.ingest.drafts_summary import summarise
from sources.ingest.pipeline import run
from timeline.models import Event


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Ingest the articles for real, then report what the drafts are worth to a curator "
        "(events created vs linked to known ones, fragment titles, typed events, statements "
        "dated with a range over a year). Everything is rolled back unless --keep."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
        parser.add_argument("--keep", action="store_true", help="Keep what the run stored.")

    def handle(self, *args, **options):
        summary = None
        try:
            with transaction.atomic():
                last = Event.objects.aggregate(m=Max("pk"))["m"] or 0
                outcomes = run(options["paths"], dry_run=False)
                ids = [o.source_id for o in outcomes if o.status == "stored" and o.source_id]
                summary = summarise(ids, last)
                errors = [o.error for o in outcomes if o.error]
                if not options["keep"]:
                    raise _Rollback
        except _Rollback:
            pass
        if options["json"]:
            data = summary.as_dict() | {"errors": errors}
            self.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
            return
        kept = "kept" if options["keep"] else "rolled back"
        self.stdout.write(f"Drafts left by a real run over {summary.sources} source(s) ({kept}):")
        for line in summary.lines():
            self.stdout.write("  " + line)
        for err in errors:
            self.stderr.write(f"{err['file']}: {err['error']}: {err['reason']}")
