"""What a reviewer reads: diffs of revisions and records, citations in their source text."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from timeline.services.values import current_json

CONTEXT = 160  # characters of source text shown either side of an excerpt


@dataclass
class Row:
    label: str
    old: str
    new: str


@dataclass
class Change:
    rows: list[Row] = field(default_factory=list)
    inlines: list[str] = field(default_factory=list)


def _display(model_field, value) -> str:
    if value in (None, "", []):
        return "—"
    if model_field.many_to_many:
        related = model_field.related_model._default_manager.filter(pk__in=value)
        return ", ".join(sorted(str(r) for r in related))
    if model_field.is_relation:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value} (deleted)"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def word_diff(old: str, new: str) -> tuple[str, str]:
    """Both texts as HTML with removed words in <del> and added words in <ins>."""
    # Words with their trailing space: a changed run of words is one <del>/<ins>.
    a, b = re.findall(r"\S+\s*|\s+", old), re.findall(r"\S+\s*|\s+", new)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        gone, came = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(gone)
            right.append(came)
            continue
        if gone:
            left.append(f"<del>{gone}</del>")
        if came:
            right.append(f"<ins>{came}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))


def change_of(record, changes: dict) -> Change:
    """``changes`` (a change set) against ``record`` as stored: one row per field."""
    model = type(record)
    out = Change()
    for name, value in (changes.get("fields") or {}).items():
        model_field = model._meta.get_field(name)
        old = _display(model_field, current_json(record, model_field))
        new = _display(model_field, value)
        if old == new:
            continue
        left, right = word_diff(old, new)
        out.rows.append(Row(capfirst(str(model_field.verbose_name)), left, right))
    for op in changes.get("inlines") or []:
        child = apps.get_model(op["model"])
        verb = {"add": "add", "change": "change", "delete": "remove"}[op["op"]]
        fields = op.get("fields") or {}
        detail = "; ".join(
            f"{child._meta.get_field(n).verbose_name}: {_display(child._meta.get_field(n), v)}"
            for n, v in fields.items()
        )
        what = op.get("label") or ""
        out.inlines.append(
            f"{capfirst(verb)} {child._meta.verbose_name}"
            + (f" “{what}”" if what else "")
            + (f" — {detail}" if detail else "")
        )
    return out


def record_as_fields(record) -> dict:
    """A record's editable values as a change set (to show a new draft in full)."""
    out = {}
    for model_field in type(record)._meta.get_fields():
        if not getattr(model_field, "editable", False) or model_field.auto_created:
            continue
        if not model_field.concrete and not model_field.many_to_many:
            continue
        if model_field.name in {"status", "version", "slug", "raw_text"}:
            continue
        value = current_json(record, model_field)
        if value not in (None, "", []):
            out[model_field.name] = value
    return out


def new_record_rows(record) -> list[Row]:
    model = type(record)
    return [
        Row(
            capfirst(str(model._meta.get_field(n).verbose_name)),
            "",
            _display(model._meta.get_field(n), v),
        )
        for n, v in record_as_fields(record).items()
    ]


def highlighted(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` as HTML with each (start, end, title) span in a <mark>."""
    out, pos = [], 0
    for start, end, title in sorted(spans):
        if start < pos:  # overlapping excerpts: mark the rest of the later one
            start = pos
        if start >= end:
            continue
        out.append(escape(text[pos:start]))
        out.append(format_html('<mark title="{}">{}</mark>', title, text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def excerpt_in_context(citation) -> str:
    body = citation.source.body
    start, end = max(citation.start - CONTEXT, 0), min(citation.end + CONTEXT, len(body))
    inner = highlighted(body[start:end], [(citation.start - start, citation.end - start, "")])
    return mark_safe(("…" if start else "") + inner + ("…" if end < len(body) else ""))
