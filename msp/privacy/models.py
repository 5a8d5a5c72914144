"""Data protection: the retention schedule, legal holds, rectification statements and the record
of who was anonymised. The processing-restricted flag lives on the person (msp.people)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


def _default_years_after_enquiry() -> int:
    return getattr(settings, "MSP_RETENTION_YEARS_AFTER_ENQUIRY", 7)


def _default_years_after_concern() -> int:
    return getattr(settings, "MSP_RETENTION_YEARS_AFTER_CONCERN", 2)


class RetentionSchedule(models.Model):
    """How long a person's safeguarding records are kept. One row; read with `retention_schedule()`.

    The defaults are the council's documented choice (docs/data-protection.md): 7 years after the
    person's last enquiry closed, 2 years after their last concern that led to no enquiry.
    """

    years_after_enquiry_closed = models.PositiveSmallIntegerField(
        default=_default_years_after_enquiry,
        help_text="Anonymise this many years after the person's last enquiry closed",
    )
    years_after_concern_without_enquiry = models.PositiveSmallIntegerField(
        default=_default_years_after_concern,
        help_text="Anonymise this many years after the person's last concern that led to no enquiry",
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "retention schedule"
        verbose_name_plural = "retention schedule"

    def __str__(self) -> str:
        return (
            f"{self.years_after_enquiry_closed} years after an enquiry, "
            f"{self.years_after_concern_without_enquiry} after a concern alone"
        )


def retention_schedule() -> RetentionSchedule:
    schedule, _ = RetentionSchedule.objects.get_or_create(pk=1)
    return schedule


class LegalHold(models.Model):
    """While a hold is active (not lifted) the person's records are never anonymised: litigation,
    a police investigation, a Safeguarding Adults Review or an inquiry may need them."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="legal_holds"
    )
    reason = models.TextField()
    placed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    placed_on = models.DateField()
    lifted_on = models.DateField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_on", "-id"]
        indexes = [models.Index(fields=["person", "lifted_on"])]

    def __str__(self) -> str:
        return f"Legal hold on person {self.person_id}"

    @property
    def is_active(self) -> bool:
        return self.lifted_on is None


class RectificationDecision(models.TextChoices):
    CORRECTED = "corrected", "Corrected"
    NOT_CORRECTED = "not_corrected", "Not corrected"


class Rectification(models.Model):
    """A request to correct the person's record (UK GDPR article 16). The original stays in the
    record's history; the person's statement stays attached to the record whatever the decision."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="rectifications"
    )
    received_on = models.DateField()
    what_is_wrong = models.TextField(help_text="What the person says is wrong, and where")
    statement = models.TextField(help_text="The person's statement, in their words")
    decision = models.CharField(max_length=16, choices=RectificationDecision.choices)
    decision_reason = models.TextField(blank=True)
    changes = models.JSONField(
        default=dict, blank=True, help_text="Field: [old value, new value] for each correction"
    )
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Rectification request for person {self.person_id}"


class Anonymisation(models.Model):
    """A person whose records were anonymised under the retention schedule. Its presence makes
    `msp retention --apply` idempotent."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="anonymisation"
    )
    anonymised_at = models.DateTimeField(auto_now_add=True)
    rule = models.CharField(max_length=200, help_text="Which part of the schedule applied")
    due_on = models.DateField()

    class Meta:
        ordering = ["-anonymised_at"]

    def __str__(self) -> str:
        return f"Anonymised person {self.person_id}"
