"""Statements: what an actor said, when, in what role, about which treaties and events."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from timeline.dates import EDTFField, EDTFMixin, Precision
from timeline.models.actors import Actor, Position
from timeline.models.base import Workflow, date_order_check, status_check


class StatementKind(models.TextChoices):
    DIRECT_QUOTE = "direct_quote", "direct quote"
    PARAPHRASE = "paraphrase", "paraphrase"
    OFFICIAL_STATEMENT = "official_statement", "official statement"


class Statement(EDTFMixin, Workflow):
    speaker = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="statements")
    speaker_position = models.ForeignKey(
        Position,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        help_text="The speaker's role at the time; filled from the speaker's positions if empty.",
    )
    on_behalf_of = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements_on_behalf",
    )
    date = EDTFField()
    date_start = models.DateField(editable=False, db_index=True)
    date_end = models.DateField(null=True, editable=False, db_index=True)
    precision = models.CharField(max_length=8, choices=Precision.choices, editable=False)
    venue = models.CharField(max_length=200, blank=True)
    kind = models.CharField(
        max_length=24, choices=StatementKind.choices, default=StatementKind.DIRECT_QUOTE
    )
    language = models.CharField(
        max_length=16, default="en", help_text="BCP 47 language tag of the text, e.g. en, ru."
    )
    text = models.TextField()
    cue_verb = models.CharField(
        max_length=40, blank=True, help_text="The reporting verb (said, warned…), if extracted."
    )
    confidence = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="For machine-proposed drafts: how sure the ingester was (0–1).",
    )
    treaties = models.ManyToManyField("timeline.Treaty", related_name="statements", blank=True)
    events = models.ManyToManyField("timeline.Event", related_name="statements", blank=True)

    history = HistoricalRecords(m2m_fields=[treaties, events])

    edtf_fields = {"date": ("date_start", "date_end", "precision")}

    class Meta:
        permissions = [("publish_statement", "Can publish, retract or return to draft")]
        ordering = ["date_start", "date_end", "pk"]
        indexes = [models.Index(fields=["status", "date_start", "date_end"])]
        constraints = [
            status_check("statement"),
            date_order_check("statement"),
            models.CheckConstraint(condition=~models.Q(text=""), name="statement_text_not_empty"),
            models.CheckConstraint(
                condition=models.Q(confidence__isnull=True)
                | models.Q(confidence__gte=0, confidence__lte=1),
                name="statement_confidence_range",
            ),
        ]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:57] + "…"
        return f"{self.speaker}: “{text}” ({self.date})"

    def clean(self):
        super().clean()
        if (
            self.speaker_position_id
            and self.speaker_id
            and self.speaker_position.person_id != self.speaker_id
        ):
            raise ValidationError({"speaker_position": "This position belongs to another person."})

    def save(self, *args, **kwargs):
        self.compute_dates()
        # Fill the role at the time when none is chosen, or when the speaker changed
        # and the chosen position is someone else's; a position picked by hand stays.
        position = self.speaker_position
        if (
            self.speaker_id
            and self.date_start
            and (position is None or position.person_id != self.speaker_id)
        ):
            self.speaker_position = self.speaker.position_on(self.date_start)
        super().save(*args, **kwargs)
