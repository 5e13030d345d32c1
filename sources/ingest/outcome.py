"""What happened to one file of a run: its analysis or error, status and stored source."""

from __future__ import annotations

from dataclasses import dataclass, field

from sources.ingest.contract import contract
from sources.ingest.extract import ArticleResult


@dataclass
class Outcome:
    file: str
    result: ArticleResult | None = None
    error: dict | None = None
    status: str = ""  # stored | unchanged | dry-run | error
    source_id: int | None = None
    same_story_sources: list[int] = field(default_factory=list)
    duplicate_of_source: int | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        if self.error is not None:
            return self.error
        data = contract(self.result)
        data["status"] = self.status
        data["source_id"] = self.source_id
        data["same_story_sources"] = self.same_story_sources
        data["duplicate_of_source"] = self.duplicate_of_source
        return data
