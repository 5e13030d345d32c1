"""Treaties and the actions actors take on them; status is derived from the actions."""

from __future__ import annotations

import datetime as dt

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from simple_history.models import HistoricalRecords

from timeline import treaty_status
from timeline.dates import EDTFField, EDTFMixin, Precision
from timeline.models.actors import Actor, wikidata_validator
from timeline.models.base import (
    Workflow,
    date_order_check,
    status_check,
    unique_slug,
    wikidata_constraints,
)


class TreatyKind(models.TextChoices):
    BILATERAL = "bilateral", "bilateral"
    MULTILATERAL = "multilateral", "multilateral"


class Treaty(EDTFMixin, Workflow):
    name = models.CharField(max_length=300, unique=True)
    short_name = models.CharField(max_length=80, blank=True)
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    aliases = ArrayField(
        models.CharField(max_length=300),
        blank=True,
        default=list,
        help_text="Other names and abbreviations (INF, Intermediate-Range Nuclear Forces Treaty…).",
    )
    kind = models.CharField(max_length=16, choices=TreatyKind.choices)
    signed = EDTFField(
        blank=True,
        editable=False,
        help_text="Derived from the published actions: the first signature (EDTF).",
    )
    signed_start = models.DateField(null=True, blank=True, editable=False, db_index=True)
    signed_end = models.DateField(null=True, blank=True, editable=False)
    entered_into_force = EDTFField(
        blank=True,
        editable=False,
        help_text="Derived from the published actions: the first day the treaty was in force.",
    )
    entered_into_force_start = models.DateField(null=True, blank=True, editable=False)
    entered_into_force_end = models.DateField(null=True, blank=True, editable=False)
    expires = EDTFField(blank=True, help_text="Original expiry, if the treaty has a term (EDTF).")
    expires_start = models.DateField(null=True, blank=True, editable=False)
    expires_end = models.DateField(null=True, blank=True, editable=False)
    wikidata_id = models.CharField(
        "Wikidata id", max_length=20, blank=True, validators=[wikidata_validator]
    )
    summary = models.TextField(blank=True)
    ended = models.DateField(
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="Derived from the published actions: the first day the treaty was no longer "
        "in force (terminated or expired); empty while it is in force or not yet in force.",
    )

    history = HistoricalRecords(excluded_fields=["ended"])

    edtf_fields = {
        "signed": ("signed_start", "signed_end", None),
        "entered_into_force": ("entered_into_force_start", "entered_into_force_end", None),
        "expires": ("expires_start", "expires_end", None),
    }

    class Meta:
        permissions = [("publish_treaty", "Can publish, retract or return to draft")]
        ordering = ["signed_start", "name", "pk"]
        verbose_name_plural = "treaties"
        indexes = [GinIndex(fields=["aliases"], name="treaty_aliases_gin")]
        constraints = [
            status_check("treaty"),
            *wikidata_constraints("treaty"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.short_name or self.name)
        self.apply_derived(self.derived_from_actions() if self.pk else None)
        super().save(*args, **kwargs)

    # Derived status. ``actions`` lets callers pass the rows they may see
    # (published only for the public API); by default all actions count.
    def _facts(self, actions=None) -> list[treaty_status.ActionFact]:
        rows = self.actions.all() if actions is None else actions
        return [
            treaty_status.ActionFact.from_row(a)
            for a in rows
            if a.date_start is not None and a.status != "retracted"
        ]

    def _replay(self, as_of: dt.date, actions=None):
        return treaty_status.replay(
            self._facts(actions),
            as_of,
            bilateral=self.kind == TreatyKind.BILATERAL,
            expires=self.expires_end,
        )

    def status_as_of(self, as_of: dt.date, actions=None) -> treaty_status.StatusAt:
        return self._replay(as_of, actions).status

    def derived_from_actions(self) -> treaty_status.DerivedDates:
        """Signature, entry into force and end, from the published actions (DESIGN §1)."""
        self.compute_dates()  # expires_end, which the replay needs
        return treaty_status.derived_dates(
            self.actions.filter(status="published"),
            bilateral=self.kind == TreatyKind.BILATERAL,
            expires=self.expires_end,
        )

    def ended_from_actions(self) -> dt.date | None:
        """The day the treaty stopped being in force, by its published actions; else None."""
        return self.derived_from_actions().ended

    def apply_derived(self, derived: treaty_status.DerivedDates | None) -> None:
        """Set the derived dates (none for a treaty not saved yet: it has no actions)."""
        self.signed = derived.signed if derived else ""
        self.entered_into_force = derived.entered_into_force if derived else ""
        self.ended = derived.ended if derived else None
        self.compute_dates()

    def refresh_ended(self) -> None:
        """Store the derived dates after its actions changed (no history row: derived)."""
        treaty = Treaty.objects.get(pk=self.pk)
        treaty.apply_derived(treaty.derived_from_actions())
        fields = [
            "signed",
            "signed_start",
            "signed_end",
            "entered_into_force",
            "entered_into_force_start",
            "entered_into_force_end",
            "ended",
        ]
        Treaty.objects.filter(pk=self.pk).update(**{f: getattr(treaty, f) for f in fields})
        for field in fields:
            setattr(self, field, getattr(treaty, field))

    def parties_as_of(self, as_of: dt.date, actions=None) -> dict[int, treaty_status.StatusAt]:
        """{actor id: StatusAt(status, since)} for every actor that acted on the treaty."""
        return self._replay(as_of, actions).parties


class ActionKind(models.TextChoices):
    SIGNATURE = "signature", "signature"
    RATIFICATION = "ratification", "ratification"
    ACCESSION = "accession", "accession"
    ENTRY_INTO_FORCE = "entry_into_force", "entry into force"
    SUSPENSION = "suspension", "suspension"
    WITHDRAWAL_NOTICE = "withdrawal_notice", "withdrawal notice"
    WITHDRAWAL_EFFECTIVE = "withdrawal_effective", "withdrawal effective"
    EXTENSION = "extension", "extension"
    DERATIFICATION = "deratification", "de-ratification"


TREATY_WIDE_ACTIONS = [ActionKind.ENTRY_INTO_FORCE, ActionKind.EXTENSION]


class TreatyAction(EDTFMixin, Workflow):
    treaty = models.ForeignKey(Treaty, on_delete=models.PROTECT, related_name="actions")
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="treaty_actions",
        help_text="Empty only for treaty-wide entry into force or extension.",
    )
    action = models.CharField(max_length=24, choices=ActionKind.choices, db_index=True)
    date = EDTFField()
    date_start = models.DateField(editable=False, db_index=True)
    date_end = models.DateField(null=True, editable=False, db_index=True)
    precision = models.CharField(max_length=8, choices=Precision.choices, editable=False)
    extended_until = EDTFField(blank=True, help_text="For an extension: the new expiry (EDTF).")
    extended_until_start = models.DateField(null=True, blank=True, editable=False)
    extended_until_end = models.DateField(null=True, blank=True, editable=False)
    event = models.ForeignKey(
        "timeline.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="treaty_actions",
        help_text="The event that records this action, if any.",
    )
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    edtf_fields = {
        "date": ("date_start", "date_end", "precision"),
        "extended_until": ("extended_until_start", "extended_until_end", None),
    }

    class Meta:
        permissions = [("publish_treatyaction", "Can publish, retract or return to draft")]
        ordering = ["date_start", "treaty__name", "pk"]
        constraints = [
            status_check("treatyaction"),
            date_order_check("treatyaction"),
            models.CheckConstraint(
                condition=models.Q(actor__isnull=False)
                | models.Q(action__in=[a.value for a in TREATY_WIDE_ACTIONS]),
                name="treatyaction_actor_required",
                violation_error_message="Only entry into force or an extension may have no actor.",
            ),
            models.CheckConstraint(
                condition=models.Q(extended_until="") | models.Q(action=ActionKind.EXTENSION),
                name="treatyaction_extended_until_only_for_extension",
                violation_error_message="'Extended until' applies to extensions only.",
            ),
            models.UniqueConstraint(
                fields=["treaty", "actor", "action", "date"],
                nulls_distinct=False,
                name="treatyaction_unique",
                violation_error_message="This actor already has this action on this treaty "
                "at this date.",
            ),
        ]

    def __str__(self) -> str:
        who = self.actor or "all parties"
        return f"{self.treaty}: {self.get_action_display()} by {who} ({self.date})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.treaty.refresh_ended()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.treaty.refresh_ended()
        return result
