"""The database side of ingestion: lookup tables in, one transaction per article out.

``run`` reads files, analyses them (pure code in this package), relates them
to each other and to stored sources, and, unless it is a dry run, stores each
article as a draft Source with draft Statements, Events and Citations. A file
already stored (same content hash) changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from django.db import transaction

from sources.ingest import history
from sources.ingest.draft_writer import Writer
from sources.ingest.errors import IngestError, IngestErrorCode
from sources.ingest.extract import analyse, finish
from sources.ingest.knowledge import Knowledge
from sources.ingest.knowledge_from_db import load_knowledge
from sources.ingest.outcome import Outcome
from sources.ingest.same_story_links import link_results, relate_to_stored
from sources.ingest.similarity import fold, text_overlap
from sources.models import Source

# -- reading files ------------------------------------------------------------------------


def expand(paths: Iterable[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.txt") if p.is_file())
        else:
            files.append(path)
    return files


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(
            IngestErrorCode.UNREADABLE, f"Cannot read the file: {exc.strerror or exc}."
        ) from exc


# -- the run ------------------------------------------------------------------------------


def run(
    paths: Iterable[str],
    *,
    dry_run: bool,
    year_hint: int | None = None,
    progress: Callable[[Iterable], Iterable] = lambda it: it,
    knowledge: Knowledge | None = None,
) -> list[Outcome]:
    files = expand(paths)
    knowledge = knowledge or load_knowledge()
    outcomes: list[Outcome] = []
    for path in progress(files):
        outcome = Outcome(file=path.name)
        try:
            outcome.result = analyse(path.name, _read(path), knowledge, year_hint)
        except IngestError as exc:
            outcome.error, outcome.status = exc.as_dict(str(path.name)), "error"
        outcomes.append(outcome)
    good = [o for o in outcomes if o.result is not None]
    link_results([o.result for o in good])
    cache: dict = {}
    for o in good:
        relate_to_stored(o, cache)
        finish(o.result)
    if dry_run:
        for o in good:
            o.status = "dry-run"
        return outcomes
    writer = Writer(knowledge)
    sources_by_file: dict[str, int] = {}
    for o in good:
        if (
            o.duplicate_of_source
            and o.result.content_hash
            and Source.objects.filter(
                pk=o.duplicate_of_source, content_hash=o.result.content_hash
            ).exists()
        ):
            o.status, o.source_id = "unchanged", o.duplicate_of_source
            sources_by_file.setdefault(o.file, o.source_id)
            continue
        if o.result.duplicate_of:
            o.status = "unchanged"
            o.source_id = sources_by_file.get(o.result.duplicate_of)
            continue
        try:
            with transaction.atomic(), history.reason(f"Ingested from {o.file}"):
                writer.store(o, sources_by_file)
            o.status = "stored"
            sources_by_file[o.file] = o.source_id
        except Exception as exc:
            o.error = {
                "file": o.file,
                "error": str(IngestErrorCode.DATABASE),
                "reason": f"Nothing was stored for this article: {exc}",
            }
            o.status, o.source_id = "error", None
    return outcomes


def summary(outcomes: list[Outcome], seconds: float) -> str:
    by_status: dict[str, int] = {}
    totals: dict[str, int] = {}
    for o in outcomes:
        by_status[o.status] = by_status.get(o.status, 0) + 1
        for k, v in o.counts.items():
            totals[k] = totals.get(k, 0) + v
    quotes = sum(len(o.result.quotes) for o in outcomes if o.result)
    rate = len(outcomes) / seconds if seconds > 0 else float("inf")
    parts = [f"{len(outcomes)} file(s)"] + [f"{v} {k}" for k, v in sorted(by_status.items())]
    parts.append(f"{quotes} quotes found")
    parts += [f"{v} {k.replace('_', ' ')}" for k, v in sorted(totals.items())]
    return ", ".join(parts) + f"; {seconds:.2f}s ({rate:.1f} articles/s)"


__all__ = [
    "Outcome",
    "expand",
    "fold",
    "link_results",
    "load_knowledge",
    "run",
    "summary",
    "text_overlap",
]
