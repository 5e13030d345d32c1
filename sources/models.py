"""Outlets, sources and the citations that tie every record to a source excerpt."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.deletion import CASCADE, ProtectedError
from simple_history.models import HistoricalRecords

from sources.ingest.fingerprint import story_keys
from sources.text import content_hash, find_excerpt
from timeline.dates import EDTFField, EDTFMixin, Precision
from timeline.models.base import TimeStamped, Versioned, Workflow, status_check, unique_slug


class OutletKind(models.TextChoices):
    WIRE = "wire", "news wire"
    NEWSPAPER = "newspaper", "newspaper"
    BROADCASTER = "broadcaster", "broadcaster"
    GOVERNMENT = "government", "government site"
    ORGANISATION = "organisation", "organisation site"
    OTHER = "other", "other"


class Outlet(Versioned, TimeStamped):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    aliases = ArrayField(
        models.CharField(max_length=200),
        blank=True,
        default=list,
        help_text="Names as printed in credit lines and datelines (TASS, /TASS/, Xinhua…).",
    )
    kind = models.CharField(max_length=16, choices=OutletKind.choices, default=OutletKind.OTHER)
    country = models.ForeignKey(
        "timeline.Actor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outlets",
        limit_choices_to={"kind": "state"},
    )
    url = models.URLField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


class SourceQuerySet(models.QuerySet):
    def delete(self):
        refuse_if_backing_published(self)
        return super().delete()


class Source(EDTFMixin, Workflow):
    """One document. The same body twice (after normalisation) is one source."""

    objects = SourceQuerySet.as_manager()

    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="sources"
    )
    title = models.CharField(max_length=500)
    url = models.URLField(max_length=1000, null=True, blank=True, unique=True)
    published = EDTFField(blank=True)
    published_start = models.DateField(null=True, blank=True, editable=False, db_index=True)
    published_end = models.DateField(null=True, blank=True, editable=False)
    published_precision = models.CharField(
        max_length=8, choices=Precision.choices, blank=True, editable=False
    )
    dateline_place = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=16, default="en")
    body = models.TextField(help_text="The text as stored for citing (boilerplate removed).")
    raw_text = models.TextField(blank=True, help_text="The file as received, if ingested.")
    content_hash = models.CharField(
        "SHA-256 of the normalised body", max_length=64, unique=True, editable=False
    )
    retrieved_at = models.DateTimeField(null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text="The source this one repeats (a repost or syndicated copy).",
    )
    same_story_as = models.ManyToManyField(
        "self",
        blank=True,
        help_text="Other sources that report the same statement or event.",
    )
    # Same-story fingerprint (sources.ingest.fingerprint), filled on save from the body.
    text_keys = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    quote_keys = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["raw_text", "text_keys", "quote_keys"])

    edtf_fields = {"published": ("published_start", "published_end", "published_precision")}

    class Meta:
        permissions = [("publish_source", "Can publish, retract or return to draft")]
        ordering = ["-published_start", "title", "pk"]
        constraints = [
            status_check("source"),
            models.CheckConstraint(condition=~models.Q(body=""), name="source_body_not_empty"),
            models.CheckConstraint(condition=~models.Q(url=""), name="source_url_null_not_empty"),
            models.CheckConstraint(
                condition=~models.Q(duplicate_of=models.F("pk")), name="source_not_own_duplicate"
            ),
        ]
        indexes = [
            GinIndex(fields=["text_keys"], name="source_text_keys_gin", fastupdate=False),
            GinIndex(fields=["quote_keys"], name="source_quote_keys_gin", fastupdate=False),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        self.url = self.url or None
        self.content_hash = content_hash(self.body or "")
        clash = Source.objects.filter(content_hash=self.content_hash).exclude(pk=self.pk).first()
        if clash:
            raise ValidationError(
                {
                    "body": ValidationError(
                        f"The same text is already stored as source #{clash.pk} “{clash}”.",
                        code="duplicate_body",
                    )
                }
            )

    def validate_unique(self, exclude=None):
        # clean() reports a duplicate body with the source it repeats; the generic
        # "Source with this SHA-256 … already exists." would say it a second time.
        super().validate_unique(exclude={*(exclude or ()), "content_hash"})

    def save(self, *args, **kwargs):
        self.url = self.url or None
        self.content_hash = content_hash(self.body or "")
        keys = story_keys(self.body or "")
        self.text_keys, self.quote_keys = keys.text_keys, keys.quote_keys
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            derived = {"content_hash", "text_keys", "quote_keys"}
            kwargs["update_fields"] = {*kwargs["update_fields"], *derived}
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_if_backing_published([self])
        return super().delete(*args, **kwargs)

    def backed_published_records(self) -> list:
        """The published records this source backs (through its citations)."""
        citations = self.citations.select_related("event", "statement", "treaty_action")
        return [c.record for c in citations if c.backs_published_record]


def _raise_if_blocking(citations) -> None:
    blocking = [c for c in citations if c.backs_published_record]
    if not blocking:
        return
    by_source: dict[int, list] = {}
    for citation in blocking:
        by_source.setdefault(citation.source_id, []).append(citation)
    parts = []
    for cites in by_source.values():
        names = "; ".join(f"{type(c.record).__name__} “{c.record}”" for c in cites)
        parts.append(
            f"Cannot delete source “{cites[0].source}”: it backs published records: {names}."
        )
    raise ProtectedError(
        " ".join(parts) + " Retract or re-cite those records first.",
        blocking,
    )


def refuse_if_backing_published(sources) -> None:
    """Raise ProtectedError naming the published records that ``sources`` back.

    Called before deleting, because Django's deletion collector replaces the
    message of a ProtectedError raised in on_delete with a generic one.
    """
    _raise_if_blocking(
        Citation.objects.filter(
            source__in=sources if isinstance(sources, models.QuerySet) else [s.pk for s in sources]
        ).select_related("source", "event", "statement", "treaty_action")
    )


def protect_published(collector, field, sub_objs, using):
    """on_delete for Citation.source: refuse if a citation backs a published record.

    Also guards deletions that do not go through Source.delete or
    SourceQuerySet.delete (the admin's "delete" pages collect through here).
    """
    _raise_if_blocking(sub_objs)
    CASCADE(collector, field, sub_objs, using)


class CitationQuerySet(models.QuerySet):
    def delete(self):
        refuse_if_unbacking(self)
        return super().delete()

    def delete_unchecked(self):
        """Delete without the backing check: for the services layer, which checks the
        backing rule itself once a whole change set is applied."""
        return super().delete()


def refuse_if_unbacking(citations) -> None:
    """Refuse to remove citations that are a published record's last published backing."""
    from timeline.services import backing

    citations = list(citations.select_related("event", "statement", "treaty_action"))
    backing.require_published_backed(
        [c.record for c in citations],
        cause="Removing " + ("these citations" if len(citations) > 1 else "this citation"),
        excluding_citations=[c.pk for c in citations],
    )


class Citation(Versioned, TimeStamped):
    """A source excerpt backs exactly one record: an event, a statement or a treaty action."""

    objects = CitationQuerySet.as_manager()

    source = models.ForeignKey(Source, on_delete=protect_published, related_name="citations")
    event = models.ForeignKey(
        "timeline.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    statement = models.ForeignKey(
        "timeline.Statement",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    treaty_action = models.ForeignKey(
        "timeline.TreatyAction",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    excerpt = models.TextField(help_text="Must occur in the source's text.")
    start = models.PositiveIntegerField(editable=False, help_text="Offset in the source body.")
    end = models.PositiveIntegerField(editable=False)
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    RECORD_FIELDS = ("event", "statement", "treaty_action")

    class Meta:
        # pk last: one excerpt can back several records, and a page of a source's
        # citations must not depend on how the database breaks the tie.
        ordering = ["source", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        event__isnull=False, statement__isnull=True, treaty_action__isnull=True
                    )
                    | models.Q(
                        event__isnull=True, statement__isnull=False, treaty_action__isnull=True
                    )
                    | models.Q(
                        event__isnull=True, statement__isnull=True, treaty_action__isnull=False
                    )
                ),
                name="citation_backs_exactly_one_record",
                violation_error_message="A citation backs exactly one record: "
                "an event, a statement or a treaty action.",
            ),
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="citation_offsets_ordered"
            ),
            models.UniqueConstraint(
                fields=["source", "start", "end", "event", "statement", "treaty_action"],
                nulls_distinct=False,
                name="citation_unique",
            ),
        ]

    def __str__(self) -> str:
        excerpt = self.excerpt if len(self.excerpt) <= 50 else self.excerpt[:47] + "…"
        return f"{self.source}: “{excerpt}”"

    @property
    def backs_published_record(self) -> bool:
        return self.record is not None and self.record.is_published

    @property
    def record(self):
        for name in self.RECORD_FIELDS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None

    def locate(self) -> None:
        """Check the excerpt occurs in the source text and store its offsets."""
        if not self.excerpt or not self.excerpt.strip():
            raise ValidationError({"excerpt": "An excerpt is required."}, code="required")
        span = find_excerpt(self.source.body, self.excerpt, self.start or 0)
        if span is None:
            raise ValidationError(
                {
                    "excerpt": ValidationError(
                        "This excerpt does not occur in the text of source "
                        f"“{self.source}” (white space, quote marks and case are ignored).",
                        code="excerpt_not_found",
                    )
                }
            )
        self.start, self.end = span

    def clean(self):
        # "Exactly one record" is the check constraint, validated by full_clean;
        # not repeated here, because an admin inline sets the record only on save.
        super().clean()
        # An empty excerpt is already reported by the field ("cannot be blank").
        if self.source_id and self.excerpt:
            self.locate()

    def save(self, *args, **kwargs):
        self.locate()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_if_unbacking(Citation.objects.filter(pk=self.pk))
        return super().delete(*args, **kwargs)
