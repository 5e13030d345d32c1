"""The database side of ingestion: lookup tables in, one transaction per article out.

``run`` reads files, analyses them (pure code in this package), relates them
to each other and to stored sources, and, unless it is a dry run, stores each
article as a draft Source with draft Statements, Events and Citations. A file
already stored (same content hash) changes nothing.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from sources.ingest import history
from sources.ingest.draft_writer import Writer
from sources.ingest.errors import IngestError, IngestErrorCode
from sources.ingest.extract import analyse, finish
from sources.ingest.inputs import HTML_SUFFIXES, TEXT_SUFFIXES, Metadata, read_file
from sources.ingest.knowledge import Knowledge
from sources.ingest.knowledge_from_db import load_knowledge
from sources.ingest.outcome import Outcome
from sources.ingest.same_story_links import link_results, relate_to_stored
from sources.ingest.similarity import fold, text_overlap
from sources.models import Source

log = logging.getLogger(__name__)

# -- reading files ------------------------------------------------------------------------


def expand(paths: Iterable[str]) -> list[Path]:
    """The articles named: files as given, and the *.txt / *.html files of directories
    (a directory's *.json files are the sidecars of its articles, not articles)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES
            )
        else:
            files.append(path)
    return files


def _internal_error(name: str, stage: str, exc: BaseException) -> dict:
    log.exception("ingest: %s failed on %s", stage, name)
    return {
        "file": name,
        "error": str(IngestErrorCode.INTERNAL),
        "reason": (
            f"The ingester failed while {stage} this article ({type(exc).__name__}: {exc}); "
            "nothing was stored for it and the other files went on. Please report it with "
            "the file."
        ),
    }


@contextlib.contextmanager
def _guard(outcome: Outcome, stage: str, savepoint: bool = False):
    """Any failure of one article's stage becomes that article's error, never the batch's."""
    try:
        if savepoint:
            with transaction.atomic():
                yield
        else:
            yield
    except IngestError as exc:
        outcome.error, outcome.status = exc.as_dict(outcome.file), "error"
    except Exception as exc:  # one bad article must not abort a batch
        outcome.error, outcome.status = _internal_error(outcome.file, stage, exc), "error"
    if outcome.error is not None:
        outcome.result, outcome.source_id = None, None


def _link(outcomes: list[Outcome]) -> None:
    """Same story within the run; an article that makes the linking fail is set aside."""
    good = [o for o in outcomes if o.result is not None]
    try:
        link_results([o.result for o in good])
        return
    except Exception:  # the culprit is found below, article by article
        pass
    accepted: list[Outcome] = []
    for o in good:
        _unlink([*accepted, o])
        with _guard(o, "relating it to the other articles of the run"):
            link_results([a.result for a in [*accepted, o]])
        if o.error is None:
            accepted.append(o)
    _unlink(accepted)
    link_results([o.result for o in accepted])


def _unlink(outcomes: list[Outcome]) -> None:
    for o in outcomes:
        o.result.same_story_as, o.result.same_story_why, o.result.duplicate_of = [], {}, None


# -- the run ------------------------------------------------------------------------------


def run(
    paths: Iterable[str],
    *,
    dry_run: bool,
    year_hint: int | None = None,
    progress: Callable[[Iterable], Iterable] = lambda it: it,
    knowledge: Knowledge | None = None,
    overrides: Metadata | None = None,
) -> list[Outcome]:
    files = expand(paths)
    knowledge = knowledge or load_knowledge()
    outcomes: list[Outcome] = []
    for path in progress(files):
        outcome = Outcome(file=path.name)
        with _guard(outcome, "reading and analysing"):
            item = read_file(path, overrides)
            outcome.result = analyse(
                path.name, item.data, knowledge, year_hint, item.metadata, item.captions
            )
            outcome.result.raw = item.raw
        outcomes.append(outcome)
    _link(outcomes)
    cache: dict = {}
    for o in outcomes:
        if o.result is not None:
            with _guard(o, "comparing it with the stored sources", savepoint=True):
                relate_to_stored(o, cache)
        if o.result is not None:
            with _guard(o, "resolving its dates and events"):
                finish(o.result, knowledge)
    good = [o for o in outcomes if o.result is not None]
    if dry_run:
        for o in good:
            o.status = "dry-run"
        return outcomes
    writer = Writer(knowledge)
    sources_by_file: dict[str, int] = {}
    for o in good:
        with _guard(o, "storing"):
            _store(o, writer, sources_by_file)
    return outcomes


def _store(o: Outcome, writer: Writer, sources_by_file: dict[str, int]) -> None:
    if (
        o.duplicate_of_source
        and o.result.content_hash
        and Source.objects.filter(
            pk=o.duplicate_of_source, content_hash=o.result.content_hash
        ).exists()
    ):
        o.status, o.source_id = "unchanged", o.duplicate_of_source
        sources_by_file.setdefault(o.file, o.source_id)
        return
    if o.result.duplicate_of:
        o.status = "unchanged"
        o.source_id = sources_by_file.get(o.result.duplicate_of)
        return
    try:
        with transaction.atomic(), history.reason(f"Ingested from {o.file}"):
            writer.store(o, sources_by_file)
    except (DatabaseError, ValidationError) as exc:
        o.counts.clear()
        raise IngestError(
            IngestErrorCode.DATABASE, f"Nothing was stored for this article: {exc}"
        ) from exc
    except Exception:
        o.counts.clear()
        raise
    o.status = "stored"
    sources_by_file[o.file] = o.source_id


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
