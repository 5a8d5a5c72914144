"""Information for people: the council's leaflets, and the personal "what I want to happen"
summary given to a person from their enquiry."""

from django.db import models
from simple_history.models import HistoricalRecords

from msp.core.models import Recorded


class LeafletKind(models.TextChoices):
    WHAT_HAPPENS_NOW = "what-happens-now", "What happens now"
    EASY_READ = "easy-read", "What happens now: easy read"


class Leaflet(models.Model):
    """A leaflet the council edits. Its wording lives in its sections."""

    kind = models.CharField(max_length=32, choices=LeafletKind.choices, unique=True)
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.title

    @property
    def easy_read(self) -> bool:
        return self.kind == LeafletKind.EASY_READ


class LeafletSection(models.Model):
    """One part of a leaflet: a heading, the words and, in easy read, a picture beside them.

    Pictures are kept in the database, re-encoded as PNG when uploaded (which drops anything
    hidden in the file), so the product serves and prints them without a file store.
    """

    leaflet = models.ForeignKey(Leaflet, on_delete=models.PROTECT, related_name="sections")
    position = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    shown = models.BooleanField(default=True)
    picture = models.BinaryField(blank=True, default=b"", editable=False)
    picture_description = models.CharField(max_length=250, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    # The picture itself stays out of the history: its description and every change of words
    # are kept, and a new picture is recorded in the audit trail.
    history = HistoricalRecords(excluded_fields=["picture"])

    class Meta:
        ordering = ["leaflet", "position"]
        constraints = [
            models.UniqueConstraint(fields=["leaflet", "position"], name="leaflet_section_position")
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def has_picture(self) -> bool:
        return bool(self.picture)


class PersonalSummary(Recorded):
    """What was given to the person: their outcomes in their own words as they were that day,
    who is working with them and how to reach them, and what happens next."""

    enquiry = models.ForeignKey(
        "enquiries.Enquiry", on_delete=models.PROTECT, related_name="personal_summaries"
    )
    outcomes = models.JSONField(default=list)  # [{"words": ..., "expressed_by": ...}]
    worker = models.CharField(max_length=200)
    team = models.CharField(max_length=200)
    how_to_reach = models.TextField()
    what_happens_next = models.TextField()
    large_print = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "personal summaries"

    def __str__(self) -> str:
        return f"Summary for enquiry {self.enquiry_id}"
