"""The DESIGN.md §6 JSON object for one analysed article (plus review details)."""

from __future__ import annotations

from sources.ingest.extract import ArticleResult
from sources.ingest.treaties import treaty_names


def contract(result: ArticleResult) -> dict:
    art = result.article
    return {
        "file": result.file,
        "headline": art.headline,
        "outlet": result.outlet_name,
        "new_outlet": result.outlet is None and result.outlet_name is not None,
        "outlet_evidence": result.outlet_evidence,
        "url": result.url,
        "dateline_place": art.dateline_place,
        "published": result.published_edtf,
        "published_reason": result.published_reason,
        "quotes": [
            {
                "speaker": s.speaker_name,
                "text": s.text,
                "cue_verb": s.cue_verb,
                "direct": True,
                "start": s.start,
                "end": s.end,
                "confidence": s.confidence,
            }
            for s in result.quotes
        ],
        "paraphrases": [
            {
                "speaker": s.speaker_name,
                "text": s.text,
                "cue_verb": s.cue_verb,
                "direct": False,
                "start": s.start,
                "end": s.end,
                "confidence": s.confidence,
            }
            for s in result.statements
            if s.kind == "paraphrase"
        ],
        "treaties": treaty_names(result.treaty_mentions),
        "new_treaties": [
            r.display
            for r in {
                m.ref.key: m.ref for m in result.treaty_mentions if m.ref.info is None
            }.values()
        ],
        "dated_events": [
            {
                "text": ev.title,
                "date": ev.phrase.edtf,
                "phrase": ev.phrase.text,
                "confidence": ev.confidence,
                "reason": ev.phrase.basis,
                "event_type": ev.type_name,
                "title": ev.headline,
                "existing_event": ev.existing.id if ev.existing else None,
            }
            for ev in result.events
        ],
        "same_story_as": list(dict.fromkeys(result.same_story_as)),
        "duplicate_of": result.duplicate_of,
        "content_hash": result.content_hash,
        "warnings": result.warnings,
    }
