from django.db import models
from simple_history.models import HistoricalRecords

from msp.core.models import Recorded


class OutcomeStatus(models.TextChoices):
    CURRENT = "current", "Current"
    WITHDRAWN = "withdrawn", "No longer wanted"
    REPLACED = "replaced", "Replaced"


class Achievement(models.TextChoices):
    FULLY = "fully", "Fully achieved"
    PARTIALLY = "partially", "Partly achieved"
    NOT = "not", "Not achieved"


class DesiredOutcome(Recorded):
    """What the person wants to happen, in their own words, and what became of it.

    The current words live here; every earlier version is an OutcomeEvent, so the journey from
    first words to the rating at the end can be shown and counted.
    """

    enquiry = models.ForeignKey(
        "enquiries.Enquiry", on_delete=models.PROTECT, related_name="outcomes"
    )
    conversation = models.ForeignKey(
        "enquiries.Conversation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcomes_expressed",
    )
    words = models.TextField()
    category = models.CharField(max_length=48, blank=True)
    expressed_by = models.CharField(max_length=32)
    status = models.CharField(
        max_length=16, choices=OutcomeStatus.choices, default=OutcomeStatus.CURRENT
    )
    alternative_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="alternatives",
        help_text="This is a plan B for another outcome",
    )
    replaced_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaces"
    )
    tensions = models.ManyToManyField("self", blank=True, symmetrical=True)
    achievement = models.CharField(max_length=16, choices=Achievement.choices, blank=True)
    persons_view = models.TextField(blank=True)
    practitioner_reasons = models.TextField(blank=True)
    not_rated_reason = models.TextField(blank=True)
    revision_count = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[tensions])

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["enquiry", "status"])]

    def __str__(self) -> str:
        return self.words[:80]

    @property
    def is_current(self) -> bool:
        return self.status == OutcomeStatus.CURRENT


class EventKind(models.TextChoices):
    EXPRESSED = "expressed", "First said"
    REVISED = "revised", "Changed"
    CONFIRMED = "confirmed", "Still wanted"
    WITHDRAWN = "withdrawn", "No longer wanted"
    REPLACED = "replaced", "Replaced by another outcome"
    ALTERNATIVE = "alternative", "Plan B added"
    TENSION = "tension", "In tension with another outcome"
    RATED = "rated", "Rated at the end"


class OutcomeEvent(models.Model):
    """One step in an outcome's journey. Append-only: written by the outcome services, never edited."""

    outcome = models.ForeignKey(DesiredOutcome, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    happened_on = models.DateField()
    words = models.TextField(blank=True)
    category = models.CharField(max_length=48, blank=True)
    expressed_by = models.CharField(max_length=32, blank=True)
    reason = models.TextField(blank=True)
    achievement = models.CharField(max_length=16, blank=True)
    related = models.ForeignKey(
        DesiredOutcome, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    conversation = models.ForeignKey(
        "enquiries.Conversation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_on", "id"]
