"""What every main record shares: timestamps, workflow status, a version."""

from django.db import models
from django.utils.text import slugify


class Status(models.TextChoices):
    DRAFT = "draft", "draft"
    REVIEW = "review", "in review"
    PUBLISHED = "published", "published"
    RETRACTED = "retracted", "retracted"


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """An edit counter for optimistic concurrency.

    ``version`` is bumped by the service layer on each edit; an update that
    carries an older version is a conflict, never a silent overwrite.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Workflow(TimeStamped):
    """Workflow status plus an edit counter (see ``Versioned``)."""

    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


def unique_slug(instance, text: str, field: str = "slug", max_length: int = 200) -> str:
    """slugify(text), suffixed -2, -3… until no other row of the model has it."""
    base = slugify(text)[: max_length - 8] or "item"
    candidate, n = base, 1
    manager = type(instance)._default_manager
    while manager.filter(**{field: candidate}).exclude(pk=instance.pk).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def status_check(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(status__in=Status.values), name=f"{prefix}_status_valid"
    )


def date_order_check(prefix: str, start: str = "date_start", end: str = "date_end"):
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{start}__lte": models.F(end)}),
        name=f"{prefix}_{start}_before_{end}",
    )


WIKIDATA_ID = r"^Q[1-9][0-9]*$"


def wikidata_constraints(prefix: str) -> list[models.BaseConstraint]:
    """A Wikidata id is optional, well-formed and unique among records of one model."""
    return [
        models.UniqueConstraint(
            fields=["wikidata_id"],
            condition=~models.Q(wikidata_id=""),
            name=f"{prefix}_wikidata_id_unique",
            violation_error_message=f"Another {prefix} already has this Wikidata id.",
        ),
        models.CheckConstraint(
            condition=models.Q(wikidata_id="") | models.Q(wikidata_id__regex=WIKIDATA_ID),
            name=f"{prefix}_wikidata_id_format",
            violation_error_message="A Wikidata id is Q followed by digits, e.g. Q159.",
        ),
    ]
