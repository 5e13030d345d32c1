"""Actors (states, organisations, people, groups) and the positions people hold."""

from __future__ import annotations

import datetime as dt

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from timeline.dates import EDTFField, EDTFMixin
from timeline.models.base import (
    WIKIDATA_ID,
    TimeStamped,
    Versioned,
    Workflow,
    date_order_check,
    status_check,
    unique_slug,
    wikidata_constraints,
)

wikidata_validator = RegexValidator(
    WIKIDATA_ID, "Enter a Wikidata item id: Q followed by digits, e.g. Q159.", "invalid"
)


class ActorKind(models.TextChoices):
    STATE = "state", "state"
    ORGANISATION = "organisation", "organisation"
    PERSON = "person", "person"
    GROUP = "group", "group"


class Actor(Workflow):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=80, blank=True)
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    aliases = ArrayField(
        models.CharField(max_length=200),
        blank=True,
        default=list,
        help_text="Other names, abbreviations and transliterations, used for matching and search.",
    )
    kind = models.CharField(max_length=16, choices=ActorKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The actor this one belongs to (a ministry's state, a person's party).",
    )
    wikidata_id = models.CharField(
        "Wikidata id", max_length=20, blank=True, validators=[wikidata_validator]
    )
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        permissions = [("publish_actor", "Can publish, retract or return to draft")]
        ordering = ["name", "pk"]
        indexes = [GinIndex(fields=["aliases"], name="actor_aliases_gin")]
        constraints = [
            status_check("actor"),
            *wikidata_constraints("actor"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def position_on(self, day: dt.date) -> Position | None:
        """The position this person held on ``day`` (the most recent one that covers it)."""
        return (
            self.positions.filter(period_start__lte=day)
            .filter(models.Q(period_end__isnull=True) | models.Q(period_end__gte=day))
            .order_by("-period_start", "pk")
            .first()
        )


class Position(EDTFMixin, Versioned, TimeStamped):
    """A person holds a role for an actor over a period, e.g. Minister of Foreign Affairs."""

    person = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="positions",
        limit_choices_to={"kind": ActorKind.PERSON},
    )
    organisation = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="positions_held_in"
    )
    title = models.CharField(max_length=200)
    period = EDTFField(help_text="EDTF period, e.g. 2004-03-09/.. or 1985-07-02/1990-12-20")
    period_start = models.DateField(null=True, blank=True, editable=False, db_index=True)
    period_end = models.DateField(null=True, blank=True, editable=False, db_index=True)

    history = HistoricalRecords()

    edtf_fields = {"period": ("period_start", "period_end", None)}
    edtf_open_start = frozenset({"period"})

    class Meta:
        ordering = ["person__name", "-period_start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "title", "period"], name="position_unique"
            ),
            date_order_check("position", "period_start", "period_end"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.title}, {self.organisation} ({self.period})"
