"""Which outlet published an article, from the evidence it and its metadata carry.

Evidence, strongest first: the outlet a curator gives (``--outlet`` or the
sidecar), the site name of a saved page, the agency in the dateline ("MOSCOW,
Oct. 9 /TASS/", "Moscow. December 18. INTERFAX -"), a line of its own under
the headline, a photo credit. An outlet known in the database (by name or
alias) wins over one that is not; an unknown one is proposed as a new outlet.
An agency the text quotes ("According to TASS, …") is a source of the quote,
never the outlet, so running text is not evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from sources.ingest.article import ParsedArticle
from sources.ingest.errors import IngestWarningCode
from sources.ingest.inputs import Metadata
from sources.ingest.knowledge import Knowledge, OutletInfo

CURATOR_SOURCES = ("--outlet",)


@dataclass
class OutletChoice:
    known: OutletInfo | None
    name: str | None
    evidence: str = ""  # where the name was found

    @property
    def is_new(self) -> bool:
        return self.known is None and self.name is not None


def _standalone_lines(article: ParsedArticle) -> list[str]:
    lines = [p.text for p in article.paragraphs if p.kind == "deck"]
    lines += [line for why, line in article.removed if why in ("photo caption", "byline")]
    out = []
    for line in lines:
        out.append(line)
        # "By Jane Roe, Northwind News" / "Jane Roe | Northwind News"
        for sep in (",", "|", "—", " - "):
            if sep in line:
                out.append(line.rsplit(sep, 1)[1])
    return [" ".join(x.split()).strip(" .") for x in out if x.strip()]


def choose_outlet(
    article: ParsedArticle, knowledge: Knowledge, meta: Metadata | None = None
) -> OutletChoice:
    meta = meta or Metadata()
    if meta.outlet and meta.sources.get("outlet") != "page":
        known = knowledge.outlet(meta.outlet)
        choice = OutletChoice(known, known.name if known else meta.outlet, "given")
        _warn_new(article, choice)
        return choice
    candidates: list[tuple[str, str]] = []
    if meta.outlet:
        candidates.append((meta.outlet, "the page's site name"))
    if article.outlet_printed:
        candidates.append((article.outlet_printed, "the dateline"))
    standalone = [line for line in _standalone_lines(article) if knowledge.outlet(line)]
    candidates += [(line, "a line under the headline") for line in standalone[:1]]
    if article.outlet_credit:
        candidates.append((article.outlet_credit, "a photo credit"))
    for printed, where in candidates:
        known = knowledge.outlet(printed)
        if known:
            return OutletChoice(known, known.name, where)
    # A photo credit names a photographer's agency, too weak to propose an outlet from.
    for printed, where in candidates:
        if where != "a photo credit":
            choice = OutletChoice(None, printed, where)
            _warn_new(article, choice)
            return choice
    article.warn(
        IngestWarningCode.NO_OUTLET,
        "No outlet is named in the dateline, under the headline, in the credits or in the "
        "page's metadata; give one with --outlet or a sidecar.",
    )
    return OutletChoice(None, None)


def _warn_new(article: ParsedArticle, choice: OutletChoice) -> None:
    if choice.is_new:
        article.warn(
            IngestWarningCode.UNKNOWN_OUTLET,
            f"{choice.evidence[:1].upper()}{choice.evidence[1:]} credits “{choice.name}”, "
            "which is not a known outlet; it is proposed as a new outlet (or add it as an "
            "alias of a known one).",
        )
