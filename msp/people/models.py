from django.db import models
from simple_history.models import HistoricalRecords

from msp.core.models import Recorded


class Person(Recorded):
    """The adult at risk. Demographics here feed the statutory return."""

    reference = models.CharField(
        max_length=40, unique=True, help_text="The council's own reference"
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=32, blank=True)
    ethnicity = models.CharField(max_length=32, blank=True)
    primary_support_reason = models.CharField(max_length=32, blank=True)
    autism = models.BooleanField(default=False)
    aspergers = models.BooleanField(default=False)
    nhs_number = models.CharField(max_length=10, blank=True, db_index=True)
    interpreter_language = models.CharField(max_length=100, blank=True)
    needs_easy_read = models.BooleanField(default=False)
    needs_bsl = models.BooleanField(default=False)
    communication_other = models.TextField(blank=True)
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text="The team responsible for the person's record",
    )
    source_reference = models.CharField(
        max_length=100, blank=True, help_text="Reference in the system it was imported from"
    )
    # UK GDPR article 18: while restricted, the person is kept but left out of exports and
    # reports. Set and lifted only through msp.privacy.services.
    processing_restricted = models.BooleanField(default=False)
    processing_restricted_reason = models.TextField(blank=True)
    processing_restricted_since = models.DateTimeField(null=True, blank=True)
    processing_restricted_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Sound-alike keys of the names (msp.people.names), kept up to date by the people service, so
    # that "Jon Smyth" finds John Smith on either database.
    name_keys = models.TextField(blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["date_of_birth"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def known_as(self) -> str:
        """The name to use in questions about the person: what they like to be called."""
        return self.preferred_name or self.first_name


class RestrictionReason(models.TextChoices):
    STAFF = "staff", "The person is a member of staff"
    RELATED_TO_STAFF = "related_to_staff", "The person is related to or known by a member of staff"
    HIGH_PROFILE = "high_profile", "The person is high profile"
    OTHER = "other", "Another reason"


class RecordRestriction(models.Model):
    """A person's records may be opened only by the named users, or by someone who states a
    reason ("break glass"). Lifting a restriction keeps the row with when and by whom."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="restrictions")
    reason = models.CharField(max_length=32, choices=RestrictionReason.choices)
    detail = models.TextField(blank=True)
    named_users = models.ManyToManyField(
        "accounts.User", blank=True, related_name="restricted_records"
    )
    placed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "lifted_at"])]

    def __str__(self) -> str:
        return f"Restriction on person {self.person_id}"


class BreakGlassAccess(models.Model):
    """Someone not named on a restricted record opened it, giving a reason. Shown to safeguarding leads."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["person", "user", "expires_at"])]

    def __str__(self) -> str:
        return f"Break glass by {self.user_id} on person {self.person_id}"
