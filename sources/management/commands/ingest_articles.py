"""python manage.py ingest_articles FILE_OR_DIR... [--dry-run] [--json] [--year-hint YEAR]
[--published DATE] [--outlet NAME]"""

from __future__ import annotations

import sys
import time

import orjson
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from sources.ingest.inputs import Metadata, parse_day
from sources.ingest.pipeline import run, summary


class Command(BaseCommand):
    help = (
        "Ingest news articles (text files or saved web pages, or directories of *.txt and "
        "*.html; an article.json beside article.txt/.html gives url, outlet, published): "
        "store each as a draft source with draft statements, events and citations for "
        "review. --dry-run --json writes nothing and prints one JSON object per file "
        "(DESIGN.md §6). Files over 5 MB and texts over 1,000,000 characters are refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
        parser.add_argument("--dry-run", action="store_true", help="Write nothing.")
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print a JSON array, one object per file, on stdout.",
        )
        parser.add_argument(
            "--year-hint",
            type=int,
            metavar="YEAR",
            help="The year the articles were published in, when they omit it.",
        )
        parser.add_argument(
            "--published",
            metavar="DATE",
            help="The publication date (YYYY-MM-DD) of every article given; overrides the "
            "page, the sidecar and the dateline.",
        )
        parser.add_argument(
            "--outlet",
            metavar="NAME",
            help="The outlet of every article given (a known outlet's name or alias, or a "
            "new one); overrides the page, the sidecar and the dateline.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        hint = options["year_hint"]
        if hint is not None and not 1800 <= hint <= 2200:
            raise CommandError(f"--year-hint {hint} is not a plausible year (1800–2200).")
        overrides = Metadata()
        if options["published"] is not None:
            try:
                overrides.published = parse_day(options["published"], "--published")
            except ValueError as exc:
                raise CommandError(f"{exc}.") from exc
            overrides.sources["published"] = "--published"
        if options["outlet"] is not None:
            outlet = " ".join(options["outlet"].split())
            if not outlet or "\x00" in outlet or len(outlet) > 200:
                raise CommandError("--outlet must be an outlet name of 1 to 200 characters.")
            overrides.outlet, overrides.sources["outlet"] = outlet, "--outlet"
        started = time.perf_counter()

        def progress(files):
            return tqdm(
                files,
                desc="ingesting",
                unit="article",
                file=sys.stderr,
                disable=options["no_progress"] or len(files) < 2,
                leave=False,
            )

        outcomes = run(
            options["paths"],
            dry_run=options["dry_run"],
            year_hint=hint,
            progress=progress,
            overrides=overrides,
        )
        elapsed = time.perf_counter() - started
        line = summary(outcomes, elapsed)
        if options["json"]:
            self.stdout.write(
                orjson.dumps([o.as_dict() for o in outcomes], option=orjson.OPT_INDENT_2).decode()
            )
            self.stderr.write(line)
            return
        for o in outcomes:
            if o.error:
                self.stderr.write(f"{o.file}: {o.error['error']}: {o.error['reason']}")
            else:
                r = o.result
                extra = f" (same story as {', '.join(r.same_story_as)})" if r.same_story_as else ""
                self.stdout.write(
                    f"{o.file}: {o.status}, source #{o.source_id}, "
                    f"{len(r.quotes)} quotes, {len(r.events)} dated events{extra}"
                )
        self.stdout.write(line)
