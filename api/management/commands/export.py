"""Write a partner export to a file (or a CSV package directory), atomically."""

from __future__ import annotations

import getpass
import os
import shutil
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from api.exports.formats import FORMATS, csv_package
from api.exports.names import ALL, DATASETS
from api.exports.runner import ExportPlan, plan_export, snapshot
from api.exports.selection import ExportError
from api.exports.stream import Counter, chunked
from api.models import ExportAccess


class Command(BaseCommand):
    help = (
        "Export published records. CSV of several datasets writes a directory with "
        "datapackage.json and one CSV per dataset (or a .zip when PATH ends in .zip). "
        "The file appears at PATH only when complete."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=list(FORMATS))
        parser.add_argument("--dataset", default=ALL, choices=[ALL, *DATASETS])
        parser.add_argument("--since", help="ISO 8601 time: only changes after it, and tombstones.")
        parser.add_argument("--from", dest="from_", metavar="DATE", help="Dates overlap from DATE.")
        parser.add_argument("--to", metavar="DATE", help="Dates overlap up to DATE.")
        parser.add_argument("--actors", help="Comma-separated actor ids.")
        parser.add_argument("--treaties", help="Comma-separated treaty ids.")
        parser.add_argument("--types", help="Comma-separated event type slugs.")
        parser.add_argument("--tags", help="Comma-separated tag slugs.")
        parser.add_argument("--search", help="Full-text query.")
        parser.add_argument("--output", required=True, metavar="PATH")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        filters = {
            "from": options["from_"],
            "to": options["to"],
            "actors": options["actors"],
            "treaties": options["treaties"],
            "types": options["types"],
            "tags": options["tags"],
            "search": options["search"],
        }
        try:
            plan = plan_export(options["format"], options["dataset"], filters, options["since"])
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        output = Path(options["output"])
        as_zip = plan.is_package and output.suffix == ".zip"
        as_dir = plan.is_package and not as_zip
        _check_output(output, directory=as_dir)

        counter = Counter()
        started = time.monotonic()
        with snapshot():
            # Counting costs a query per dataset: only for a progress bar someone sees.
            total = (
                None
                if options["no_progress"]
                else sum(plan.selection.count(n) for n in plan.selection.datasets)
            )
            bar = tqdm(
                total=total,
                unit=" records",
                disable=options["no_progress"],
                file=self.stderr._out,
                desc=f"{plan.format} {plan.dataset}",
            )
            try:
                if as_dir:
                    _write_directory(plan, output, counter, bar)
                else:
                    _write_file(output, plan.render(counter), counter, bar)
            finally:
                bar.close()
        seconds = time.monotonic() - started
        ExportAccess.objects.create(
            who=f"command line: {_os_user()}",
            channel="cli",
            dataset=plan.dataset,
            format=plan.format,
            parameters=plan.parameters(),
            status=0,
            started_at=plan.as_of,
            finished_at=timezone.now(),
            rows=counter.rows,
            bytes=counter.bytes,
            completed=True,
        )
        self.stdout.write(
            f"{counter.rows} records, {counter.bytes} bytes in {seconds:.2f} s → {output} "
            f"(as of {plan.as_of.isoformat()}; pass --since {plan.as_of.isoformat()} "
            "next time for the changes)"
        )


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _check_output(path: Path, *, directory: bool) -> None:
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise CommandError(f"--output: the folder {parent} does not exist.")
    if not os.access(parent, os.W_OK):
        raise CommandError(f"--output: the folder {parent} is not writable.")
    if directory:
        if path.exists() and not path.is_dir():
            raise CommandError(f"--output: {path} is a file; a CSV package is a folder.")
        if path.is_dir() and any(path.iterdir()) and not (path / csv_package.DESCRIPTOR).exists():
            raise CommandError(
                f"--output: {path} is a folder that is not empty and holds no data package; "
                "give a new or empty folder."
            )
    elif path.is_dir():
        raise CommandError(f"--output: {path} is a folder; give a file name.")


def _write_file(path: Path, chunks, counter: Counter, bar) -> None:
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115  (closed below, then renamed)
        "wb", dir=path.parent or ".", prefix=f".{path.name}.", suffix=".part", delete=False
    )
    try:
        with handle:
            for chunk in chunks:
                handle.write(chunk)
                bar.update(counter.rows - bar.n)
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _write_directory(plan: ExportPlan, path: Path, counter: Counter, bar) -> None:
    staging = Path(
        tempfile.mkdtemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".part")
    )
    try:
        for filename, pieces in csv_package.package_files(plan.selection, counter):
            with open(staging / filename, "wb") as handle:
                for chunk in chunked(pieces, Counter()):
                    handle.write(chunk)
                    bar.update(counter.rows - bar.n)
        for filename in os.listdir(staging):
            counter.bytes += (staging / filename).stat().st_size
        os.chmod(staging, 0o755)
        if path.exists():
            old = path.with_name(f".{path.name}.old")
            os.replace(path, old)
            os.replace(staging, path)
            shutil.rmtree(old)
        else:
            os.replace(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
