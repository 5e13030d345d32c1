"""What a curator hands the ingester: a text or HTML file, a metadata sidecar, CLI flags.

A saved web page is reduced to its article text and metadata by trafilatura
(main text, title, site name, canonical URL) and htmldate (the original
publication date), never by hand-written parsing; photo captions, which the
main-text extraction drops, are kept apart as date evidence. A sidecar
``article.json`` beside ``article.txt``/``article.html`` (keys ``url``,
``outlet``, ``published``, ``retrieved``) and the command's ``--published`` /
``--outlet`` flags override what the page or the text says, in that order.

Files larger than ``MAX_FILE_BYTES`` are refused before they are read, and an
article text longer than ``MAX_TEXT_CHARS`` after extraction is refused too:
nothing a curator saves from a news site comes near either, and the analysis,
linear as it is, should not run for minutes on a file dumped by mistake.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sources.ingest.errors import IngestError, IngestErrorCode

MAX_FILE_BYTES = 5 * 1024 * 1024  # a saved page with its inline scripts and styles
MAX_TEXT_CHARS = 1_000_000  # about 150,000 words: ten times the longest feature story
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MIN_PAGE_WORDS = 5  # fewer: a menu or a link list, not an article
TEXT_SUFFIXES = (".txt",)
SIDECAR_KEYS = {"url", "outlet", "published", "retrieved", "title"}
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)


@dataclass
class Metadata:
    """What is known about an article from outside its text; None where nothing is."""

    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    retrieved: dt.date | None = None
    title: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # field -> where it came from

    def merge(self, other: Metadata) -> Metadata:
        """These values, overridden by the other's where it has one."""
        merged = Metadata(**{k: getattr(self, k) for k in ("url", "outlet", "published",
                                                             "retrieved", "title")})  # fmt: skip
        merged.sources = dict(self.sources)
        for name in ("url", "outlet", "published", "retrieved", "title"):
            value = getattr(other, name)
            if value not in (None, ""):
                setattr(merged, name, value)
                merged.sources[name] = other.sources.get(name, "")
        return merged


@dataclass
class ArticleInput:
    name: str
    data: bytes | str  # the article as text (bytes when it is a text file as read)
    kind: str = "text"  # text | html
    metadata: Metadata = field(default_factory=Metadata)
    captions: list[str] = field(default_factory=list)
    raw: bytes | None = None  # the file as received, for the stored source


def parse_day(value, what: str) -> dt.date:
    """A day from ISO 8601 text (a date, or a timestamp whose day is taken)."""
    if isinstance(value, str):
        text = value.strip()
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return dt.date.fromisoformat(text)
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise ValueError(f"{what} must be an ISO 8601 date such as 2021-03-04, not {value!r}")


def read_sidecar(path: Path) -> Metadata:
    """The metadata in ``path`` (a JSON object), or IngestError saying what is wrong."""
    try:
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8-sig"))
    except OSError as exc:
        raise IngestError(
            IngestErrorCode.BAD_METADATA, f"Cannot read the metadata file {path.name}: {exc}."
        ) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise IngestError(
            IngestErrorCode.BAD_METADATA, f"The metadata file {path.name} is not JSON: {exc}."
        ) from exc
    if not isinstance(data, dict):
        raise IngestError(
            IngestErrorCode.BAD_METADATA,
            f"The metadata file {path.name} must hold a JSON object "
            f"({', '.join(sorted(SIDECAR_KEYS))}).",
        )
    unknown = sorted(set(data) - SIDECAR_KEYS)
    if unknown:
        raise IngestError(
            IngestErrorCode.BAD_METADATA,
            f"The metadata file {path.name} has unknown keys {', '.join(unknown)}; "
            f"expected some of {', '.join(sorted(SIDECAR_KEYS))}.",
        )
    meta = Metadata()
    for name in ("url", "outlet", "title"):
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip() or "\x00" in value:
            raise IngestError(
                IngestErrorCode.BAD_METADATA,
                f"“{name}” in {path.name} must be non-empty text, not {value!r}.",
            )
        setattr(meta, name, value.strip())
        meta.sources[name] = path.name
    if meta.url is not None and not re.match(r"https?://[^\s/]+", meta.url):
        raise IngestError(
            IngestErrorCode.BAD_METADATA,
            f"“url” in {path.name} must be an http(s) address, not {meta.url!r}.",
        )
    for name in ("published", "retrieved"):
        if data.get(name) is None:
            continue
        try:
            setattr(meta, name, parse_day(data[name], f"“{name}” in {path.name}"))
        except ValueError as exc:
            raise IngestError(IngestErrorCode.BAD_METADATA, str(exc) + ".") from exc
        meta.sources[name] = path.name
    return meta


def is_html(path: Path, head: bytes) -> bool:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return True
    return suffix not in TEXT_SUFFIXES and bool(_HTML_START.match(head[:2048]))


def read_file(path: Path, overrides: Metadata | None = None) -> ArticleInput:
    """The file at ``path`` with its sidecar; IngestError for what cannot be read."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(
            IngestErrorCode.UNREADABLE, f"Cannot read the file: {exc.strerror or exc}."
        ) from exc
    if size > MAX_FILE_BYTES:
        raise IngestError(
            IngestErrorCode.TOO_LARGE,
            f"The file is {size:,} bytes; the ingester takes files of up to "
            f"{MAX_FILE_BYTES:,} bytes (one article or one saved page). Split it or "
            "save the article alone.",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(
            IngestErrorCode.UNREADABLE, f"Cannot read the file: {exc.strerror or exc}."
        ) from exc
    sidecar = path.with_suffix(".json")
    meta = read_sidecar(sidecar) if sidecar.is_file() and sidecar != path else Metadata()
    if is_html(path, data):
        item = from_html(path.name, data)
        item.metadata = item.metadata.merge(meta)
    else:
        item = ArticleInput(path.name, data, "text", meta, raw=data)
    if overrides is not None:
        item.metadata = item.metadata.merge(overrides)
    return item


def check_text_size(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            IngestErrorCode.TOO_LARGE,
            f"The article text is {len(text):,} characters; the ingester takes articles of "
            f"up to {MAX_TEXT_CHARS:,} characters. Is this one article?",
        )


# -- web pages ----------------------------------------------------------------------------


def from_html(name: str, data: bytes) -> ArticleInput:
    """Main text, title, site name, URL and date of a saved web page (trafilatura, htmldate)."""
    import htmldate
    import trafilatura
    from lxml import html as lxml_html

    if not data.strip():
        raise IngestError(IngestErrorCode.EMPTY_FILE, "The file is empty (no text to ingest).")
    if b"\x00" in data:
        raise IngestError(
            IngestErrorCode.BINARY_FILE, "The file has NUL bytes; expected an HTML page."
        )
    try:
        doc = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except (ValueError, TypeError) as exc:
        raise IngestError(IngestErrorCode.NO_BODY, f"The page cannot be parsed: {exc}.") from exc
    doc = doc.as_dict() if doc is not None else {}
    text = doc.get("text") or ""
    if len(text.split()) < MIN_PAGE_WORDS:
        raise IngestError(
            IngestErrorCode.NO_BODY,
            "No article text found in the page (only navigation, scripts or markup).",
        )
    meta = Metadata()
    title = _clean(doc.get("title"))
    if title:
        meta.title, meta.sources["title"] = title, "page"
    site = _clean(doc.get("sitename"))
    if site:
        meta.outlet, meta.sources["outlet"] = site, "page"
    url = _clean(doc.get("url"))
    if url and re.match(r"https?://", url):
        meta.url, meta.sources["url"] = url, "page"
    try:
        found = htmldate.find_date(data, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        found = None
    if found:
        meta.published, meta.sources["published"] = dt.date.fromisoformat(found), "page"
    captions = []
    try:
        tree = lxml_html.fromstring(data)
        for node in tree.iter("figcaption"):
            caption = _clean(node.text_content())
            if caption:
                captions.append(caption)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        pass
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if title and lines and _same_line(lines[0], title):
        lines = lines[1:]
    headline = title or (lines.pop(0) if len(lines) > 1 else "")
    if not headline or not lines:
        raise IngestError(
            IngestErrorCode.NO_HEADLINE if not headline else IngestErrorCode.NO_BODY,
            "The page has no headline (no title, og:title or <h1>)."
            if not headline
            else "The page has a headline but no article text under it.",
        )
    body = "\n\n".join([headline, *lines]) + "\n"
    return ArticleInput(name, body, "html", meta, captions, raw=data)


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
