"""python manage.py generate_synthetic --events N [--seed S] [--replace] [--story-keys]"""

from __future__ import annotations

import argparse
import contextlib
import queue
import random
import sys
import threading
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from ._synthetic.load import (
    Files,
    Truncate,
    domain_tables,
    load,
    non_empty_tables,
    rebuild_steps,
)
from ._synthetic.stories import Stories
from ._synthetic.world import World

MAX_EVENTS = 20_000_000
CHUNK = 50_000  # events per chunk of files: loaded while the next chunk is generated


def event_count(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of events") from None
    if not 1 <= value <= MAX_EVENTS:
        raise argparse.ArgumentTypeError(f"{value} is out of range: give 1 to {MAX_EVENTS:,}")
    return value


def seed_value(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not an integer seed") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative: give a seed of 0 or more")
    return value


class Command(BaseCommand):
    help = (
        "Fill an empty database with a synthetic, realistic dataset for benchmarks: N events "
        "(1945-2025, mixed EDTF precisions), a few thousand actors with power-law "
        "participation, treaties with their actions, about 0.5 statements per event, about "
        "1.5 citations per record from sources whose bodies contain the excerpts, and about "
        "5%% drafts. The same --seed gives the same data. Loaded with COPY, indexes and "
        "constraints rebuilt after the load, then ANALYZE. Generated records have no edit "
        "history rows."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--events", type=event_count, required=True, metavar="N", help="Number of events."
        )
        parser.add_argument(
            "--seed", type=seed_value, default=1, metavar="S", help="Random seed (default 1)."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete every actor, event, treaty, statement, source and citation (and their "
            "history) first. Without it, the command refuses a database that holds any.",
        )
        parser.add_argument(
            "--story-keys",
            action="store_true",
            help="Also compute each source's same-story keys (about 1 ms per source). Without "
            "it they are left empty, so the ingester never proposes synthetic sources as the "
            "same story as a new article.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bars.")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("generate_synthetic needs PostgreSQL (COPY).")
        events, seed = options["events"], options["seed"]
        missing = sorted(set(domain_tables()) - set(connection.introspection.table_names()))
        if missing:
            raise CommandError(
                f"The database is not migrated (no table {missing[0]}): "
                "run `python manage.py migrate` first."
            )
        occupied = non_empty_tables()
        if occupied and not options["replace"]:
            raise CommandError(
                "The database already holds timeline data (tables: "
                + ", ".join(occupied)
                + "). Use --replace to delete it all first, or point DATABASE_URL at an "
                "empty database. Nothing was changed."
            )
        hide = options["no_progress"]
        started = time.perf_counter()
        files = Files()
        chunks: queue.Queue = queue.Queue(maxsize=2)
        stop = threading.Event()
        generated: dict[str, float] = {}

        def produce() -> None:
            """Generate in a worker thread; each finished chunk of files goes to the loader."""
            try:
                rng = random.Random(seed)
                world = World(rng, files, events)
                stories = Stories(rng, files, world, with_story_keys=options["story_keys"])
                with tqdm(
                    total=events, desc="generating", unit="event", file=sys.stderr, disable=hide
                ) as bar:
                    for done in range(1, events + 1):
                        if stop.is_set():
                            return
                        stories.event()
                        if done % 1000 == 0:
                            bar.update(1000)
                        if done % CHUNK == 0 and done < events:
                            chunks.put(files.rotate())
                    bar.update(events % 1000)
                stories.treaty_actions()
                stories.finish()
                chunks.put(files.close())
                generated["seconds"] = time.perf_counter() - started
                chunks.put(None)
            except BaseException as exc:  # handed to the loader, which rolls back
                chunks.put(exc)

        def chunk_files():
            while (item := chunks.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item

        worker = threading.Thread(target=produce, name="generate_synthetic", daemon=True)
        worker.start()
        try:
            with (
                tqdm(
                    desc="loading", unit="B", unit_scale=True, file=sys.stderr, disable=hide
                ) as copying,
                tqdm(
                    total=rebuild_steps(files),
                    desc="indexing",
                    unit="step",
                    file=sys.stderr,
                    disable=hide,
                ) as indexing,
            ):

                def step(what: str, size: int) -> None:
                    if size:
                        copying.update(size)
                    else:
                        indexing.set_postfix_str(what, refresh=False)
                        indexing.update(1)

                timings, rebuilds = load(
                    files, chunk_files(), replace=options["replace"], step=step
                )
        except Truncate as exc:
            raise CommandError(f"Could not delete the existing data: {exc}") from exc
        finally:
            stop.set()
            while worker.is_alive():  # let a blocked put() finish so the thread can end
                with contextlib.suppress(queue.Empty):
                    chunks.get(timeout=0.1)
            files.cleanup()
        counts = {name: table.rows for name, table in files.tables.items()}
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Generated {events:,} events (seed {seed}) in {elapsed:.1f} s: "
            + ", ".join(f"{n:,} {name}" for name, n in counts.items())
        )
        self.stdout.write(
            f"  generate {generated['seconds']:.1f} s (while copying), "
            + ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in timings.items())
        )
        if options["verbosity"] >= 2:
            for seconds, sql in rebuilds[:10]:
                self.stdout.write(f"  {seconds:6.1f} s  {sql[:150]}")
