"""Events, their types (a curator-extensible taxonomy), participants, relations and tags."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from timeline.dates import EDTFField, EDTFMixin, Precision
from timeline.models.actors import Actor
from timeline.models.base import TimeStamped, Workflow, date_order_check, status_check, unique_slug


class EventType(TimeStamped):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    plover_code = models.CharField(
        "PLOVER code", max_length=40, blank=True, help_text="e.g. AGREE, CONSULT, MOBILIZE"
    )
    cameo_code = models.CharField(
        "CAMEO code", max_length=8, blank=True, help_text="e.g. 057 (sign formal agreement)"
    )
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cameo_code="") | models.Q(cameo_code__regex=r"^[0-9]{2,4}$"),
                name="eventtype_cameo_code_format",
                violation_error_message="A CAMEO code is 2 to 4 digits, e.g. 057.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=120)
        super().save(*args, **kwargs)


class Tag(TimeStamped):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=80)
        super().save(*args, **kwargs)


class Event(EDTFMixin, Workflow):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    summary = models.TextField(blank=True)
    date = EDTFField()
    date_start = models.DateField(editable=False, db_index=True)
    date_end = models.DateField(null=True, editable=False, db_index=True)
    precision = models.CharField(max_length=8, choices=Precision.choices, editable=False)
    event_type = models.ForeignKey(EventType, on_delete=models.PROTECT, related_name="events")
    place_name = models.CharField(max_length=200, blank=True)
    place_country = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events_hosted_in",
        limit_choices_to={"kind": "state"},
    )
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    participants = models.ManyToManyField(
        Actor, through="EventParticipant", related_name="events", blank=True
    )
    treaties = models.ManyToManyField("timeline.Treaty", related_name="events", blank=True)
    related = models.ManyToManyField(
        "self",
        through="EventRelation",
        symmetrical=False,
        related_name="related_from",
        blank=True,
    )
    tags = models.ManyToManyField(Tag, related_name="events", blank=True)
    confidence = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="For machine-proposed drafts: how sure the ingester was (0–1).",
    )

    history = HistoricalRecords(m2m_fields=[treaties, tags])

    edtf_fields = {"date": ("date_start", "date_end", "precision")}

    class Meta:
        permissions = [("publish_event", "Can publish, retract or return to draft")]
        ordering = ["date_start", "date_end", "pk"]
        indexes = [models.Index(fields=["status", "date_start", "date_end"])]
        constraints = [
            status_check("event"),
            date_order_check("event"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="event_coordinates_both_or_neither",
                violation_error_message="Give both latitude and longitude, or neither.",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(
                    latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
                ),
                name="event_coordinates_range",
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__isnull=True)
                | models.Q(confidence__gte=0, confidence__lte=1),
                name="event_confidence_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, f"{self.title} {self.date[:4]}")
        super().save(*args, **kwargs)


class ParticipantRole(models.TextChoices):
    INITIATOR = "initiator", "initiator"
    TARGET = "target", "target"
    PARTICIPANT = "participant", "participant"
    HOST = "host", "host"


class EventParticipant(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(
        max_length=16, choices=ParticipantRole.choices, default=ParticipantRole.PARTICIPANT
    )

    history = HistoricalRecords()

    class Meta:
        # event_id, not event: within one event's list (where it is read) the order is the
        # same, without joining the event to sort by its date; pk makes it total.
        ordering = ["event_id", "role", "actor__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "actor", "role"], name="eventparticipant_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.role})"


class RelationKind(models.TextChoices):
    RESPONDS_TO = "responds_to", "responds to"
    PART_OF = "part_of", "part of"
    FOLLOWS = "follows", "follows"


class EventRelation(models.Model):
    """``from_event`` <kind> ``to_event``: e.g. a test responds to a withdrawal."""

    from_event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="relations_out")
    to_event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(max_length=16, choices=RelationKind.choices)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["from_event", "to_event", "kind"], name="eventrelation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_event=models.F("to_event")),
                name="eventrelation_not_self",
                violation_error_message="An event cannot be related to itself.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_event} {self.get_kind_display()} {self.to_event}"
