"""The staff briefing note: versions the council writes and publishes, and who has read them."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class BriefingState(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class BriefingVersion(models.Model):
    """One version of the briefing note. At most one draft at a time; a published version is
    never changed again (a new draft starts from it)."""

    number = models.PositiveIntegerField(unique=True)
    state = models.CharField(
        max_length=16, choices=BriefingState.choices, default=BriefingState.DRAFT
    )
    title = models.CharField(max_length=200)
    # One section per entry in msp.improvement.briefing.wording.SECTIONS.
    purpose = models.TextField(blank=True)
    asking_at_start = models.TextField(blank=True)
    lacking_capacity = models.TextField(blank=True)
    unrealistic_wishes = models.TextField(blank=True)
    habituated_or_ashamed = models.TextField(blank=True)
    agreeing_the_means = models.TextField(blank=True)
    supervision = models.TextField(blank=True)
    asking_at_closure = models.TextField(blank=True)
    how_we_record = models.TextField(blank=True)
    change_note = models.CharField(
        max_length=300, blank=True, help_text="What changed since the version before"
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["state"], condition=Q(state="draft"), name="briefing_one_draft"
            )
        ]

    def __str__(self) -> str:
        return f"Briefing note version {self.number}"

    @property
    def is_published(self) -> bool:
        return self.state == BriefingState.PUBLISHED


class BriefingRead(models.Model):
    """A member of staff confirmed they have read a published version."""

    briefing = models.ForeignKey(BriefingVersion, on_delete=models.PROTECT, related_name="reads")
    user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        ordering = ["-read_at"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "user"], name="briefing_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read briefing {self.briefing_id}"
